import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { createRowValidator, mapHeader, type RegisterKind, type RegisterRecord, type RowProblem } from '@shizhi/domain';
import { appendAudit, canonicalJson, type AuditActor } from '../../../platform/audit/write.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { DbHandle } from '../../../platform/db/client.ts';
import { isInScope } from '../../../platform/db/scope.ts';
import type { PersonalDataCipher } from '../../../platform/personal-data.ts';
import { ErrorReport, errorReportColumns, isTabularError, openTabular, type TabularReader, type TabularRow } from '../../../platform/tabular/index.ts';
import { registerImport, type ImportStatus } from '../schema.ts';
import { inImportTransaction, type ImportTx } from './connection.ts';
import { copyLine, TimeOrderedIds } from './copy-text.ts';
import { housesPlan } from './houses.ts';
import { organisationsPlan } from './organisations.ts';
import type { Candidate, ImportActor, ImportContext, KindPlan } from './plan.ts';
import { importPlace, loadGrids } from './places.ts';
import { populationPlan } from './population.ts';
import { arrayLiteral, byteaArrayLiteral } from './sql-arrays.ts';

export type ImportMode = 'all_or_nothing' | 'good_rows';
export type ImportPhase = 'reading' | 'loading' | 'committing' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  bytesRead: number;
  bytesTotal: number;
  rows: number;
  goodRows: number;
  badRows: number;
}

export interface ImportSummary {
  importId: string;
  kind: RegisterKind;
  status: ImportStatus;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  bad: number;
  encoding: string | null;
  /** The error report (.xlsx), when some row was bad. */
  errorFile: string | null;
  /** The same as CSV, for CSV input. */
  errorCsv: string | null;
  /** Why the file was refused or the import failed (zh), or null. */
  message: string | null;
  messageEn: string | null;
  seconds: number;
}

export interface RunImportOptions {
  handle: DbHandle;
  clock: Clock;
  cipher: PersonalDataCipher;
  kind: RegisterKind;
  filePath: string;
  fileName: string;
  mode: ImportMode;
  idCheck: 'strict' | 'warn';
  actor: ImportActor;
  /** Where the error report goes (.xlsx; a .csv beside it for CSV input), or a function of the import id. */
  errorReportPath: string | ((importId: string) => string);
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  /** Good rows written per statement (default 5,000). */
  batchSize?: number;
}

export const importPlans: Record<RegisterKind, KindPlan> = {
  population: populationPlan,
  houses: housesPlan,
  organisations: organisationsPlan,
};

/** Files from this size (about 150,000 people) load into PGlite with the secondary indexes built afterwards. */
export const deferIndexesBytes = 20 * 1024 * 1024;

const bookkeeping = ['village_code', 'grid_code', 'org_path', 'county_code', 'problems', 'row_hash', 'import_id', 'import_row', 'created_at', 'created_by', 'updated_at', 'updated_by'];

/** A file-level refusal (wrong columns, unreadable file): nothing was written. */
class Refusal extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }
}

class Cancelled extends Error {}

/** A row the domain's validator accepted. */
interface ValidRow {
  record: RegisterRecord;
  flags: string[];
  line: number;
  cells: string[];
}

interface Counts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  bad: number;
}

/**
 * Imports one register file in one transaction: a killed import leaves the registers as they were.
 * Rows stream from the file (never held whole), are validated by the domain's row validator, then
 * written a batch at a time — new records by COPY with ids made here, changed ones by one UPDATE
 * from a staged copy plus a history row each, unchanged ones (same content hash) not at all. While
 * a batch is being written, the next one is read, validated and sealed. Bad rows go to the error
 * report as they are found. The import is recorded in register_import (first as running, in its own
 * transaction) and audited once with its counts.
 */
export async function runImport(options: RunImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const { handle, clock, kind, actor } = options;
  const plan = importPlans[kind];
  const ids = new TimeOrderedIds();
  const importId = ids.batch(1)[0]!;
  const place = await importPlace(handle, actor.scopePaths);
  if (!place) throw new Error('the importing actor has no scope');
  const bytesTotal = (await fs.promises.stat(options.filePath)).size;
  await handle.db.insert(registerImport).values({
    id: importId,
    kind,
    fileName: options.fileName,
    fileBytes: bytesTotal,
    mode: options.mode,
    idCheck: options.idCheck,
    status: 'running',
    actorId: actor.userId,
    actorName: actor.displayName,
    orgPath: place.orgPath,
    countyCode: place.countyCode,
    startedAt: clock.now(),
  });

  const counts: Counts = { total: 0, created: 0, updated: 0, unchanged: 0, bad: 0 };
  const sha = createHash('sha256');
  const errorPath = typeof options.errorReportPath === 'function' ? options.errorReportPath(importId) : options.errorReportPath;
  let reader: TabularReader | null = null;
  let report: ErrorReport | null = null;
  let encoding: string | null = null;
  const progress = (phase: ImportPhase) =>
    options.onProgress?.({
      phase,
      bytesRead: reader?.bytesRead() ?? 0,
      bytesTotal,
      rows: counts.total,
      goodRows: counts.total - counts.bad,
      badRows: counts.bad,
    });

  const finish = async (status: ImportStatus, message: { zh: string; en: string } | null, files: { xlsx: string | null; csv: string | null }): Promise<ImportSummary> => {
    const summary: ImportSummary = {
      importId,
      kind,
      status,
      totalRows: counts.total,
      created: status === 'done' ? counts.created : 0,
      updated: status === 'done' ? counts.updated : 0,
      unchanged: status === 'done' ? counts.unchanged : 0,
      bad: counts.bad,
      encoding,
      errorFile: files.xlsx,
      errorCsv: files.csv,
      message: message?.zh ?? null,
      messageEn: message?.en ?? null,
      seconds: (performance.now() - started) / 1000,
    };
    return summary;
  };

  try {
    reader = await openTabular(options.filePath, { onChunk: (chunk) => sha.update(chunk) });
    encoding = reader.encoding;
    report = new ErrorReport({ xlsxPath: errorPath, csvPath: reader.format === 'csv' ? errorPath.replace(/\.xlsx$/i, '') + '.csv' : null });
    const batches = reader.batches();
    const header = await readHeader(batches, kind);
    report.setHeader(header.cells);
    const grids = await loadGrids(handle);
    const context: ImportContext = { importId, actor, now: clock.now(), countyCode: place.countyCode, cipher: options.cipher, grids, ids };
    const validate = createRowValidator(kind, header.positions, { today: clock.now(), idCheck: options.idCheck });
    const batchSize = options.batchSize ?? 5000;

    const committed = await inImportTransaction(handle, async (tx) => {
      const writer = new BatchWriter(tx, plan, context, options.mode, counts, report!);
      await writer.begin(tx.engine === 'pglite' && bytesTotal >= deferIndexesBytes);
      const pendingWrites: Promise<void>[] = [];
      let failure: unknown = null;
      const submit = async (rows: ValidRow[]) => {
        // At most two batches ahead of the database: memory stays flat whatever the file's size.
        while (pendingWrites.length >= 2) await pendingWrites.shift();
        if (failure) throw failure;
        const candidates = writer.prepare(rows);
        const previous = pendingWrites.at(-1) ?? Promise.resolve();
        const next = previous.then(async () => {
          if (failure) return;
          try {
            await writer.write(candidates);
            progress(reader!.bytesRead() >= bytesTotal ? 'loading' : 'reading');
          } catch (error) {
            failure ??= error;
          }
        });
        pendingWrites.push(next);
      };

      let pending: ValidRow[] = [];
      const take = (rows: TabularRow[]) => {
        for (const row of rows) {
          counts.total += 1;
          const cells = header.skip ? row.cells.slice(header.skip) : row.cells;
          if (row.problems?.length) {
            writer.bad(row.line, cells, row.problems.map((p) => ({ column: header.cells[p.cell - header.skip] ?? '', reason: p.reason, reasonEn: p.reasonEn })));
            continue;
          }
          const result = validate(cells);
          if (!result.record) {
            writer.bad(row.line, cells, result.problems);
            continue;
          }
          pending.push({ record: result.record, flags: result.flags, line: row.line, cells });
        }
      };
      if (header.rest.length) take(header.rest);
      for await (const rows of batches) {
        if (options.signal?.aborted) throw new Cancelled();
        take(rows);
        while (pending.length >= batchSize) {
          await submit(pending.slice(0, batchSize));
          pending = pending.slice(batchSize);
        }
        await report!.flush();
        progress('reading');
      }
      if (pending.length) await submit(pending);
      progress('loading');
      for (const write of pendingWrites) await write;
      if (failure) throw failure;
      await report!.flush();
      if (options.signal?.aborted) throw new Cancelled();
      const commit = options.mode === 'good_rows' || counts.bad === 0;
      if (commit) {
        progress('committing');
        await writer.end();
        await tx.query(
          `update register_import set status = 'done', encoding = $2, file_sha256 = $3, total_rows = $4, created_rows = $5, updated_rows = $6,
             unchanged_rows = $7, bad_rows = $8, error_file = $9, finished_at = $10 where id = $1`,
          [importId, encoding, sha.digest('hex'), counts.total, counts.created, counts.updated, counts.unchanged, counts.bad, counts.bad ? errorPath : null, clock.now().toISOString()],
        );
        await appendAudit(tx.executor, clock, auditActor(actor), [auditEntry(importId, kind, place, options, counts, 'done')]);
      }
      return { commit, result: commit };
    });

    const files = await report.close();
    const status: ImportStatus = committed ? 'done' : 'refused';
    const message = committed
      ? null
      : {
          zh: `有 ${counts.bad} 行数据有误，按“全部成功才导入”方式，本次未导入任何数据；请根据错误报告修改后重新导入`,
          en: `${counts.bad} rows are invalid; in all-or-nothing mode nothing was imported. Fix them from the error report and import again`,
        };
    if (!committed) await recordOutcome(handle, clock, importId, status, message, encoding, sha.digest('hex'), counts, files.xlsxPath, actor, place, kind, options);
    progress('done');
    return finish(status, message, { xlsx: files.xlsxPath, csv: files.csvPath });
  } catch (error) {
    await reader?.close().catch(() => undefined);
    await report?.discard().catch(() => undefined);
    const refused = error instanceof Refusal ? { zh: error.zh, en: error.en } : isTabularError(error) ? { zh: error.zh, en: error.en } : null;
    const cancelled = error instanceof Cancelled;
    const status: ImportStatus = refused ? 'refused' : cancelled ? 'interrupted' : 'failed';
    const message = refused ?? (cancelled ? { zh: '导入已取消，未导入任何数据', en: 'The import was cancelled; nothing was imported' } : { zh: `导入失败，未导入任何数据：${String(error)}`, en: `The import failed; nothing was imported: ${String(error)}` });
    await recordOutcome(handle, clock, importId, status, message, encoding, null, counts, null, actor, place, kind, options).catch(() => undefined);
    if (!refused && !cancelled) throw error;
    progress('done');
    return finish(status, message, { xlsx: null, csv: null });
  }
}

function auditActor(actor: ImportActor): AuditActor {
  return { id: actor.userId, name: actor.displayName };
}

function auditEntry(importId: string, kind: RegisterKind, place: { orgPath: string; countyCode: string }, options: RunImportOptions, counts: Counts, status: ImportStatus) {
  return {
    action: 'register.import',
    entityType: 'register_import',
    entityId: importId,
    orgPath: place.orgPath,
    countyCode: place.countyCode,
    detail: { kind, fileName: options.fileName, mode: options.mode, idCheck: options.idCheck, status, ...counts },
  };
}

/** An import that wrote nothing: its row says why, in a transaction of its own, audited. */
async function recordOutcome(
  handle: DbHandle,
  clock: Clock,
  importId: string,
  status: ImportStatus,
  message: { zh: string; en: string } | null,
  encoding: string | null,
  sha256: string | null,
  counts: Counts,
  errorFile: string | null,
  actor: ImportActor,
  place: { orgPath: string; countyCode: string },
  kind: RegisterKind,
  options: RunImportOptions,
): Promise<void> {
  await handle.db.transaction(async (tx) => {
    await tx
      .update(registerImport)
      .set({
        status,
        encoding,
        fileSha256: sha256,
        totalRows: counts.total,
        createdRows: 0,
        updatedRows: 0,
        unchangedRows: 0,
        badRows: counts.bad,
        errorFile,
        message: message?.zh ?? null,
        finishedAt: clock.now(),
      })
      .where(eq(registerImport.id, importId));
    await appendAudit(tx, clock, auditActor(actor), [auditEntry(importId, kind, place, options, { ...counts, created: 0, updated: 0, unchanged: 0 }, status)]);
  });
}

interface Header {
  cells: string[];
  positions: ReturnType<typeof mapHeader>['positions'];
  /** Leading 行号/列/原因 columns of a corrected error report, skipped in every row. */
  skip: number;
  /** Rows of the first batch after the header. */
  rest: TabularRow[];
}

async function readHeader(batches: AsyncGenerator<TabularRow[], void, undefined>, kind: RegisterKind): Promise<Header> {
  const first = await batches.next();
  const head = first.done ? undefined : first.value[0];
  if (!head) throw new Refusal('文件里没有表头行', 'The file has no header row');
  const skip = errorReportColumns.every((c, i) => head.cells[i]?.trim() === c) ? errorReportColumns.length : 0;
  const cells = head.cells.slice(skip);
  const mapping = mapHeader(kind, cells);
  const problems: { zh: string; en: string }[] = [];
  if (mapping.missing.length) {
    problems.push({ zh: `缺少必填列：${mapping.missing.map((c) => c.header).join('、')}`, en: `missing required columns: ${mapping.missing.map((c) => c.headerEn).join(', ')}` });
  }
  if (mapping.unknown.length) problems.push({ zh: `无法识别的列：${mapping.unknown.join('、')}`, en: `unknown columns: ${mapping.unknown.join(', ')}` });
  if (mapping.duplicated.length) problems.push({ zh: `重复的列：${mapping.duplicated.join('、')}`, en: `repeated columns: ${mapping.duplicated.join(', ')}` });
  if (problems.length) {
    throw new Refusal(
      `表头与${kindName[kind]}导入模板不符（${problems.map((p) => p.zh).join('；')}），未导入任何数据。请下载模板核对列名`,
      `The header does not match the ${kind} template (${problems.map((p) => p.en).join('; ')}); nothing was imported. Download the template to check the column names`,
    );
  }
  return { cells, positions: mapping.positions, skip, rest: first.done ? [] : first.value.slice(1) };
}

export const kindName: Record<RegisterKind, string> = { population: '实有人口', houses: '实有房屋', organisations: '实有单位' };

interface ExistingRow {
  key: string;
  id: string | null;
  row_hash: string | null;
  org_path: string | null;
  import_id: string | null;
  import_row: number | null;
  version: number | null;
}

/**
 * Writes batches of prepared rows in the import's transaction. Rows that were valid but not written
 * (unchanged, or everything after the first bad row in all-or-nothing mode) keep their key in a
 * temporary table, so a later duplicate of them in the file is still found; written rows carry the
 * import's id and row number, which finds duplicates of those.
 */
class BatchWriter {
  private readonly writeColumns: string[];
  private readonly updateColumns: string[];
  private seenUsed = false;

  constructor(
    private readonly tx: ImportTx,
    private readonly plan: KindPlan,
    private readonly context: ImportContext,
    private readonly mode: ImportMode,
    private readonly counts: Counts,
    private readonly report: ErrorReport,
  ) {
    this.writeColumns = ['id', ...plan.columns.map((c) => c.column), ...plan.refColumns, ...bookkeeping];
    this.updateColumns = this.writeColumns.filter((c) => c !== 'id' && c !== 'created_at' && c !== 'created_by');
  }

  private deferredIndexes: string[] = [];

  /**
   * `deferIndexes`: on PGlite, where the import's transaction holds the whole database anyway, a large
   * file loads faster into a table without its secondary indexes, built again once at the end (inside
   * the same transaction, so a rollback restores them). The unique and matching indexes stay.
   */
  async begin(deferIndexes: boolean): Promise<void> {
    // The tables grow inside this transaction while their statistics still describe them as they were
    // (empty, for a first import): without this the planner scans the whole table for every batch's lookup.
    await this.tx.query(
      `set local enable_seqscan = off;
       create temp table import_seen (key text primary key, line integer not null) on commit drop;
       create temp table import_stage on commit drop as select ${this.writeColumns.map((c) => `"${c}"`).join(', ')} from ${this.plan.table} with no data`,
    );
    if (!deferIndexes) return;
    const indexes = await this.tx.query<{ name: string; definition: string }>(
      `select i.indexname as name, i.indexdef as definition from pg_indexes i
         join pg_class c on c.relname = i.indexname join pg_index x on x.indexrelid = c.oid
        where i.schemaname = 'public' and i.tablename = $1 and not x.indisunique and not x.indisprimary and i.indexname <> $2`,
      [this.plan.table, this.plan.keyIndex],
    );
    if (!indexes.length) return;
    this.deferredIndexes = indexes.map((i) => i.definition);
    await this.tx.query(indexes.map((i) => `drop index "${i.name}"`).join(';\n'));
  }

  /** Builds the deferred indexes again (before the commit). */
  async end(): Promise<void> {
    for (const definition of this.deferredIndexes) await this.tx.query(definition);
  }

  private get stopped(): boolean {
    return this.mode === 'all_or_nothing' && this.counts.bad > 0;
  }

  bad(line: number, cells: readonly string[], problems: readonly RowProblem[]): void {
    this.counts.bad += 1;
    this.report.add({ line, cells, problems });
  }

  prepare(rows: ValidRow[]): Candidate[] {
    const prepared = this.plan.prepare(rows, this.context);
    const out: Candidate[] = [];
    prepared.forEach((p, i) => {
      const row = rows[i]!;
      if ('problems' in p) this.bad(row.line, row.cells, p.problems);
      else out.push({ ...p.candidate, line: row.line, cells: row.cells });
    });
    return out;
  }

  async write(batch: Candidate[]): Promise<void> {
    const { tx, plan, context } = this;
    // Duplicates inside the batch.
    const byKey = new Map<string, Candidate>();
    const rows: Candidate[] = [];
    for (const row of batch) {
      const first = byKey.get(row.key);
      if (first) this.duplicate(row, first.line);
      else {
        byKey.set(row.key, row);
        rows.push(row);
      }
    }
    if (!rows.length) return;
    const keys = rows.map((r) => r.key);
    const existing = await tx.query<ExistingRow>(
      `select ${plan.keySql} as key, id::text, row_hash, org_path::text, import_id::text, import_row, version
         from ${plan.table} where county_code = $1::char(6) and ${plan.keyMatchSql}`,
      [context.countyCode, plan.table === 'person' ? byteaArrayLiteral(keys) : arrayLiteral(keys)],
    );
    const seen = this.seenUsed ? await tx.query<{ key: string; line: number }>(`select key, line from import_seen where key = any($1::text[])`, [arrayLiteral(keys)]) : [];
    const found = new Map<string, ExistingRow>();
    for (const e of existing) if (!found.has(e.key) || (e.import_id === context.importId && found.get(e.key)!.import_id !== context.importId)) found.set(e.key, e);
    const seenLines = new Map(seen.map((s) => [s.key, s.line]));

    const fresh: Candidate[] = [];
    const changed: { row: Candidate; old: ExistingRow }[] = [];
    const unchanged: Candidate[] = [];
    for (const row of rows) {
      const earlier = seenLines.get(row.key);
      const old = found.get(row.key);
      if (earlier !== undefined) this.duplicate(row, earlier);
      else if (old && old.import_id === context.importId) this.duplicate(row, old.import_row ?? 0);
      else if (old && !isInScope({ scopePaths: context.actor.scopePaths as string[] }, old.org_path!)) {
        this.bad(row.line, row.cells, [{ column: this.keyHeader(), reason: '该记录已登记在您管辖范围以外的网格，请联系其所在网格处理', reasonEn: 'This record is registered in a grid outside your area' }]);
      } else if (old && old.row_hash === row.hash) unchanged.push(row);
      else if (old) changed.push({ row, old });
      else fresh.push(row);
    }
    const toWrite = [...fresh, ...changed.map((c) => c.row)];
    const unresolved = toWrite.length ? await plan.resolve(tx, toWrite, context) : new Map<Candidate, RowProblem[]>();
    for (const [row, problems] of unresolved) this.bad(row.line, row.cells, problems);
    const newRows = fresh.filter((r) => !unresolved.has(r));
    const updates = changed.filter((c) => !unresolved.has(c.row));

    if (this.stopped) {
      // Nothing more is written; remember the keys so later duplicates are still reported.
      await this.remember([...newRows, ...updates.map((u) => u.row), ...unchanged]);
      return;
    }
    if (unchanged.length) await this.remember(unchanged);
    this.counts.unchanged += unchanged.length;
    const now = context.now.toISOString();
    const actorId = context.actor.userId;
    if (newRows.length) {
      const newIds = context.ids.batch(newRows.length);
      let text = '';
      newRows.forEach((row, i) => {
        text += copyLine(this.line(row, newIds[i]!, now, actorId));
      });
      await tx.copy(plan.table, this.writeColumns, text);
      this.counts.created += newRows.length;
    }
    if (updates.length) await this.update(updates, now, actorId);
  }

  private keyHeader(): string {
    return this.plan.table === 'person' ? '公民身份号码' : this.plan.table === 'house' ? '房屋编号' : '统一社会信用代码';
  }

  private duplicate(row: Candidate, firstLine: number): void {
    this.bad(row.line, row.cells, [{ column: this.keyHeader(), reason: `与第 ${firstLine} 行重复`, reasonEn: `Duplicates row ${firstLine}` }]);
  }

  private async remember(rows: Candidate[]): Promise<void> {
    if (!rows.length) return;
    this.seenUsed = true;
    await this.tx.query(`insert into import_seen (key, line) select * from unnest($1::text[], $2::int[]) on conflict do nothing`, [
      arrayLiteral(rows.map((r) => r.key)),
      `{${rows.map((r) => r.line).join(',')}}`,
    ]);
  }

  private line(row: Candidate, id: string, now: string, actorId: string | null): (string | null)[] {
    const grid = row.grid!;
    const v = row.values;
    const values: (string | null)[] = [id];
    for (const c of this.plan.columns) values.push(v[c.column] ?? null);
    for (const c of this.plan.refColumns) values.push(v[c] ?? null);
    values.push(grid.villageCode, grid.code, grid.orgPath, grid.countyCode, v.problems ?? '{}', row.hash, this.context.importId, String(row.line), now, actorId, now, actorId);
    return values;
  }

  /** Changed records: stage the new values, one UPDATE from the stage, a history row each with what changed. */
  private async update(updates: { row: Candidate; old: ExistingRow }[], now: string, actorId: string | null): Promise<void> {
    const { tx, plan, context } = this;
    const compared = plan.columns.filter((c) => c.diff !== 'none');
    const oldRows = await tx.query<Record<string, string | null>>(
      `select id::text, ${[...compared.map((c) => c.column), ...plan.refColumns, 'grid_code'].map((c) => `"${c}"::text as "${c}"`).join(', ')}
         from ${plan.table} where id = any($1::uuid[])`,
      [arrayLiteral(updates.map((u) => u.old.id))],
    );
    const before = new Map(oldRows.map((r) => [r.id!, r]));
    let stage = '';
    let history = '';
    for (const { row, old } of updates) {
      const values = this.line(row, old.id!, now, actorId);
      stage += copyLine(values);
      const prior = before.get(old.id!) ?? {};
      const changes: Record<string, unknown> = {};
      for (const c of compared) {
        const from = prior[c.column] ?? null;
        const to = row.values[c.column] ?? null;
        if (c.diff === 'json') {
          const a = from === null ? null : canonicalJson(JSON.parse(from));
          const b = to === null ? null : canonicalJson(JSON.parse(to));
          if (a !== b) changes[c.field!] = { from: from === null ? null : JSON.parse(from), to: to === null ? null : JSON.parse(to) };
        } else if (from !== to) changes[c.field!] = c.diff === 'personal' ? { changed: true } : { from, to };
      }
      for (const c of [...plan.refColumns, 'grid_code']) {
        const to = c === 'grid_code' ? row.grid!.code : (row.values[c] ?? null);
        if ((prior[c] ?? null) !== to) changes[camel(c)] = { from: prior[c] ?? null, to };
      }
      history += copyLine([plan.entity, old.id, String((old.version ?? 1) + 1), 'update', JSON.stringify(changes), actorId, context.actor.displayName, context.importId, now, row.grid!.orgPath, row.grid!.countyCode]);
    }
    await tx.copy('import_stage', this.writeColumns, stage);
    await tx.query(
      `update ${plan.table} t set (${this.updateColumns.map((c) => `"${c}"`).join(', ')}) = (${this.updateColumns.map((c) => `s."${c}"`).join(', ')}), version = t.version + 1
         from import_stage s where t.id = s.id;
       truncate import_stage`,
    );
    await tx.copy('register_history', ['entity_type', 'entity_id', 'version', 'action', 'changes', 'actor_id', 'actor_name', 'import_id', 'at', 'org_path', 'county_code'], history);
    this.counts.updated += updates.length;
  }
}

function camel(column: string): string {
  return column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
}

/** At start-up: imports still marked running were killed with their process (their transaction rolled back). */
export async function markInterruptedImports(handle: DbHandle, clock: Clock): Promise<number> {
  const { rows } = await handle.query<{ id: string }>(
    `update register_import set status = 'interrupted', message = '导入进程中断，未导入任何数据', finished_at = $1 where status = 'running' returning id::text as id`,
    [clock.now().toISOString()],
  );
  return rows.length;
}

/** Where an import's files live under the data directory. */
export function importDir(dataDir: string, importId: string): string {
  return path.join(dataDir, 'imports', importId);
}
