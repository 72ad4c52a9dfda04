import { Breadcrumb, Button, Card, Col, Descriptions, Empty, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { GridPost, OrgUnit, OrgUnitDetail } from '@shizhi/domain';
import { Icon } from '../../components/icon.tsx';
import { LevelTag, UrbanTag } from '../../components/level-tag.tsx';
import { useFormatNumber, useT, type Translate } from '../../i18n/index.ts';
import { useOrgUnit } from '../../lib/org-queries.ts';

export function OrgDetail({ detail, canOpenMap }: { detail: OrgUnitDetail; canOpenMap: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const { unit } = detail;
  const territorialChildren = detail.children.filter((c) => c.level !== 'department');
  const departments = detail.children.filter((c) => c.level === 'department');

  const crumbs = [
    ...detail.ancestors.map((a) => ({ title: <Link to={`/org/${a.code}`}>{a.name}</Link> })),
    { title: unit.name },
  ];

  return (
    <Flex vertical gap={16} data-testid="org-detail" data-code={unit.code}>
      <Card>
        <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} data-testid="org-breadcrumb" />
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <div style={{ minWidth: 0 }}>
            <Flex align="center" gap={8} wrap>
              <Typography.Title level={4} style={{ margin: 0, color: '#0c2a52' }} data-testid="org-detail-name">
                {unit.name}
              </Typography.Title>
              <LevelTag level={unit.level} kind={unit.kind} />
              <UrbanTag urban={unit.urban} />
            </Flex>
            <Typography.Text type="secondary" copyable={{ text: unit.code }} style={{ fontSize: 13 }}>
              {t('common.labelValue', { label: t('common.code'), value: unit.code })}
            </Typography.Text>
          </div>
          {canOpenMap && (unit.level === 'grid' || (unit.level !== 'department' && unit.gridCount > 0)) ? (
            <Button
              type="primary"
              icon={<Icon name="environment" />}
              onClick={() => void navigate(`/map/${unit.code}`)}
              data-testid="org-open-map"
            >
              {t('org.openMap')}
            </Button>
          ) : null}
        </Flex>

        {unit.level !== 'department' ? <UnitFigures detail={detail} /> : null}
      </Card>

      {unit.level === 'department' ? (
        <DepartmentCard detail={detail} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={unit.level === 'grid' ? 10 : 24}>
            {unit.level !== 'grid' ? (
              <CenterCard center={detail.center} />
            ) : detail.center || !unit.parentCode ? (
              // The API gives a grid its community's centre.
              <CenterCard center={detail.center} title={gridCenterTitle(detail, t)} />
            ) : (
              <ParentCenterCard parentCode={unit.parentCode} />
            )}
          </Col>
          {unit.level === 'grid' ? (
            <Col xs={24} xl={14}>
              <PostsCard posts={detail.posts} />
            </Col>
          ) : null}
        </Row>
      )}

      {territorialChildren.length > 0 ? (
        <Card title={`${t('org.children')} (${territorialChildren.length})`} styles={{ body: { padding: 0 } }}>
          <ChildrenTable units={territorialChildren} testId="org-children" />
        </Card>
      ) : null}
      {departments.length > 0 ? (
        <Card title={`${t('org.departments')} (${departments.length})`} styles={{ body: { padding: 0 } }}>
          <ChildrenTable units={departments} testId="org-departments" />
        </Card>
      ) : null}
    </Flex>
  );
}

/** Figures of a unit; a city without its own totals shows the sum of its districts. */
function UnitFigures({ detail }: { detail: OrgUnitDetail }) {
  const t = useT();
  const formatNumber = useFormatNumber();
  const { unit } = detail;
  const territorial = detail.children.filter((c) => c.level !== 'department');
  const sum = (pick: (u: OrgUnit) => number | null) =>
    territorial.some((c) => pick(c) !== null) ? territorial.reduce((total, c) => total + (pick(c) ?? 0), 0) : null;
  const households = unit.households ?? sum((c) => c.households);
  const population = unit.population ?? sum((c) => c.population);
  const figures = [
    { key: 'households', title: t('common.households'), value: households },
    { key: 'population', title: t('common.population'), value: population },
    ...(unit.level === 'grid'
      ? []
      : [
          { key: 'grids', title: t('common.grids'), value: unit.gridCount },
          { key: 'children', title: t('common.childCount'), value: territorial.length },
        ]),
  ];
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 20 }}>
      {figures.map((figure) => (
        <Col xs={12} md={6} key={figure.key}>
          <Statistic title={figure.title} value={formatNumber(figure.value)} />
        </Col>
      ))}
    </Row>
  );
}

function gridCenterTitle(detail: OrgUnitDetail, t: Translate): string {
  const village = detail.ancestors.find((a) => a.level === 'village');
  return village ? t('org.parentCenter', { name: village.name }) : t('mobile.center');
}

function ParentCenterCard({ parentCode }: { parentCode: string }) {
  const t = useT();
  const parent = useOrgUnit(parentCode);
  return (
    <CenterCard
      center={parent.data?.center ?? null}
      loading={parent.isPending}
      title={parent.data ? t('org.parentCenter', { name: parent.data.unit.name }) : t('org.center')}
    />
  );
}

function DepartmentCard({ detail }: { detail: OrgUnitDetail }) {
  const t = useT();
  const county = [...detail.ancestors].reverse().find((a) => a.level === 'county');
  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <Icon name="solution" style={{ color: '#1554b0' }} />
          {t('org.departmentInfo')}
        </Flex>
      }
      data-testid="org-department-info"
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'name', label: t('common.name'), children: detail.unit.name },
          { key: 'county', label: t('org.departmentOf'), children: county?.name ?? t('common.none') },
          { key: 'role', label: t('org.departmentRole'), children: t('org.departmentRoleText') },
          ...(detail.center
            ? [{ key: 'phone', label: t('common.phone'), children: detail.center.phone ?? t('common.none') }]
            : []),
        ]}
      />
    </Card>
  );
}

function CenterCard({
  center,
  title,
  loading = false,
}: {
  center: OrgUnitDetail['center'];
  title?: string;
  loading?: boolean;
}) {
  const t = useT();
  return (
    <Card
      loading={loading}
      title={
        <Flex align="center" gap={8}>
          <Icon name="bank" style={{ color: '#1554b0' }} />
          {title ?? t('org.center')}
        </Flex>
      }
      style={{ height: '100%' }}
      data-testid="org-center"
    >
      {center ? (
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'name', label: t('common.name'), children: center.name },
            { key: 'address', label: t('common.address'), children: center.address ?? t('common.none') },
            {
              key: 'phone',
              label: t('common.phone'),
              children: center.phone ? <a href={`tel:${center.phone}`}>{center.phone}</a> : t('common.none'),
            },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.centerNone')} />
      )}
    </Card>
  );
}

function PostsCard({ posts }: { posts: GridPost[] }) {
  const t = useT();
  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <Icon name="idcard" style={{ color: '#1554b0' }} />
          {t('org.posts')}
        </Flex>
      }
      style={{ height: '100%' }}
      data-testid="org-posts"
    >
      <Row gutter={[12, 12]}>
        {(['A', 'B'] as const).map((post) => {
          const worker = posts.find((p) => p.post === post);
          return (
            <Col xs={24} sm={12} key={post}>
              <div
                style={{
                  border: '1px solid #e6eaf1',
                  borderRadius: 8,
                  padding: '12px 14px',
                  background: post === 'A' ? '#f5f8ff' : '#f6fbf8',
                }}
              >
                <Tag color={post === 'A' ? 'blue' : 'green'}>{t('org.post', { post })}</Tag>
                {worker ? (
                  <>
                    <div style={{ fontSize: 16, fontWeight: 600, marginTop: 8 }}>{worker.workerName}</div>
                    <div style={{ color: '#6b778c', marginTop: 2 }}>
                      <Icon name="phone" /> {worker.phone}
                    </div>
                    {worker.username ? (
                      <div style={{ color: '#8491a5', fontSize: 12, marginTop: 2 }}>
                        {t('common.labelValue', { label: t('common.account'), value: worker.username })}
                      </div>
                    ) : null}
                  </>
                ) : (
                  <div style={{ color: '#8491a5', marginTop: 8 }}>{t('org.postNone')}</div>
                )}
              </div>
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}

function ChildrenTable({ units, testId }: { units: OrgUnit[]; testId: string }) {
  const t = useT();
  const formatNumber = useFormatNumber();
  const isDepartmentList = units.every((u) => u.level === 'department');
  const columns: TableColumnsType<OrgUnit> = [
    {
      title: t('common.name'),
      dataIndex: 'name',
      render: (name: string, unit) => (
        <Link to={`/org/${unit.code}`} data-testid={`org-child-${unit.code}`}>
          {name}
        </Link>
      ),
    },
    {
      title: t('common.level'),
      dataIndex: 'level',
      responsive: ['md'],
      render: (_, unit) => (
        <Flex gap={4}>
          <LevelTag level={unit.level} kind={unit.kind} />
          <UrbanTag urban={unit.urban} />
        </Flex>
      ),
    },
    { title: t('common.code'), dataIndex: 'code', responsive: ['lg'], className: 'tabular' },
    ...(isDepartmentList
      ? []
      : ([
          {
            title: t('common.households'),
            dataIndex: 'households',
            align: 'right',
            render: (v: number | null) => formatNumber(v),
          },
          {
            title: t('common.population'),
            dataIndex: 'population',
            align: 'right',
            responsive: ['sm'],
            render: (v: number | null) => formatNumber(v),
          },
          {
            title: t('common.grids'),
            dataIndex: 'gridCount',
            align: 'right',
            render: (v: number) => formatNumber(v),
          },
        ] satisfies TableColumnsType<OrgUnit>)),
  ];
  return (
    <Table<OrgUnit>
      data-testid={testId}
      rowKey="code"
      size="middle"
      columns={columns}
      dataSource={units}
      pagination={units.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
    />
  );
}
