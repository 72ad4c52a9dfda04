import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { applyEventAction, type DeadlineClock, type EventState } from '@shizhi/domain';
import { appendAudit, systemActor, type AuditEntry } from '../../platform/audit/write.ts';
import type { MessageBus } from '../../platform/bus.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/scope.ts';
import { startClocks, stopClocks, type DeadlineCalendar } from './clocks.ts';
import { codeOfPath, parentCentrePath } from './places.ts';
import { event, eventTask, eventTimeline } from './schema.ts';

export interface DeadlineDeps {
  db: Database;
  clock: Clock;
  calendar: DeadlineCalendar;
  bus: MessageBus;
}

export interface FiredWarning {
  eventId: string;
  number: string;
  kind: DeadlineClock;
  round: number;
  level: 'yellow' | 'red';
  dueAt: string;
  orgPath: string;
  action: 'none' | 'supervise' | 'escalate';
}

export interface SweepOptions {
  /** Clocks claimed, fired and committed per transaction (red and yellow together). */
  batchSize?: number;
  /** Checked between batches: once aborted the pass stops after the batch in flight. */
  signal?: AbortSignal;
}

/** Small enough that each transaction, and so each hold of the county's audit chain lock, is short. */
export const defaultBatchSize = 500;

const clockNames: Record<DeadlineClock, string> = { accept: '受理', handle: '处置', verify: '核查' };
const warningLabels = { red: '红牌预警：已超期', yellow: '黄牌预警：即将超期' } as const;

/** A clock claimed by a batch, with what the batch needs of its event (null when the event is gone). */
type ClaimedClock = {
  event_id: string;
  kind: DeadlineClock;
  round: number;
  level: 'yellow' | 'red';
  due_at: string | Date;
  org_path: string;
  number: string | null;
  state: EventState | null;
  on_red: 'supervise' | 'escalate' | 'none' | null;
  owner_org_path: string | null;
  owner_org_code: string | null;
  event_org_path: string | null;
  event_county_code: string | null;
};

type FiredClock = ClaimedClock & { number: string; state: EventState; owner_org_path: string; owner_org_code: string; event_org_path: string; event_county_code: string };

/**
 * One statement claims up to `limit` clocks whose time has come and records their warnings. Clocks
 * go most overdue first, by the time of their first unfired card: the first `limit` unlocked entries
 * of each partial index (red cards by due time, yellow cards by yellow time) are locked (`for update
 * skip locked`, so batches and processes side by side never take the same clock) and the most
 * overdue `limit` of them are taken; the others stay locked until the commit and come in a later
 * batch. A clock whose red time has come fires red even when its yellow card is still unfired: the
 * red card settles the yellow one, so a clock found late never fires yellow after red. Each taken
 * clock is marked fired — the fired_at columns are the schedule, so each card fires once — and in
 * the same statement a warning row and a timeline entry are inserted for it.
 */
async function claimAndRecord(tx: Tx, now: Date, limit: number): Promise<ClaimedClock[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const result = await tx.execute<ClaimedClock>(sql`
    with red as (
      select event_id, kind, round, due_at as target, due_at from event_clock
      where stopped_at is null and paused_at is null and red_fired_at is null and due_at <= ${at}
      order by due_at
      limit ${limit}
      for update skip locked
    ), yellow as (
      select event_id, kind, round, yellow_at as target, due_at from event_clock
      where stopped_at is null and paused_at is null and yellow_fired_at is null and red_fired_at is null and yellow_at <= ${at}
      order by yellow_at
      limit ${limit}
      for update skip locked
    ), due as (
      select event_id, kind, round, case when due_at <= ${at} then 'red' else 'yellow' end as level, target
      from (
        select event_id, kind, round, min(target) as target, min(due_at) as due_at
        from (select * from red union all select * from yellow) card
        group by event_id, kind, round
      ) clock
      order by target
      limit ${limit}
    ), claimed as (
      update event_clock c set
        red_fired_at = case when due.level = 'red' then ${at} else c.red_fired_at end,
        yellow_fired_at = coalesce(c.yellow_fired_at, ${at})
      from due
      where c.event_id = due.event_id and c.kind = due.kind and c.round = due.round
      returning c.event_id, c.kind, c.round, due.level, due.target, c.due_at, c.org_path, c.county_code
    ), fired as (
      select k.*, e.number, e.state, e.rules ->> 'onRed' as on_red, e.owner_org_path, e.owner_org_code,
        e.org_path as event_org_path, e.county_code as event_county_code
      from claimed k left join event e on e.id = k.event_id
    ), warning as (
      insert into event_warning (event_id, kind, round, level, due_at, fired_at, org_path, county_code)
      select event_id, kind, round, level, due_at, ${at}, org_path, county_code from claimed
      on conflict do nothing
    ), timeline as (
      insert into event_timeline (id, event_id, at, actor_id, actor_name, action, from_state, to_state, text, data, org_path, county_code)
      select gen_random_uuid(), event_id, ${at}, null, '系统', 'warning_' || level, state, state,
        (${JSON.stringify(warningLabels)}::jsonb ->> level) || '（' || (${JSON.stringify(clockNames)}::jsonb ->> kind) || '时限）',
        jsonb_build_object('kind', kind, 'round', round, 'dueAt', to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
        event_org_path, event_county_code
      from fired where number is not null
    )
    select event_id, kind, round, level, due_at, org_path, number, state, on_red, owner_org_path, owner_org_code, event_org_path, event_county_code
    from fired
    order by target`);
  return result.rows;
}

/**
 * The red cards' 督办单 in one statement: one order from the centre above the owner, due in one
 * working day, for each event that has no open order yet, with its timeline entry. Returns the
 * orders made, by event.
 */
async function superviseFromAbove(
  tx: Tx,
  deps: DeadlineDeps,
  now: Date,
  wanted: readonly { clock: FiredClock; upper: string }[],
): Promise<Map<string, string>> {
  if (wanted.length === 0) return new Map();
  const rows = wanted.map(({ clock: c, upper }) => ({
    event_id: c.event_id,
    from_org_code: codeOfPath(upper),
    to_org_code: c.owner_org_code,
    reason: `${clockNames[c.kind]}时限已到期未办结`,
    state: c.state,
    org_path: c.event_org_path,
    county_code: c.event_county_code,
  }));
  const at = sql`${now.toISOString()}::timestamptz`;
  const due = deps.calendar.dueWithin(now, { unit: 'workingDays', value: 1 });
  const result = await tx.execute<{ id: string; event_id: string }>(sql`
    with wanted as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as w(event_id uuid, from_org_code text, to_org_code text, reason text, state text, org_path ltree, county_code text)
    ), made as (
      insert into supervision_order (id, event_id, from_org_code, to_org_code, reason, due_at, state, created_by, created_at, org_path, county_code)
      select gen_random_uuid(), w.event_id, w.from_org_code, w.to_org_code, w.reason, ${due.toISOString()}::timestamptz, 'open', '系统', ${at},
        w.org_path, w.county_code
      from wanted w
      where not exists (select 1 from supervision_order o where o.event_id = w.event_id and o.state = 'open')
      returning id, event_id, from_org_code, to_org_code, reason
    ), timeline as (
      insert into event_timeline (id, event_id, at, actor_id, actor_name, action, from_state, to_state, text, data, org_path, county_code)
      select gen_random_uuid(), m.event_id, ${at}, null, '系统', 'supervise', w.state, w.state, m.reason,
        jsonb_build_object('orderId', m.id, 'from', m.from_org_code, 'to', m.to_org_code), w.org_path, w.county_code
      from made m join wanted w on w.event_id = m.event_id
    )
    select id, event_id from made`);
  return new Map(result.rows.map((r) => [r.event_id, r.id]));
}

/**
 * One batch in one transaction: claim, warnings and timeline entries in one statement, the red
 * cards' supervision orders in a second, any automatic escalations (rare) one event at a time, and
 * last one audit append for everything — so the county's audit chain lock is held only from that
 * append to the commit.
 */
async function sweepBatch(deps: DeadlineDeps, batchSize: number): Promise<{ claimed: number; fired: FiredWarning[] }> {
  const now = deps.clock.now();
  return asSystem(deps.db, (tx) => fireBatch(tx, deps, now, batchSize));
}

async function fireBatch(tx: Tx, deps: DeadlineDeps, now: Date, batchSize: number): Promise<{ claimed: number; fired: FiredWarning[] }> {
  const claimed = await claimAndRecord(tx, now, batchSize);
  if (claimed.length === 0) return { claimed: 0, fired: [] };
  const fired = claimed.filter((c): c is FiredClock => c.number !== null);

  // One action per event and batch: a second red card of the same event finds the first one's order.
  const supervise: { clock: FiredClock; upper: string }[] = [];
  const escalate: FiredClock[] = [];
  const acting = new Set<FiredClock>();
  const seen = new Set<string>();
  for (const c of fired) {
    if (c.level !== 'red' || seen.has(c.event_id)) continue;
    seen.add(c.event_id);
    acting.add(c);
    const onRed = c.on_red ?? 'supervise';
    if (onRed === 'escalate') escalate.push(c);
    if (onRed !== 'supervise') continue;
    const upper = parentCentrePath(c.owner_org_path);
    if (upper) supervise.push({ clock: c, upper });
  }
  const orders = await superviseFromAbove(tx, deps, now, supervise);
  const escalated = new Map<string, AuditEntry>();
  for (const c of escalate) {
    const entry = await escalateAutomatically(tx, deps, c.event_id, now);
    if (entry) escalated.set(c.event_id, entry);
  }

  const audit: AuditEntry[] = fired.map((c) => ({
    action: `event.warning_${c.level}`,
    entityType: 'event',
    entityId: c.event_id,
    orgPath: c.org_path,
    detail: { kind: c.kind, round: c.round },
  }));
  for (const { clock: c } of supervise) {
    const orderId = orders.get(c.event_id);
    if (orderId) audit.push({ action: 'event.supervised', entityType: 'event', entityId: c.event_id, orgPath: c.event_org_path, detail: { orderId } });
  }
  audit.push(...escalated.values());
  await appendAudit(tx, deps.clock, systemActor, audit);

  const actionOf = (c: FiredClock): FiredWarning['action'] => {
    if (!acting.has(c)) return 'none';
    if (orders.has(c.event_id)) return 'supervise';
    if (escalated.has(c.event_id)) return 'escalate';
    return 'none';
  };
  return {
    claimed: claimed.length,
    fired: fired.map((c) => ({
      eventId: c.event_id,
      number: c.number,
      kind: c.kind,
      round: c.round,
      level: c.level,
      dueAt: new Date(c.due_at).toISOString(),
      orgPath: c.event_org_path,
      action: actionOf(c),
    })),
  };
}

/**
 * One pass of the deadline engine: every clock whose yellow or red time has passed fires exactly once
 * (a warning row, a timeline entry, an audit row) and a red card does what its category says — a
 * supervision order (督办) from the level above, or escalation to it. The pass works in batches of
 * `batchSize` clocks, most overdue first, each committed and published on the bus as it is done, and
 * goes on while batches come back full. The clocks table is the schedule, so nothing is lost when the
 * process stops: the next pass after a restart fires what came due meanwhile. `for update skip
 * locked` lets several processes sweep side by side.
 */
export async function sweepDeadlines(deps: DeadlineDeps, options: SweepOptions = {}): Promise<FiredWarning[]> {
  const batchSize = Math.max(1, options.batchSize ?? defaultBatchSize);
  const all: FiredWarning[] = [];
  for (;;) {
    const batch = await sweepBatch(deps, batchSize);
    for (const w of batch.fired) {
      deps.bus.publish({ type: 'event.warning', orgPaths: [w.orgPath], payload: { ...w } });
    }
    all.push(...batch.fired);
    if (batch.claimed < batchSize || options.signal?.aborted) return all;
  }
}

type EventRow = typeof event.$inferSelect;

const escalatable: readonly EventState[] = ['reported', 'accepted', 'dispatched', 'in_progress'];

/**
 * The red card of an "escalate" category: the event goes to the centre above, as a person's
 * escalation would. Returns the audit entry for the batch's append, or null when it cannot go up.
 */
async function escalateAutomatically(tx: Tx, deps: DeadlineDeps, eventId: string, now: Date): Promise<AuditEntry | null> {
  const [ev]: EventRow[] = await tx.select().from(event).where(eq(event.id, eventId));
  if (!ev) return null;
  const upper = parentCentrePath(ev.ownerOrgPath);
  if (!upper || !escalatable.includes(ev.state)) return null;
  const outcome = applyEventAction(
    { state: ev.state, suspendedFrom: ev.suspendedFrom ?? null, pendingExtensionDays: ev.pendingExtensionDays ?? null, reworkCount: ev.reworkCount, hasLeadTask: ev.hasLeadTask },
    'escalate',
  );
  await tx.update(eventTask).set({ state: 'closed' }).where(eq(eventTask.eventId, ev.id));
  await tx
    .update(event)
    .set({
      state: outcome.next.state,
      hasLeadTask: false,
      ownerOrgPath: upper,
      ownerOrgCode: codeOfPath(upper),
      revision: ev.revision + 1,
    })
    .where(eq(event.id, ev.id));
  await stopClocks(tx, ev.id, outcome.stops, now);
  await startClocks(tx, deps.calendar, { eventId: ev.id, orgPath: ev.orgPath, countyCode: ev.countyCode }, ev.rules, outcome.starts, now);
  await tx.insert(eventTimeline).values({
    id: randomUUID(),
    eventId: ev.id,
    at: now,
    actorId: null,
    actorName: '系统',
    action: 'escalate',
    fromState: ev.state,
    toState: outcome.next.state,
    text: '超期自动上报上级',
    data: { from: ev.ownerOrgCode, to: codeOfPath(upper), automatic: true },
    orgPath: ev.orgPath,
    countyCode: ev.countyCode,
  });
  return { action: 'event.escalate', entityType: 'event', entityId: ev.id, orgPath: ev.orgPath, detail: { automatic: true, to: codeOfPath(upper) } };
}

/** Another module's clocks, swept in the same passes as the event clocks (the dispute 化解时限 …). */
export type DeadlineSweep = (deps: DeadlineDeps, options: SweepOptions) => Promise<readonly unknown[]>;

/** One sweep after the other (one database connection on PGlite); returns how many warnings fired. */
async function sweepAll(deps: DeadlineDeps, sweeps: readonly DeadlineSweep[], signal: AbortSignal): Promise<number> {
  let fired = 0;
  for (const sweep of sweeps) fired += (await sweep(deps, { signal })).length;
  return fired;
}

/**
 * Sweeps at once and then every `intervalMs`, one pass at a time. A pass goes on while its batches
 * come back full; after a pass that fired something the next one starts `intervalMs / 10` after it
 * began (warnings are coming due: look again soon), otherwise `intervalMs` after. Returns a stop
 * function, which lets the pass in progress finish the batch it is in. `alsoSweep` are other
 * modules' clocks, swept in the same passes after the event clocks.
 */
export function startDeadlineSweeper(
  deps: DeadlineDeps,
  onError: (error: unknown) => void,
  intervalMs = 1000,
  alsoSweep: readonly DeadlineSweep[] = [],
): () => Promise<void> {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  const schedule = (ms: number) => {
    timer = setTimeout(pass, ms);
    timer.unref();
  };
  function pass() {
    timer = null;
    const started = Date.now();
    let busy = false;
    running = sweepAll(deps, [sweepDeadlines, ...alsoSweep], abort.signal)
      .then((fired) => {
        busy = fired > 0;
      }, onError)
      .finally(() => {
        running = null;
        const every = busy ? intervalMs / 10 : intervalMs;
        if (!abort.signal.aborted) schedule(Math.max(0, every - (Date.now() - started)));
      });
  }
  schedule(0);
  return async () => {
    abort.abort();
    if (timer) clearTimeout(timer);
    await running;
  };
}
