import type { CategoryRules, DeadlineClock, TimeLimit, WorkCalendar } from '@shizhi/domain';

/**
 * The deadline clocks of one event, in memory, kept the way the events module keeps them in the
 * database (events/clocks.ts: start, stop with `met`, pause and resume on 挂起, extend on 延期) and
 * fired the way its sweeper fires them (deadline-engine.ts: red before yellow, each once per clock,
 * a red card also settling the yellow one). Times are epoch milliseconds.
 */

export interface ClockDraft {
  kind: DeadlineClock;
  round: number;
  startedAt: number;
  dueAt: number;
  yellowAt: number;
  stoppedAt: number | null;
  met: boolean | null;
  pausedAt: number | null;
  yellowFiredAt: number | null;
  redFiredAt: number | null;
}

const hourMs = 3_600_000;

/** The working-day calendar with epoch-millisecond arguments. */
export class WorkTime {
  constructor(readonly calendar: WorkCalendar) {}

  due(start: number, limit: TimeLimit): number {
    return this.calendar.dueWithin(new Date(start), limit).getTime();
  }

  yellow(start: number, due: number, warn: CategoryRules['warn']): number {
    return this.calendar.warningTimes(new Date(start), new Date(due), warn).yellow.getTime();
  }

  /** `ms` of working time after `start`. */
  after(start: number, ms: number): number {
    return this.calendar.addWorkingHours(new Date(start), Math.max(0, ms) / hourMs).getTime();
  }

  between(from: number, to: number): number {
    return this.calendar.workingMsBetween(new Date(from), new Date(to));
  }

  addDays(start: number, days: number): number {
    return this.calendar.addWorkingDays(new Date(start), days).getTime();
  }

  /** When `fraction` of a clock's allowed time has been used (past 1 = late); natural time if none of it is working time. */
  atFraction(clock: Pick<ClockDraft, 'startedAt' | 'dueAt'>, fraction: number): number {
    const allowed = this.between(clock.startedAt, clock.dueAt);
    if (allowed > 0) return this.after(clock.startedAt, fraction * allowed);
    return clock.startedAt + Math.round(fraction * (clock.dueAt - clock.startedAt));
  }
}

export class ClockSet {
  readonly clocks: ClockDraft[] = [];

  constructor(
    private readonly time: WorkTime,
    private readonly rules: CategoryRules,
  ) {}

  running(kind: DeadlineClock): ClockDraft | undefined {
    return this.clocks.find((c) => c.kind === kind && c.stoppedAt === null);
  }

  start(kinds: readonly DeadlineClock[], now: number): void {
    for (const kind of kinds) {
      const dueAt = this.time.due(now, this.rules.limits[kind]);
      const round = this.clocks.filter((c) => c.kind === kind).reduce((m, c) => Math.max(m, c.round), 0) + 1;
      this.clocks.push({
        kind,
        round,
        startedAt: now,
        dueAt,
        yellowAt: this.time.yellow(now, dueAt, this.rules.warn),
        stoppedAt: null,
        met: null,
        pausedAt: null,
        yellowFiredAt: null,
        redFiredAt: null,
      });
    }
  }

  stop(kinds: readonly DeadlineClock[], now: number): void {
    for (const c of this.clocks) {
      if (c.stoppedAt !== null || !kinds.includes(c.kind)) continue;
      c.stoppedAt = now;
      c.met = c.dueAt >= now;
    }
  }

  pause(now: number): void {
    for (const c of this.clocks) if (c.stoppedAt === null && c.pausedAt === null) c.pausedAt = now;
  }

  /** The working time a paused clock had left counts on from `now`. */
  resume(now: number): void {
    for (const c of this.clocks) {
      if (c.stoppedAt !== null || c.pausedAt === null) continue;
      const pausedAt = c.pausedAt;
      const shift = (at: number) => {
        const left = this.time.between(pausedAt, at);
        return left > 0 ? this.time.after(now, left) : at + (now - pausedAt);
      };
      c.dueAt = shift(c.dueAt);
      c.yellowAt = shift(c.yellowAt);
      c.pausedAt = null;
    }
  }

  extend(kind: DeadlineClock, days: number): void {
    const c = this.running(kind);
    if (!c) return;
    const dueAt = this.time.addDays(c.dueAt, days);
    const yellowAt = this.time.yellow(c.startedAt, dueAt, this.rules.warn);
    c.yellowFiredAt = yellowAt > c.dueAt ? null : c.yellowFiredAt;
    c.redFiredAt = null;
    c.dueAt = dueAt;
    c.yellowAt = yellowAt;
  }

  /** The next warning the sweeper would fire (its threshold time), red first on a tie. */
  nextWarning(): { clock: ClockDraft; level: 'yellow' | 'red'; at: number } | null {
    let best: { clock: ClockDraft; level: 'yellow' | 'red'; at: number } | null = null;
    for (const c of this.clocks) {
      if (c.stoppedAt !== null || c.pausedAt !== null) continue;
      if (c.redFiredAt === null && (!best || c.dueAt < best.at || (c.dueAt === best.at && best.level === 'yellow'))) {
        best = { clock: c, level: 'red', at: c.dueAt };
      }
      if (c.redFiredAt === null && c.yellowFiredAt === null && c.yellowAt < c.dueAt && (!best || c.yellowAt < best.at)) {
        best = { clock: c, level: 'yellow', at: c.yellowAt };
      }
    }
    return best;
  }

  fire(clock: ClockDraft, level: 'yellow' | 'red', at: number): void {
    if (level === 'red') {
      clock.redFiredAt = at;
      clock.yellowFiredAt ??= at;
    } else clock.yellowFiredAt = at;
  }
}
