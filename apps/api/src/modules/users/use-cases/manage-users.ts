import { eq } from 'drizzle-orm';
import { DomainError, type Role } from '@shizhi/domain';
import { appendAudit, systemActor, type AuditActor } from '../../../platform/audit/write.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db/client.ts';
import { asSystem } from '../../../platform/db/scope.ts';
import { forgetCachedSessions, hashPassword } from '../../auth/index.ts';
import { appUser, roleAssignment } from '../../auth/schema.ts';
import { orgUnit } from '../../org/schema.ts';

/**
 * Account administration for the CLI (an operator on the server, hence the system actor by default).
 * Each change writes its audit row in the same transaction.
 */
export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  orgCode: string;
}

export async function createUser(db: Database, clock: Clock, input: CreateUserInput, by: AuditActor = systemActor) {
  if (!/^[A-Za-z0-9_.-]{2,64}$/.test(input.username)) {
    throw new DomainError('VALIDATION.INVALID', { field: 'username', detail: '2–64 letters, digits, . _ -' });
  }
  if (input.password.length < 8) throw new DomainError('VALIDATION.INVALID', { field: 'password', detail: '≥ 8' });
  const passwordHash = await hashPassword(input.password);
  return asSystem(db, async (tx) => {
    const [unit] = await tx.select().from(orgUnit).where(eq(orgUnit.code, input.orgCode));
    if (!unit) throw new DomainError('ORG.NOT_FOUND', { field: 'org' });
    const [existing] = await tx.select({ id: appUser.id }).from(appUser).where(eq(appUser.username, input.username));
    if (existing) throw new DomainError('USER.EXISTS', { field: 'username' });
    const [user] = await tx
      .insert(appUser)
      .values({ username: input.username, displayName: input.displayName, passwordHash })
      .returning();
    await tx.insert(roleAssignment).values({
      userId: user!.id,
      orgCode: unit.code,
      role: input.role,
      orgPath: unit.orgPath,
      countyCode: unit.countyCode,
    });
    await appendAudit(tx, clock, by, [
      {
        action: 'user.created',
        entityType: 'user',
        entityId: user!.id,
        orgPath: unit.orgPath,
        detail: { username: input.username, role: input.role, orgCode: unit.code },
      },
    ]);
    return user!;
  });
}

async function findUser(db: Database, username: string) {
  const [user] = await db.select().from(appUser).where(eq(appUser.username, username));
  if (!user) throw new DomainError('USER.NOT_FOUND', { field: 'username' });
  const [home] = await db.select().from(roleAssignment).where(eq(roleAssignment.userId, user.id)).limit(1);
  return { user, orgPath: home?.orgPath ?? null };
}

export async function assignRole(db: Database, clock: Clock, username: string, role: Role, orgCode: string, by = systemActor) {
  const { user } = await findUser(db, username);
  await asSystem(db, async (tx) => {
    const [unit] = await tx.select().from(orgUnit).where(eq(orgUnit.code, orgCode));
    if (!unit) throw new DomainError('ORG.NOT_FOUND', { field: 'org' });
    await tx
      .insert(roleAssignment)
      .values({ userId: user.id, orgCode, role, orgPath: unit.orgPath, countyCode: unit.countyCode })
      .onConflictDoNothing();
    await appendAudit(tx, clock, by, [
      { action: 'user.role_assigned', entityType: 'user', entityId: user.id, orgPath: unit.orgPath, detail: { role, orgCode } },
    ]);
  });
  forgetCachedSessions();
}

export async function setPassword(db: Database, clock: Clock, username: string, password: string, by = systemActor) {
  if (password.length < 8) throw new DomainError('VALIDATION.INVALID', { field: 'password', detail: '≥ 8' });
  const { user, orgPath } = await findUser(db, username);
  const passwordHash = await hashPassword(password);
  await asSystem(db, async (tx) => {
    await tx.update(appUser).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(appUser.id, user.id));
    await appendAudit(tx, clock, by, [{ action: 'user.password_set', entityType: 'user', entityId: user.id, orgPath }]);
  });
}

export async function unlockUser(db: Database, clock: Clock, username: string, by = systemActor) {
  const { user, orgPath } = await findUser(db, username);
  await asSystem(db, async (tx) => {
    await tx.update(appUser).set({ failedLogins: 0, lockedUntil: null }).where(eq(appUser.id, user.id));
    await appendAudit(tx, clock, by, [{ action: 'user.unlocked', entityType: 'user', entityId: user.id, orgPath }]);
  });
}

export async function setUserStatus(db: Database, clock: Clock, username: string, status: 'active' | 'disabled', by = systemActor) {
  const { user, orgPath } = await findUser(db, username);
  await asSystem(db, async (tx) => {
    await tx.update(appUser).set({ status }).where(eq(appUser.id, user.id));
    await appendAudit(tx, clock, by, [
      { action: status === 'active' ? 'user.enabled' : 'user.disabled', entityType: 'user', entityId: user.id, orgPath },
    ]);
  });
  forgetCachedSessions();
}
