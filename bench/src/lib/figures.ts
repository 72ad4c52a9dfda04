/** One measured number next to the baseline it is compared with, both taken in the same run. */
export interface Figure {
  benchmark: string;
  metric: string;
  value: number;
  unit: string;
  baselineName: string;
  baselineValue: number;
  /** value / baseline. Above 1 means "more" (more seconds, more requests per second). */
  ratio: number;
  note?: string;
}

export function figure(
  benchmark: string,
  metric: string,
  unit: string,
  value: number,
  baselineName: string,
  baselineValue: number,
  note?: string,
): Figure {
  const ratio = baselineValue === 0 ? Number.NaN : value / baselineValue;
  return { benchmark, metric, value, unit, baselineName, baselineValue, ratio, ...(note ? { note } : {}) };
}

export interface Benchmark {
  name: string;
  description: string;
  run(say: (line: string) => void): Promise<Figure[]>;
}

function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = unit === 's' ? 2 : unit === 'ms' ? 1 : 0;
  return `${value.toFixed(digits)} ${unit}`;
}

/** Two decimals, or two significant digits for the small ratios of a slow route to a bare one. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  return `${ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)}×`;
}

/** A plain-text table: benchmark, metric, figure, baseline, ratio. */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['benchmark', 'metric', 'figure', 'baseline', 'baseline figure', 'ratio'];
  const rows = figures.map((f) => [
    f.benchmark,
    f.metric,
    formatValue(f.value, f.unit),
    f.baselineName,
    formatValue(f.baselineValue, f.unit),
    formatRatio(f.ratio),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
