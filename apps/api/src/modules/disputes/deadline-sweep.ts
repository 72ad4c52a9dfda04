import { sql } from 'drizzle-orm';
import { appendAudit, systemActor } from '../../platform/audit/write.ts';
import type { Tx } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/scope.ts';
import type { DeadlineDeps, SweepOptions } from '../events/index.ts';

export interface FiredDisputeWarning {
  disputeId: string;
  number: string;
  round: number;
  level: 'yellow' | 'red';
  dueAt: string;
  orgPath: string;
}

type Claimed = { dispute_id: string; round: number; level: 'yellow' | 'red'; due_at: string | Date; org_path: string; number: string | null };

const labels = { red: '红牌预警：化解时限已到期', yellow: '黄牌预警：化解时限即将到期' } as const;

/**
 * One statement claims up to `limit` 化解时限 clocks whose yellow or red time has come (most overdue
 * first, `for update skip locked` so sweepers side by side never take the same one), marks them
 * fired, and records a warning row and a timeline entry for each. A clock found past its due time
 * fires red and settles its yellow card, so it never fires yellow after red.
 */
async function claimAndRecord(tx: Tx, now: Date, limit: number): Promise<Claimed[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const result = await tx.execute<Claimed>(sql`
    with due as (
      select dispute_id, round, case when due_at <= ${at} then 'red' else 'yellow' end as level,
        least(case when red_fired_at is null and due_at <= ${at} then due_at end,
              case when yellow_fired_at is null and yellow_at <= ${at} then yellow_at end) as target
      from dispute_clock
      where stopped_at is null
        and ((red_fired_at is null and due_at <= ${at}) or (yellow_fired_at is null and red_fired_at is null and yellow_at <= ${at}))
      order by target
      limit ${limit}
      for update skip locked
    ), claimed as (
      update dispute_clock c set
        red_fired_at = case when due.level = 'red' then ${at} else c.red_fired_at end,
        yellow_fired_at = coalesce(c.yellow_fired_at, ${at})
      from due
      where c.dispute_id = due.dispute_id and c.round = due.round
      returning c.dispute_id, c.round, due.level, due.target, c.due_at, c.org_path, c.county_code
    ), fired as (
      select k.*, d.number, d.state from claimed k left join dispute_case d on d.id = k.dispute_id
    ), warning as (
      insert into dispute_warning (dispute_id, round, level, due_at, fired_at, org_path, county_code)
      select dispute_id, round, level, due_at, ${at}, org_path, county_code from claimed
      on conflict do nothing
    ), timeline as (
      insert into dispute_timeline (id, dispute_id, at, actor_id, actor_name, action, from_state, to_state, text, data, org_path, county_code)
      select gen_random_uuid(), dispute_id, ${at}, null, '系统', 'warning_' || level, state, state,
        ${JSON.stringify(labels)}::jsonb ->> level,
        jsonb_build_object('round', round, 'dueAt', to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
        org_path, county_code
      from fired where number is not null
    )
    select dispute_id, round, level, due_at, org_path, number from fired order by target`);
  return result.rows;
}

/**
 * The dispute half of the deadline engine: each 化解时限 card fires once (warning row, timeline entry,
 * audit row, a message on the bus), in batches, going on while batches come back full. The clocks table
 * is the schedule, so a restart loses nothing. The events' sweeper runs it beside the event clocks.
 */
export async function sweepDisputeDeadlines(deps: DeadlineDeps, options: SweepOptions = {}): Promise<FiredDisputeWarning[]> {
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const all: FiredDisputeWarning[] = [];
  for (;;) {
    const now = deps.clock.now();
    const claimed = await asSystem(deps.db, async (tx) => {
      const rows = await claimAndRecord(tx, now, batchSize);
      await appendAudit(
        tx,
        deps.clock,
        systemActor,
        rows.map((c) => ({
          action: `dispute.warning_${c.level}`,
          entityType: 'dispute_case',
          entityId: c.dispute_id,
          orgPath: c.org_path,
          detail: { round: c.round },
        })),
      );
      return rows;
    });
    for (const c of claimed) {
      if (c.number === null) continue;
      const warning = { disputeId: c.dispute_id, number: c.number, round: c.round, level: c.level, dueAt: new Date(c.due_at).toISOString(), orgPath: c.org_path };
      deps.bus.publish({ type: 'dispute.warning', orgPaths: [c.org_path], payload: { ...warning } });
      all.push(warning);
    }
    if (claimed.length < batchSize || options.signal?.aborted) return all;
  }
}
