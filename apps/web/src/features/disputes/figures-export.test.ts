import { describe, expect, it } from 'vitest';
import { computeDisputeKpis, emptyDisputeCounts, type DisputeFigures } from '@shizhi/domain';
import { figuresCsv } from './figures-export.ts';

describe('dispute figures as CSV', () => {
  it('writes a row per key and the total, quoting names with commas, rates as percentages', () => {
    const counts = { ...emptyDisputeCounts(), accepted: 3, resolved: 2, concluded: 3 };
    const figures: DisputeFigures = {
      by: 'type',
      from: '2026-01-01',
      to: '2026-12-31',
      total: { counts, rates: computeDisputeKpis(counts) },
      rows: [{ key: 'debt', name: '债务, 借贷', counts, rates: computeDisputeKpis(counts), filter: { typeCode: 'debt' } }],
    };
    const csv = figuresCsv(figures, (m) => m, (l) => l.zh, '名称', '合计');
    const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines).toHaveLength(3);
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['名称', 'accepted', 'resolved']);
    expect(lines[1]!.startsWith('"债务, 借贷",3,2,3,')).toBe(true);
    // 化解成功率 2/3, 调解成功率 2/3; 按期 0/3; the rates with no cases (司法确认, 履行) stay empty.
    expect(lines[2]!.endsWith(',66.7%,66.7%,0.0%,,,0.0%')).toBe(true);
  });
});
