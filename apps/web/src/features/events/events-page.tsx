import type { HTMLAttributes } from 'react';
import { Button, Card, Flex, Select, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { eventStateLabels, eventStates, type EventState, type EventSummary } from '@shizhi/domain';
import { DeadlineText } from '../../components/deadline-text.tsx';
import { EventStateTag } from '../../components/event-state-tag.tsx';
import { Icon } from '../../components/icon.tsx';
import { ErrorBlock } from '../../components/page-states.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormatDateTime, useLabel, useT } from '../../i18n/index.ts';
import { useEventList } from '../../lib/events-api.ts';
import { canFileHotline, useMe } from '../../lib/session.ts';
import './events.css';

type View = 'todo' | 'all';

function isEventState(value: string | null): value is EventState {
  return value !== null && (eventStates as readonly string[]).includes(value);
}

/** 事件中心: my to-do (most urgent first) and every event in my scope, newest first. */
export function EventsPage() {
  const t = useT();
  const label = useLabel();
  const me = useMe().data;
  const navigate = useNavigate();
  const formatDateTime = useFormatDateTime();
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'all' ? 'all' : 'todo';
  const rawState = params.get('state');
  const state = isEventState(rawState) ? rawState : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Number(params.get('size')) || 20;
  const events = useEventList({ view, state, page, pageSize }, { refetchInterval: 60_000 });

  const update = (next: { view?: View; state?: EventState | undefined; page?: number; size?: number }) => {
    const merged = { view, state, page, size: pageSize, ...next };
    const search = new URLSearchParams();
    if (merged.view !== 'todo') search.set('view', merged.view);
    if (merged.state) search.set('state', merged.state);
    if (merged.page > 1) search.set('page', String(merged.page));
    if (merged.size !== 20) search.set('size', String(merged.size));
    setParams(search, { replace: true });
  };

  const columns: TableColumnsType<EventSummary> = [
    {
      title: t('events.number'),
      dataIndex: 'number',
      width: 196,
      className: 'tabular',
      render: (number: string, row) => (
        <Link to={`/events/${row.id}`} onClick={(e) => e.stopPropagation()}>
          {number}
        </Link>
      ),
    },
    {
      title: t('events.title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string) => <span title={title}>{title}</span>,
    },
    { title: t('events.category'), dataIndex: 'categoryName', width: 130, responsive: ['md'], ellipsis: true },
    {
      title: t('events.state'),
      dataIndex: 'state',
      width: 110,
      render: (value: EventState) => <EventStateTag state={value} />,
    },
    { title: t('events.owner'), dataIndex: 'ownerOrgName', width: 130, responsive: ['lg'], ellipsis: true },
    {
      title: t('events.reportedAt'),
      dataIndex: 'reportedAt',
      width: 160,
      className: 'tabular',
      responsive: ['xl'],
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('events.deadline'),
      key: 'deadline',
      width: 170,
      render: (_, row) => <DeadlineText dueAt={row.dueAt} warning={row.warning} />,
    },
  ];

  return (
    <div data-testid="events-page">
      <PageHeader
        title={t('menu.events')}
        subtitle={t('events.subtitle')}
        extra={
          <>
            <Button icon={<Icon name="reload" />} onClick={() => void events.refetch()} loading={events.isRefetching}>
              {t('events.refresh')}
            </Button>
            {me && canFileHotline(me) ? (
              <Button type="primary" icon={<Icon name="phone" />} onClick={() => void navigate('/events/new')} data-testid="to-hotline">
                {t('menu.hotline')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={view}
          onChange={(key) => update({ view: key === 'all' ? 'all' : 'todo', page: 1 })}
          items={[
            { key: 'todo', label: <span data-testid="events-tab-todo">{t('events.tab.todo')}</span> },
            { key: 'all', label: <span data-testid="events-tab-all">{t('events.tab.all')}</span> },
          ]}
          tabBarExtraContent={
            <Select<EventState>
              data-testid="events-filter-state"
              allowClear
              placeholder={t('events.filterState')}
              style={{ width: 160 }}
              value={state}
              onChange={(value) => update({ state: value, page: 1 })}
              options={eventStates.map((s) => ({ value: s, label: label(eventStateLabels[s]) }))}
            />
          }
        />
        {events.isError ? (
          <ErrorBlock error={events.error} onRetry={() => void events.refetch()} />
        ) : (
          <Table<EventSummary>
            data-testid="events-table"
            rowKey="id"
            size="middle"
            loading={events.isFetching && !events.isRefetching}
            columns={columns}
            dataSource={events.data?.items ?? []}
            scroll={{ x: 760 }}
            rowClassName={(row) => (row.warning === 'red' ? 'ev-row ev-row-red' : 'ev-row')}
            onRow={(row) =>
              ({
                'data-testid': `event-row-${row.number}`,
                onClick: () => void navigate(`/events/${row.id}`),
              }) as HTMLAttributes<HTMLElement>
            }
            locale={{
              emptyText: (
                <Typography.Text type="secondary" style={{ display: 'block', padding: 24 }}>
                  {view === 'todo' ? t('events.emptyTodo') : t('events.emptyAll')}
                </Typography.Text>
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: events.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('common.total', { n: total }),
              onChange: (nextPage, nextSize) => update({ page: nextSize === pageSize ? nextPage : 1, size: nextSize }),
            }}
          />
        )}
        <Flex justify="flex-end" style={{ marginTop: 4 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {view === 'todo' ? t('events.todoHint') : null}
          </Typography.Text>
        </Flex>
      </Card>
    </div>
  );
}
