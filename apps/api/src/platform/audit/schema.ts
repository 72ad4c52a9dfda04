import { bigint, char, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ltree } from '../db/columns.ts';

/**
 * Append-only, hash-chained. One chain per county (`chain` = county code, or `system`), so the
 * table distributes by county on Citus and writers in different counties never wait on each other.
 * UPDATE, DELETE and TRUNCATE are rejected by a trigger (see the security migration).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    chain: text('chain').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    orgPath: ltree('org_path'),
    countyCode: char('county_code', { length: 6 }),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_log_chain_seq').on(t.chain, t.seq),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_path_gist').using('gist', t.orgPath),
  ],
);
