import { hasCapability, type Capability } from '@shizhi/domain';
import type { Actor } from '../../platform/db/scope.ts';

/**
 * Whether one of the actor's assignments both grants the capability and covers the record's unit:
 * a leader of the district who is also a grid worker somewhere may edit only in that grid.
 */
export function mayOnRecord(actor: Actor, capability: Capability, orgPath: string): boolean {
  return actor.assignments.some(
    (a) => hasCapability([a.role], capability) && (orgPath === a.orgPath || orgPath.startsWith(`${a.orgPath}.`)),
  );
}

/** Whole ID numbers and phones: only roles that work with the people, inside their own area. */
export function mayRevealPersonalData(actor: Actor, orgPath: string): boolean {
  return mayOnRecord(actor, 'registers.personal_data', orgPath);
}

export function mayEditRecord(actor: Actor, orgPath: string): boolean {
  return mayOnRecord(actor, 'registers.edit', orgPath);
}
