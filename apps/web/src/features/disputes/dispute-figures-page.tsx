import { useState, type MouseEvent } from 'react';
import { App, Button, Card, Empty, Flex, Input, Segmented, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import {
  disputeFigureDimensions,
  disputeKpiDefinitions,
  disputeKpiKeys,
  type DisputeFigureDimension,
  type DisputeFigures,
  type DisputeKpiKey,
  type DisputeMeasure,
} from '@shizhi/domain';
import { Icon } from '../../components/icon.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { ErrorBlock, LoadingBlock } from '../../components/page-states.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormatNumber, useLabel, useT, type MessageKey } from '../../i18n/index.ts';
import { useDisputeFigures } from '../../lib/disputes-api.ts';
import { isIsoDay, periodPresets, presetPeriod, type PeriodPreset } from '../../lib/periods.ts';
import { apiDownload } from '../../lib/api-client.ts';
import { saveFile } from '../../lib/save-file.ts';
import { searchOf } from './list-params.ts';
import './disputes.css';

type Row = DisputeFigures['rows'][number];
type PeriodChoice = PeriodPreset | 'custom';

const periodLabels: Record<PeriodChoice, MessageKey> = {
  month: 'scorecards.period.month',
  lastMonth: 'scorecards.period.lastMonth',
  quarter: 'scorecards.period.quarter',
  year: 'scorecards.period.year',
  threeYears: 'scorecards.period.threeYears',
  custom: 'scorecards.period.custom',
};

/** The counts each rate is made of, shown under it and each opening its cases. */
const kpiCounts: Record<DisputeKpiKey, DisputeMeasure[]> = {
  resolutionRate: ['resolved', 'accepted'],
  mediationSuccessRate: ['resolved', 'concluded'],
  onTimeRate: ['concludedOnTime', 'concluded', 'openOverdue'],
  judicialConfirmationRate: ['judiciallyConfirmed', 'writtenAgreements'],
  performanceRate: ['performed', 'performanceKnown'],
  repeatRate: ['repeat', 'accepted'],
};

const tableMeasures: DisputeMeasure[] = ['accepted', 'resolved', 'concluded', 'openOverdue', 'writtenAgreements', 'judiciallyConfirmed'];

const formatRate = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

/** 矛调统计: 受理数, 化解数 and the rates by unit, mediation body, mediator or type; every number opens its cases. */
export function DisputeFiguresPage() {
  const t = useT();
  const label = useLabel();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const by = (disputeFigureDimensions as readonly string[]).includes(params.get('by') ?? '') ? (params.get('by') as DisputeFigureDimension) : 'unit';
  const rawPeriod = params.get('period');
  const period: PeriodChoice = rawPeriod === 'custom' || (periodPresets as readonly string[]).includes(rawPeriod ?? '') ? (rawPeriod as PeriodChoice) : 'year';
  const from = params.get('from');
  const to = params.get('to');
  const customValid = isIsoDay(from) && isIsoDay(to) && from <= to;
  const range = period === 'custom' && customValid ? { from, to } : presetPeriod(period === 'custom' ? 'year' : period);
  const orgCode = params.get('org') ?? undefined;
  const query = { by, from: range.from, to: range.to, ...(orgCode ? { orgCode } : {}) };
  const figures = useDisputeFigures(query);
  const [exporting, setExporting] = useState(false);

  const update = (next: Record<string, string | undefined>) => {
    const search = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) search.set(key, value);
      else search.delete(key);
    }
    setParams(search, { replace: true });
  };

  const measureLabel = (m: DisputeMeasure) => t(`d.measure.${m}` as MessageKey);
  const drill = (filter: Record<string, string>, measure: DisputeMeasure) => {
    const scope = orgCode && !filter.orgCode ? { orgCode } : {};
    void navigate(`/disputes?${searchOf({ page: 1, pageSize: 20, ...scope, ...filter, from: range.from, to: range.to, measure }).toString()}`);
  };
  const totalFilter: Record<string, string> = orgCode ? { orgCode } : {};

  // 导出 Excel: the server lays out the workbook (the same rows and counts, and the formulas).
  const exportXlsx = async () => {
    setExporting(true);
    try {
      const query = { by, from: range.from, to: range.to, ...(orgCode ? { orgCode } : {}) };
      const { blob, filename } = await apiDownload('/disputes/figures/export.xlsx', query);
      saveFile(blob, filename ?? `dispute-figures-${by}-${range.from}-${range.to}.xlsx`);
    } catch (cause) {
      message.error(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setExporting(false);
    }
  };

  const data = figures.data;
  const columns: TableColumnsType<Row> = [
    { title: t(`d.fig.by.${by}` as MessageKey), dataIndex: 'name', fixed: 'left', width: 200, ellipsis: true },
    ...tableMeasures.map((m) => ({
      title: measureLabel(m),
      key: m,
      width: 100,
      align: 'right' as const,
      sorter: (a: Row, b: Row) => a.counts[m] - b.counts[m],
      render: (_: unknown, row: Row) => <CountLink value={row.counts[m]} testId={`fig-${row.key}-${m}`} onOpen={() => drill(row.filter, m)} />,
    })),
    ...disputeKpiKeys.map((k) => ({
      title: <Tooltip title={disputeKpiDefinitions[k].formula}>{label(disputeKpiDefinitions[k])}</Tooltip>,
      key: k,
      width: 110,
      align: 'right' as const,
      sorter: (a: Row, b: Row) => (a.rates[k] ?? -1) - (b.rates[k] ?? -1),
      render: (_: unknown, row: Row) => <span className="tabular">{formatRate(row.rates[k])}</span>,
    })),
  ];

  return (
    <div data-testid="dispute-figures-page" data-ready={data && !figures.isPlaceholderData ? 'true' : 'false'} data-by={by}>
      <PageHeader
        title={t('menu.disputeFigures')}
        subtitle={t('d.fig.subtitle')}
        extra={
          <Button icon={<Icon name="download" />} onClick={() => void exportXlsx()} loading={exporting} disabled={!data} data-testid="dispute-figures-export">
            {t('d.fig.export')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="dp-filters">
          <OrgTreeSelect value={orgCode} onChange={(code) => update({ org: code })} placeholder={t('scorecards.unitPlaceholder')} allowClear style={{ width: 200 }} testId="dispute-figures-unit" />
          <Segmented<DisputeFigureDimension>
            value={by}
            onChange={(value) => update({ by: value })}
            options={disputeFigureDimensions.map((d) => ({ value: d, label: <span data-testid={`fig-by-${d}`}>{t(`d.fig.by.${d}` as MessageKey)}</span> }))}
          />
          <Segmented<PeriodChoice>
            value={period}
            onChange={(next) => update(next === 'custom' ? { period: next, from: range.from, to: range.to } : { period: next, from: undefined, to: undefined })}
            options={[...periodPresets, 'custom' as const].map((p) => ({ value: p, label: t(periodLabels[p]) }))}
          />
          {period === 'custom' ? (
            <span className="dp-period">
              <Input type="date" value={from ?? ''} onChange={(e) => update({ from: e.target.value })} style={{ width: 140 }} status={customValid ? undefined : 'error'} />
              <span className="dp-muted">–</span>
              <Input type="date" value={to ?? ''} onChange={(e) => update({ to: e.target.value })} style={{ width: 140 }} status={customValid ? undefined : 'error'} />
            </span>
          ) : (
            <span className="dp-muted tabular">{t('scorecards.range', { from: range.from, to: range.to })}</span>
          )}
        </div>
      </Card>
      {figures.isError ? (
        <ErrorBlock error={figures.error} onRetry={() => void figures.refetch()} />
      ) : !data ? (
        <LoadingBlock />
      ) : (
        <Flex vertical gap={12} style={{ opacity: figures.isPlaceholderData ? 0.6 : 1 }}>
          <div className="dp-kpis" data-testid="dispute-kpis">
            <Card size="small" data-testid="fig-total-accepted">
              <div className="dp-kpi-label">{measureLabel('accepted')}</div>
              <div className="dp-kpi-value">
                <CountLink value={data.total.counts.accepted} big onOpen={() => drill(totalFilter, 'accepted')} />
              </div>
              <div className="dp-kpi-counts">
                <span>
                  {measureLabel('resolved')} <CountLink value={data.total.counts.resolved} onOpen={() => drill(totalFilter, 'resolved')} testId="fig-total-resolved" />
                </span>
              </div>
            </Card>
            {disputeKpiKeys.map((k) => (
              <Card key={k} size="small" data-testid={`fig-kpi-${k}`} data-value={data.total.rates[k] ?? ''}>
                <div className="dp-kpi-label">
                  <Tooltip title={t('d.fig.formula', { formula: disputeKpiDefinitions[k].formula })}>
                    {label(disputeKpiDefinitions[k])} <Icon name="info" />
                  </Tooltip>
                </div>
                <div className="dp-kpi-value">{formatRate(data.total.rates[k])}</div>
                <div className="dp-kpi-counts">
                  {kpiCounts[k].map((m) => (
                    <span key={m}>
                      {measureLabel(m)} <CountLink value={data.total.counts[m]} onOpen={() => drill(totalFilter, m)} />
                    </span>
                  ))}
                </div>
              </Card>
            ))}
          </div>
          <Card size="small" title={t(`d.fig.by.${by}` as MessageKey)}>
            {data.rows.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('d.fig.noRows')} />
            ) : (
              <Table<Row>
                className="dp-fig-table"
                data-testid="dispute-figures-table"
                rowKey="key"
                size="small"
                columns={columns}
                dataSource={data.rows}
                pagination={data.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                scroll={{ x: 1480 }}
                showSorterTooltip={false}
                summary={() => (
                  <Table.Summary fixed="bottom">
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>
                        <Typography.Text strong>{t('d.fig.total')}</Typography.Text>
                      </Table.Summary.Cell>
                      {tableMeasures.map((m, i) => (
                        <Table.Summary.Cell key={m} index={i + 1} align="right">
                          <CountLink value={data.total.counts[m]} onOpen={() => drill(totalFilter, m)} />
                        </Table.Summary.Cell>
                      ))}
                      {disputeKpiKeys.map((k, i) => (
                        <Table.Summary.Cell key={k} index={i + 1 + tableMeasures.length} align="right">
                          <b className="tabular">{formatRate(data.total.rates[k])}</b>
                        </Table.Summary.Cell>
                      ))}
                    </Table.Summary.Row>
                  </Table.Summary>
                )}
              />
            )}
          </Card>
        </Flex>
      )}
    </div>
  );
}

function CountLink({ value, onOpen, testId, big }: { value: number; onOpen: () => void; testId?: string; big?: boolean }) {
  const formatNumber = useFormatNumber();
  if (value === 0) return <span data-testid={testId}>0</span>;
  return (
    <button
      type="button"
      className="dp-count-link"
      style={big ? { fontSize: 26, fontWeight: 600, textDecoration: 'none' } : undefined}
      data-testid={testId}
      onClick={(event: MouseEvent) => {
        event.stopPropagation();
        onOpen();
      }}
    >
      {formatNumber(value)}
    </button>
  );
}
