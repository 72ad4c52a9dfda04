import { holidaysCn, WorkCalendar } from '@shizhi/domain';

let calendar: WorkCalendar | null = null;

/** The working-day calendar of the official holiday table (one per process; it is immutable). */
export function defaultCalendar(): WorkCalendar {
  calendar ??= new WorkCalendar(holidaysCn);
  return calendar;
}
