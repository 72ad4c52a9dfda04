/** '' and whitespace → null; strings trimmed; nested objects (a person's type items) cleaned too. */
export function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)]));
  }
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields whose value differs from what the form was loaded with, so a PATCH sends only those and
 * the history records only real changes. An empty personal field (ID number, phone) means "keep".
 */
export function changedFields(initial: Record<string, unknown>, next: Record<string, unknown>, keepWhenEmpty: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (keepWhenEmpty.includes(key) && (value === null || value === undefined)) continue;
    if (key === 'details' && value && typeof value === 'object') {
      const before = (initial[key] ?? {}) as Record<string, unknown>;
      const after = value as Record<string, unknown>;
      const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
      if ([...keys].some((k) => !same(before[k], after[k]))) out[key] = { ...before, ...after };
      continue;
    }
    if (!same(initial[key], value)) out[key] = value;
  }
  return out;
}
