import { sql } from 'drizzle-orm';
import type { Role } from '@shizhi/domain';
import type { Executor, Tx } from './client.ts';

export interface ActorAssignment {
  orgCode: string;
  orgPath: string;
  role: Role;
}

/** Who is acting and where they may act; built from the session on every request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  assignments: ActorAssignment[];
  roles: Role[];
  /** The minimal set of subtree roots the actor's assignments cover. */
  scopePaths: string[];
}

export function minimalScope(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((k) => p === k || p.startsWith(`${k}.`))) kept.push(p);
  return kept.sort();
}

export function isInScope(actor: Pick<Actor, 'scopePaths'>, orgPath: string): boolean {
  return actor.scopePaths.some((k) => orgPath === k || orgPath.startsWith(`${k}.`));
}

/**
 * Runs `work` in a transaction as the non-superuser role `shizhi_app` with the actor's scope set
 * transaction-locally, so PostgreSQL row-level security hides every row outside the scope even if
 * a service-layer filter is forgotten. Transaction-local settings matter on PGlite, which has one
 * session for everybody.
 */
export async function inScope<T>(db: Executor, scopePaths: readonly string[], work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.scope', ${scopePaths.join(',')}, true), set_config('role', 'shizhi_app', true)`,
    );
    return work(tx);
  });
}

/** System work (migrations, login, jobs, seeding) as the owner role, outside row-level security. */
export async function asSystem<T>(db: Executor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(work);
}
