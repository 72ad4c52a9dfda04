import { z } from 'zod';

/** The roles a user holds at an org unit. A user may hold several, at several units. */
export const roles = ['sys_admin', 'leader', 'center_staff', 'grid_worker', 'mediator', 'dept_handler'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  sys_admin: { zh: '系统管理员', en: 'System administrator' },
  leader: { zh: '领导', en: 'Leader' },
  center_staff: { zh: '综治中心工作人员', en: 'Governance centre staff' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  mediator: { zh: '调解员', en: 'Mediator' },
  dept_handler: { zh: '部门承办人', en: 'Department handler' },
};

/**
 * What a role may do, independent of where: the org scope limits the where. The web builds its
 * menu from the same table, so a menu entry never leads to a page the API refuses.
 */
export const capabilities = [
  'workbench.view',
  'org.view',
  'map.view',
  'staff.view',
  'users.manage',
  'audit.view',
  'mobile.view',
  'events.view',
  'events.report',
  'disputes.view',
  'disputes.register',
  // 一标三实 registers: read (masked), create/edit/move out, import files, read ID numbers and phones whole.
  'registers.view',
  'registers.edit',
  'registers.import',
  'registers.personal_data',
] as const;
export type Capability = (typeof capabilities)[number];

const roleCapabilities: Record<Role, readonly Capability[]> = {
  sys_admin: ['workbench.view', 'org.view', 'map.view', 'staff.view', 'users.manage', 'audit.view', 'events.view', 'disputes.view', 'registers.view'],
  leader: ['workbench.view', 'org.view', 'map.view', 'staff.view', 'events.view', 'disputes.view', 'registers.view'],
  center_staff: [
    'workbench.view',
    'org.view',
    'map.view',
    'staff.view',
    'audit.view',
    'events.view',
    'events.report',
    'disputes.view',
    'disputes.register',
    'registers.view',
    'registers.edit',
    'registers.import',
    'registers.personal_data',
  ],
  grid_worker: [
    'workbench.view',
    'org.view',
    'map.view',
    'mobile.view',
    'events.view',
    'events.report',
    'registers.view',
    'registers.edit',
    'registers.personal_data',
  ],
  mediator: ['workbench.view', 'org.view', 'events.view', 'disputes.view', 'registers.view'],
  dept_handler: ['workbench.view', 'org.view', 'events.view'],
};

export function capabilitiesOf(heldRoles: readonly Role[]): Capability[] {
  const set = new Set<Capability>();
  for (const role of heldRoles) for (const cap of roleCapabilities[role]) set.add(cap);
  return capabilities.filter((cap) => set.has(cap));
}

export function hasCapability(heldRoles: readonly Role[], capability: Capability): boolean {
  return heldRoles.some((role) => roleCapabilities[role].includes(capability));
}
