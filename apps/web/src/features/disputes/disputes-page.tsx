import { useState, type HTMLAttributes } from 'react';
import { Button, Card, Grid, Input, List, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  disputeStateLabels,
  disputeStates,
  disputeTypes,
  riskGradeLabels,
  riskGrades,
  type DisputeSummary,
  type DisputeTypeCode,
} from '@shizhi/domain';
import { DeadlineText } from '../../components/deadline-text.tsx';
import { DisputeStateTag, RiskTag } from '../../components/dispute-tags.tsx';
import { Icon } from '../../components/icon.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { ErrorBlock } from '../../components/page-states.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormatDateTime, useLabel, useT, type MessageKey } from '../../i18n/index.ts';
import { useDisputeList, useMediationBodies, type DisputeListParams } from '../../lib/disputes-api.ts';
import { can, useMe } from '../../lib/session.ts';
import { listParamsFrom, searchOf } from './list-params.ts';
import './disputes.css';

const typeName = (code: DisputeTypeCode) => disputeTypes.find((t) => t.code === code)!;

/** 矛调中心: every dispute case in my scope, with the filters a centre works by. */
export function DisputesPage() {
  const t = useT();
  const label = useLabel();
  const navigate = useNavigate();
  const formatDateTime = useFormatDateTime();
  const me = useMe().data;
  const [search, setSearch] = useSearchParams();
  const params = listParamsFrom(search);
  const list = useDisputeList(params);
  // The bodies load when their filter is first opened (or a link names one), not with every list.
  const [bodiesWanted, setBodiesWanted] = useState(false);
  const bodies = useMediationBodies(undefined, { enabled: bodiesWanted || Boolean(params.mediationOrgId) });
  const body = bodies.data?.items.find((b) => b.id === params.mediationOrgId);

  const update = (next: Partial<DisputeListParams>) => {
    const merged: DisputeListParams = { ...params, page: 1, ...next };
    for (const key of Object.keys(next) as (keyof DisputeListParams)[]) if (next[key] === undefined) delete merged[key];
    setSearch(searchOf(merged), { replace: true });
  };
  const filtered = Object.keys(params).some((k) => k !== 'page' && k !== 'pageSize');
  // On a phone the table becomes a list of cards and the filters fold away behind one button.
  const wide = Grid.useBreakpoint().md ?? true;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const showFilters = wide || filtersOpen;

  const columns: TableColumnsType<DisputeSummary> = [
    {
      title: t('d.number'),
      dataIndex: 'number',
      width: 200,
      className: 'tabular',
      render: (number: string, row) => (
        <Link to={`/disputes/${row.id}`} onClick={(e) => e.stopPropagation()}>
          {number}
        </Link>
      ),
    },
    {
      title: t('d.title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, row) => (
        <span title={title}>
          {row.overdue ? (
            <Tag color="red" style={{ marginInlineEnd: 6 }}>
              {t('d.overdue')}
            </Tag>
          ) : null}
          {title}
        </span>
      ),
    },
    { title: t('d.type'), dataIndex: 'typeCode', width: 140, responsive: ['md'], render: (code: DisputeTypeCode) => label(typeName(code)) },
    { title: t('d.state'), dataIndex: 'state', width: 100, render: (_, row) => <DisputeStateTag state={row.state} /> },
    { title: t('d.risk'), dataIndex: 'riskGrade', width: 90, render: (_, row) => <RiskTag grade={row.riskGrade} /> },
    {
      title: t('d.applicant'),
      key: 'applicant',
      width: 200,
      responsive: ['lg'],
      render: (_, row) =>
        row.applicant ? (
          <div className="dp-applicant">
            <span>{row.applicant.name}</span>
            <span className="tabular dp-muted" data-testid="list-masked-phone">
              {row.applicant.phone ?? ''}
            </span>
          </div>
        ) : (
          t('common.none')
        ),
    },
    { title: t('d.place'), dataIndex: 'placeName', width: 130, responsive: ['xl'], ellipsis: true },
    {
      title: t('d.mediator'),
      key: 'mediator',
      width: 160,
      responsive: ['lg'],
      ellipsis: true,
      render: (_, row) => (row.mediatorName ? `${row.mediatorName}` : t('common.none')),
    },
    {
      title: t('d.registeredAt'),
      dataIndex: 'registeredAt',
      width: 160,
      className: 'tabular',
      responsive: ['xl'],
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('d.deadline'),
      key: 'deadline',
      width: 160,
      responsive: ['md'],
      render: (_, row) =>
        row.dueAt && !row.outcome && ['accepted', 'assigned', 'mediating'].includes(row.state) ? (
          <DeadlineText dueAt={row.dueAt} warning={row.overdue ? 'red' : 'none'} compact />
        ) : (
          <span className="dp-muted">{t('common.none')}</span>
        ),
    },
  ];

  return (
    <div data-testid="disputes-page">
      <PageHeader
        title={t('menu.disputes')}
        subtitle={t('d.subtitle')}
        extra={
          <>
            <Button icon={<Icon name="reload" />} onClick={() => void list.refetch()} loading={list.isRefetching}>
              {t('d.refresh')}
            </Button>
            <Button icon={<Icon name="barChart" />} onClick={() => void navigate('/disputes/figures')} data-testid="to-dispute-figures">
              {t('menu.disputeFigures')}
            </Button>
            {me && can(me, 'disputes.register') ? (
              <Button type="primary" icon={<Icon name="plus" />} onClick={() => void navigate('/disputes/new')} data-testid="to-register-dispute">
                {t('d.register')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="dp-filters" data-testid="dispute-filters">
          <Input.Search
            allowClear
            defaultValue={params.q}
            placeholder={t('d.filter.text')}
            onSearch={(value) => update({ q: value.trim() || undefined })}
            style={{ width: 220 }}
            data-testid="dispute-filter-q"
          />
          {wide ? null : (
            <Button icon={<Icon name="search" />} onClick={() => setFiltersOpen((o) => !o)} data-testid="dispute-filters-toggle">
              {t('d.filter.more')}
            </Button>
          )}
          {showFilters ? (
          <>
          <Select
            allowClear
            placeholder={t('d.filter.state')}
            value={params.state}
            onChange={(value) => update({ state: value })}
            options={disputeStates.map((s) => ({ value: s, label: label(disputeStateLabels[s]) }))}
            style={{ width: 120 }}
            data-testid="dispute-filter-state"
          />
          <Select
            allowClear
            placeholder={t('d.filter.type')}
            value={params.typeCode}
            onChange={(value) => update({ typeCode: value })}
            options={disputeTypes.map((d) => ({ value: d.code, label: label(d) }))}
            style={{ width: 170 }}
            popupMatchSelectWidth={false}
            data-testid="dispute-filter-type"
          />
          <Select
            allowClear
            placeholder={t('d.filter.risk')}
            value={params.riskGrade}
            onChange={(value) => update({ riskGrade: value })}
            options={riskGrades.map((g) => ({ value: g, label: label(riskGradeLabels[g]) }))}
            style={{ width: 110 }}
            data-testid="dispute-filter-risk"
          />
          <OrgTreeSelect
            value={params.orgCode}
            onChange={(code) => update({ orgCode: code })}
            placeholder={t('d.filter.unit')}
            allowClear
            style={{ width: 180 }}
            testId="dispute-filter-unit"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('d.filter.body')}
            value={params.mediationOrgId}
            onChange={(value) => update({ mediationOrgId: value, mediatorId: undefined })}
            onOpenChange={(open) => open && setBodiesWanted(true)}
            options={(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
            loading={bodies.isLoading}
            style={{ width: 220 }}
            popupMatchSelectWidth={false}
            data-testid="dispute-filter-body"
          />
          <Select
            allowClear
            placeholder={t('d.filter.mediator')}
            value={params.mediatorId}
            disabled={!body && !params.mediatorId}
            onChange={(value) => update({ mediatorId: value })}
            options={(body?.mediators ?? []).map((m) => ({ value: m.id, label: m.name }))}
            style={{ width: 120 }}
            data-testid="dispute-filter-mediator"
          />
          <span className="dp-period">
            <Input
              type="date"
              aria-label={t('d.filter.period')}
              value={params.from ?? ''}
              onChange={(e) => update({ from: e.target.value || undefined })}
              style={{ width: 140 }}
              data-testid="dispute-filter-from"
            />
            <span className="dp-muted">–</span>
            <Input
              type="date"
              aria-label={t('d.filter.period')}
              value={params.to ?? ''}
              onChange={(e) => update({ to: e.target.value || undefined })}
              style={{ width: 140 }}
              data-testid="dispute-filter-to"
            />
          </span>
          </>
          ) : null}
          {params.measure ? (
            <Tag closable color="blue" onClose={() => update({ measure: undefined })} data-testid="dispute-filter-measure">
              {t('d.filter.measure', { measure: t(`d.measure.${params.measure}` as MessageKey) })}
            </Tag>
          ) : null}
          {filtered ? (
            <Button type="link" onClick={() => setSearch(new URLSearchParams(), { replace: true })} data-testid="dispute-filter-clear">
              {t('d.filter.clear')}
            </Button>
          ) : null}
        </div>
      </Card>
      <Card styles={{ body: { paddingTop: 8 } }}>
        {list.isError ? (
          <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />
        ) : !wide ? (
          <List<DisputeSummary>
            data-testid="disputes-cards"
            loading={list.isFetching && !list.isRefetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('d.empty') }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: list.data?.total ?? 0,
              size: 'small',
              simple: true,
              onChange: (page) => setSearch(searchOf({ ...params, page }), { replace: true }),
            }}
            renderItem={(row) => (
              <List.Item
                className={row.riskGrade === 'high' ? 'dp-card-row dp-row-high' : 'dp-card-row'}
                data-testid={`dispute-row-${row.number}`}
                onClick={() => void navigate(`/disputes/${row.id}`)}
              >
                <div className="dp-card">
                  <div className="dp-box-head">
                    <DisputeStateTag state={row.state} />
                    <RiskTag grade={row.riskGrade} />
                    {row.overdue ? <Tag color="red">{t('d.overdue')}</Tag> : null}
                    <span className="dp-muted tabular" style={{ marginInlineStart: 'auto' }}>
                      {formatDateTime(row.registeredAt).slice(0, 10)}
                    </span>
                  </div>
                  <div className="dp-card-title">{row.title}</div>
                  <div className="dp-muted">
                    <span className="tabular">{row.number}</span> · {label(typeName(row.typeCode))}
                    {row.applicant ? (
                      <>
                        {' '}
                        · {row.applicant.name} <span className="tabular">{row.applicant.phone ?? ''}</span>
                      </>
                    ) : null}
                  </div>
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<DisputeSummary>
            data-testid="disputes-table"
            rowKey="id"
            size="middle"
            loading={list.isFetching && !list.isRefetching}
            columns={columns}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 720 }}
            rowClassName={(row) => (row.riskGrade === 'high' ? 'dp-row dp-row-high' : 'dp-row')}
            onRow={(row) =>
              ({
                'data-testid': `dispute-row-${row.number}`,
                onClick: () => void navigate(`/disputes/${row.id}`),
              }) as HTMLAttributes<HTMLElement>
            }
            locale={{
              emptyText: (
                <Typography.Text type="secondary" style={{ display: 'block', padding: 24 }}>
                  {t('d.empty')}
                </Typography.Text>
              ),
            }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('common.total', { n: total }),
              onChange: (page, size) => setSearch(searchOf({ ...params, page: size === params.pageSize ? page : 1, pageSize: size }), { replace: true }),
            }}
          />
        )}
      </Card>
    </div>
  );
}
