import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';

/**
 * Runs queries as the owner, outside row-level security, inside the actor's transaction. Two uses:
 * the duplicate checks must see records the actor cannot (an ID number registered in another grid),
 * and trigram address matching, whose operators are not leakproof and so cannot use their index
 * under RLS (those queries write the scope filter out themselves). Only ids come back out.
 */
export async function unscoped<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  await tx.execute(sql`set local role none`);
  // No finally: if the work fails, the transaction is aborted and rolls back anyway.
  const result = await work();
  await tx.execute(sql`select set_config('role', 'shizhi_app', true)`);
  return result;
}
