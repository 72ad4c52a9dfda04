import type { Capability } from '@shizhi/domain';
import type { IconName } from '../../components/icon.tsx';
import type { MessageKey } from '../../i18n/index.ts';

export interface MenuEntry {
  path: string;
  testId: string;
  capability: Capability;
  icon: IconName;
  label: MessageKey;
}

/** The menu follows the capability table in @shizhi/domain, so no entry leads to a refused page. */
export const menuEntries: readonly MenuEntry[] = [
  { path: '/', testId: 'menu-workbench', capability: 'workbench.view', icon: 'dashboard', label: 'menu.workbench' },
  { path: '/org', testId: 'menu-org', capability: 'org.view', icon: 'apartment', label: 'menu.org' },
  { path: '/map', testId: 'menu-map', capability: 'map.view', icon: 'environment', label: 'menu.map' },
  { path: '/users', testId: 'menu-users', capability: 'users.manage', icon: 'team', label: 'menu.users' },
  { path: '/audit', testId: 'menu-audit', capability: 'audit.view', icon: 'audit', label: 'menu.audit' },
];

export function selectedMenuPath(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  return first ? `/${first}` : '/';
}
