import { and, asc, eq, gt } from 'drizzle-orm';
import type { ChainReport } from '@shizhi/domain';
import type { Database } from '../db/client.ts';
import { auditLog } from './schema.ts';
import { auditHash, type AuditRecord } from './write.ts';

type BrokenLink = NonNullable<ChainReport['firstBroken']>;

const genesis = '0'.repeat(64);

/**
 * Recomputes every hash in order. A row whose contents were edited fails its own hash; a deleted
 * or inserted row breaks the link (prev_hash) or the sequence of the row after it.
 */
export async function verifyAuditChains(db: Database, batchSize = 5000): Promise<ChainReport[]> {
  const chains = await db.selectDistinct({ chain: auditLog.chain }).from(auditLog).orderBy(asc(auditLog.chain));
  const reports: ChainReport[] = [];
  for (const { chain } of chains) {
    let expectedPrev = genesis;
    let expectedSeq = 1;
    let rows = 0;
    let firstBroken: BrokenLink | null = null;
    let after = 0;
    scan: for (;;) {
      const batch = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.chain, chain), gt(auditLog.seq, after)))
        .orderBy(asc(auditLog.seq))
        .limit(batchSize);
      if (batch.length === 0) break;
      for (const row of batch) {
        rows += 1;
        after = row.seq;
        const record: AuditRecord = {
          chain: row.chain,
          seq: row.seq,
          at: row.at.toISOString(),
          actorId: row.actorId,
          actorName: row.actorName,
          action: row.action,
          entityType: row.entityType,
          entityId: row.entityId,
          orgPath: row.orgPath,
          countyCode: row.countyCode,
          detail: row.detail,
        };
        const base = { chain, seq: row.seq, id: row.id };
        if (row.seq !== expectedSeq) firstBroken = { ...base, reason: 'sequence_gap' };
        else if (row.prevHash !== expectedPrev) firstBroken = { ...base, reason: 'link_broken' };
        else if (auditHash(row.prevHash, record) !== row.hash) firstBroken = { ...base, reason: 'content_changed' };
        if (firstBroken) break scan;
        expectedPrev = row.hash;
        expectedSeq += 1;
      }
    }
    reports.push({ chain, rows, ok: firstBroken === null, firstBroken });
  }
  return reports;
}
