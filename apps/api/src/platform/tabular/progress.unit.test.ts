import { describe, expect, it } from 'vitest';
import { createProgressBar, formatDuration } from './progress.ts';

function output(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, columns: 120, writes, write: (text: string) => (writes.push(text), true) };
}

describe('progress bar', () => {
  it('writes a plain line per tenth of the file and per phase when not a terminal', () => {
    let t = 0;
    const out = output(false);
    const bar = createProgressBar(out, { now: () => t });
    for (let i = 0; i <= 100; i++) {
      t += 100;
      bar.update({ bytesRead: i * 10, bytesTotal: 1000, rows: i * 5, phase: 'reading' });
    }
    bar.update({ bytesRead: 1000, bytesTotal: 1000, rows: 500, phase: 'committing' });
    bar.finish();
    expect(out.writes).toHaveLength(12);
    expect(out.writes.every((w) => w.endsWith('\n') && !w.includes('\r'))).toBe(true);
    expect(out.writes[5]).toContain('50.0%');
    expect(out.writes.at(-1)).toContain('committing');
    expect(out.writes.at(-1)).toContain('500 行');
  });

  it('redraws in place at most ten times a second on a terminal', () => {
    let t = 0;
    const out = output(true);
    const bar = createProgressBar(out, { now: () => t });
    for (let i = 0; i < 1000; i++) {
      t += 5; // 5 s in all
      bar.update({ bytesRead: i, bytesTotal: 1000, rows: i, phase: 'reading' });
    }
    bar.finish({ bytesRead: 1000, bytesTotal: 1000, rows: 1000, phase: 'done' });
    expect(out.writes.length).toBeLessThanOrEqual(53);
    expect(out.writes[1]!.startsWith('\r\x1b[2K[')).toBe(true);
    expect(out.writes.at(-2)).toContain('100.0%');
    expect(out.writes.at(-1)).toBe('\n');
  });

  it('formats the time left', () => {
    expect(formatDuration(65)).toBe('01:05');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(Number.NaN)).toBe('--:--');
  });
});
