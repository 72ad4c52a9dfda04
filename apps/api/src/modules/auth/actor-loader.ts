import { and, eq, gt, sql } from 'drizzle-orm';
import type { Assignment, Role } from '@shizhi/domain';
import type { Executor } from '../../platform/db/client.ts';
import { minimalScope, type Actor } from '../../platform/db/scope.ts';
import { orgUnit } from '../org/schema.ts';
import { appUser, roleAssignment, userSession } from './schema.ts';

export interface SessionActor {
  actor: Actor;
  csrfToken: string;
  assignments: Assignment[];
}

export async function loadAssignments(db: Executor, userId: string) {
  return db
    .select({
      orgCode: roleAssignment.orgCode,
      orgPath: roleAssignment.orgPath,
      role: roleAssignment.role,
      orgName: sql<string>`coalesce(${orgUnit.name}, ${roleAssignment.orgCode})`,
      orgLevel: sql<Assignment['orgLevel']>`coalesce(${orgUnit.level}, 'county')`,
    })
    .from(roleAssignment)
    .leftJoin(orgUnit, eq(orgUnit.code, roleAssignment.orgCode))
    .where(eq(roleAssignment.userId, userId))
    .orderBy(sql`nlevel(${roleAssignment.orgPath})`, roleAssignment.orgCode);
}

export function actorFrom(
  user: { id: string; username: string; displayName: string },
  rows: Awaited<ReturnType<typeof loadAssignments>>,
): Actor {
  const roles = [...new Set(rows.map((r) => r.role as Role))];
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    assignments: rows.map((r) => ({ orgCode: r.orgCode, orgPath: r.orgPath, role: r.role })),
    roles,
    scopePaths: minimalScope(rows.map((r) => r.orgPath)),
  };
}

/** The actor behind a session token hash, or null when the session is unknown, expired or the user disabled. */
export async function loadSessionActor(db: Executor, tokenHash: string, now: Date): Promise<SessionActor | null> {
  const [row] = await db
    .select({
      id: appUser.id,
      username: appUser.username,
      displayName: appUser.displayName,
      status: appUser.status,
      csrfToken: userSession.csrfToken,
    })
    .from(userSession)
    .innerJoin(appUser, eq(appUser.id, userSession.userId))
    .where(and(eq(userSession.tokenHash, tokenHash), gt(userSession.expiresAt, now)))
    .limit(1);
  if (!row || row.status !== 'active') return null;
  const rows = await loadAssignments(db, row.id);
  return {
    actor: actorFrom(row, rows),
    csrfToken: row.csrfToken,
    assignments: rows.map((r) => ({ orgCode: r.orgCode, orgName: r.orgName, orgLevel: r.orgLevel, role: r.role })),
  };
}
