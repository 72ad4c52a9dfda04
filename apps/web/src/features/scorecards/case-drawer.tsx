import { useState } from 'react';
import { Drawer, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { EventState, EventSummary, ScorecardCaseKind } from '@shizhi/domain';
import { DeadlineText } from '../../components/deadline-text.tsx';
import { EventStateTag } from '../../components/event-state-tag.tsx';
import { ErrorBlock } from '../../components/page-states.tsx';
import { useFormatDateTime, useT, type MessageKey } from '../../i18n/index.ts';
import { useScorecardCases, type ScorecardFilter } from './scorecard-api.ts';

export const caseKindLabels: Record<ScorecardCaseKind, MessageKey> = {
  reported: 'scorecards.kind.reported',
  closed: 'scorecards.kind.closed',
  closedLate: 'scorecards.kind.closedLate',
  openOverdue: 'scorecards.kind.openOverdue',
  reworked: 'scorecards.kind.reworked',
  selfHandled: 'scorecards.kind.selfHandled',
  unsatisfied: 'scorecards.kind.unsatisfied',
};

export interface CaseDrill {
  filter: ScorecardFilter;
  orgName: string;
  kind: ScorecardCaseKind;
}

const pageSize = 20;

/** 指标下钻: the cases behind one number, each opening its event page. */
export function CaseDrawer({ drill, onClose }: { drill: CaseDrill; onClose: () => void }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const [page, setPage] = useState(1);
  const cases = useScorecardCases({ ...drill.filter, kind: drill.kind, page, pageSize });

  const columns: TableColumnsType<EventSummary> = [
    {
      title: t('events.number'),
      dataIndex: 'number',
      width: 200,
      className: 'tabular',
      render: (number: string, row) => (
        <Link to={`/events/${row.id}`} data-testid={`scorecard-case-${number}`}>
          {number}
        </Link>
      ),
    },
    // The title starts with the category's name: no column of its own.
    { title: t('events.title'), dataIndex: 'title', ellipsis: true, render: (title: string) => <span title={title}>{title}</span> },
    { title: t('events.state'), dataIndex: 'state', width: 100, render: (state: EventState) => <EventStateTag state={state} /> },
    { title: t('events.owner'), dataIndex: 'ownerOrgName', width: 120, ellipsis: true },
    {
      title: t('events.reportedAt'),
      dataIndex: 'reportedAt',
      width: 170,
      className: 'tabular',
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('events.deadline'),
      key: 'deadline',
      width: 150,
      render: (_, row) => <DeadlineText dueAt={row.dueAt} warning={row.warning} compact />,
    },
  ];

  return (
    <Drawer
      open
      size={1000}
      onClose={onClose}
      destroyOnHidden
      title={t('scorecards.casesTitle', { unit: drill.orgName, kind: t(caseKindLabels[drill.kind]) })}
    >
      <div data-testid="scorecard-cases" data-kind={drill.kind} data-org={drill.filter.orgCode}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('scorecards.casesHint', { from: drill.filter.from, to: drill.filter.to })}
        </Typography.Paragraph>
        {cases.isError ? (
          <ErrorBlock error={cases.error} onRetry={() => void cases.refetch()} />
        ) : (
          <Table<EventSummary>
            rowKey="id"
            size="small"
            loading={cases.isFetching}
            columns={columns}
            dataSource={cases.data?.items ?? []}
            scroll={{ x: 860 }}
            pagination={{
              current: page,
              pageSize,
              total: cases.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { n: total }),
              onChange: setPage,
            }}
          />
        )}
      </div>
    </Drawer>
  );
}
