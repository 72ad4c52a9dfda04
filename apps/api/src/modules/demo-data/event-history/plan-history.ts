import { createRng, type WorkCalendar } from '@shizhi/domain';
import { duplicateWindow, type event, type eventClock, type eventTask, type eventTimeline, type eventWarning, type supervisionOrder } from '../../events/index.ts';
import { WorkTime } from './clocks.ts';
import type { HistoryDistrict } from './district.ts';
import { ReportMix } from './mix.ts';
import { chinaDate, placeOf, pointIn, reporterFor, trackingCodeFrom, uuidFrom } from './reports.ts';
import { emptyStats, StatsTally, type HistoryStats } from './stats.ts';
import type { EventRecord } from './record.ts';
import { reportText } from './texts.ts';
import { EventWalk } from './walk.ts';
import type { DemoScale } from '../plan.ts';

/**
 * Three years of a district's events as plain rows, each event lived step by step through the
 * workflow (walk.ts, record.ts). Pure and deterministic: the same district, seed, count and `now`
 * give the same rows, ids included.
 */

/** Events in three years: 'seed' is the seed texts' order (14,487 disputes are about a third of it). */
export const eventHistoryVolumes: Readonly<Record<DemoScale, number>> = { test: 0, demo: 12_000, seed: 45_000 };

export type EventRow = typeof event.$inferInsert;
export type EventTaskRow = typeof eventTask.$inferInsert;
export type EventTimelineRow = typeof eventTimeline.$inferInsert;
export type EventClockRow = typeof eventClock.$inferInsert;
export type EventWarningRow = typeof eventWarning.$inferInsert;
export type SupervisionOrderRow = typeof supervisionOrder.$inferInsert;

export interface HistoryPlanOptions {
  count: number;
  now: Date;
  calendar: WorkCalendar;
  seed: string;
  /** Which grid a point lies in: the events module's GridLocator, so points land where intake would put them. */
  locate: (lng: number, lat: number) => Promise<{ code: string } | null>;
  /** The sequence value the first (oldest) event's number takes (default 1); see `numberEvents`. */
  firstSequence?: number;
  years?: number;
}

const dayMs = 86_400_000;

export interface HistoryPlan {
  from: Date;
  to: Date;
  events: EventRow[];
  tasks: EventTaskRow[];
  timeline: EventTimelineRow[];
  clocks: EventClockRow[];
  warnings: EventWarningRow[];
  orders: SupervisionOrderRow[];
  stats: HistoryStats;
}

export async function planEventHistory(district: HistoryDistrict, options: HistoryPlanOptions): Promise<HistoryPlan> {
  const now = options.now.getTime();
  const from = now - Math.round((options.years ?? 3) * 365.25) * dayMs;
  const time = new WorkTime(options.calendar);
  const mix = new ReportMix(district.categories, district.grids, options.calendar, from, now);
  const root = createRng(`${options.seed}:${district.county.code}:event-history`);
  const trackingCodes = new Set<string>();

  const plan: HistoryPlan = { from: new Date(from), to: options.now, events: [], tasks: [], timeline: [], clocks: [], warnings: [], orders: [], stats: emptyStats() };
  const tally = new StatsTally(now);
  const endedAt = new Map<string, number | null>();
  for (let i = 0; i < options.count; i++) {
    const rng = root.fork(`event:${i}`);
    const ids = rng.fork('ids');
    const newId = () => uuidFrom(ids);
    const draw = mix.draw(rng);
    const { category, source, grid } = draw;
    const place = placeOf(rng, grid);
    const text = reportText(rng, category.code, place, source === 'machine');
    const reporter = reporterFor(rng, source, grid, district, draw.reportedAt, newId);
    const point = await pointIn(rng, grid, options.locate);
    let trackingCode: string;
    do trackingCode = trackingCodeFrom(rng);
    while (trackingCodes.has(trackingCode));
    trackingCodes.add(trackingCode);

    const record = new EventWalk(
      {
        rules: category.rules,
        categoryCode: category.code,
        source,
        grid,
        reportedAt: draw.reportedAt,
        filer: reporter.filer,
        reporterName: reporter.name,
        description: text.description,
        reportData: reporter.data,
      },
      district,
      time,
      rng.fork('walk'),
      newId,
    ).run(now);
    tally.add(record, category.code, source);
    const id = newId();
    endedAt.set(id, record.endedAt);
    appendRows(plan, record, {
      id,
      // Numbered below, once every event's time is known.
      number: '',
      source,
      categoryCode: category.code,
      categoryVersion: category.version,
      rules: category.rules,
      title: text.title,
      description: text.description,
      address: `${grid.townshipName}${place}`,
      lng: point?.lng ?? null,
      lat: point?.lat ?? null,
      gridCode: grid.code,
      ownerOrgCode: '',
      ownerOrgPath: '',
      state: 'reported',
      reporterUserId: reporter.filer?.id ?? null,
      reporterName: reporter.name,
      reporterPhone: reporter.phone,
      trackingCode,
      idempotencyKey: reporter.idempotencyKey,
      reportedAt: new Date(draw.reportedAt),
      orgPath: grid.path,
      countyCode: district.county.code,
    });
  }

  plan.events.sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());
  numberEvents(plan.events, options.firstSequence ?? 1);
  flagSuspectedDuplicates(plan.events, endedAt);
  plan.stats = tally.result();
  return plan;
}

/**
 * SJ + county + China date + sequence, as intake numbers a report. `events` are in the order of
 * reporting, so the numbers follow it as the live sequence would have handed them out.
 */
export function numberEvents(events: EventRow[], firstSequence: number): void {
  events.forEach((row, i) => {
    row.number = `SJ${row.countyCode}${chinaDate(row.reportedAt.getTime()).replaceAll('-', '')}${String(firstSequence + i).padStart(6, '0')}`;
  });
}

// Intake's rule (events/duplicates.ts): an open report of the same category within 100 m and 72 hours.

function metresBetween(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** Marks what intake would have marked as a suspected duplicate when each report came in. `events` are in reporting order. */
function flagSuspectedDuplicates(events: EventRow[], endedAt: ReadonlyMap<string, number | null>): void {
  const recent = new Map<string, EventRow[]>();
  const windowMs = duplicateWindow.hours * 3_600_000;
  for (const ev of events) {
    const at = ev.reportedAt.getTime();
    const sameKind = (recent.get(ev.categoryCode) ?? []).filter((o) => o.reportedAt.getTime() >= at - windowMs);
    recent.set(ev.categoryCode, [...sameKind, ev]);
    ev.suspectedDuplicateOf = null;
    if (ev.lng == null || ev.lat == null) continue;
    const here = { lng: ev.lng, lat: ev.lat };
    let nearest: { id: string; metres: number } | null = null;
    for (const other of sameKind) {
      const ended = endedAt.get(other.id);
      if (other.lng == null || other.lat == null || (ended != null && ended <= at)) continue;
      const metres = metresBetween(here, { lng: other.lng, lat: other.lat });
      if (metres <= duplicateWindow.metres && (!nearest || metres < nearest.metres)) nearest = { id: other.id, metres };
    }
    ev.suspectedDuplicateOf = nearest?.id ?? null;
  }
}

function appendRows(plan: HistoryPlan, record: EventRecord, row: EventRow): void {
  // Plain literals rather than spreads: this runs for every one of a few hundred thousand rows.
  const { id: eventId, orgPath, countyCode } = row;
  const at = (ms: number | null) => (ms === null ? null : new Date(ms));
  const s = record.snapshot;
  plan.events.push({
    ...row,
    ownerOrgCode: record.ownerPath.slice(record.ownerPath.lastIndexOf('.') + 1),
    ownerOrgPath: record.ownerPath,
    state: s.state,
    suspendedFrom: s.suspendedFrom,
    pendingExtensionDays: s.pendingExtensionDays,
    reworkCount: s.reworkCount,
    hasLeadTask: s.hasLeadTask,
    selfHandled: record.selfHandled,
    rating: record.rating,
    closedAt: at(record.closedAt),
    revision: record.revision,
  });
  for (const t of record.tasks) {
    plan.tasks.push({
      id: t.id,
      eventId,
      kind: t.kind,
      assigneeOrgCode: t.unit.code,
      assigneeOrgPath: t.unit.path,
      assigneeOrgName: t.unit.name,
      state: t.state,
      answer: t.answer,
      createdAt: new Date(t.createdAt),
      orgPath,
      countyCode,
    });
  }
  for (const e of record.timeline) {
    plan.timeline.push({
      id: e.id,
      eventId,
      at: new Date(e.at),
      actorId: e.actorId,
      actorName: e.actorName,
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
      text: e.text,
      data: e.data,
      orgPath,
      countyCode,
    });
  }
  for (const c of record.clocks.clocks) {
    plan.clocks.push({
      eventId,
      kind: c.kind,
      round: c.round,
      startedAt: new Date(c.startedAt),
      dueAt: new Date(c.dueAt),
      yellowAt: new Date(c.yellowAt),
      stoppedAt: at(c.stoppedAt),
      met: c.met,
      pausedAt: at(c.pausedAt),
      yellowFiredAt: at(c.yellowFiredAt),
      redFiredAt: at(c.redFiredAt),
      orgPath,
      countyCode,
    });
  }
  for (const w of record.warnings) {
    plan.warnings.push({ eventId, kind: w.kind, round: w.round, level: w.level, dueAt: new Date(w.dueAt), firedAt: new Date(w.firedAt), orgPath, countyCode });
  }
  for (const o of record.orders) {
    plan.orders.push({
      id: o.id,
      eventId,
      fromOrgCode: o.fromOrgCode,
      toOrgCode: o.toOrgCode,
      reason: o.reason,
      dueAt: new Date(o.dueAt),
      state: o.state,
      answer: o.answer,
      createdBy: '系统',
      createdAt: new Date(o.createdAt),
      answeredAt: at(o.answeredAt),
      orgPath,
      countyCode,
    });
  }
}

