import { sql } from 'drizzle-orm';
import type { AuditPayloadEntry } from '../../platform/audit/write.ts';
import type { Database } from '../../platform/db/client.ts';

/** What file_events() answers for one filing. */
export interface FiledRow {
  id: string;
  number: string;
  trackingCode: string;
  /** Where the event lies (for live notifications); not sent to clients. */
  orgPath: string;
  /** True when the idempotency key had been used: nothing new was filed. */
  replayed: boolean;
}

/** One report ready to be written: the object file_events() takes, its filer's scope, its audit entries. */
export interface Filing {
  row: Record<string, unknown> & { orgPath: string };
  /** The filer's scope paths joined by commas; null for filers who may file anywhere. */
  scope: string | null;
  audit: readonly AuditPayloadEntry[];
}

interface Waiting extends Filing {
  resolve: (row: FiledRow) => void;
  reject: (error: unknown) => void;
}

export interface FilingQueueOptions {
  /** Batches written at once; more wait and go together in the next batch. */
  concurrency: number;
  maxBatch: number;
  /**
   * While a batch is being written, another starts only when this many reports wait: a second
   * writer for a burst, not for every report that arrives meanwhile (each statement has a fixed
   * cost, so one batch of eight costs the database far less than four of two).
   */
  busyBatch: number;
  /** Told the size of each batch written (benchmarks and tests watch batching with it). */
  onBatch?: (size: number) => void;
}

const defaults: FilingQueueOptions = { concurrency: 2, maxBatch: 64, busyBatch: 8 };

/**
 * Writes new reports through file_events() (migration 0018). When nothing is being written, a report
 * goes at once, alone: a quiet district waits for nothing. When reports arrive faster than they are
 * written, those that arrive meanwhile wait and go together in the next batch, one statement, so the
 * work per report falls as the load rises; a further batch is written at the same time (up to
 * `concurrency`) once `busyBatch` reports wait.
 *
 * Filers with a scope and filers from outside (citizens, machines) never share a batch: a scoped
 * batch writes under row-level security as shizhi_app with the union of its filers' scopes, after
 * file_events() has checked each filing against its own filer's scope. A batch that fails is
 * written again one filing at a time, so each filing gets its own answer or its own error.
 */
export class FilingQueue {
  private readonly scoped: Waiting[] = [];
  private readonly unscoped: Waiting[] = [];
  private inFlight = 0;
  private readonly options: FilingQueueOptions;

  constructor(
    private readonly db: Database,
    options: Partial<FilingQueueOptions> = {},
  ) {
    this.options = { ...defaults, ...options };
  }

  file(filing: Filing): Promise<FiledRow> {
    return new Promise<FiledRow>((resolve, reject) => {
      (filing.scope === null ? this.unscoped : this.scoped).push({ ...filing, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency) {
      const lane = this.nextLane();
      if (!lane) return;
      if (this.inFlight > 0 && lane.length < Math.min(this.options.busyBatch, this.options.maxBatch)) return;
      const batch = lane.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  /** The lane with more reports waiting (both when both have some). */
  private nextLane(): Waiting[] | null {
    if (this.scoped.length === 0) return this.unscoped.length ? this.unscoped : null;
    if (this.unscoped.length === 0) return this.scoped;
    return this.scoped.length >= this.unscoped.length ? this.scoped : this.unscoped;
  }

  private async write(batch: Waiting[]): Promise<void> {
    try {
      this.options.onBatch?.(batch.length);
      const rows = await writeBatch(this.db, batch);
      batch.forEach((w, k) => w.resolve(rows[k]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const w of batch) {
        try {
          this.options.onBatch?.(1);
          const [row] = await writeBatch(this.db, [w]);
          w.resolve(row!);
        } catch (own) {
          w.reject(own);
        }
      }
    }
  }
}

async function writeBatch(db: Database, batch: readonly Filing[]): Promise<FiledRow[]> {
  const scopes = new Set<string>();
  for (const f of batch) for (const path of f.scope?.split(',') ?? []) scopes.add(path);
  const filings = batch.map((f) => ({ ...f.row, scope: f.scope }));
  const audit = batch.flatMap((f) => f.audit);
  const { rows } = await db.execute<{ o_index: number; o_id: string; o_number: string; o_tracking_code: string; o_org_path: string; o_replayed: boolean }>(
    sql`select * from file_events(${JSON.stringify(filings)}::jsonb, ${scopes.size ? [...scopes].join(',') : null}, ${JSON.stringify(audit)}::jsonb)`,
  );
  if (rows.length !== batch.length) throw new Error(`file_events answered ${rows.length} rows for ${batch.length} filings`);
  return rows
    .sort((a, b) => a.o_index - b.o_index)
    .map((r) => ({ id: r.o_id, number: r.o_number, trackingCode: r.o_tracking_code, orgPath: r.o_org_path, replayed: r.o_replayed }));
}
