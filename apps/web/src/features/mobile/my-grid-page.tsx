import { Badge, Button, Empty, Popconfirm, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { GridPost, Me, OrgUnit, OrgUnitDetail } from '@shizhi/domain';
import { GridMap } from '../../components/grid-map.tsx';
import { H5Card, H5Page } from '../../components/h5-layout.tsx';
import { Icon } from '../../components/icon.tsx';
import { UrbanTag } from '../../components/level-tag.tsx';
import { ErrorBlock, LoadingBlock } from '../../components/page-states.tsx';
import { useFormatNumber, useT } from '../../i18n/index.ts';
import { useGridCollection, useOrgRoots, useOrgUnit } from '../../lib/org-queries.ts';
import { useEventList } from '../../lib/events-api.ts';
import { can, useLogout, useMe, usePublicConfig } from '../../lib/session.ts';
import { outboxFor, useOutboxItems } from './outbox.ts';
import './my-grid-page.css';

/** The grid worker's phone page: their grid(s), the A/B partner and the community's 综治中心. */
export function MyGridPage() {
  const t = useT();
  const me = useMe().data;
  const roots = useOrgRoots();
  if (!me) return null;
  const grids = roots.data?.roots.filter((u) => u.level === 'grid') ?? [];

  return (
    <H5Page
      testId="mobile-page"
      title={t('mobile.title')}
      actions={<LogoutButton />}
      hero={
        <>
          <div className="h5-hero-name">{t('mobile.hello', { name: me.user.displayName })}</div>
          <div className="h5-hero-sub">
            {t('mobile.role')} · {me.user.username}
          </div>
        </>
      }
    >
      <EventTiles me={me} />
      {roots.isPending ? (
        <H5Card>
          <LoadingBlock minHeight={200} />
        </H5Card>
      ) : roots.isError ? (
        <ErrorBlock error={roots.error} onRetry={() => void roots.refetch()} />
      ) : grids.length === 0 ? (
        <H5Card>
          <Empty description={t('mobile.noGrid')} />
        </H5Card>
      ) : (
        grids.map((grid) => <MyGrid key={grid.code} grid={grid} me={me} />)
      )}
      {can(me, 'workbench.view') ? (
        <div className="h5-footer">
          <Link to="/">
            <Button type="link" icon={<Icon name="desktop" />}>
              {t('mobile.toDesktop')}
            </Button>
          </Link>
        </div>
      ) : null}
    </H5Page>
  );
}

/** 上报事件 and 我的待办, the two things a worker opens this page for. */
function EventTiles({ me }: { me: Me }) {
  const t = useT();
  const todo = useEventList({ view: 'todo', page: 1, pageSize: 1 }, { refetchInterval: 60_000 });
  const outbox = outboxFor(me.user.id);
  const queued = useOutboxItems(outbox).filter((i) => i.status === 'pending' || i.status === 'sending').length;
  if (!can(me, 'events.view')) return null;
  return (
    <div className="m-tiles">
      {can(me, 'events.report') ? (
        <Link to="/m/report" className="m-tile" data-testid="m-to-report">
          <span className="m-tile-icon" style={{ background: '#e8590c' }}>
            <Icon name="form" />
          </span>
          <span className="m-tile-title">{t('m.report')}</span>
          <span className="m-tile-sub">{queued > 0 ? t('m.queued', { n: queued }) : t('m.reportHint')}</span>
        </Link>
      ) : null}
      <Link to="/m/tasks" className="m-tile" data-testid="m-to-tasks">
        <span className="m-tile-icon" style={{ background: '#1554b0' }}>
          <Icon name="unorderedList" />
        </span>
        <span className="m-tile-title">
          {t('m.tasks')}
          {todo.data && todo.data.total > 0 ? <Badge count={todo.data.total} style={{ marginInlineStart: 6 }} /> : null}
        </span>
        <span className="m-tile-sub">{t('m.tasksHint')}</span>
      </Link>
      <Link to="/m/screening" className="m-tile" data-testid="m-to-screening">
        <span className="m-tile-icon" style={{ background: '#2f9e44' }}>
          <Icon name="fileSearch" />
        </span>
        <span className="m-tile-title">{t('m.screening')}</span>
        <span className="m-tile-sub">{t('m.screeningHint')}</span>
      </Link>
      {can(me, 'registers.view') ? (
        <Link to="/m/people" className="m-tile" data-testid="m-to-people">
          <span className="m-tile-icon" style={{ background: '#7048e8' }}>
            <Icon name="idcard" />
          </span>
          <span className="m-tile-title">{t('m.people')}</span>
          <span className="m-tile-sub">{t('m.peopleHint')}</span>
        </Link>
      ) : null}
    </div>
  );
}

function LogoutButton() {
  const t = useT();
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Popconfirm
      title={t('header.logoutConfirm')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      placement="bottomRight"
      okButtonProps={{ 'data-testid': 'logout-confirm', loading: logout.isPending }}
      onConfirm={async () => {
        await logout.mutateAsync().catch(() => undefined);
        void navigate('/login', { replace: true });
      }}
    >
      <Button type="text" aria-label={t('header.logout')} icon={<Icon name="logout" />} data-testid="logout" />
    </Popconfirm>
  );
}

function MyGrid({ grid, me }: { grid: OrgUnit; me: Me }) {
  const t = useT();
  const formatNumber = useFormatNumber();
  const detail = useOrgUnit(grid.code);
  const collection = useGridCollection(grid.code);
  const config = usePublicConfig();
  const feature = collection.data?.features.find((f) => f.properties.code === grid.code);
  const villageCode = feature?.properties.villageCode ?? grid.parentCode ?? undefined;
  const villageName = feature?.properties.villageName ?? detail.data?.ancestors.at(-1)?.name;
  const detailPosts = detail.data?.posts ?? [];
  const posts = detailPosts.length > 0 ? detailPosts : (feature?.properties.workers ?? []);

  return (
    <>
      <div className="h5-card" data-testid={`my-grid-${grid.code}`}>
        <div className="mg-grid-name">{grid.name}</div>
        <div className="mg-grid-meta">
          {t('mobile.gridCode')} {grid.code}
        </div>
        <div className="mg-grid-meta" style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          {villageName ? (
            <span>
              {t('common.labelValue', { label: t('mobile.village'), value: villageName })}
            </span>
          ) : null}
          <UrbanTag urban={grid.urban ?? feature?.properties.urban ?? null} />
        </div>
        <div className="mg-stats">
          <div className="mg-stat">
            <div className="mg-stat-label">{t('common.households')}</div>
            <div className="mg-stat-value">{formatNumber(grid.households ?? feature?.properties.households)}</div>
          </div>
          <div className="mg-stat">
            <div className="mg-stat-label">{t('common.population')}</div>
            <div className="mg-stat-value">{formatNumber(grid.population ?? feature?.properties.population)}</div>
          </div>
        </div>
      </div>

      <div className="h5-card" data-testid="my-grid-posts">
        <div className="h5-card-title">
          <Icon name="team" />
          {t('mobile.posts')}
        </div>
        {(['A', 'B'] as const).map((post) => (
          <PostRow key={post} post={post} worker={posts.find((p) => p.post === post)} me={me} />
        ))}
      </div>

      <div className="h5-card">
        <div className="h5-card-title">
          <Icon name="environment" />
          {t('mobile.map')}
        </div>
        {collection.isPending ? (
          <LoadingBlock minHeight={220} />
        ) : collection.data && collection.data.features.length > 0 ? (
          <GridMap
            collection={collection.data}
            height={240}
            labels="full"
            showLegend={false}
            tileUrl={config.data?.mapTileUrl ?? null}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </div>

      <CenterCard gridCenter={detail.data?.center ?? null} villageCode={detail.data ? villageCode : undefined} />
    </>
  );
}

function PostRow({ post, worker, me }: { post: 'A' | 'B'; worker: GridPost | undefined; me: Me }) {
  const t = useT();
  const isMe = worker?.username === me.user.username;
  return (
    <div className="mg-post" data-testid={`my-grid-post-${post}`}>
      <div className="mg-post-badge" style={{ background: post === 'A' ? '#1554b0' : '#2e9d62' }}>
        {post}
      </div>
      <div style={{ flex: 1, minWidth: 0 }}>
        {worker ? (
          <>
            <div className="mg-post-name">
              {worker.workerName}{' '}
              <Tag color={isMe ? 'gold' : 'blue'} style={{ marginInlineStart: 4 }}>
                {isMe ? t('mobile.me') : t('mobile.partner')}
              </Tag>
            </div>
            <div className="mg-post-phone">
              <Icon name="phone" /> {worker.phone}
            </div>
          </>
        ) : (
          <div className="mg-post-phone">{t('org.postNone')}</div>
        )}
      </div>
      <Tag style={{ marginInlineEnd: 0 }}>{t('org.post', { post })}</Tag>
    </div>
  );
}

/** The grid's own record names the community's centre; if it does not, ask the community. */
function CenterCard({ gridCenter, villageCode }: { gridCenter: OrgUnitDetail['center']; villageCode: string | undefined }) {
  const t = useT();
  const village = useOrgUnit(gridCenter ? undefined : villageCode);
  const center = gridCenter ?? village.data?.center ?? null;
  return (
    <div className="h5-card" data-testid="my-grid-center">
      <div className="h5-card-title">
        <Icon name="bank" />
        {t('mobile.center')}
      </div>
      {center ? (
        <>
          <div className="mg-post-name" style={{ marginBottom: 6 }}>
            {center.name}
          </div>
          <div className="h5-row">
            <span>{t('common.address')}</span>
            <span>{center.address ?? t('common.none')}</span>
          </div>
          <div className="h5-row">
            <span>{t('common.phone')}</span>
            {center.phone ? <a href={`tel:${center.phone}`}>{center.phone}</a> : <span>{t('common.none')}</span>}
          </div>
        </>
      ) : (
        <div className="mg-post-phone">{t('org.centerNone')}</div>
      )}
    </div>
  );
}
