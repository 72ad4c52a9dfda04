import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusMessage } from '../../platform/bus.ts';
import { verifyAuditChains } from '../../platform/audit/verify.ts';
import { createTestPlatform, type TestPlatform } from '../../testing/harness.ts';
import type { SweepOptions } from './deadline-engine.ts';
import { defaultCalendar, startDeadlineSweeper, sweepDeadlines, type FiredWarning } from './index.ts';

let p: TestPlatform;

beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p.close());

const sweep = async (ids: readonly string[], options: SweepOptions = {}): Promise<FiredWarning[]> =>
  (await sweepDeadlines({ db: p.handle.db, clock: p.clock, calendar: defaultCalendar(), bus: p.bus }, options)).filter((w) =>
    ids.includes(w.eventId),
  );

/** A neighbour dispute at a community: 4 working hours to accept, so red at 14:30 for a report at 09:00. */
async function fileAtCommunity(): Promise<string> {
  const centre = await p.login('u150602001001');
  const res = await centre.post('/api/events', { categoryCode: '0102', description: '邻居装修噪音扰民', location: { orgCode: '150602001001' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function rows<T>(text: string, values: unknown[]): Promise<T[]> {
  return (await p.handle.query<T>(text, values)).rows;
}

const counts = async (ids: readonly string[]) =>
  (
    await rows<{ warnings: number; yellow: number; timeline: number; audit: number; orders: number }>(
      `select
         (select count(*)::int from event_warning where event_id = any($1::uuid[])) as warnings,
         (select count(*)::int from event_warning where event_id = any($1::uuid[]) and level = 'yellow') as yellow,
         (select count(*)::int from event_timeline where event_id = any($1::uuid[]) and action like 'warning_%') as timeline,
         (select count(*)::int from audit_log where entity_id = any($2::text[]) and action like 'event.warning_%') as audit,
         (select count(*)::int from supervision_order where event_id = any($1::uuid[])) as orders`,
      [ids, ids],
    )
  )[0]!;

describe('the sweep in batches', () => {
  it('fires more clocks than one batch holds, each once, the most overdue first', async () => {
    p.clock.set('2026-06-08T01:00:00.000Z'); // Monday 09:00 in Beijing
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      p.clock.set(new Date(Date.parse('2026-06-08T01:00:00.000Z') + i * 5 * 60_000).toISOString());
      ids.push(await fileAtCommunity());
    }
    const heard: BusMessage[] = [];
    const unsubscribe = p.bus.subscribe((m) => heard.push(m));
    p.clock.set('2026-06-09T01:00:00.000Z'); // the next morning: every card past due

    const fired = await sweep(ids, { batchSize: 3 });
    unsubscribe();
    expect(fired.map((w) => [w.eventId, w.level, w.action])).toEqual(ids.map((id) => [id, 'red', 'supervise']));
    expect(fired.map((w) => w.dueAt)).toEqual([...fired.map((w) => w.dueAt)].sort());
    expect(heard.filter((m) => m.type === 'event.warning' && ids.includes(String(m.payload.eventId)))).toHaveLength(7);
    expect(await sweep(ids, { batchSize: 3 })).toEqual([]);
    // Found after its red time, a clock's yellow card is settled by the red one: it never fires after it.
    expect(await counts(ids)).toEqual({ warnings: 7, yellow: 0, timeline: 7, audit: 7, orders: 7 });
    expect((await verifyAuditChains(p.handle.db)).every((r) => r.ok)).toBe(true);
  });

  it('fires the most overdue card first, whatever its colour', async () => {
    p.clock.set('2026-06-10T00:30:00.000Z'); // Wednesday 08:30: yellow at 11:30, red at 14:00
    const redSoon = await fileAtCommunity();
    p.clock.set('2026-06-10T01:00:00.000Z'); // 09:00: yellow at 12:00, red at 14:30
    const yellowLong = await fileAtCommunity();
    p.clock.set('2026-06-10T03:35:00.000Z'); // 11:35
    expect(await sweep([redSoon, yellowLong], { batchSize: 1 })).toEqual([expect.objectContaining({ eventId: redSoon, level: 'yellow' })]);
    // 14:10: one yellow card 2 h 10 min overdue, one red card 10 min overdue; one clock per batch.
    p.clock.set('2026-06-10T06:10:00.000Z');
    const fired = await sweep([redSoon, yellowLong], { batchSize: 1 });
    expect(fired.map((w) => [w.eventId, w.level, w.action])).toEqual([
      [yellowLong, 'yellow', 'none'],
      [redSoon, 'red', 'supervise'],
    ]);
    p.clock.set('2026-06-10T07:00:00.000Z');
    expect(await sweep([redSoon, yellowLong], { batchSize: 1 })).toEqual([expect.objectContaining({ eventId: yellowLong, level: 'red' })]);
    expect(await sweep([redSoon, yellowLong], { batchSize: 1 })).toEqual([]);
    const timeline = await rows<{ event_id: string; action: string }>(
      `select event_id, action from event_timeline where event_id = any($1::uuid[]) and action like 'warning_%' order by at`,
      [[redSoon, yellowLong]],
    );
    expect(timeline.filter((t) => t.event_id === redSoon).map((t) => t.action)).toEqual(['warning_yellow', 'warning_red']);
    expect(timeline.filter((t) => t.event_id === yellowLong).map((t) => t.action)).toEqual(['warning_yellow', 'warning_red']);
  });

  it('does not make a second supervision order for an event that has an open one', async () => {
    p.clock.set('2026-06-15T01:00:00.000Z'); // Monday 09:00
    const byHand = await fileAtCommunity();
    p.clock.set('2026-06-15T01:01:00.000Z');
    const twoClocks = await fileAtCommunity();
    const district = await p.login('u150602');
    expect((await district.post(`/api/events/${byHand}/supervise`, { reason: '群众反映强烈，请两日内办结', dueDays: 2 })).statusCode).toBe(201);
    // A second running clock of the same event, past due a minute after the first.
    await p.handle.query(
      `insert into event_clock (event_id, kind, round, started_at, due_at, yellow_at, org_path, county_code)
       select event_id, 'verify', 1, started_at, due_at + interval '1 minute', yellow_at + interval '1 minute', org_path, county_code
       from event_clock where event_id = $1 and kind = 'accept'`,
      [twoClocks],
    );
    p.clock.set('2026-06-16T01:00:00.000Z');

    const fired = await sweep([byHand, twoClocks]);
    expect(fired.map((w) => [w.eventId, w.kind, w.level, w.action])).toEqual([
      [byHand, 'accept', 'red', 'none'],
      [twoClocks, 'accept', 'red', 'supervise'],
      [twoClocks, 'verify', 'red', 'none'],
    ]);
    const orders = await rows<{ event_id: string; created_by: string }>(
      `select event_id, created_by from supervision_order where event_id = any($1::uuid[]) order by created_at`,
      [[byHand, twoClocks]],
    );
    expect(orders).toEqual([
      { event_id: byHand, created_by: expect.not.stringMatching(/^系统$/) },
      { event_id: twoClocks, created_by: '系统' },
    ]);
    const supervised = await rows<{ entity_id: string }>(`select entity_id from audit_log where action = 'event.supervised' and entity_id = any($1::text[])`, [
      [byHand, twoClocks],
    ]);
    expect(supervised.map((r) => r.entity_id).sort()).toEqual([byHand, twoClocks].sort());
  });

  it('escalates an "escalate" category on red, and does nothing for a "none" one', async () => {
    p.clock.set('2026-06-17T01:00:00.000Z'); // Wednesday 09:00
    const escalating = await fileAtCommunity();
    p.clock.set('2026-06-17T01:01:00.000Z');
    const quiet = await fileAtCommunity();
    await p.handle.query(`update event set rules = jsonb_set(rules, '{onRed}', '"escalate"') where id = $1`, [escalating]);
    await p.handle.query(`update event set rules = jsonb_set(rules, '{onRed}', '"none"') where id = $1`, [quiet]);
    p.clock.set('2026-06-18T01:00:00.000Z');

    const fired = await sweep([escalating, quiet]);
    expect(fired.map((w) => [w.eventId, w.level, w.action])).toEqual([
      [escalating, 'red', 'escalate'],
      [quiet, 'red', 'none'],
    ]);
    const street = await p.login('u150602001');
    const detail = (await street.get(`/api/events/${escalating}`)).json();
    expect(detail.event).toMatchObject({ ownerOrgCode: '150602001', state: 'reported' });
    expect(detail.timeline.map((t: { action: string }) => t.action)).toEqual(['report', 'warning_red', 'escalate']);
    expect(detail.supervisions).toEqual([]);
    const audit = await rows<{ entity_id: string; action: string }>(
      `select entity_id, action from audit_log where entity_id = any($1::text[]) and action in ('event.warning_red', 'event.warning_yellow', 'event.supervised', 'event.escalate') order by seq`,
      [[escalating, quiet]],
    );
    expect(audit.filter((a) => a.entity_id === escalating).map((a) => a.action)).toEqual(['event.warning_red', 'event.escalate']);
    expect(audit.filter((a) => a.entity_id === quiet).map((a) => a.action)).toEqual(['event.warning_red']);
    expect(await counts([quiet])).toMatchObject({ orders: 0 });
    // The escalated event's new 受理 clock runs from now, at the street; nothing more is due yet.
    expect(await sweep([escalating, quiet])).toEqual([]);
    expect((await verifyAuditChains(p.handle.db)).every((r) => r.ok)).toBe(true);
  });

  it('fires each clock once when two sweepers work through a backlog side by side', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      p.clock.set(new Date(Date.parse('2026-07-06T03:00:00.000Z') + i * 60_000).toISOString()); // Monday 11:00 on
      ids.push(await fileAtCommunity());
    }
    p.clock.set('2026-07-07T02:00:00.000Z');
    const [one, two] = await Promise.all([sweep(ids, { batchSize: 2 }), sweep(ids, { batchSize: 2 })]);
    const fired = [...one!, ...two!];
    expect(fired.map((w) => w.eventId).sort()).toEqual([...ids].sort());
    expect(fired.every((w) => w.level === 'red' && w.action === 'supervise')).toBe(true);
    expect(await sweep(ids, { batchSize: 2 })).toEqual([]);
    expect(await counts(ids)).toEqual({ warnings: 12, yellow: 0, timeline: 12, audit: 12, orders: 12 });
    expect((await verifyAuditChains(p.handle.db)).every((r) => r.ok)).toBe(true);
  });

  it('sweeps as soon as the sweeper starts (after a restart, what came due meanwhile fires at once)', async () => {
    p.clock.set('2026-07-08T01:00:00.000Z'); // Wednesday 09:00
    const id = await fileAtCommunity();
    p.clock.set('2026-07-09T01:00:00.000Z');
    const heard = new Promise<BusMessage>((resolve) => {
      const unsubscribe = p.bus.subscribe((m) => {
        if (m.type !== 'event.warning' || m.payload.eventId !== id) return;
        unsubscribe();
        resolve(m);
      });
    });
    const errors: unknown[] = [];
    // An interval far longer than the test: only the first pass, at start, can fire the card.
    const stop = startDeadlineSweeper({ db: p.handle.db, clock: p.clock, calendar: defaultCalendar(), bus: p.bus }, (e) => errors.push(e), 3_600_000);
    expect((await heard).payload).toMatchObject({ eventId: id, level: 'red', action: 'supervise' });
    await stop();
    expect(errors).toEqual([]);
    expect(await counts([id])).toMatchObject({ warnings: 1, timeline: 1, audit: 1, orders: 1 });
  });
});
