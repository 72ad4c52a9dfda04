import { eq, sql } from 'drizzle-orm';
import { DomainError, type LoginRequest } from '@shizhi/domain';
import { appendAudit, type AuditEntry } from '../../../platform/audit/write.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db/client.ts';
import { asSystem } from '../../../platform/db/scope.ts';
import { loadAssignments } from '../actor-loader.ts';
import { burnPasswordCheck, verifyPassword } from '../passwords.ts';
import { appUser, userSession } from '../schema.ts';
import { newToken, tokenHash } from '../sessions.ts';

export const lockoutPolicy = { maxFailures: 5, lockMinutes: 15 } as const;

export interface LoginContext {
  db: Database;
  clock: Clock;
  sessionHours: number;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginResult {
  userId: string;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Checks the password, counts failures and locks the account after `maxFailures` in a row. The
 * failure bookkeeping commits even though the caller gets an error, so it runs in its own transaction.
 */
export async function login(ctx: LoginContext, input: LoginRequest): Promise<LoginResult> {
  const now = ctx.clock.now();
  const [user] = await ctx.db.select().from(appUser).where(eq(appUser.username, input.username)).limit(1);
  if (!user) {
    await burnPasswordCheck(input.password);
    await asSystem(ctx.db, (tx) =>
      appendAudit(tx, ctx.clock, { id: null, name: input.username }, [
        { action: 'auth.login_failed', entityType: 'user', entityId: input.username, detail: { reason: 'unknown_user', ip: ctx.ip } },
      ]),
    );
    throw new DomainError('AUTH.INVALID_CREDENTIALS');
  }
  const assignments = await loadAssignments(ctx.db, user.id);
  const home = assignments[0]?.orgPath ?? null;
  const audit = (entry: Omit<AuditEntry, 'entityType' | 'entityId' | 'orgPath'>): AuditEntry => ({
    ...entry,
    entityType: 'user',
    entityId: user.id,
    orgPath: home,
  });
  const actor = { id: user.id, name: user.username };

  if (user.lockedUntil && user.lockedUntil > now) {
    await asSystem(ctx.db, (tx) =>
      appendAudit(tx, ctx.clock, actor, [audit({ action: 'auth.login_refused', detail: { reason: 'locked', ip: ctx.ip } })]),
    );
    throw new DomainError('AUTH.LOCKED');
  }
  const ok = user.status === 'active' && (await verifyPassword(user.passwordHash, input.password));
  if (!ok) {
    const locked = await asSystem(ctx.db, async (tx) => {
      const [updated] = await tx
        .update(appUser)
        .set({ failedLogins: sql`${appUser.failedLogins} + 1` })
        .where(eq(appUser.id, user.id))
        .returning({ failedLogins: appUser.failedLogins });
      const failures = updated?.failedLogins ?? 0;
      const lock = failures >= lockoutPolicy.maxFailures;
      if (lock) {
        const until = new Date(now.getTime() + lockoutPolicy.lockMinutes * 60_000);
        await tx.update(appUser).set({ lockedUntil: until, failedLogins: 0 }).where(eq(appUser.id, user.id));
      }
      await appendAudit(tx, ctx.clock, actor, [
        audit({
          action: lock ? 'auth.locked' : 'auth.login_failed',
          detail: { reason: user.status === 'active' ? 'wrong_password' : 'disabled', failures, ip: ctx.ip },
        }),
      ]);
      return lock;
    });
    throw new DomainError(locked ? 'AUTH.LOCKED' : 'AUTH.INVALID_CREDENTIALS');
  }

  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + ctx.sessionHours * 3_600_000);
  await asSystem(ctx.db, async (tx) => {
    await tx.insert(userSession).values({
      tokenHash: tokenHash(token),
      userId: user.id,
      csrfToken,
      createdAt: now,
      expiresAt,
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 300) ?? null,
    });
    await tx.update(appUser).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(appUser.id, user.id));
    await appendAudit(tx, ctx.clock, actor, [audit({ action: 'auth.login', detail: { ip: ctx.ip } })]);
  });
  return { userId: user.id, token, csrfToken, expiresAt };
}
