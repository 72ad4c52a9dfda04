import { eq } from 'drizzle-orm';
import { appendAudit } from '../../../platform/audit/write.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db/client.ts';
import { asSystem, type Actor } from '../../../platform/db/scope.ts';
import { userSession } from '../schema.ts';
import { forgetCachedSessions } from '../session-cache.ts';

export async function logout(db: Database, clock: Clock, actor: Actor, sessionTokenHash: string): Promise<void> {
  await asSystem(db, async (tx) => {
    await tx.delete(userSession).where(eq(userSession.tokenHash, sessionTokenHash));
    await appendAudit(tx, clock, { id: actor.userId, name: actor.username }, [
      { action: 'auth.logout', entityType: 'user', entityId: actor.userId, orgPath: actor.assignments[0]?.orgPath ?? null },
    ]);
  });
  forgetCachedSessions();
}
