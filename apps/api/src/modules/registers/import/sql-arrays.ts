/**
 * An array parameter as PostgreSQL's array text, every element quoted (so any text survives) and
 * null as NULL: one parameter per column instead of one per cell (as demo-data/bulk-insert.ts does).
 */
export function arrayLiteral(values: readonly (string | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else out += v.indexOf('"') === -1 && v.indexOf('\\') === -1 ? `"${v}"` : `"${v.replace(/[\\"]/g, '\\$&')}"`;
  }
  return `${out}}`;
}

/** bytea[] from hex strings. */
export function byteaArrayLiteral(hex: readonly string[]): string {
  return `{${hex.map((h) => `"\\\\x${h}"`).join(',')}}`;
}
