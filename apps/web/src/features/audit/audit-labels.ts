import type { MessageKey } from '../../i18n/index.ts';

/** Action codes written by the API (apps/api: writeAudit calls); an unknown code shows as itself. */
export const auditActionLabels: Partial<Record<string, MessageKey>> = {
  'auth.login': 'audit.act.auth.login',
  'auth.login_failed': 'audit.act.auth.login_failed',
  'auth.login_refused': 'audit.act.auth.login_refused',
  'auth.logout': 'audit.act.auth.logout',
  'auth.locked': 'audit.act.auth.locked',
  'seed.district': 'audit.act.seed.district',
  'user.created': 'audit.act.user.created',
  'user.password_set': 'audit.act.user.password_set',
  'user.role_assigned': 'audit.act.user.role_assigned',
  'user.unlocked': 'audit.act.user.unlocked',
  'user.disabled': 'audit.act.user.disabled',
  'user.enabled': 'audit.act.user.enabled',
  'audit.verified': 'audit.act.audit.verified',
  'audit.verify_failed': 'audit.act.audit.verify_failed',
};

export const auditEntityLabels: Partial<Record<string, MessageKey>> = {
  user: 'audit.entity.user',
  org_unit: 'audit.entity.org_unit',
  audit_log: 'audit.entity.audit_log',
};
