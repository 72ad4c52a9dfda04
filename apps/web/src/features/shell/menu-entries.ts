import type { Capability, Me } from '@shizhi/domain';
import type { IconName } from '../../components/icon.tsx';
import type { MessageKey } from '../../i18n/index.ts';
import { canFileHotline, hasRole } from '../../lib/session.ts';

export interface MenuEntry {
  path: string;
  testId: string;
  capability: Capability;
  icon: IconName;
  label: MessageKey;
  /** A further condition beyond the capability. */
  when?: (me: Me) => boolean;
  /** Entries of a group sit together in a submenu. */
  group?: MenuGroup;
}

export type MenuGroup = 'oversight' | 'registers' | 'system';

export const menuGroups: Record<MenuGroup, { testId: string; icon: IconName; label: MessageKey }> = {
  oversight: { testId: 'menu-oversight', icon: 'safety', label: 'menu.oversight' },
  registers: { testId: 'menu-registers', icon: 'idcard', label: 'menu.registers' },
  system: { testId: 'menu-system', icon: 'setting', label: 'menu.system' },
};

/** The menu follows the capability table in @shizhi/domain, so no entry leads to a refused page. */
export const menuEntries: readonly MenuEntry[] = [
  { path: '/', testId: 'menu-workbench', capability: 'workbench.view', icon: 'dashboard', label: 'menu.workbench' },
  { path: '/org', testId: 'menu-org', capability: 'org.view', icon: 'apartment', label: 'menu.org' },
  { path: '/events', testId: 'menu-events', capability: 'events.view', icon: 'alert', label: 'menu.events' },
  {
    path: '/events/new',
    testId: 'menu-hotline',
    capability: 'events.report',
    icon: 'phone',
    label: 'menu.hotline',
    // Grid workers report from the phone page.
    when: canFileHotline,
  },
  { path: '/disputes', testId: 'menu-disputes', capability: 'disputes.view', icon: 'solution', label: 'menu.disputes' },
  { path: '/disputes/figures', testId: 'menu-dispute-figures', capability: 'disputes.view', icon: 'barChart', label: 'menu.disputeFigures' },
  { path: '/oversight/screening', testId: 'menu-screening', capability: 'disputes.view', icon: 'fileSearch', label: 'menu.screening', group: 'oversight' },
  { path: '/oversight/hard-cases', testId: 'menu-hard-cases', capability: 'disputes.view', icon: 'flag', label: 'menu.hardCases', group: 'oversight' },
  { path: '/oversight/meetings', testId: 'menu-meetings', capability: 'disputes.view', icon: 'team', label: 'menu.meetings', group: 'oversight' },
  { path: '/oversight/warnings', testId: 'menu-warnings', capability: 'disputes.view', icon: 'alert', label: 'menu.warnings', group: 'oversight' },
  // 一标三实: the registers, their import and the collection figures (docs/registers-guide.md).
  { path: '/registers/people', testId: 'menu-people', capability: 'registers.view', icon: 'user', label: 'menu.people', group: 'registers' },
  { path: '/registers/houses', testId: 'menu-houses', capability: 'registers.view', icon: 'home', label: 'menu.houses', group: 'registers' },
  { path: '/registers/organisations', testId: 'menu-organisations', capability: 'registers.view', icon: 'bank', label: 'menu.organisations', group: 'registers' },
  { path: '/registers/addresses', testId: 'menu-addresses', capability: 'registers.view', icon: 'environment', label: 'menu.addresses', group: 'registers' },
  { path: '/registers/imports', testId: 'menu-register-imports', capability: 'registers.import', icon: 'cloudUpload', label: 'menu.registerImports', group: 'registers' },
  { path: '/registers/quality', testId: 'menu-register-quality', capability: 'registers.view', icon: 'checkCircle', label: 'menu.registerQuality', group: 'registers' },
  { path: '/scorecards', testId: 'menu-scorecards', capability: 'events.view', icon: 'barChart', label: 'menu.scorecards' },
  { path: '/map', testId: 'menu-map', capability: 'map.view', icon: 'environment', label: 'menu.map' },
  { path: '/users', testId: 'menu-users', capability: 'users.manage', icon: 'team', label: 'menu.users', group: 'system' },
  { path: '/audit', testId: 'menu-audit', capability: 'audit.view', icon: 'audit', label: 'menu.audit', group: 'system' },
  {
    path: '/settings/categories',
    testId: 'menu-categories',
    capability: 'users.manage',
    icon: 'tags',
    label: 'menu.categories',
    // The catalogue is edited by system administrators only (the API checks the role).
    when: (me) => hasRole(me, 'sys_admin'),
    group: 'system',
  },
];

export function selectedMenuPath(pathname: string): string {
  if (pathname === '/events/new' || pathname === '/disputes/figures' || pathname.startsWith('/settings/')) return pathname;
  if (pathname.startsWith('/oversight/') || pathname.startsWith('/registers/')) return pathname.split('/').slice(0, 3).join('/');
  const first = pathname.split('/')[1] ?? '';
  return first ? `/${first}` : '/';
}
