import { useMemo, useState, type ReactNode } from 'react';
import { Card, Col, Descriptions, Empty, Flex, Progress, Row, Segmented, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { roleLabels, type Me, type OrgUnit } from '@shizhi/domain';
import { Icon, type IconName } from '../../components/icon.tsx';
import { LevelTag } from '../../components/level-tag.tsx';
import { ErrorBlock, LoadingBlock } from '../../components/page-states.tsx';
import { useFormatNumber, useLabel, useLocale, useT } from '../../i18n/index.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useFocusUnit, useGridCollection, useOrgRoots, useOrgUnit } from '../../lib/org-queries.ts';
import { can, primaryAssignment, useMe } from '../../lib/session.ts';
import { childrenAsAreas, groupGridsBelow, summariseGrids, type AreaGridStats } from './grid-stats.ts';
import './workbench-home-page.css';

export function WorkbenchHomePage() {
  const me = useMe().data;
  const roots = useOrgRoots();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  if (!me) return null;
  if (roots.isPending) return <LoadingBlock />;
  if (roots.isError) return <ErrorBlock error={roots.error} onRetry={() => void roots.refetch()} />;

  const list = roots.data.roots;
  const current = list.find((u) => u.code === chosen) ?? list[0];

  return (
    <div data-testid="workbench">
      <WelcomeBanner me={me} />
      {list.length > 1 ? (
        <Segmented
          style={{ marginBottom: 16 }}
          value={current?.code}
          onChange={(code) => setChosen(String(code))}
          options={list.map((u) => ({ value: u.code, label: u.name }))}
        />
      ) : null}
      {current ? <RootOverview me={me} root={current} /> : <Empty description={<NoRoots />} />}
    </div>
  );
}

function NoRoots() {
  const t = useT();
  return <>{t('workbench.noRoots')}</>;
}

function WelcomeBanner({ me }: { me: Me }) {
  const t = useT();
  const label = useLabel();
  const { locale } = useLocale();
  const primary = primaryAssignment(me);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'full' }).format(new Date());
  return (
    <div className="wb-banner">
      <div>
        <h2>{t('workbench.greeting', { name: me.user.displayName })}</h2>
        <p>
          {t('workbench.today', { date })}
          {primary ? ` · ${label(roleLabels[primary.role])} · ${primary.orgName}` : ''}
        </p>
      </div>
    </div>
  );
}

interface StatSpec {
  key: string;
  label: MessageKey;
  icon: IconName;
  color: string;
  value: number;
  hint?: ReactNode;
}

function RootOverview({ me, root }: { me: Me; root: OrgUnit }) {
  const focus = useFocusUnit(root);
  if (focus.pending) return <LoadingBlock />;
  const unit = focus.unit ?? root;
  return <UnitOverview key={unit.code} me={me} unit={unit} />;
}

function UnitOverview({ me, unit }: { me: Me; unit: OrgUnit }) {
  const t = useT();
  const formatNumber = useFormatNumber();
  const mapAllowed = can(me, 'map.view') && unit.level !== 'department';
  const detail = useOrgUnit(unit.code);
  const grids = useGridCollection(mapAllowed ? unit.code : undefined);

  const stats = useMemo(() => (grids.data ? summariseGrids(grids.data) : null), [grids.data]);
  const breakdown = useMemo(() => {
    if (!detail.data) return [];
    if (!mapAllowed) return childrenAsAreas(detail.data.children);
    if (!grids.data) return [];
    const names = new Map(detail.data.children.map((c) => [c.code, c.name]));
    const grouped = groupGridsBelow(grids.data, unit.level, (code) => names.get(code));
    return grouped.length ? grouped : childrenAsAreas(detail.data.children);
  }, [grids.data, detail.data, unit.level, mapAllowed]);

  if (grids.isError) return <ErrorBlock error={grids.error} onRetry={() => void grids.refetch()} />;
  if (detail.isError) return <ErrorBlock error={detail.error} onRetry={() => void detail.refetch()} />;

  const above = (levels: OrgUnit['level'][]) => levels.includes(unit.level);
  const territorialChildren = detail.data?.children.filter((c) => c.level !== 'department') ?? [];
  let specs: StatSpec[] = [];
  if (unit.level === 'department') {
    specs = [];
  } else if (stats) {
    specs = [
      ...(above(['province', 'city', 'county'])
        ? [{ key: 'townships', label: 'workbench.townships', icon: 'bank', color: '#1554b0', value: stats.townships } as const]
        : []),
      ...(above(['province', 'city', 'county', 'township'])
        ? [{ key: 'villages', label: 'workbench.villages', icon: 'home', color: '#0f8a8a', value: stats.villages } as const]
        : []),
      {
        key: 'grids',
        label: 'workbench.grids',
        icon: 'border',
        color: '#2e9d62',
        value: stats.grids,
        hint: t('workbench.urbanRuralShort', { urban: stats.urbanGrids, rural: stats.grids - stats.urbanGrids }),
      },
      { key: 'households', label: 'workbench.households', icon: 'home', color: '#d9822b', value: unit.households ?? stats.households },
      { key: 'population', label: 'workbench.population', icon: 'team', color: '#7a4fd1', value: unit.population ?? stats.population },
      {
        key: 'posts',
        label: 'workbench.posts',
        icon: 'idcard',
        color: '#c0392b',
        value: stats.postsTotal,
        hint: t('workbench.postsFilled', { filled: formatNumber(stats.postsFilled), total: formatNumber(stats.postsTotal) }),
      },
    ];
  } else if (detail.data && !mapAllowed) {
    specs = [
      { key: 'households', label: 'workbench.households', icon: 'home', color: '#d9822b', value: unit.households ?? 0 },
      { key: 'population', label: 'workbench.population', icon: 'team', color: '#7a4fd1', value: unit.population ?? 0 },
      {
        key: 'grids',
        label: 'workbench.grids',
        icon: 'border',
        color: '#2e9d62',
        value: unit.level === 'grid' ? 1 : territorialChildren.filter((c) => c.level === 'grid').length || unit.gridCount,
      },
      ...(unit.level === 'grid'
        ? []
        : [{ key: 'children', label: 'workbench.children', icon: 'apartment', color: '#1554b0', value: territorialChildren.length } as const]),
    ];
  }
  const loadingStats = (mapAllowed && grids.isPending) || detail.isPending;
  const breakdownTitle =
    mapAllowed && unit.level === 'township'
      ? t('workbench.byVillage')
      : mapAllowed && above(['province', 'city', 'county'])
        ? t('workbench.byTownship')
        : t('workbench.byChild');

  return (
    <>
      {loadingStats ? (
        <div className="wb-stats">
          {Array.from({ length: 6 }, (_, i) => (
            <Card key={i} loading className="wb-stat-card" />
          ))}
        </div>
      ) : specs.length ? (
        <div className="wb-stats" data-testid="workbench-stats">
          {specs.map((spec) => (
            <StatCard key={spec.key} spec={spec} />
          ))}
        </div>
      ) : (
        <div data-testid="workbench-stats" />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            title={
              <Flex align="center" gap={8}>
                <span>{unit.level === 'department' ? t('org.departmentInfo') : breakdownTitle}</span>
                <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 13 }}>
                  {unit.name}
                </Typography.Text>
              </Flex>
            }
            extra={mapAllowed ? <Link to={`/map/${unit.code}`}>{t('org.openMap')}</Link> : null}
            styles={{ body: { padding: breakdown.length ? 0 : undefined } }}
            loading={detail.isPending}
          >
            {breakdown.length ? (
              <BreakdownTable rows={breakdown} totalHouseholds={breakdown.reduce((sum, r) => sum + r.households, 0)} />
            ) : (
              <UnitSummary unit={unit} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <QuickLinks me={me} />
            {unit.level !== 'department' ? (
              <Card title={t('workbench.unitCenter')} loading={detail.isPending}>
                {detail.data?.center ? (
                  <Descriptions
                    column={1}
                    size="small"
                    items={[
                      { key: 'name', label: t('common.name'), children: detail.data.center.name },
                      { key: 'address', label: t('common.address'), children: detail.data.center.address ?? t('common.none') },
                      { key: 'phone', label: t('common.phone'), children: detail.data.center.phone ?? t('common.none') },
                    ]}
                  />
                ) : (
                  <Typography.Text type="secondary">{t('org.centerNone')}</Typography.Text>
                )}
              </Card>
            ) : null}
          </Flex>
        </Col>
      </Row>
    </>
  );
}

function StatCard({ spec }: { spec: StatSpec }) {
  const t = useT();
  const formatNumber = useFormatNumber();
  return (
    <Card className="wb-stat-card" data-testid={`stat-${spec.key}`}>
      <Flex gap={14} align="center">
        <div className="wb-stat-icon" style={{ background: `${spec.color}14`, color: spec.color }}>
          <Icon name={spec.icon} />
        </div>
        <div style={{ minWidth: 0 }}>
          <div className="wb-stat-label">{t(spec.label)}</div>
          <div className="wb-stat-value">{formatNumber(spec.value)}</div>
        </div>
      </Flex>
      {spec.hint ? <div className="wb-stat-hint">{spec.hint}</div> : null}
    </Card>
  );
}

function BreakdownTable({ rows, totalHouseholds }: { rows: AreaGridStats[]; totalHouseholds: number }) {
  const t = useT();
  const formatNumber = useFormatNumber();
  const columns: TableColumnsType<AreaGridStats> = [
    {
      title: t('common.name'),
      dataIndex: 'name',
      render: (name: string, row) => <Link to={`/org/${row.code}`}>{name}</Link>,
    },
    {
      title: t('common.grids'),
      dataIndex: 'grids',
      align: 'right',
      sorter: (a, b) => a.grids - b.grids,
      render: (value: number) => formatNumber(value),
    },
    ...(rows.some((row) => row.urbanGrids === null)
      ? []
      : ([
          {
            title: `${t('common.urban')} / ${t('common.rural')}`,
            key: 'urban',
            align: 'right',
            responsive: ['md'],
            render: (_, row) => `${row.urbanGrids ?? 0} / ${row.grids - (row.urbanGrids ?? 0)}`,
          },
        ] satisfies TableColumnsType<AreaGridStats>)),
    {
      title: t('common.households'),
      dataIndex: 'households',
      align: 'right',
      sorter: (a, b) => a.households - b.households,
      render: (value: number) => formatNumber(value),
    },
    {
      title: t('common.population'),
      dataIndex: 'population',
      align: 'right',
      responsive: ['sm'],
      sorter: (a, b) => a.population - b.population,
      render: (value: number) => formatNumber(value),
    },
    {
      title: t('workbench.share'),
      key: 'share',
      width: 180,
      responsive: ['lg'],
      render: (_, row) => (
        <Progress
          percent={totalHouseholds ? Math.round((row.households / totalHouseholds) * 1000) / 10 : 0}
          size="small"
          strokeColor="#1554b0"
        />
      ),
    },
  ];
  return (
    <Table<AreaGridStats>
      rowKey="code"
      size="middle"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      data-testid="workbench-breakdown"
    />
  );
}

function UnitSummary({ unit }: { unit: OrgUnit }) {
  const t = useT();
  const formatNumber = useFormatNumber();
  return (
    <Descriptions
      column={{ xs: 1, sm: 2 }}
      items={[
        { key: 'name', label: t('common.name'), children: unit.name },
        { key: 'level', label: t('common.level'), children: <LevelTag level={unit.level} kind={unit.kind} /> },
        { key: 'code', label: t('common.code'), children: unit.code },
        ...(unit.level === 'department'
          ? []
          : [
              { key: 'households', label: t('common.households'), children: formatNumber(unit.households) },
              { key: 'population', label: t('common.population'), children: formatNumber(unit.population) },
              { key: 'grids', label: t('common.grids'), children: formatNumber(unit.gridCount) },
            ]),
      ]}
    />
  );
}

const quickLinks: { path: string; capability: Parameters<typeof can>[1]; icon: IconName; title: MessageKey; desc: MessageKey }[] = [
  { path: '/events', capability: 'events.view', icon: 'alert', title: 'menu.events', desc: 'workbench.link.events' },
  { path: '/scorecards', capability: 'events.view', icon: 'barChart', title: 'menu.scorecards', desc: 'workbench.link.scorecards' },
  { path: '/org', capability: 'org.view', icon: 'apartment', title: 'menu.org', desc: 'workbench.link.org' },
  { path: '/map', capability: 'map.view', icon: 'environment', title: 'menu.map', desc: 'workbench.link.map' },
  { path: '/users', capability: 'users.manage', icon: 'team', title: 'menu.users', desc: 'workbench.link.users' },
  { path: '/audit', capability: 'audit.view', icon: 'audit', title: 'menu.audit', desc: 'workbench.link.audit' },
  { path: '/m', capability: 'mobile.view', icon: 'mobile', title: 'mobile.title', desc: 'workbench.link.mobile' },
];

function QuickLinks({ me }: { me: Me }) {
  const t = useT();
  const links = quickLinks.filter((link) => can(me, link.capability));
  return (
    <Card title={t('workbench.quickLinks')} data-testid="quick-links">
      <Flex vertical gap={10}>
        {links.map((link) => (
          <Link key={link.path} to={link.path} className="wb-link">
            <div className="wb-stat-icon" style={{ background: '#1554b014', color: '#1554b0' }}>
              <Icon name={link.icon} />
            </div>
            <div style={{ flex: 1, minWidth: 0 }}>
              <div className="wb-link-title">{t(link.title)}</div>
              <div className="wb-link-desc">{t(link.desc)}</div>
            </div>
            <Icon name="right" style={{ color: '#b0b9c6' }} />
          </Link>
        ))}
      </Flex>
    </Card>
  );
}
