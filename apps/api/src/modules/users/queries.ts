import { and, asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Role, UserListItem } from '@shizhi/domain';
import type { Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/db/scope.ts';
import { withinScope } from '../../platform/db/scope-sql.ts';
import { appUser, roleAssignment } from '../auth/schema.ts';
import { orgUnit } from '../org/schema.ts';


export interface UserFilter {
  orgCode?: string | undefined;
  q?: string | undefined;
  role?: Role | undefined;
  page: number;
  pageSize: number;
}

/** Users holding at least one assignment inside the actor's scope (and, if given, under `orgCode`). */
export async function listUsers(
  tx: Tx,
  actor: Actor,
  filter: UserFilter,
): Promise<{ items: UserListItem[]; total: number } | null> {
  const conditions = [withinScope(roleAssignment.orgPath, actor.scopePaths)];
  if (filter.orgCode) {
    const [unit] = await tx
      .select({ orgPath: orgUnit.orgPath })
      .from(orgUnit)
      .where(and(eq(orgUnit.code, filter.orgCode), withinScope(orgUnit.orgPath, actor.scopePaths)));
    if (!unit) return null;
    conditions.push(sql`${roleAssignment.orgPath} <@ ${unit.orgPath}::ltree`);
  }
  if (filter.role) conditions.push(eq(roleAssignment.role, filter.role));
  const userIds = tx.selectDistinct({ id: roleAssignment.userId }).from(roleAssignment).where(and(...conditions));
  const where = and(
    inArray(appUser.id, userIds),
    filter.q ? or(ilike(appUser.username, `%${filter.q}%`), ilike(appUser.displayName, `%${filter.q}%`)) : undefined,
  );
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(appUser).where(where);
  const users = await tx
    .select()
    .from(appUser)
    .where(where)
    .orderBy(asc(appUser.username))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const assignments = users.length
    ? await tx
        .select({
          userId: roleAssignment.userId,
          orgCode: roleAssignment.orgCode,
          role: roleAssignment.role,
          orgName: orgUnit.name,
          orgLevel: orgUnit.level,
        })
        .from(roleAssignment)
        .innerJoin(orgUnit, eq(orgUnit.code, roleAssignment.orgCode))
        .where(
          and(
            inArray(
              roleAssignment.userId,
              users.map((u) => u.id),
            ),
            withinScope(roleAssignment.orgPath, actor.scopePaths),
          ),
        )
        .orderBy(asc(roleAssignment.orgCode))
    : [];
  return {
    total: Number(total),
    items: users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      status: u.status,
      lockedUntil: u.lockedUntil?.toISOString() ?? null,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      assignments: assignments
        .filter((a) => a.userId === u.id)
        .map((a) => ({ orgCode: a.orgCode, orgName: a.orgName, orgLevel: a.orgLevel, role: a.role })),
    })),
  };
}
