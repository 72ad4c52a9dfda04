import { useEffect, useState } from 'react';
import { Avatar, Badge, Button, Drawer, Grid, Layout, Menu, Popconfirm, Tooltip } from 'antd';
import type { MenuProps } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { roleLabels, type Me } from '@shizhi/domain';
import { BrandMark } from '../../components/brand-mark.tsx';
import { Icon } from '../../components/icon.tsx';
import { LangToggle } from '../../components/lang-toggle.tsx';
import { useLiveWarnings } from '../../components/live-warnings.tsx';
import { useLabel, useT } from '../../i18n/index.ts';
import { clearUnseenWarnings, useUnseenWarnings } from '../../lib/live-stream.ts';
import { can, primaryAssignment, useLogout, useMe } from '../../lib/session.ts';
import { menuEntries, menuGroups, selectedMenuPath, type MenuEntry, type MenuGroup } from './menu-entries.ts';
import './workbench-layout.css';

export function WorkbenchLayout() {
  const me = useMe().data;
  const screens = Grid.useBreakpoint();
  const narrow = screens.lg === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const t = useT();
  useLiveWarnings({ eventPath: workbenchEventPath });
  if (!me) return null;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <header className="shell-header">
        {narrow ? (
          <Button
            type="text"
            aria-label={t('header.expand')}
            icon={<Icon name="menuUnfold" />}
            onClick={() => setDrawerOpen(true)}
          />
        ) : null}
        <Link to="/" className="shell-brand">
          <BrandMark size={30} />
          <span>{t('app.name')}</span>
          <span className="shell-brand-sub">· {t('app.subtitle')}</span>
        </Link>
        <HeaderActions me={me} />
      </header>
      <Layout>
        {narrow ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={248}
            styles={{ body: { padding: 0 } }}
            title={t('app.fullName')}
          >
            <ShellMenu me={me} onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        ) : (
          <Layout.Sider
            className="shell-sider"
            theme="light"
            width={216}
            collapsedWidth={64}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
          >
            <ShellMenu me={me} />
          </Layout.Sider>
        )}
        <Layout.Content className="shell-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

const workbenchEventPath = (id: string) => `/events/${id}`;

type MenuItem = NonNullable<MenuProps['items']>[number];

function ShellMenu({ me, onNavigate }: { me: Me; onNavigate?: () => void }) {
  const t = useT();
  const location = useLocation();
  const unseen = useUnseenWarnings();
  const inEvents = location.pathname === '/events' || location.pathname.startsWith('/events/');
  // Opening the event centre is looking at the warnings: the badge starts again from nought.
  useEffect(() => {
    if (inEvents && unseen > 0) clearUnseenWarnings();
  }, [inEvents, unseen]);

  const visible = menuEntries.filter((entry) => can(me, entry.capability) && (entry.when?.(me) ?? true));
  const selected = selectedMenuPath(location.pathname);
  const item = (entry: MenuEntry): MenuItem => ({
    key: entry.path,
    icon: <Icon name={entry.icon} />,
    label: (
      <Link to={entry.path} data-testid={entry.testId} onClick={onNavigate}>
        {t(entry.label)}
        {entry.path === '/events' && unseen > 0 ? (
          <Badge count={unseen} size="small" offset={[6, -2]} data-testid="menu-events-badge" />
        ) : null}
      </Link>
    ),
  });
  const items: MenuItem[] = [];
  const groupsAdded = new Set<MenuGroup>();
  for (const entry of visible) {
    if (!entry.group) {
      items.push(item(entry));
      continue;
    }
    if (groupsAdded.has(entry.group)) continue;
    groupsAdded.add(entry.group);
    const group = menuGroups[entry.group];
    items.push({
      key: entry.group,
      icon: <Icon name={group.icon} />,
      label: <span data-testid={group.testId}>{t(group.label)}</span>,
      children: visible.filter((e) => e.group === entry.group).map(item),
    });
  }
  const openGroup = visible.find((entry) => entry.path === selected)?.group;
  return (
    <div data-testid="menu">
      <Menu
        mode="inline"
        theme="light"
        selectedKeys={[selected]}
        defaultOpenKeys={openGroup ? [openGroup] : []}
        items={items}
      />
    </div>
  );
}

function HeaderActions({ me }: { me: Me }) {
  const t = useT();
  const label = useLabel();
  const navigate = useNavigate();
  const logout = useLogout();
  const primary = primaryAssignment(me);
  const roleText = primary ? `${label(roleLabels[primary.role])} · ${primary.orgName}` : '';

  return (
    <div className="shell-header-right">
      {can(me, 'mobile.view') ? (
        <Tooltip title={t('header.mobile')}>
          <Button type="text" icon={<Icon name="mobile" />} onClick={() => void navigate('/m')} data-testid="to-mobile">
            <span className="shell-btn-label">{t('header.mobile')}</span>
          </Button>
        </Tooltip>
      ) : null}
      <LangToggle light />
      <div className="shell-user" data-testid="current-user" title={roleText}>
        <Avatar size={30} style={{ background: '#f5c244', color: '#0c2a52', fontWeight: 600 }}>
          {me.user.displayName.slice(0, 1)}
        </Avatar>
        <div className="shell-user-text">
          <span className="shell-user-name">{me.user.displayName}</span>
          <span className="shell-user-role">{roleText}</span>
        </div>
      </div>
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
        <Button type="text" icon={<Icon name="logout" />} data-testid="logout">
          <span className="shell-btn-label">{t('header.logout')}</span>
        </Button>
      </Popconfirm>
    </div>
  );
}
