import { disputeKpiDefinitions, disputeKpiKeys, disputeMeasures, type DisputeFigures } from '@shizhi/domain';

type Label = (l: { zh: string; en: string }) => string;

function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const rate = (value: number | null) => (value === null ? null : `${(value * 100).toFixed(1)}%`);

/**
 * The figures as a CSV that Excel opens directly (UTF-8 with a byte-order mark, so Chinese reads
 * right): one row per unit, body, mediator or type, the total last. The API has no .xlsx export of
 * the dispute figures yet.
 */
export function figuresCsv(figures: DisputeFigures, measureLabel: (m: (typeof disputeMeasures)[number]) => string, label: Label, nameHeader: string, totalLabel: string): string {
  const header = [nameHeader, ...disputeMeasures.map(measureLabel), ...disputeKpiKeys.map((k) => label(disputeKpiDefinitions[k]))];
  const line = (name: string, row: Pick<DisputeFigures['total'], 'counts' | 'rates'>) => [
    name,
    ...disputeMeasures.map((m) => row.counts[m]),
    ...disputeKpiKeys.map((k) => rate(row.rates[k])),
  ];
  const rows = [header, ...figures.rows.map((r) => line(r.name, r)), line(totalLabel, figures.total)];
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
