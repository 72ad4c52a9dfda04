import { useMemo, useState, type HTMLAttributes, type MouseEvent } from 'react';
import { App, Breadcrumb, Button, Card, Empty, Flex, Input, Segmented, Select, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import { kpiDefinitions, kpiKeys, type KpiKey, type ScorecardCaseKind, type ScorecardRow } from '@shizhi/domain';
import { Icon } from '../../components/icon.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { ErrorBlock, LoadingBlock } from '../../components/page-states.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormatNumber, useLabel, useT, type MessageKey } from '../../i18n/index.ts';
import { useEventCategories } from '../../lib/events-api.ts';
import { useFocusUnit, useOrgRoots, useOrgUnit } from '../../lib/org-queries.ts';
import { belongsToTree } from '../../lib/use-org-children.ts';
import { CaseDrawer, caseKindLabels, type CaseDrill } from './case-drawer.tsx';
import { compareNullable, formatKpi, formatRate, isRateKey, rateTargets, standingOf } from './kpi-standing.ts';
import { LevelShareBar } from './level-share-bar.tsx';
import { isIsoDay, periodPresets, presetPeriod, type Period, type PeriodPreset } from '../../lib/periods.ts';
import { downloadScorecard, useScorecard, type ScorecardFilter } from './scorecard-api.ts';
import './scorecards.css';

type PeriodChoice = PeriodPreset | 'custom';
type Counts = ScorecardRow['counts'];

const periodLabels: Record<PeriodChoice, MessageKey> = {
  month: 'scorecards.period.month',
  lastMonth: 'scorecards.period.lastMonth',
  quarter: 'scorecards.period.quarter',
  year: 'scorecards.period.year',
  threeYears: 'scorecards.period.threeYears',
  custom: 'scorecards.period.custom',
};

const defaultPeriod: PeriodPreset = 'year';

interface CountSpec {
  label: MessageKey;
  value: (counts: Counts) => number;
  /** The drill-down behind the number, when the API has one. */
  kind?: ScorecardCaseKind;
}

const count = (label: MessageKey, value: (c: Counts) => number, kind?: ScorecardCaseKind): CountSpec => ({
  label,
  value,
  ...(kind ? { kind } : {}),
});

/** The numbers each figure is made of, shown under it; those with a case list open it. */
const kpiCounts: Record<KpiKey, CountSpec[]> = {
  responseRate: [count('scorecards.count.responseDue', (c) => c.responseDue), count('scorecards.count.respondedOnTime', (c) => c.respondedOnTime)],
  onTimeCloseRate: [
    count('scorecards.kind.closed', (c) => c.closed, 'closed'),
    count('scorecards.kind.closedLate', (c) => c.closed - c.closedOnTime, 'closedLate'),
    count('scorecards.kind.openOverdue', (c) => c.openOverdue, 'openOverdue'),
  ],
  resolutionRate: [
    count('scorecards.kind.closed', (c) => c.closed, 'closed'),
    count('scorecards.kind.openOverdue', (c) => c.openOverdue, 'openOverdue'),
  ],
  satisfactionRate: [count('scorecards.count.rated', (c) => c.rated), count('scorecards.kind.unsatisfied', (c) => c.unsatisfied, 'unsatisfied')],
  reworkRate: [count('scorecards.kind.reworked', (c) => c.reworked, 'reworked'), count('scorecards.kind.closed', (c) => c.closed, 'closed')],
  selfHandledRate: [
    count('scorecards.kind.selfHandled', (c) => c.selfHandled, 'selfHandled'),
    count('scorecards.kind.reported', (c) => c.reported, 'reported'),
  ],
  avgHandleHours: [count('scorecards.kind.closed', (c) => c.closed, 'closed')],
};

function isPeriodChoice(value: string | null): value is PeriodChoice {
  return value === 'custom' || (periodPresets as readonly string[]).includes(value ?? '');
}

/** 考核指标: the figures of a unit and its children for a period, each opening the cases behind it. */
export function ScorecardsPage() {
  const roots = useOrgRoots();
  const root = roots.data?.roots.find((u) => belongsToTree(u, 'territory')) ?? roots.data?.roots[0];
  // A city account of a one-district deployment opens on the district (useFocusUnit).
  const focus = useFocusUnit(root);
  if (roots.isPending || focus.pending) return <LoadingBlock />;
  if (roots.isError) return <ErrorBlock error={roots.error} onRetry={() => void roots.refetch()} />;
  return <Scorecards defaultOrg={focus.unit?.code} />;
}

function Scorecards({ defaultOrg }: { defaultOrg: string | undefined }) {
  const t = useT();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [drill, setDrill] = useState<CaseDrill | null>(null);
  const [exporting, setExporting] = useState(false);
  const categories = useEventCategories();

  const orgCode = params.get('org') ?? defaultOrg;
  const rawPeriod = params.get('period');
  const period: PeriodChoice = isPeriodChoice(rawPeriod) ? rawPeriod : defaultPeriod;
  const customFrom = params.get('from');
  const customTo = params.get('to');
  const customValid = isIsoDay(customFrom) && isIsoDay(customTo) && customFrom <= customTo;
  const range: Period =
    period === 'custom' ? (customValid ? { from: customFrom, to: customTo } : presetPeriod(defaultPeriod)) : presetPeriod(period);
  const categoryTop = params.get('cat') ?? undefined;
  const filter: ScorecardFilter | null = orgCode ? { orgCode, from: range.from, to: range.to, categoryTop } : null;
  const card = useScorecard(filter);
  const unit = useOrgUnit(orgCode);

  const update = (next: Partial<Record<'org' | 'period' | 'from' | 'to' | 'cat', string | undefined>>) => {
    const search = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) search.set(key, value);
      else search.delete(key);
    }
    setParams(search);
  };

  const topCategories = useMemo(
    () => (categories.data?.items ?? []).filter((c) => c.parentCode === null).map((c) => ({ value: c.code, label: c.name })),
    [categories.data],
  );

  const openDrill = (row: ScorecardRow, kind: ScorecardCaseKind) => {
    if (filter) setDrill({ filter: { ...filter, orgCode: row.orgCode }, orgName: row.orgName, kind });
  };

  const exportExcel = async () => {
    if (!filter) return;
    setExporting(true);
    try {
      await downloadScorecard(filter);
    } catch (cause) {
      message.error(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setExporting(false);
    }
  };

  const ancestors = unit.data?.ancestors ?? [];
  const data = card.data;

  return (
    <div
      data-testid="scorecards-page"
      data-org={orgCode}
      data-from={range.from}
      data-to={range.to}
      // The figures on screen belong to the unit and period above (not the previous ones, kept while loading).
      data-ready={card.data && !card.isPlaceholderData ? 'true' : 'false'}
    >
      <PageHeader
        title={t('menu.scorecards')}
        subtitle={t('scorecards.subtitle')}
        extra={
          <Button
            icon={<Icon name="download" />}
            onClick={() => void exportExcel()}
            loading={exporting}
            disabled={!filter}
            data-testid="scorecard-export"
          >
            {t('scorecards.export')}
          </Button>
        }
      />

      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="sc-filters">
          <div className="sc-filter">
            <span className="sc-filter-label">{t('scorecards.unit')}</span>
            <OrgTreeSelect
              testId="scorecard-unit"
              value={orgCode}
              onChange={(code) => update({ org: code })}
              style={{ width: 220 }}
              placeholder={t('scorecards.unitPlaceholder')}
            />
          </div>
          <div className="sc-filter">
            <span className="sc-filter-label">{t('scorecards.period')}</span>
            <Segmented<PeriodChoice>
              data-testid="scorecard-period"
              value={period}
              onChange={(next) =>
                update(next === 'custom' ? { period: next, from: range.from, to: range.to } : { period: next, from: undefined, to: undefined })
              }
              options={[...periodPresets, 'custom' as const].map((p) => ({
                value: p,
                label: <span data-testid={`scorecard-period-${p}`}>{t(periodLabels[p])}</span>,
              }))}
            />
          </div>
          {period === 'custom' ? (
            <div className="sc-filter">
              <Input
                type="date"
                aria-label={t('scorecards.from')}
                value={customFrom ?? ''}
                max={customTo ?? undefined}
                status={customValid ? undefined : 'error'}
                onChange={(event) => update({ from: event.target.value })}
                style={{ width: 150 }}
                data-testid="scorecard-from"
              />
              <span className="sc-filter-label">{t('scorecards.to')}</span>
              <Input
                type="date"
                aria-label={t('scorecards.toLabel')}
                value={customTo ?? ''}
                min={customFrom ?? undefined}
                status={customValid ? undefined : 'error'}
                onChange={(event) => update({ to: event.target.value })}
                style={{ width: 150 }}
                data-testid="scorecard-to"
              />
            </div>
          ) : (
            <span className="sc-range tabular" data-testid="scorecard-range">
              {t('scorecards.range', { from: range.from, to: range.to })}
            </span>
          )}
          <div className="sc-filter">
            <span className="sc-filter-label">{t('events.category')}</span>
            <Select<string>
              data-testid="scorecard-category"
              allowClear
              value={categoryTop}
              onChange={(value) => update({ cat: value })}
              placeholder={t('scorecards.allCategories')}
              options={topCategories}
              loading={categories.isLoading}
              style={{ width: 150 }}
            />
          </div>
        </div>
      </Card>

      {orgCode ? (
        <Breadcrumb
          data-testid="scorecard-breadcrumb"
          style={{ margin: '4px 0 12px' }}
          items={[
            ...ancestors.map((a) => ({
              key: a.code,
              title: (
                <Typography.Link onClick={() => update({ org: a.code })} data-testid={`scorecard-crumb-${a.code}`}>
                  {a.name}
                </Typography.Link>
              ),
            })),
            { key: orgCode, title: <b>{data?.unit.orgName ?? unit.data?.unit.name ?? orgCode}</b> },
          ]}
        />
      ) : null}

      {!filter ? (
        <Card>
          <Empty description={t('workbench.noRoots')} />
        </Card>
      ) : card.isError ? (
        <ErrorBlock error={card.error} onRetry={() => void card.refetch()} />
      ) : !data ? (
        <LoadingBlock />
      ) : (
        <Flex vertical gap={12} style={{ opacity: card.isPlaceholderData ? 0.6 : 1, transition: 'opacity 0.2s' }}>
          <div className="sc-kpis" data-testid="scorecard-kpis">
            {kpiKeys.map((key) => (
              <KpiCard key={key} kpi={key} row={data.unit} onDrill={(kind) => openDrill(data.unit, kind)} />
            ))}
          </div>

          <Card size="small" title={t('scorecards.levelShares')} data-testid="scorecard-level-shares">
            <Flex gap={24} wrap align="center">
              <div style={{ flex: '1 1 420px', minWidth: 0 }}>
                <LevelShareBar shares={data.unit.kpis.levelShares} testId="level-shares" />
              </div>
              <Flex gap={20} className="sc-kpi-counts" style={{ fontSize: 13 }}>
                {(['reported', 'closed', 'openOverdue'] as const).map((kind) => (
                  <span key={kind}>
                    {t(caseKindLabels[kind])}{' '}
                    <CountLink
                      value={data.unit.counts[kind]}
                      testId={`drill-${data.unit.orgCode}-${kind}`}
                      onOpen={() => openDrill(data.unit, kind)}
                    />
                  </span>
                ))}
              </Flex>
            </Flex>
          </Card>

          <ChildrenTable card={data} onOpenUnit={(code) => update({ org: code })} onDrill={openDrill} />
        </Flex>
      )}

      {drill ? <CaseDrawer key={`${drill.filter.orgCode}-${drill.kind}`} drill={drill} onClose={() => setDrill(null)} /> : null}
    </div>
  );
}

function KpiCard({ kpi, row, onDrill }: { kpi: KpiKey; row: ScorecardRow; onDrill: (kind: ScorecardCaseKind) => void }) {
  const t = useT();
  const label = useLabel();
  const formatNumber = useFormatNumber();
  const definition = kpiDefinitions[kpi];
  const value = row.kpis[kpi];
  const standing = standingOf(kpi, value);
  return (
    <Card className="sc-kpi" data-testid={`kpi-${kpi}`} data-standing={standing} data-value={value ?? ''}>
      <div className="sc-kpi-head">
        <span>{label(definition)}</span>
        <Tooltip title={<KpiHelp kpi={kpi} />}>
          <span data-testid={`kpi-${kpi}-help`}>
            <Icon name="info" />
          </span>
        </Tooltip>
      </div>
      <div className="sc-kpi-value" data-testid={`kpi-${kpi}-value`}>
        {formatKpi(kpi, value)}
      </div>
      <div className="sc-kpi-counts">
        {kpiCounts[kpi].map((spec) => (
          <span key={spec.label}>
            {t(spec.label)}{' '}
            {spec.kind ? (
              <CountLink
                value={spec.value(row.counts)}
                testId={`drill-${row.orgCode}-${spec.kind}-${kpi}`}
                onOpen={() => onDrill(spec.kind!)}
              />
            ) : (
              <span className="sc-count">{formatNumber(spec.value(row.counts))}</span>
            )}
          </span>
        ))}
      </div>
    </Card>
  );
}

/** The tooltip of a figure: its formula and, for a rate, the colours' thresholds. */
function KpiHelp({ kpi }: { kpi: KpiKey }) {
  const t = useT();
  const definition = kpiDefinitions[kpi];
  return (
    <div data-testid="kpi-help">
      <div>{t('scorecards.formula', { formula: definition.formula })}</div>
      {isRateKey(kpi) ? (
        <div style={{ opacity: 0.85, marginTop: 4 }}>
          {t(rateTargets[kpi].lowerIsBetter ? 'scorecards.targetLower' : 'scorecards.targetHigher', {
            good: formatRate(rateTargets[kpi].good),
            fair: formatRate(rateTargets[kpi].fair),
          })}
        </div>
      ) : null}
      <div style={{ opacity: 0.85, marginTop: 4 }}>{t('scorecards.nullHint')}</div>
    </div>
  );
}

/** A count that opens its cases; nought stays plain. */
function CountLink({ value, onOpen, testId }: { value: number; onOpen: () => void; testId?: string }) {
  const formatNumber = useFormatNumber();
  if (value === 0) return <span className="sc-count" data-testid={testId}>0</span>;
  return (
    <button
      type="button"
      className="sc-count-link"
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

function RateCell({ kpi, value }: { kpi: KpiKey; value: number | null }) {
  return (
    <span className="sc-rate" data-standing={standingOf(kpi, value)}>
      {formatKpi(kpi, value)}
    </span>
  );
}

function ChildrenTable({
  card,
  onOpenUnit,
  onDrill,
}: {
  card: { unit: ScorecardRow; children: ScorecardRow[] };
  onOpenUnit: (code: string) => void;
  onDrill: (row: ScorecardRow, kind: ScorecardCaseKind) => void;
}) {
  const t = useT();
  const label = useLabel();
  if (card.children.length === 0) {
    return (
      <Card size="small" title={t('scorecards.children')}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('scorecards.noChildren')} />
      </Card>
    );
  }
  const countColumn = (kind: 'reported' | 'closed' | 'openOverdue') => ({
    title: t(caseKindLabels[kind]),
    key: kind,
    width: 90,
    align: 'right' as const,
    sorter: (a: ScorecardRow, b: ScorecardRow) => a.counts[kind] - b.counts[kind],
    render: (_: unknown, row: ScorecardRow) => (
      <CountLink value={row.counts[kind]} testId={`drill-${row.orgCode}-${kind}`} onOpen={() => onDrill(row, kind)} />
    ),
  });
  const columns: TableColumnsType<ScorecardRow> = [
    {
      title: t('scorecards.unitColumn'),
      dataIndex: 'orgName',
      fixed: 'left',
      width: 150,
      render: (name: string, row) => (
        <button
          type="button"
          className="sc-unit-link"
          data-testid={`scorecard-open-${row.orgCode}`}
          onClick={(event) => {
            event.stopPropagation();
            onOpenUnit(row.orgCode);
          }}
        >
          {name}
        </button>
      ),
    },
    countColumn('reported'),
    countColumn('closed'),
    countColumn('openOverdue'),
    ...kpiKeys.map((key) => ({
      title: <Tooltip title={kpiDefinitions[key].formula}>{label(kpiDefinitions[key])}</Tooltip>,
      key,
      width: key === 'avgHandleHours' ? 130 : 120,
      align: 'right' as const,
      sorter: (a: ScorecardRow, b: ScorecardRow, order?: 'ascend' | 'descend' | null) => compareNullable(a.kpis[key], b.kpis[key], order),
      render: (_: unknown, row: ScorecardRow) => <RateCell kpi={key} value={row.kpis[key]} />,
    })),
    {
      title: t('scorecards.levelShares'),
      key: 'levels',
      width: 150,
      render: (_, row) => <LevelShareBar shares={row.kpis.levelShares} compact />,
    },
  ];

  return (
    <Card
      size="small"
      title={t('scorecards.children')}
      extra={
        <span className="sc-legend">
          <span>
            <span className="sc-legend-swatch" style={{ background: '#52c41a' }} />
            {t('scorecards.legend.good')}
          </span>
          <span>
            <span className="sc-legend-swatch" style={{ background: '#faad14' }} />
            {t('scorecards.legend.fair')}
          </span>
          <span>
            <span className="sc-legend-swatch" style={{ background: '#f5222d' }} />
            {t('scorecards.legend.poor')}
          </span>
        </span>
      }
    >
      <Table<ScorecardRow>
        data-testid="scorecard-children"
        rowKey="orgCode"
        size="small"
        columns={columns}
        dataSource={card.children}
        pagination={false}
        scroll={{ x: 1420 }}
        showSorterTooltip={false}
        rowClassName={() => 'ev-row'}
        onRow={(row) =>
          ({
            'data-testid': `scorecard-row-${row.orgCode}`,
            style: { cursor: 'pointer' },
            onClick: () => onOpenUnit(row.orgCode),
          }) as HTMLAttributes<HTMLElement>
        }
        summary={() => (
          <Table.Summary fixed="bottom">
            <Table.Summary.Row className="sc-summary" data-testid="scorecard-total">
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('scorecards.total', { unit: card.unit.orgName })}</Typography.Text>
              </Table.Summary.Cell>
              {(['reported', 'closed', 'openOverdue'] as const).map((kind, i) => (
                <Table.Summary.Cell key={kind} index={i + 1} align="right">
                  <CountLink value={card.unit.counts[kind]} onOpen={() => onDrill(card.unit, kind)} />
                </Table.Summary.Cell>
              ))}
              {kpiKeys.map((key, i) => (
                <Table.Summary.Cell key={key} index={i + 4} align="right">
                  <RateCell kpi={key} value={card.unit.kpis[key]} />
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={4 + kpiKeys.length}>
                <LevelShareBar shares={card.unit.kpis.levelShares} compact />
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </Card>
  );
}
