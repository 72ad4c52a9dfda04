import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyDisputeAction,
  disputeParties,
  previousScreeningPeriod,
  refuseDisputeAction,
  shanghaiDateOf,
  type DisputeAction,
  type DisputeSnapshot,
  type DisputeState,
  type JudicialState,
} from '@shizhi/domain';
import { verifyAuditChains } from '../../platform/audit/verify.ts';
import { createTestPlatform, type TestPlatform } from '../../testing/harness.ts';
import { defaultCalendar } from '../events/index.ts';
import { seedDisputeHistory, type DisputeHistorySummary } from './dispute-history.ts';
import { seedEventHistory } from './event-history.ts';

const count = 400;
let p: TestPlatform;
let summary: DisputeHistorySummary;

beforeAll(async () => {
  p = await createTestPlatform();
  await seedEventHistory(p.handle, { scale: 'test', count: 300, clock: p.clock, calendar: defaultCalendar() });
  summary = await seedDisputeHistory(p.handle, { scale: 'test', count, clock: p.clock, calendar: defaultCalendar() });
});
afterAll(async () => p.close());

async function rows<T>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await p.handle.query<T>(text, values)).rows;
}

interface CaseRow {
  id: string;
  state: DisputeState;
  source: string;
  outcome: DisputeSnapshot['outcome'];
  follow_ups_done: number;
  reopen_count: number;
  mediator_id: string | null;
  revision: number;
  success: boolean | null;
  type_code: string;
  judicial_state: JudicialState | null;
  agreement_signed_on: string | Date | null;
}

describe('seedDisputeHistory', () => {
  it('writes the cases once, with one audit row, and the audit chains verify', async () => {
    expect(summary.skipped).toBe(false);
    const [total] = await rows<{ n: number }>(`select count(*)::int as n from dispute_case`);
    expect(total!.n).toBeGreaterThan(count * 0.95);
    expect(total!.n).toBeLessThanOrEqual(count);
    expect(await rows(`select 1 from audit_log where action = 'seed.dispute_history'`)).toHaveLength(1);
    expect((await verifyAuditChains(p.handle.db)).every((r) => r.ok)).toBe(true);
    expect(await seedDisputeHistory(p.handle, { scale: 'demo', clock: p.clock, calendar: defaultCalendar() })).toMatchObject({ skipped: true, reason: 'disputes_exist' });
  });

  it('leaves every case where its timeline, replayed through the workflow, leads', async () => {
    const cases = await rows<CaseRow>(`select * from dispute_case`);
    const entries = await rows<{ dispute_id: string; action: string; from_state: DisputeState | null; to_state: DisputeState; text: string | null; data: { outcome?: 'agreement' | 'oral_agreement'; judicialState?: JudicialState; signedOn?: string } }>(
      `select dispute_id, action, from_state, to_state, text, data from dispute_timeline order by at, action = 'register' desc, id`,
    );
    const byCase = new Map<string, typeof entries>();
    for (const e of entries) byCase.set(e.dispute_id, [...(byCase.get(e.dispute_id) ?? []), e]);
    const everyone = new Set(disputeParties);
    for (const c of cases) {
      const timeline = byCase.get(c.id) ?? [];
      expect(timeline[0]?.action).toBe('register');
      let snapshot: DisputeSnapshot = { state: 'registered', hasMediator: false, outcome: null, followUpsDone: 0, reopenCount: 0, judicialState: null, agreementSignedOn: null };
      let steps = 0;
      for (const e of timeline.slice(1)) {
        if (e.action.startsWith('warning_')) {
          expect(e.to_state).toBe(snapshot.state);
          continue;
        }
        const action = e.action as DisputeAction;
        expect(e.from_state).toBe(snapshot.state);
        expect(refuseDisputeAction(snapshot, action, everyone, e.text)).toBeNull();
        snapshot = applyDisputeAction(snapshot, action, { outcome: e.data.outcome, judicialState: e.data.judicialState, signedOn: e.data.signedOn }).next;
        expect(e.to_state).toBe(snapshot.state);
        steps += 1;
      }
      expect(snapshot.state).toBe(c.state);
      expect(snapshot.outcome).toBe(c.outcome);
      expect(snapshot.followUpsDone).toBe(c.follow_ups_done);
      expect(snapshot.reopenCount).toBe(c.reopen_count);
      expect(snapshot.hasMediator).toBe(c.mediator_id !== null);
      expect(snapshot.judicialState ?? null).toBe(c.judicial_state);
      expect(snapshot.agreementSignedOn ?? null).toBe(c.agreement_signed_on === null ? null : shanghaiDateOf(new Date(c.agreement_signed_on)).slice(0, 10));
      // Taking a case over from an event accepts it in the same write (revision 1).
      expect(c.revision).toBe(1 + steps - (c.source === 'event' ? 1 : 0));
    }
  });

  it('keeps the seeds’ proportions: about 99 % settled, marriage/family and neighbours first, some from events', async () => {
    const cases = await rows<CaseRow>(`select * from dispute_case`);
    const accepted = cases.filter((c) => c.state !== 'refused');
    const concluded = accepted.filter((c) => c.success !== null);
    expect(concluded.filter((c) => c.success).length / concluded.length).toBeGreaterThan(0.97);
    expect(cases.filter((c) => c.state === 'refused').length / cases.length).toBeLessThan(0.04);
    const byType = new Map<string, number>();
    for (const c of cases) byType.set(c.type_code, (byType.get(c.type_code) ?? 0) + 1);
    const top = [...byType.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([t]) => t);
    expect(top).toEqual(expect.arrayContaining(['marriage_family', 'neighbour']));
    expect(cases.some((c) => c.source === 'event')).toBe(true);
    expect(cases.some((c) => ['registered', 'accepted', 'assigned', 'mediating'].includes(c.state))).toBe(true);
    const linked = await rows<{ n: number }>(`select count(*)::int as n from event_timeline where action = 'to_dispute'`);
    expect(linked[0]!.n).toBe(cases.filter((c) => c.source === 'event').length);
  });

  it('shows on the figures page exactly what a direct count gives', async () => {
    const today = shanghaiDateOf(p.clock.now());
    const from = '2020-01-01';
    const district = await p.login('u150602');
    const res = await district.get(`/api/disputes/figures?by=type&from=${from}&to=${today}`);
    expect(res.statusCode).toBe(200);
    const total = res.json().total.counts;
    const [direct] = await rows<{ accepted: number; resolved: number; confirmed: number }>(
      `select count(*) filter (where accepted_at is not null)::int as accepted, count(*) filter (where success)::int as resolved,
              count(*) filter (where outcome = 'agreement' and judicial_state = 'confirmed')::int as confirmed from dispute_case`,
    );
    expect(total.accepted).toBe(direct!.accepted);
    expect(total.resolved).toBe(direct!.resolved);
    expect(total.judiciallyConfirmed).toBe(direct!.confirmed);
    const list = await district.get(`/api/disputes?pageSize=5`);
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe((await rows(`select 1 from dispute_case`)).length);
  });

  it('writes screening for every grid and community, with 零报告 and units missing last month', async () => {
    const [filers] = await rows<{ n: number }>(`select count(*)::int as n from org_unit where level in ('grid', 'village')`);
    const periods = await rows<{ period: string; n: number; zero: number }>(
      `select period, count(*)::int as n, count(*) filter (where nothing_found)::int as zero from screening_report group by 1 order by 1`,
    );
    expect(periods).toHaveLength(12);
    expect(periods.some((x) => x.zero > 0)).toBe(true);
    const period = previousScreeningPeriod(shanghaiDateOf(p.clock.now()).slice(0, 7));
    expect(periods.find((x) => x.period === period)!.n).toBeLessThan(filers!.n);
    const district = await p.login('u150602');
    const missing = await district.get(`/api/dispute-oversight/screening/missing?orgCode=150602&period=${period}`);
    expect(missing.statusCode).toBe(200);
    expect(missing.json().missing.length).toBeGreaterThan(0);
  });

  it('writes the default warning rules, flags, hard cases and past joint meetings with answered 督办单', async () => {
    expect(await rows(`select 1 from escalation_rule`)).toHaveLength(5);
    expect((await rows(`select 1 from escalation_flag`)).length).toBeGreaterThan(0);
    const hard = await rows<{ state: string; dispute_state: string }>(`select h.state, d.state as dispute_state from hard_case h join dispute_case d on d.id = h.dispute_id`);
    expect(hard.some((h) => h.state === 'open')).toBe(true);
    for (const h of hard) if (h.state === 'open') expect(['refused', 'closed']).not.toContain(h.dispute_state);
    const meetings = await rows<{ id: string; previous_meeting_id: string | null }>(`select id, previous_meeting_id from joint_meeting where state = 'held' order by held_on`);
    expect(meetings).toHaveLength(2);
    expect(meetings[1]!.previous_meeting_id).toBe(meetings[0]!.id);
    expect((await rows(`select 1 from meeting_decision where state = 'answered'`)).length).toBeGreaterThan(0);
  });
});
