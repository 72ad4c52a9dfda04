import type { Locale, RegisterKind } from '@shizhi/domain';
import type { ImportStatus } from '../../lib/registers-imports-api.ts';

export const importKinds: readonly RegisterKind[] = ['population', 'houses', 'organisations'];

/** Where each register's list lives, to look at what an import brought in. */
export const registerListPath: Record<RegisterKind, string> = {
  population: '/registers/people',
  houses: '/registers/houses',
  organisations: '/registers/organisations',
};

export const importStatusColours: Record<ImportStatus, string> = {
  running: 'processing',
  done: 'success',
  refused: 'warning',
  failed: 'error',
  interrupted: 'default',
};

/** 1.5 MB, 820 KB: sizes as a person reads them (binary units, as file managers show them). */
export function formatBytes(bytes: number | null, locale: Locale): string {
  if (bytes === null) return '—';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** The detected encoding as shown: `xlsx` is not an encoding but the file type. */
export function encodingText(encoding: string | null): string {
  if (!encoding) return '—';
  return encoding === 'xlsx' ? 'Excel (.xlsx)' : `CSV · ${encoding}`;
}

/** A fraction as a whole percent for a bar, never 100 before the end. */
export function percentOf(part: number, whole: number, finished = false): number {
  if (finished) return 100;
  if (whole <= 0) return 0;
  return Math.min(99, Math.floor((part / whole) * 100));
}
