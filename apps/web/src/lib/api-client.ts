import type { ErrorResponse, Locale } from '@shizhi/domain';

/** An error answered by the API (`{code, message, field?}`) or a network failure (`status` 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, body: ErrorResponse) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.field = body.field;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

let requestLocale: Locale = 'zh-CN';
let csrfFallback: string | null = null;
let onUnauthenticated: () => void = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login');
};

/** Sent as Accept-Language so error messages come back in the UI's language. */
export function setRequestLocale(locale: Locale): void {
  requestLocale = locale;
}

/** The token from `Me`, used when the `shizhi_csrf` cookie cannot be read. */
export function rememberCsrfToken(token: string | null): void {
  csrfFallback = token;
}

/** Called when a request answers 401 because the session is gone (not for a failed sign-in). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

function csrfToken(): string | null {
  return readCookie('shizhi_csrf') ?? csrfFallback;
}

function isErrorResponse(value: unknown): value is ErrorResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
  /** Leave a 401 to the caller (the login form shows it instead of redirecting). */
  allowUnauthenticated?: boolean;
  /** Extra headers, e.g. `Idempotency-Key` on a report. */
  headers?: Record<string, string>;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json',
    'Accept-Language': requestLocale,
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }

  const url = apiUrl(path, options.query);

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw networkError();
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }

  if (!response.ok) throw failure(response.status, payload, options.allowUnauthenticated ?? false);
  return payload as T;
}

/** `/api<path>?<query>`, leaving out empty values. */
export function apiUrl(path: string, query?: RequestOptions['query']): string {
  let url = `/api${path}`;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    if (search) url += `?${search}`;
  }
  return url;
}

function failure(status: number, payload: unknown, allowUnauthenticated: boolean): ApiError {
  const body: ErrorResponse = isErrorResponse(payload) ? payload : { code: 'INTERNAL', message: `HTTP ${status}` };
  if (status === 401 && !allowUnauthenticated) onUnauthenticated();
  return new ApiError(status, body);
}

function networkError(): ApiError {
  return new ApiError(0, {
    code: 'NETWORK',
    message: requestLocale === 'en' ? 'Cannot reach the server' : '无法连接服务器，请检查网络',
  });
}

/** A file the API answers with (an Excel export): its bytes and the name the server gave it. */
export async function apiDownload(path: string, query?: RequestOptions['query']): Promise<{ blob: Blob; filename: string | null }> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), {
      headers: { 'Accept-Language': requestLocale },
      credentials: 'same-origin',
    });
  } catch {
    throw networkError();
  }
  if (!response.ok) {
    let payload: unknown;
    try {
      payload = JSON.parse(await response.text());
    } catch {
      payload = undefined;
    }
    throw failure(response.status, payload, false);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), filename };
}

export function apiGet<T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal): Promise<T> {
  return apiRequest<T>(path, { query, signal });
}

export function apiPost<T>(path: string, body?: unknown): Promise<T> {
  return apiRequest<T>(path, { method: 'POST', body });
}

export interface UploadOptions {
  /** Bytes sent so far and in all, as the browser reports them. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
  /** Give up when no byte has moved for this long (a bad network, not a large file, is the problem). */
  stallMs?: number;
}

/**
 * POST raw bytes (a photo) to the API with upload progress, which `fetch` cannot report. Errors are
 * the same `ApiError`s as `apiRequest`'s: status 0 for the network, the API's body otherwise.
 */
export function apiUpload<T>(path: string, blob: Blob, options: UploadOptions = {}): Promise<T> {
  const stallMs = options.stallMs ?? 30_000;
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let stallTimer: ReturnType<typeof setTimeout> | null = null;
    let stalled = false;
    const armStall = () => {
      if (stallTimer) clearTimeout(stallTimer);
      stallTimer = setTimeout(() => {
        stalled = true;
        xhr.abort();
      }, stallMs);
    };
    const finish = () => {
      if (stallTimer) clearTimeout(stallTimer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => xhr.abort();

    xhr.open('POST', apiUrl(path));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', blob.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', requestLocale);
    const token = csrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      armStall();
      options.onProgress?.(event.loaded, event.lengthComputable ? event.total : blob.size);
    };
    xhr.onload = () => {
      finish();
      let payload: unknown = undefined;
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        payload = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(blob.size, blob.size);
        resolve(payload as T);
      } else {
        reject(failure(xhr.status, payload, false));
      }
    };
    xhr.onerror = () => {
      finish();
      reject(networkError());
    };
    xhr.onabort = () => {
      finish();
      reject(stalled ? networkError() : new DOMException('The upload was aborted', 'AbortError'));
    };
    if (options.signal?.aborted) {
      reject(new DOMException('The upload was aborted', 'AbortError'));
      return;
    }
    options.signal?.addEventListener('abort', onAbort);
    armStall();
    xhr.send(blob);
  });
}
