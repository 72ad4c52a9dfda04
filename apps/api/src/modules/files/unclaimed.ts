import { sql } from 'drizzle-orm';
import { appendAudit, systemActor } from '../../platform/audit/write.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/client.ts';
import type { FileStore } from '../../platform/files.ts';
import type { JobDefinition } from '../../platform/jobs.ts';

/** How long a photo sent without an account may wait for the report that uses it. */
export const unclaimedUploadHours = 24;

/**
 * Removes photos uploaded without an account (the citizen page's POST /api/public/files) that no
 * report took within a day: anyone may upload, so unclaimed bytes would otherwise fill the disk.
 * Staff uploads are kept (a phone's offline queue may hold its report for days), as is any file a
 * report uses. The rows go first, in one transaction with an audit row saying how many; then the bytes.
 */
export async function removeUnclaimedUploads(deps: { db: Database; files: FileStore; clock: Clock }): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - unclaimedUploadHours * 3_600_000);
  const removed = await deps.db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ sha256: string; size: number }>(sql`
      delete from file_object f
      where f.uploaded_by is null and f.created_at < ${cutoff.toISOString()}::timestamptz
        and not exists (select 1 from event_attachment a where a.sha256 = f.sha256)
      returning f.sha256, f.size`);
    if (rows.length) {
      await appendAudit(tx, deps.clock, systemActor, [
        {
          action: 'files.unclaimed_removed',
          entityType: 'file',
          entityId: 'unclaimed-uploads',
          detail: { count: rows.length, bytes: rows.reduce((sum, r) => sum + Number(r.size), 0), olderThanHours: unclaimedUploadHours },
        },
      ]);
    }
    return rows.map((r) => r.sha256);
  });
  for (const sha256 of removed) await deps.files.remove(sha256);
  return removed.length;
}

export function fileJobs(deps: { db: Database; files: FileStore; clock: Clock }): JobDefinition[] {
  return [{ name: 'files.remove-unclaimed', cron: '40 * * * *', handler: async () => void (await removeUnclaimedUploads(deps)) }];
}
