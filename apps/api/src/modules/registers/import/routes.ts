import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { DomainError, errorResponseSchema, hasCapability, registerCodeTables, registerColumns, registerKinds, type RegisterKind } from '@shizhi/domain';
import { inScope } from '../../../platform/db/scope.ts';
import { requireActor, requireCapability } from '../../../platform/http/context.ts';
import type { AppDeps } from '../../../platform/http/deps.ts';
import { writeTemplate, type TemplateSpec } from '../../../platform/tabular/index.ts';
import { importDir, kindName, runImport, type ImportSummary } from './run-import.ts';
import { receiveUpload } from './upload.ts';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };
const kindParams = z.object({ kind: z.enum(registerKinds) });
const idParams = z.object({ id: z.uuid('导入编号格式不正确 (invalid import id)') });

const importRowSchema = z
  .object({
    id: z.string(),
    kind: z.enum(registerKinds),
    fileName: z.string(),
    fileBytes: z.number().nullable(),
    encoding: z.string().nullable(),
    mode: z.string(),
    idCheck: z.string(),
    status: z.string(),
    totalRows: z.number(),
    createdRows: z.number(),
    updatedRows: z.number(),
    unchangedRows: z.number(),
    badRows: z.number(),
    hasErrorFile: z.boolean(),
    message: z.string().nullable(),
    actorName: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'RegisterImport' });
type ImportRow = z.infer<typeof importRowSchema>;

type ImportRecord = {
  id: string;
  kind: RegisterKind;
  file_name: string;
  file_bytes: number | string | null;
  encoding: string | null;
  mode: string;
  id_check: string;
  status: string;
  total_rows: number;
  created_rows: number;
  updated_rows: number;
  unchanged_rows: number;
  bad_rows: number;
  error_file: string | null;
  message: string | null;
  actor_name: string;
  started_at: Date | string;
  finished_at: Date | string | null;
};

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function importRow(r: ImportRecord): ImportRow {
  return {
    id: r.id,
    kind: r.kind,
    fileName: r.file_name,
    fileBytes: r.file_bytes === null ? null : Number(r.file_bytes),
    encoding: r.encoding,
    mode: r.mode,
    idCheck: r.id_check,
    status: r.status,
    totalRows: r.total_rows,
    createdRows: r.created_rows,
    updatedRows: r.updated_rows,
    unchangedRows: r.unchanged_rows,
    badRows: r.bad_rows,
    hasErrorFile: r.error_file !== null,
    message: r.message,
    actorName: r.actor_name,
    startedAt: iso(r.started_at)!,
    finishedAt: iso(r.finished_at),
  };
}

const importColumns = `id::text, kind, file_name, file_bytes, encoding, mode, id_check, status, total_rows, created_rows, updated_rows,
  unchanged_rows, bad_rows, error_file, message, actor_name, started_at, finished_at`;

/** The template of a register: the import columns with their notes, and the code tables they use. */
export function templateSpec(kind: RegisterKind): TemplateSpec {
  const columns = registerColumns[kind];
  const tables = [...new Set(columns.map((c) => c.table).filter((t): t is NonNullable<typeof t> => !!t))];
  return {
    title: kindName[kind],
    columns: columns.map((c) => ({
      header: c.header,
      required: c.required === true,
      example: c.example,
      note: [c.note, c.required === 'by-type' ? '（部分类型必填）' : '', c.aliases?.length ? `也可用列名：${c.aliases.join('、')}` : ''].filter(Boolean).join(' '),
      codeTable: c.table ? registerCodeTables[c.table].label.zh : null,
    })),
    codeTables: tables.map((t) => ({
      name: registerCodeTables[t].label.zh,
      source: registerCodeTables[t].source,
      codes: registerCodeTables[t].entries.map((e) => ({ code: e.code, name: e.zh })),
    })),
  };
}

/** At most this many progress lines a second on the NDJSON stream. */
const progressPerSecond = 5;

/**
 * Register imports over HTTP under /api/registers: templates, the upload (answered as a stream of
 * NDJSON progress lines and a final summary, so the browser shows a live bar without polling — on
 * PGlite an open import transaction would hold every other query), the list of recent imports in
 * scope, one import, and its error report.
 */
export function registerImportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/registers/templates/:file',
    {
      schema: {
        tags: ['registers'],
        summary: '导入模板 The import template of a register (.xlsx: columns in Chinese, * required, an example row, 说明 and 代码表 sheets); file is population.xlsx, houses.xlsx or organisations.xlsx',
        params: z.object({ file: z.string() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!hasCapability(actor.roles, 'registers.import') && !hasCapability(actor.roles, 'registers.view')) throw new DomainError('AUTH.FORBIDDEN');
      const kind = /^(population|houses|organisations)\.xlsx$/.exec(request.params.file)?.[1] as RegisterKind | undefined;
      if (!kind) throw new DomainError('NOT_FOUND');
      const name = encodeURIComponent(`${kindName[kind]}导入模板.xlsx`);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${kind}-template.xlsx"; filename*=UTF-8''${name}`)
        .send(await writeTemplate(templateSpec(kind)));
    },
  );

  app.register(async (scope) => {
    // The file arrives as a stream (raw bytes of any type, or multipart): it goes to disk, not memory.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/registers/imports/:kind',
      {
        bodyLimit: Number.MAX_SAFE_INTEGER,
        schema: {
          tags: ['registers'],
          summary:
            '导入 Import a register file (.xlsx or CSV in UTF-8/GBK, as the raw body or a multipart file, ≤ 1 GB); answers application/x-ndjson: {type:"progress",…} lines then {type:"done",summary} or {type:"error",code,message}',
          params: kindParams,
          querystring: z.object({
            mode: z.enum(['all_or_nothing', 'good_rows']).default('all_or_nothing'),
            idCheck: z.enum(['strict', 'warn']).default('strict'),
            fileName: z.string().max(200).optional(),
          }),
        },
      },
      async (request, reply) => {
        const actor = requireCapability(request, 'registers.import');
        const uploads = path.join(deps.config.dataDir, 'imports', 'uploads');
        const upload = await receiveUpload(request.body as Readable, {
          dir: uploads,
          contentType: request.headers['content-type'],
          fileName: request.query.fileName,
        });
        const stream = new PassThrough();
        const line = (value: unknown) => stream.write(`${JSON.stringify(value)}\n`);
        let lastProgress = 0;
        void (async () => {
          try {
            const summary = await runImport({
              handle: deps.handle,
              clock: deps.clock,
              cipher: deps.cipher,
              kind: request.params.kind,
              filePath: upload.filePath,
              fileName: upload.fileName,
              mode: request.query.mode,
              idCheck: request.query.idCheck,
              actor: { userId: actor.userId, displayName: actor.displayName, scopePaths: actor.scopePaths },
              errorReportPath: (id) => path.join(importDir(deps.config.dataDir, id), 'errors.xlsx'),
              onProgress: (p) => {
                const now = Date.now();
                if (p.phase === 'reading' && now - lastProgress < 1000 / progressPerSecond) return;
                lastProgress = now;
                line({ type: 'progress', ...p });
              },
            });
            line({ type: 'done', summary: publicSummary(summary) });
          } catch (error) {
            request.log.error({ err: error }, 'register import failed');
            line({ type: 'error', code: 'INTERNAL', message: '导入失败，未导入任何数据 (the import failed; nothing was imported)' });
          } finally {
            await fs.promises.rm(upload.filePath, { force: true });
            stream.end();
          }
        })();
        return reply.header('content-type', 'application/x-ndjson; charset=utf-8').header('cache-control', 'no-store').send(stream);
      },
    );
  });

  r.get(
    '/api/registers/imports',
    {
      schema: {
        tags: ['registers'],
        summary: '导入记录 Recent imports in my area, newest first',
        response: { 200: z.object({ items: z.array(importRowSchema) }), ...errors },
      },
    },
    async (request) => {
      const actor = requireCapability(request, 'registers.import');
      const rows = await inScope(deps.db, actor.scopePaths, async (tx) => (await tx.execute<ImportRecord>(`select ${importColumns} from register_import order by started_at desc, id desc limit 50`)).rows);
      return { items: rows.map(importRow) };
    },
  );

  r.get(
    '/api/registers/imports/:id',
    {
      schema: { tags: ['registers'], summary: '导入详情 One import: options, counts, outcome', params: idParams, response: { 200: importRowSchema, ...errors } },
    },
    async (request) => {
      const actor = requireCapability(request, 'registers.import');
      return importRow(await findImport(deps, actor.scopePaths, request.params.id));
    },
  );

  for (const format of ['xlsx', 'csv'] as const) {
    r.get(
      `/api/registers/imports/:id/errors.${format}`,
      {
        schema: {
          tags: ['registers'],
          summary: `错误报告 The import's bad rows (.${format}): 行号, 列, 原因, then the row's cells; fix them and import the file again`,
          params: idParams,
        },
      },
      async (request, reply) => {
        const actor = requireCapability(request, 'registers.import');
        const found = await findImport(deps, actor.scopePaths, request.params.id);
        const file = found.error_file && (format === 'xlsx' ? found.error_file : found.error_file.replace(/\.xlsx$/i, '.csv'));
        if (!file || !fs.existsSync(file)) throw new DomainError('NOT_FOUND');
        const name = encodeURIComponent(`${path.parse(found.file_name).name}-错误报告.${format}`);
        return reply
          .header('content-type', format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="errors.${format}"; filename*=UTF-8''${name}`)
          .send(fs.createReadStream(file));
      },
    );
  }
}

async function findImport(deps: AppDeps, scopePaths: readonly string[], id: string): Promise<ImportRecord> {
  const rows = await inScope(deps.db, [...scopePaths], async (tx) => (await tx.execute<ImportRecord>(sql`select ${sql.raw(importColumns)} from register_import where id = ${id}`)).rows);
  if (!rows[0]) throw new DomainError('NOT_FOUND');
  return rows[0];
}

/** The summary as the browser gets it: no server paths. */
function publicSummary(summary: ImportSummary) {
  const { errorFile, errorCsv, ...rest } = summary;
  return { ...rest, hasErrorFile: errorFile !== null, hasErrorCsv: errorCsv !== null };
}
