import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ErrorResponse, Locale, RegisterKind } from '@shizhi/domain';
import { ApiError, apiDownload, apiGet, apiUrl } from './api-client.ts';
import type { PersonRow } from './registers-api.ts';
import { saveFile } from './save-file.ts';

/**
 * 数据导入 and 采集质量 of the 一标三实 registers (`/api/registers/templates`, `/imports`, `/quality`).
 * Shapes follow apps/api/src/modules/registers/import/routes.ts and quality-routes.ts.
 */
export const registerImportsQueryKey = ['registers', 'imports'] as const;
export const registerQualityQueryKey = ['registers', 'quality'] as const;

export type ImportMode = 'good_rows' | 'all_or_nothing';
export type IdCheck = 'strict' | 'warn';
export type ImportStatus = 'running' | 'done' | 'refused' | 'failed' | 'interrupted';
export type ImportPhase = 'reading' | 'loading' | 'committing' | 'done';

/** One line of the upload's NDJSON answer while the server reads the file. */
export interface ImportProgress {
  phase: ImportPhase;
  bytesRead: number;
  bytesTotal: number;
  rows: number;
  goodRows: number;
  badRows: number;
}

/** The last line of a finished import. Counts of created/updated/unchanged are 0 unless status is done. */
export interface ImportSummary {
  importId: string;
  kind: RegisterKind;
  status: ImportStatus;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  bad: number;
  /** `UTF-8`, `UTF-8 (BOM)`, `GB18030`, or `xlsx`; null when the file could not be opened. */
  encoding: string | null;
  hasErrorFile: boolean;
  hasErrorCsv: boolean;
  message: string | null;
  messageEn: string | null;
  seconds: number;
}

/** An import as the list of recent imports shows it. */
export interface ImportRecord {
  id: string;
  kind: RegisterKind;
  fileName: string;
  fileBytes: number | null;
  encoding: string | null;
  mode: string;
  idCheck: string;
  status: ImportStatus;
  totalRows: number;
  createdRows: number;
  updatedRows: number;
  unchangedRows: number;
  badRows: number;
  hasErrorFile: boolean;
  message: string | null;
  actorName: string;
  startedAt: string;
  finishedAt: string | null;
}

/** Newest first; polled while `follow` is set or while an import in the list is still running. */
export function useRecentImports(options: { follow?: boolean } = {}) {
  return useQuery({
    queryKey: [...registerImportsQueryKey, 'list'],
    queryFn: ({ signal }) => apiGet<{ items: ImportRecord[] }>('/registers/imports', undefined, signal),
    refetchInterval: (query) => (options.follow || query.state.data?.items.some((i) => i.status === 'running') ? 3000 : false),
  });
}

export async function downloadImportTemplate(kind: RegisterKind): Promise<void> {
  const { blob, filename } = await apiDownload(`/registers/templates/${kind}.xlsx`);
  saveFile(blob, filename ?? `${kind}-template.xlsx`);
}

/** The error report of an import: row number, column and reason, then the row's cells. */
export async function downloadImportErrors(importId: string, format: 'xlsx' | 'csv' = 'xlsx'): Promise<void> {
  const { blob, filename } = await apiDownload(`/registers/imports/${encodeURIComponent(importId)}/errors.${format}`);
  saveFile(blob, filename ?? `errors.${format}`);
}

export interface ImportUploadRequest {
  kind: RegisterKind;
  file: File;
  mode: ImportMode;
  idCheck: IdCheck;
  /** From `Me`: the same value as the `shizhi_csrf` cookie. */
  csrfToken: string | null;
  locale: Locale;
}

export interface ImportUploadHandlers {
  /** Bytes of the file sent so far. */
  onUpload: (sent: number, total: number) => void;
  /** The file is on the server; it now reads and validates it. */
  onUploaded: () => void;
  onProgress: (progress: ImportProgress) => void;
}

export interface ImportUpload {
  /** The summary, or an `ApiError` (status 0 for the network) / AbortError. */
  done: Promise<ImportSummary>;
  abort: () => void;
}

type StreamLine = ({ type: 'progress' } & ImportProgress) | { type: 'done'; summary: ImportSummary } | { type: 'error'; code: string; message: string };

/**
 * Sends the file as the raw body with XMLHttpRequest, which (unlike fetch) reports upload progress,
 * and reads the answer as it streams in: one JSON object a line, progress lines then the summary.
 */
export function uploadImport(request: ImportUploadRequest, handlers: ImportUploadHandlers): ImportUpload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<ImportSummary>((resolve, reject) => {
    let parsed = 0;
    let uploaded = false;
    let result: ImportSummary | null = null;
    let failure: ApiError | null = null;
    const networkError = () =>
      new ApiError(0, { code: 'NETWORK', message: request.locale === 'en' ? 'Cannot reach the server' : '无法连接服务器，请检查网络' });
    const markUploaded = () => {
      if (uploaded) return;
      uploaded = true;
      handlers.onUpload(request.file.size, request.file.size);
      handlers.onUploaded();
    };
    // Only complete lines: the last one may still be arriving.
    const readLines = (final: boolean) => {
      const text = xhr.responseText;
      for (;;) {
        const end = text.indexOf('\n', parsed);
        if (end === -1) break;
        handleLine(text.slice(parsed, end));
        parsed = end + 1;
      }
      if (final && parsed < text.length) {
        handleLine(text.slice(parsed));
        parsed = text.length;
      }
    };
    const handleLine = (raw: string) => {
      const line = raw.trim();
      if (!line) return;
      let value: StreamLine;
      try {
        value = JSON.parse(line) as StreamLine;
      } catch {
        return;
      }
      if (value.type === 'progress') handlers.onProgress(value);
      else if (value.type === 'done') result = value.summary;
      else if (value.type === 'error') failure = new ApiError(500, { code: value.code, message: value.message });
    };

    xhr.open('POST', apiUrl(`/registers/imports/${request.kind}`, { mode: request.mode, idCheck: request.idCheck, fileName: request.file.name }));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/x-ndjson, application/json');
    xhr.setRequestHeader('Accept-Language', request.locale);
    if (request.csrfToken) xhr.setRequestHeader('x-csrf-token', request.csrfToken);
    xhr.upload.onprogress = (event) => handlers.onUpload(event.loaded, event.lengthComputable ? event.total : request.file.size);
    xhr.upload.onload = markUploaded;
    xhr.onprogress = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        markUploaded();
        readLines(false);
      }
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        let body: ErrorResponse = { code: 'INTERNAL', message: `HTTP ${xhr.status}` };
        try {
          const payload = JSON.parse(xhr.responseText) as Partial<ErrorResponse>;
          if (typeof payload.code === 'string' && typeof payload.message === 'string') body = payload as ErrorResponse;
        } catch {
          // not JSON: keep the status
        }
        reject(new ApiError(xhr.status, body));
        return;
      }
      markUploaded();
      readLines(true);
      if (result) resolve(result);
      else reject(failure ?? networkError());
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new DOMException('The import was aborted', 'AbortError'));
    xhr.send(request.file);
  });
  return { done, abort: () => xhr.abort() };
}

// 采集质量

export type QualityProblem = 'missing' | 'id_invalid' | 'duplicate';

export interface QualityFigures {
  /** 应采集户数: the grids' household counts. */
  households: number;
  /** 已采集户数: households with an active member. */
  registeredHouseholds: number;
  /** A ratio (0–1); null when there is nothing to collect. */
  collectionRate: number | null;
  people: number;
  missingItems: number;
  idInvalid: number;
  duplicates: number;
}

export interface QualityRow extends QualityFigures {
  gridCode: string;
  gridName: string;
  villageName: string | null;
}

export interface QualityUnitRef {
  code: string;
  name: string;
  level: string;
}

export interface QualityOverview {
  unit: QualityUnitRef;
  rows: QualityRow[];
  totals: QualityFigures;
}

/** A person to fix, with what is wrong said in Chinese (`problem`) and the record's quality flags (`problems`). */
export type QualityProblemRow = PersonRow & { problem: string };

export interface QualityProblemPage {
  unit: QualityUnitRef;
  problem: QualityProblem;
  items: QualityProblemRow[];
  total: number;
  page: number;
  pageSize: number;
}

export function useQualityOverview(unit: string | undefined) {
  return useQuery({
    queryKey: [...registerQualityQueryKey, 'overview', unit ?? null],
    queryFn: ({ signal }) => apiGet<QualityOverview>('/registers/quality', { unit }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useQualityProblems(query: { unit: string; problem: QualityProblem; page: number } | null) {
  return useQuery({
    queryKey: [...registerQualityQueryKey, 'problems', query],
    queryFn: ({ signal }) => apiGet<QualityProblemPage>('/registers/quality/problems', { ...query }, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}
