import { useMemo, useState } from 'react';
import { Card, Col, Empty, Flex, Grid, Input, Row, Segmented, Typography } from 'antd';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import type { GridFeature, OrgUnit } from '@shizhi/domain';
import { GridMap } from '../../components/grid-map.tsx';
import { gridFillColor, villageColors, type GridColorMode } from '../../components/grid-map-style.ts';
import { Icon } from '../../components/icon.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { ErrorBlock, LoadingBlock, NotFoundResult } from '../../components/page-states.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormatNumber, useT } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { useFocusUnit, useGridCollection, useOrgRoots } from '../../lib/org-queries.ts';
import { usePublicConfig } from '../../lib/session.ts';
import { belongsToTree } from '../../lib/use-org-children.ts';
import { useViewportHeight } from '../../lib/use-viewport-height.ts';
import './grid-map-page.css';

export function GridMapPage() {
  const t = useT();
  const { code } = useParams();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const roots = useOrgRoots();
  const config = usePublicConfig();
  const grids = useGridCollection(code);
  const [colorChoice, setColorMode] = useState<GridColorMode | null>(null);
  const viewportHeight = useViewportHeight();
  const screens = Grid.useBreakpoint();
  const selectedGrid = searchParams.get('grid');
  // Urban against rural says nothing where every grid is one or the other: colour by community
  // there, and by households inside a single community.
  const features = grids.data?.features ?? [];
  const mixedUrban = new Set(features.map((f) => f.properties.urban)).size > 1;
  const severalVillages = new Set(features.map((f) => f.properties.villageCode)).size > 1;
  const colorMode: GridColorMode = colorChoice ?? (mixedUrban ? 'urban' : severalVillages ? 'village' : 'households');

  if (roots.isPending) return <LoadingBlock />;
  if (roots.isError) return <ErrorBlock error={roots.error} onRetry={() => void roots.refetch()} />;
  const first = roots.data.roots.find((u) => belongsToTree(u, 'territory'));
  if (!code) return first ? <DefaultMapRedirect root={first} /> : <Empty description={t('map.noGrids')} />;

  const selectGrid = (gridCode: string | null) =>
    setSearchParams(gridCode ? { grid: gridCode } : {}, { replace: true });
  const mapHeight = screens.xl === false ? Math.min(460, Math.max(320, viewportHeight - 260)) : Math.max(420, viewportHeight - 200);

  return (
    <div data-testid="map-page">
      <PageHeader
        title={t('menu.map')}
        extra={
          <>
            <OrgTreeSelect
              testId="map-unit-select"
              value={code}
              onChange={(next) => next && void navigate(`/map/${next}`)}
              placeholder={t('map.pickPlaceholder')}
              style={{ width: 280 }}
            />
            <Segmented<GridColorMode>
              data-testid="map-color-mode"
              value={colorMode}
              onChange={setColorMode}
              options={[
                { value: 'urban', label: t('map.colorUrban') },
                { value: 'village', label: t('map.colorVillage') },
                { value: 'households', label: t('map.colorHouseholds') },
              ]}
            />
          </>
        }
      />
      {grids.isPending ? (
        <Card>
          <LoadingBlock minHeight={mapHeight - 48} />
        </Card>
      ) : grids.isError ? (
        isApiError(grids.error) && grids.error.status === 404 ? (
          <Card>
            <NotFoundResult detail={grids.error.message} />
          </Card>
        ) : (
          <ErrorBlock error={grids.error} onRetry={() => void grids.refetch()} />
        )
      ) : grids.data.features.length === 0 ? (
        <Card>
          <Empty description={t('map.noGrids')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={17} xxl={18}>
            <GridMap
              collection={grids.data}
              colorMode={colorMode}
              selectedCode={selectedGrid}
              onSelect={selectGrid}
              tileUrl={config.data?.mapTileUrl ?? null}
              height={mapHeight}
              labels={grids.data.features.length <= 40 ? 'short' : 'none'}
            />
          </Col>
          <Col xs={24} xl={7} xxl={6}>
            <GridList
              features={grids.data.features}
              colorMode={colorMode}
              selectedCode={selectedGrid}
              onSelect={selectGrid}
              height={mapHeight}
            />
          </Col>
        </Row>
      )}
    </div>
  );
}

interface GridListProps {
  features: GridFeature[];
  colorMode: GridColorMode;
  selectedCode: string | null;
  onSelect: (code: string) => void;
  height: number;
}

function GridList({ features, colorMode, selectedCode, onSelect, height }: GridListProps) {
  const t = useT();
  const formatNumber = useFormatNumber();
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const needle = filter.trim();
    if (!needle) return features;
    return features.filter(
      (f) => f.properties.name.includes(needle) || f.properties.code.includes(needle) || f.properties.villageName.includes(needle),
    );
  }, [features, filter]);
  const households = features.reduce((sum, f) => sum + f.properties.households, 0);
  const villages = useMemo(() => villageColors(features), [features]);

  return (
    <Card
      data-testid="grid-list"
      title={t('map.gridList')}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('map.gridCount', { n: formatNumber(features.length) })} · {t('common.unitHouseholds', { n: formatNumber(households) })}
        </Typography.Text>
      }
      styles={{ body: { padding: '12px 12px 0' } }}
    >
      <Input
        allowClear
        prefix={<Icon name="search" style={{ color: '#8491a5' }} />}
        placeholder={t('map.filter')}
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        style={{ marginBottom: 8 }}
      />
      <div className="gm-list" style={{ maxHeight: Math.max(280, height - 120) }}>
        {shown.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          shown.map((feature) => {
            const p = feature.properties;
            const workers = p.workers.map((w) => w.workerName).join('、');
            return (
              <div
                key={p.code}
                role="button"
                tabIndex={0}
                data-testid={`grid-item-${p.code}`}
                className={p.code === selectedCode ? 'gm-item is-selected' : 'gm-item'}
                onClick={() => onSelect(p.code)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') onSelect(p.code);
                }}
              >
                <span className="gm-swatch" style={{ background: gridFillColor(feature, colorMode, villages) }} />
                <Flex vertical style={{ minWidth: 0 }}>
                  <span className="gm-item-name">{p.name}</span>
                  <span className="gm-item-sub">
                    {p.villageName}
                    {workers ? ` · ${workers}` : ''}
                  </span>
                </Flex>
                <span className="gm-item-num">
                  {t('common.unitHouseholds', { n: formatNumber(p.households) })}
                  <br />
                  {t('common.unitPeople', { n: formatNumber(p.population) })}
                </span>
              </div>
            );
          })
        )}
      </div>
    </Card>
  );
}

function DefaultMapRedirect({ root }: { root: OrgUnit }) {
  const focus = useFocusUnit(root);
  if (focus.pending) return <LoadingBlock />;
  return <Navigate to={`/map/${(focus.unit ?? root).code}`} replace />;
}
