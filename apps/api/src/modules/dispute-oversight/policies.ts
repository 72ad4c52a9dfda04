import { DomainError, type Role } from '@shizhi/domain';
import { isInScope, type Actor } from '../../platform/db/scope.ts';

const holds = (actor: Actor, roles: readonly Role[], orgPath: string) =>
  actor.assignments.some((a) => roles.includes(a.role) && (orgPath === a.orgPath || orgPath.startsWith(`${a.orgPath}.`)));

/** A grid files its own screening (its grid worker) or its centre files for it; a community's centre files its own. */
export function mayFileScreening(actor: Actor, unitPath: string): boolean {
  return holds(actor, ['grid_worker', 'center_staff'], unitPath);
}

/** 综治中心 staff run hard cases, meetings, 督办单 replies and escalation flags within their area. */
export function mayOversee(actor: Actor, orgPath: string): boolean {
  return holds(actor, ['center_staff'], orgPath);
}

/** Reading the oversight views: staff, leaders and administrators within their scope. */
export function mayView(actor: Actor, orgPath: string): boolean {
  return isInScope(actor, orgPath) && holds(actor, ['center_staff', 'leader', 'sys_admin', 'mediator'], orgPath);
}

/** Warning rules are the county's: its administrators and the district centre's staff edit them. */
export function mayManageRules(actor: Actor, countyPath: string): boolean {
  return actor.assignments.some(
    (a) => (a.role === 'sys_admin' || a.role === 'center_staff') && (countyPath === a.orgPath || countyPath.startsWith(`${a.orgPath}.`)),
  );
}

export function forbidUnless(allowed: boolean, detail?: string): void {
  if (!allowed) throw new DomainError('AUTH.FORBIDDEN', detail ? { detail } : {});
}
