import { eq, sql } from 'drizzle-orm';
import type { Assignment, Role } from '@shizhi/domain';
import type { Executor } from '../../platform/db/client.ts';
import { minimalScope, type Actor } from '../../platform/db/scope.ts';
import { orgUnit } from '../org/schema.ts';
import { roleAssignment } from './schema.ts';

export interface SessionActor {
  actor: Actor;
  csrfToken: string;
  expiresAt: Date;
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

/** The actor behind a session token hash, or null when the session is unknown, expired or the user disabled. One query. */
export async function loadSessionActor(db: Executor, tokenHash: string, now: Date): Promise<SessionActor | null> {
  const { rows } = await db.execute<{
    id: string;
    username: string;
    display_name: string;
    status: string;
    csrf_token: string;
    expires_at: string | Date;
    assignments: Awaited<ReturnType<typeof loadAssignments>>;
  }>(sql`
    select u.id, u.username, u.display_name, u.status, s.csrf_token, s.expires_at,
      coalesce(json_agg(json_build_object(
          'orgCode', r.org_code, 'orgPath', r.org_path::text, 'role', r.role,
          'orgName', coalesce(o.name, r.org_code), 'orgLevel', coalesce(o.level, 'county'))
        order by nlevel(r.org_path), r.org_code) filter (where r.user_id is not null), '[]') as assignments
    from user_session s
    join app_user u on u.id = s.user_id
    left join role_assignment r on r.user_id = u.id
    left join org_unit o on o.code = r.org_code
    where s.token_hash = ${tokenHash} and s.expires_at > ${now.toISOString()}::timestamptz
    group by u.id, s.token_hash`);
  const row = rows[0];
  if (!row || row.status !== 'active') return null;
  const assignments = typeof row.assignments === 'string' ? JSON.parse(row.assignments) : row.assignments;
  return {
    actor: actorFrom({ id: row.id, username: row.username, displayName: row.display_name }, assignments),
    csrfToken: row.csrf_token,
    expiresAt: new Date(row.expires_at),
    assignments: assignments.map((r: (typeof assignments)[number]) => ({ orgCode: r.orgCode, orgName: r.orgName, orgLevel: r.orgLevel, role: r.role })),
  };
}
