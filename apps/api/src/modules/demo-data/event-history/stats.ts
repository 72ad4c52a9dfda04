import type { EventSource } from '@shizhi/domain';
import type { EventRecord } from './record.ts';

/** The headline rates of a generated history, as the scorecards would compute them from its rows. */

export interface HistoryStats {
  events: number;
  byState: Record<string, number>;
  bySource: Record<string, number>;
  byTopCategory: Record<string, number>;
  /** Closed or evaluated, of all events. */
  closedShare: number;
  /** Closed within every time limit, of closed events plus open ones already overdue (按期办结率). */
  onTimeShare: number;
  /** 小事不出网格: settled on the spot by the grid worker, of all events. */
  selfHandledShare: number;
  /** 满意 + 基本满意, of rated events. */
  satisfiedShare: number;
  reworkShare: number;
  escalatedShare: number;
  rejectedShare: number;
  openOverdue: number;
  rated: number;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

export function emptyStats(): HistoryStats {
  return {
    events: 0,
    byState: {},
    bySource: {},
    byTopCategory: {},
    closedShare: 0,
    onTimeShare: 0,
    selfHandledShare: 0,
    satisfiedShare: 0,
    reworkShare: 0,
    escalatedShare: 0,
    rejectedShare: 0,
    openOverdue: 0,
    rated: 0,
  };
}

/** The headline rates of the history, counted as each event is lived (the walks are not kept). */
export class StatsTally {
  private readonly stats = emptyStats();
  private closed = 0;
  private closedOnTime = 0;
  private satisfied = 0;
  private reworked = 0;
  private escalated = 0;
  private selfHandled = 0;

  constructor(private readonly now: number) {}

  add(record: EventRecord, categoryCode: string, source: EventSource): void {
    const s = this.stats;
    const bump = (table: Record<string, number>, key: string) => (table[key] = (table[key] ?? 0) + 1);
    const state = record.snapshot.state;
    s.events += 1;
    bump(s.byState, state);
    bump(s.bySource, source);
    bump(s.byTopCategory, categoryCode.slice(0, 2));
    const clocks = record.clocks.clocks;
    if (state === 'closed' || state === 'evaluated') {
      this.closed += 1;
      if (clocks.every((c) => c.met !== false)) this.closedOnTime += 1;
    } else if (state !== 'rejected' && clocks.some((c) => c.stoppedAt === null && c.pausedAt === null && c.dueAt < this.now)) {
      s.openOverdue += 1;
    }
    if (record.rating) {
      s.rated += 1;
      if (record.rating !== 'unsatisfied') this.satisfied += 1;
    }
    if (record.snapshot.reworkCount > 0) this.reworked += 1;
    if (record.timeline.some((e) => e.action === 'escalate')) this.escalated += 1;
    if (record.selfHandled) this.selfHandled += 1;
  }

  result(): HistoryStats {
    const s = this.stats;
    return {
      ...s,
      closedShare: share(this.closed, s.events),
      onTimeShare: share(this.closedOnTime, this.closed + s.openOverdue),
      selfHandledShare: share(this.selfHandled, s.events),
      satisfiedShare: share(this.satisfied, s.rated),
      reworkShare: share(this.reworked, s.events),
      escalatedShare: share(this.escalated, s.events),
      rejectedShare: share(s.byState.rejected ?? 0, s.events),
    };
  }
}
