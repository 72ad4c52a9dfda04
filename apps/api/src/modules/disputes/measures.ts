import { sql, type SQL } from 'drizzle-orm';
import type { DisputeMeasure } from '@shizhi/domain';

/**
 * The set of cases behind each figure, as SQL over dispute_case — one definition, used by the figures
 * (to count) and by the list (to drill down), so a figure and its cases cannot disagree.
 * `asOf` is the instant an open case's deadline is judged at (the period's end, or now if earlier).
 */
export function measureCondition(measure: DisputeMeasure, asOf: Date): SQL {
  const at = sql`${asOf.toISOString()}::timestamptz`;
  switch (measure) {
    case 'accepted':
      return sql`accepted_at is not null`;
    case 'resolved':
      return sql`success is true`;
    case 'concluded':
      return sql`outcome is not null`;
    case 'concludedOnTime':
      return sql`outcome is not null and concluded_on_time is true`;
    case 'openOverdue':
      return sql`outcome is null and state in ('accepted', 'assigned', 'mediating') and due_at < ${at}`;
    case 'writtenAgreements':
      return sql`outcome = 'agreement'`;
    case 'judiciallyConfirmed':
      return sql`outcome = 'agreement' and judicial_state = 'confirmed'`;
    case 'performanceKnown':
      return sql`success is true and performance is not null`;
    case 'performed':
      return sql`success is true and performance = 'performed'`;
    case 'repeat':
      return sql`accepted_at is not null and repeat`;
  }
}

/** The first instant of a China date and the first instant after another: a period of whole days. */
export function periodBounds(from: string, to: string): { start: Date; end: Date } {
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000);
  return { start, end };
}
