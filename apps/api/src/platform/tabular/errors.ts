/** Why a file cannot be read as a table at all (as opposed to one bad row in it). */
export type TabularErrorCode = 'empty' | 'encoding' | 'file_type' | 'csv' | 'xlsx';

/**
 * A file-level problem the user can fix: the message names where (line and byte offset when known)
 * in both languages, so the CLI can print it and the HTTP edge can answer 400 with it.
 */
export class TabularError extends Error {
  readonly code: TabularErrorCode;
  readonly zh: string;
  readonly en: string;
  readonly line: number | undefined;
  readonly offset: number | undefined;

  constructor(code: TabularErrorCode, zh: string, en: string, where: { line?: number; offset?: number } = {}) {
    super(`${zh} / ${en}`);
    this.name = 'TabularError';
    this.code = code;
    this.zh = zh;
    this.en = en;
    this.line = where.line;
    this.offset = where.offset;
  }
}

export function isTabularError(value: unknown): value is TabularError {
  return value instanceof TabularError;
}
