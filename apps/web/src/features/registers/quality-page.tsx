import type { HTMLAttributes } from 'react';
import { Button, Card, Empty, Grid, List, Progress, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import { Icon } from '../../components/icon.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { ErrorBlock, LoadingBlock } from '../../components/page-states.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormatNumber, useT } from '../../i18n/index.ts';
import { useQualityOverview, type QualityFigures, type QualityProblem, type QualityRow } from '../../lib/registers-imports-api.ts';
import { primaryAssignment, useMe } from '../../lib/session.ts';
import { QualityProblemsDrawer } from './quality-problems-drawer.tsx';
import './import-quality.css';

const qualityProblems: readonly QualityProblem[] = ['missing', 'id_invalid', 'duplicate'];
const figureOf: Record<QualityProblem, 'missingItems' | 'idInvalid' | 'duplicates'> = { missing: 'missingItems', id_invalid: 'idInvalid', duplicate: 'duplicates' };

/** 采集率 colours: below 60 % a gap to close, below 85 % on the way, above that collected. */
function rateColour(rate: number): string {
  // More households registered than the grid counts: the grid's figure wants checking, not praise.
  if (rate > 1) return '#1554b0';
  if (rate < 0.6) return '#cf1322';
  if (rate < 0.85) return '#d48806';
  return '#389e0d';
}

function RateBar({ rate, testId }: { rate: number | null; testId?: string }) {
  const t = useT();
  if (rate === null) return <span className="ri-muted">—</span>;
  const percent = Math.round(rate * 1000) / 10;
  return (
    <div className="rq-rate" data-testid={testId} data-rate={rate} title={rate > 1 ? t('rq.rate.over') : undefined}>
      <Progress percent={Math.min(100, percent)} size="small" showInfo={false} strokeColor={rateColour(rate)} />
      <span className="rq-rate-text tabular" style={{ color: rateColour(rate) }}>
        {percent.toFixed(1)}%
      </span>
    </div>
  );
}

/**
 * 采集质量: per grid of a unit (the user's own unless another is picked), the households to collect,
 * those collected and the 采集率, the people, and the records to fix — each count opens the list.
 */
export function QualityPage() {
  const t = useT();
  const formatNumber = useFormatNumber();
  const wide = Grid.useBreakpoint().md ?? true;
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const ownUnit = me ? primaryAssignment(me)?.orgCode : undefined;
  const unit = params.get('unit') ?? ownUnit;
  const overview = useQualityOverview(unit);
  const data = overview.data;
  const rawProblem = params.get('problem');
  const problem = (qualityProblems as readonly string[]).includes(rawProblem ?? '') ? (rawProblem as QualityProblem) : null;
  const drillUnit = params.get('of') ?? data?.unit.code;

  const update = (next: Record<string, string | undefined>) => {
    const search = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) search.set(key, value);
      else search.delete(key);
    }
    setParams(search, { replace: true });
  };
  const open = (of: string, which: QualityProblem) => update({ problem: which, of, page: undefined });
  const drillName = drillUnit === data?.unit.code ? data?.unit.name : data?.rows.find((r) => r.gridCode === drillUnit)?.gridName;

  const countLink = (value: number, of: string, which: QualityProblem, testId: string) =>
    value > 0 ? (
      <Button type="link" size="small" className="rq-count tabular" onClick={() => open(of, which)} data-testid={testId} data-count={value}>
        {formatNumber(value)}
      </Button>
    ) : (
      <span className="tabular rq-zero" data-testid={testId} data-count={0}>
        0
      </span>
    );

  const columns: TableColumnsType<QualityRow> = [
    {
      title: t('rq.grid'),
      dataIndex: 'gridName',
      fixed: 'left',
      width: 180,
      render: (name: string, row) => (
        <span className="ri-cell-two">
          <span>{name}</span>
          <span className="ri-muted tabular">{row.gridCode}</span>
        </span>
      ),
    },
    { title: t('rq.community'), dataIndex: 'villageName', width: 130, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('rq.households'), dataIndex: 'households', width: 96, align: 'right', className: 'tabular', sorter: (a, b) => a.households - b.households, render: (v: number) => formatNumber(v) },
    { title: t('rq.registered'), dataIndex: 'registeredHouseholds', width: 96, align: 'right', className: 'tabular', render: (v: number) => formatNumber(v) },
    {
      title: t('rq.rate'),
      dataIndex: 'collectionRate',
      width: 170,
      sorter: (a, b) => (a.collectionRate ?? -1) - (b.collectionRate ?? -1),
      render: (v: number | null, row) => <RateBar rate={v} testId={`quality-rate-${row.gridCode}`} />,
    },
    { title: t('rq.people'), dataIndex: 'people', width: 84, align: 'right', className: 'tabular', render: (v: number) => formatNumber(v) },
    ...qualityProblems.map((which) => ({
      title: t(`rq.problem.${which}`),
      key: which,
      width: which === 'id_invalid' ? 136 : 100,
      align: 'right' as const,
      sorter: (a: QualityRow, b: QualityRow) => a[figureOf[which]] - b[figureOf[which]],
      render: (_: unknown, row: QualityRow) => countLink(row[figureOf[which]], row.gridCode, which, `quality-${which}-${row.gridCode}`),
    })),
  ];

  const totals = (figures: QualityFigures, code: string) => (
    <Table.Summary fixed>
      <Table.Summary.Row className="rq-totals" data-testid="quality-totals">
        <Table.Summary.Cell index={0}>{t('rq.totals')}</Table.Summary.Cell>
        <Table.Summary.Cell index={1}>{data?.unit.name}</Table.Summary.Cell>
        <Table.Summary.Cell index={2} align="right" className="tabular">
          {formatNumber(figures.households)}
        </Table.Summary.Cell>
        <Table.Summary.Cell index={3} align="right" className="tabular">
          {formatNumber(figures.registeredHouseholds)}
        </Table.Summary.Cell>
        <Table.Summary.Cell index={4}>
          <RateBar rate={figures.collectionRate} testId="quality-rate-total" />
        </Table.Summary.Cell>
        <Table.Summary.Cell index={5} align="right" className="tabular">
          {formatNumber(figures.people)}
        </Table.Summary.Cell>
        {qualityProblems.map((which, i) => (
          <Table.Summary.Cell key={which} index={6 + i} align="right">
            {countLink(figures[figureOf[which]], code, which, `quality-${which}-total`)}
          </Table.Summary.Cell>
        ))}
      </Table.Summary.Row>
    </Table.Summary>
  );

  return (
    <div data-testid="register-quality-page" data-ready={data && !overview.isPlaceholderData ? 'true' : 'false'}>
      <PageHeader
        title={t('menu.registerQuality')}
        subtitle={t('rq.subtitle')}
        extra={
          <Button icon={<Icon name="reload" />} onClick={() => void overview.refetch()} loading={overview.isRefetching} aria-label={t('r.refresh')}>
            {wide ? t('r.refresh') : null}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="rq-filters">
          <span className="ri-label" style={{ margin: 0 }}>
            {t('rq.unit')}
          </span>
          <OrgTreeSelect value={unit} onChange={(code) => update({ unit: code, problem: undefined, of: undefined, page: undefined })} placeholder={t('r.filter.unit')} style={{ width: wide ? 240 : '100%' }} testId="quality-unit" />
          {data ? <span className="ri-muted">{t('rq.grids', { n: data.rows.length })}</span> : null}
        </div>
      </Card>
      {overview.isError ? (
        <ErrorBlock error={overview.error} onRetry={() => void overview.refetch()} />
      ) : !data ? (
        <LoadingBlock />
      ) : (
        <div style={{ opacity: overview.isPlaceholderData ? 0.6 : 1 }}>
          <div className="rq-kpis" data-testid="quality-kpis">
            <Card size="small" className="rq-kpi">
              <div className="rq-kpi-label">{t('rq.rate')}</div>
              <div className="rq-kpi-value tabular" style={data.totals.collectionRate === null ? undefined : { color: rateColour(data.totals.collectionRate) }} data-testid="quality-kpi-rate">
                {data.totals.collectionRate === null ? '—' : `${(data.totals.collectionRate * 100).toFixed(1)}%`}
              </div>
              <div className="ri-muted">
                {t('rq.registered')} {formatNumber(data.totals.registeredHouseholds)} / {t('rq.households')} {formatNumber(data.totals.households)}
              </div>
            </Card>
            <Card size="small" className="rq-kpi">
              <div className="rq-kpi-label">{t('rq.people')}</div>
              <div className="rq-kpi-value tabular">{formatNumber(data.totals.people)}</div>
              <div className="ri-muted">{data.unit.name}</div>
            </Card>
            {qualityProblems.map((which) => (
              <Card key={which} size="small" className="rq-kpi" data-testid={`quality-kpi-${which}`}>
                <div className="rq-kpi-label">{t(`rq.problem.${which}`)}</div>
                <div className="rq-kpi-value">{countLink(data.totals[figureOf[which]], data.unit.code, which, `quality-kpi-${which}-count`)}</div>
                <div className="ri-muted">{t(`rq.problem.${which}.hint`)}</div>
              </Card>
            ))}
          </div>
          <Card size="small" title={t('rq.byGrid', { unit: data.unit.name })}>
            {data.rows.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rq.noGrids')} />
            ) : wide ? (
              <Table<QualityRow>
                rowKey="gridCode"
                size="middle"
                columns={columns}
                dataSource={data.rows}
                scroll={{ x: 1100 }}
                pagination={data.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                onRow={(row) => ({ 'data-testid': `quality-row-${row.gridCode}` }) as HTMLAttributes<HTMLElement>}
                summary={() => totals(data.totals, data.unit.code)}
                data-testid="quality-table"
              />
            ) : (
              <List<QualityRow>
                dataSource={data.rows}
                data-testid="quality-cards"
                renderItem={(row) => (
                  <List.Item data-testid={`quality-row-${row.gridCode}`}>
                    <div className="ri-card">
                      <div className="ri-card-head">
                        <span>{row.gridName}</span>
                        <span className="ri-muted">{row.villageName}</span>
                      </div>
                      <RateBar rate={row.collectionRate} testId={`quality-rate-${row.gridCode}`} />
                      <div className="ri-muted">
                        {t('rq.registered')} {formatNumber(row.registeredHouseholds)} / {t('rq.households')} {formatNumber(row.households)} · {t('rq.people')} {formatNumber(row.people)}
                      </div>
                      <div className="ri-card-counts">
                        {qualityProblems.map((which) => (
                          <span key={which}>
                            {t(`rq.problem.${which}`)} {countLink(row[figureOf[which]], row.gridCode, which, `quality-${which}-${row.gridCode}`)}
                          </span>
                        ))}
                      </div>
                    </div>
                  </List.Item>
                )}
              />
            )}
            <Typography.Paragraph type="secondary" className="rq-note">
              {t('rq.note')}
            </Typography.Paragraph>
          </Card>
        </div>
      )}
      {problem && drillUnit ? (
        <QualityProblemsDrawer
          unit={drillUnit}
          unitName={drillName ?? drillUnit}
          problem={problem}
          page={Number(params.get('page') ?? '1') || 1}
          onPage={(page) => update({ page: page > 1 ? String(page) : undefined })}
          onClose={() => update({ problem: undefined, of: undefined, page: undefined })}
        />
      ) : null}
    </div>
  );
}
