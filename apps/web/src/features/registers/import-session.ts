import { useSyncExternalStore } from 'react';
import type { RegisterKind } from '@shizhi/domain';
import { isApiError } from '../../lib/api-client.ts';
import { uploadImport, type IdCheck, type ImportMode, type ImportProgress, type ImportSummary, type ImportUploadRequest } from '../../lib/registers-imports-api.ts';

export type ImportStage = 'uploading' | 'processing' | 'finished' | 'failed';

/** The import under way (or just finished) in this tab. */
export interface ImportRun {
  stage: ImportStage;
  kind: RegisterKind;
  fileName: string;
  fileBytes: number;
  mode: ImportMode;
  idCheck: IdCheck;
  startedAt: number;
  sent: number;
  /** When the server started reading the file (ms, performance clock). */
  processingSince: number | null;
  progress: ImportProgress | null;
  /** Rows read a second since the server started reading. */
  rowsPerSecond: number | null;
  summary: ImportSummary | null;
  error: string | null;
}

/**
 * The run lives outside React, in the module: leaving the page for another one of the app keeps the
 * upload going and the progress is there on coming back. Only unloading the tab would lose the upload,
 * so the browser asks before leaving while bytes are still going up. Once the file is on the server,
 * the import finishes there whatever the tab does, and the recent imports list shows its outcome.
 */
let run: ImportRun | null = null;
let abortUpload: (() => void) | null = null;
const listeners = new Set<() => void>();

function publish(next: ImportRun | null): void {
  run = next;
  syncLeaveWarning();
  for (const listener of listeners) listener();
}

function update(change: Partial<ImportRun>): void {
  if (run) publish({ ...run, ...change });
}

function warnBeforeLeaving(event: BeforeUnloadEvent): void {
  event.preventDefault();
  // Older browsers show the dialog only when returnValue is set.
  event.returnValue = '';
}

let warning = false;
function syncLeaveWarning(): void {
  const want = run?.stage === 'uploading';
  if (want === warning) return;
  warning = want;
  if (want) window.addEventListener('beforeunload', warnBeforeLeaving);
  else window.removeEventListener('beforeunload', warnBeforeLeaving);
}

export function isImportBusy(): boolean {
  return run?.stage === 'uploading' || run?.stage === 'processing';
}

/** Starts an import unless one is already running; `onSettled` runs when it ends, whatever the page shows. */
export function startImport(request: ImportUploadRequest, onSettled: () => void): void {
  if (isImportBusy()) return;
  publish({
    stage: 'uploading',
    kind: request.kind,
    fileName: request.file.name,
    fileBytes: request.file.size,
    mode: request.mode,
    idCheck: request.idCheck,
    startedAt: Date.now(),
    sent: 0,
    processingSince: null,
    progress: null,
    rowsPerSecond: null,
    summary: null,
    error: null,
  });
  const upload = uploadImport(request, {
    onUpload: (sent) => update({ sent }),
    onUploaded: () => update({ stage: 'processing', sent: request.file.size, processingSince: performance.now() }),
    onProgress: (progress) => {
      const since = run?.processingSince ?? performance.now();
      const seconds = (performance.now() - since) / 1000;
      update({ progress, rowsPerSecond: seconds >= 0.5 ? progress.rows / seconds : run?.rowsPerSecond ?? null });
    },
  });
  abortUpload = upload.abort;
  upload.done.then(
    (summary) => {
      const since = run?.processingSince;
      const seconds = summary.seconds > 0 ? summary.seconds : since ? (performance.now() - since) / 1000 : 0;
      update({ stage: 'finished', summary, rowsPerSecond: seconds > 0 ? summary.totalRows / seconds : null });
    },
    (cause: unknown) => {
      const aborted = cause instanceof DOMException && cause.name === 'AbortError';
      update({ stage: 'failed', error: aborted ? null : isApiError(cause) || cause instanceof Error ? cause.message : String(cause) });
    },
  ).finally(() => {
    abortUpload = null;
    onSettled();
  });
}

/** Stops an upload still going up (nothing reaches the registers); a file being read finishes on the server. */
export function cancelImportUpload(): void {
  if (run?.stage === 'uploading') abortUpload?.();
}

/** Clears a finished run, for the next file. */
export function clearImportRun(): void {
  if (!isImportBusy()) publish(null);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useImportRun(): ImportRun | null {
  return useSyncExternalStore(subscribe, () => run);
}
