import type { MessageKey } from '../../i18n/index.ts';

/** The accounts the demo seed creates (see the README); shown only when public-config says demo. */
export const demoAccounts: readonly { username: string; label: MessageKey }[] = [
  { username: 'admin', label: 'login.demo.admin' },
  { username: 'leader', label: 'login.demo.leader' },
  { username: 'u150602', label: 'login.demo.district' },
  { username: 'u150602001', label: 'login.demo.street' },
  { username: 'u150602001001', label: 'login.demo.community' },
  { username: 'g150602001001001', label: 'login.demo.grid' },
  { username: 'u150602D01', label: 'login.demo.department' },
  { username: 'm150602001001', label: 'login.demo.mediator' },
];
