import type { KpiKey } from '@shizhi/domain';

export type RateKey = Exclude<KpiKey, 'avgHandleHours'>;

/**
 * Where a rate stands against the usual targets of 市域社会治理 assessments (12345 and 网格化 scoring
 * schemes set 90 %+ for response, closing and satisfaction). Targets are a page convention for
 * colouring only; the figures themselves come from the API.
 */
export const rateTargets: Record<RateKey, { good: number; fair: number; lowerIsBetter?: true }> = {
  responseRate: { good: 0.95, fair: 0.85 },
  onTimeCloseRate: { good: 0.9, fair: 0.8 },
  resolutionRate: { good: 0.9, fair: 0.8 },
  satisfactionRate: { good: 0.9, fair: 0.8 },
  reworkRate: { good: 0.05, fair: 0.1, lowerIsBetter: true },
  selfHandledRate: { good: 0.3, fair: 0.15 },
};

export type Standing = 'good' | 'fair' | 'poor' | 'none';

export function isRateKey(key: KpiKey): key is RateKey {
  return key !== 'avgHandleHours';
}

export function standingOf(key: KpiKey, value: number | null): Standing {
  if (value === null || !isRateKey(key)) return 'none';
  const target = rateTargets[key];
  if (target.lowerIsBetter) return value <= target.good ? 'good' : value <= target.fair ? 'fair' : 'poor';
  return value >= target.good ? 'good' : value >= target.fair ? 'fair' : 'poor';
}

/** 92.3% — or "—" when there were no cases to divide by. */
export function formatRate(value: number | null): string {
  return value === null ? '—' : `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

export function formatHours(value: number | null): string {
  return value === null ? '—' : (Math.round(value * 10) / 10).toFixed(1);
}

export function formatKpi(key: KpiKey, value: number | null): string {
  return isRateKey(key) ? formatRate(value) : formatHours(value);
}

/** Sorts a column with the units that had no cases last, whichever way it is sorted. */
export function compareNullable(a: number | null, b: number | null, order: 'ascend' | 'descend' | null | undefined): number {
  if (a === null && b === null) return 0;
  if (a === null) return order === 'descend' ? -1 : 1;
  if (b === null) return order === 'descend' ? 1 : -1;
  return a - b;
}
