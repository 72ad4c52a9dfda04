import { describe, expect, it } from 'vitest';
import { byteaText, copyLine, TimeOrderedIds } from './copy-text.ts';

describe('COPY text', () => {
  it('escapes backslashes, tabs and line breaks and writes null as \\N', () => {
    expect(copyLine(['a\tb', null, 'c\\d\ne', '张三'])).toBe('a\\tb\t\\N\tc\\\\d\\ne\t张三\n');
    expect(copyLine([byteaText(Buffer.from([0, 255]))])).toBe('\\\\x00ff\n');
  });

  it('makes time-ordered version 7 UUIDs that sort in creation order', () => {
    const ids = new TimeOrderedIds();
    const first = ids.batch(5000, 1_700_000_000_000);
    const second = ids.batch(10, 1_700_000_000_000);
    const all = [...first, ...second];
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(all);
    for (const id of all) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
