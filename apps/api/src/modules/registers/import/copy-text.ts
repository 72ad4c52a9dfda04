import { randomBytes } from 'node:crypto';

const special = /[\\\t\n\r]/;
const specialAll = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: \N for null, backslash, tab and line breaks escaped. */
export function copyValue(value: string | null): string {
  if (value === null) return '\\N';
  return special.test(value) ? value.replace(specialAll, (c) => escapes[c]!) : value;
}

/** A row of COPY text (values already as PostgreSQL's text input for each column). */
export function copyLine(values: readonly (string | null)[]): string {
  let line = copyValue(values[0] ?? null);
  for (let i = 1; i < values.length; i++) line += `\t${copyValue(values[i] ?? null)}`;
  return `${line}\n`;
}

/** bytea's text input (hex); COPY's own escaping doubles the backslash. */
export function byteaText(bytes: Buffer | null | undefined): string | null {
  return bytes ? `\\x${bytes.toString('hex')}` : null;
}

/** A text[] literal of plain tokens (quality flags such as missing:gender). */
export function textArrayText(values: readonly string[]): string {
  return `{${values.map((v) => (/^[\w:.-]+$/.test(v) ? v : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

export function boolText(value: boolean | null | undefined): string | null {
  return value === null || value === undefined ? null : value ? 'true' : 'false';
}

export function numberTextOrNull(value: number | null | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

/**
 * Time-ordered UUIDs (version 7 layout: 48-bit milliseconds, then a counter and random bits), made in
 * Node so new rows' primary keys arrive in index order and the index appends instead of splitting
 * pages all over. Random bytes are drawn once per batch.
 */
export class TimeOrderedIds {
  private lastMs = 0;
  private counter = 0;

  batch(count: number, now = Date.now()): string[] {
    const random = randomBytes(count * 8);
    const ids: string[] = new Array(count);
    for (let i = 0; i < count; i++) {
      if (now > this.lastMs) {
        this.lastMs = now;
        this.counter = 0;
      } else if (++this.counter > 0xfff) {
        // 4,096 ids in one millisecond: borrow the next millisecond so the order holds.
        this.lastMs += 1;
        this.counter = 0;
      }
      const ms = this.lastMs.toString(16).padStart(12, '0');
      const randA = (0x7000 | this.counter).toString(16);
      const r = random.subarray(i * 8, i * 8 + 8);
      r[0] = (r[0]! & 0x3f) | 0x80;
      const hex = r.toString('hex');
      ids[i] = `${ms.slice(0, 8)}-${ms.slice(8, 12)}-${randA}-${hex.slice(0, 4)}-${hex.slice(4, 16)}`;
    }
    return ids;
  }
}
