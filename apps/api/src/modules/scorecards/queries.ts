import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { computeKpis, type ScorecardCaseKind, type ScorecardCounts, type ScorecardRow } from '@shizhi/domain';
import type { Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/db/scope.ts';
import { withinScope } from '../../platform/db/scope-sql.ts';
import { orgUnit } from '../org/index.ts';
import { splitPeriod } from './period.ts';

export interface ScorecardFilter {
  orgCode: string;
  from: string;
  to: string;
  categoryTop?: string | undefined;
}

const zero: ScorecardCounts = {
  reported: 0,
  selfHandled: 0,
  responseDue: 0,
  respondedOnTime: 0,
  closed: 0,
  closedOnTime: 0,
  openOverdue: 0,
  reworked: 0,
  rated: 0,
  satisfied: 0,
  basicallySatisfied: 0,
  unsatisfied: 0,
  handleMs: 0,
  closedInGrid: 0,
  closedAtVillage: 0,
  closedAtTownship: 0,
  closedAtCounty: 0,
};

/** The end of `to` (a China date) as an instant: 24:00 Beijing time. */
function endOf(day: string): Date {
  return new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000);
}

async function findUnit(tx: Tx, actor: Actor, code: string) {
  const [unit] = await tx
    .select({ code: orgUnit.code, name: orgUnit.name, orgPath: orgUnit.orgPath, level: orgUnit.level, countyCode: orgUnit.countyCode })
    .from(orgUnit)
    .where(and(eq(orgUnit.code, code), withinScope(orgUnit.orgPath, actor.scopePaths)));
  return unit ?? null;
}

const counterColumns = sql.raw(`org_path, reported, self_handled, response_due, responded_on_time, closed, closed_on_time,
  reworked, rated, satisfied, basically_satisfied, unsatisfied, handle_ms, closed_in_grid, closed_at_village,
  closed_at_township, closed_at_county`);

/** The latest instant a case can be counted overdue at for a period: now, or the period's end if earlier. */
function overdueCutoff(filter: ScorecardFilter, now: Date): string {
  return new Date(Math.min(now.getTime(), endOf(filter.to).getTime())).toISOString();
}

/**
 * A unit's scorecard and one row per territorial child, from the rollups (never a scan of the events):
 * the months of the period from the monthly one, corrected by the days of a partial month at either end
 * from the daily one (see splitPeriod); plus a live count of open overdue cases, which no rollup can hold because it depends
 * on now — answered from the open cases' running due times (`event_fact.open_due_at`) in a partial index.
 */
export async function scorecard(tx: Tx, actor: Actor, filter: ScorecardFilter, now: Date) {
  const unit = await findUnit(tx, actor, filter.orgCode);
  if (!unit) return null;
  const depth = unit.orgPath.split('.').length;
  // Rollups are kept per community; below that there is nothing to split.
  const childDepth = Math.min(depth + 1, 5);
  const children =
    depth < 5
      ? await tx
          .select({ code: orgUnit.code, name: orgUnit.name, orgPath: orgUnit.orgPath })
          .from(orgUnit)
          .where(
            and(
              eq(orgUnit.parentCode, unit.code),
              sql`${orgUnit.level} in ('county', 'township', 'village')`,
              withinScope(orgUnit.orgPath, actor.scopePaths),
            ),
          )
          .orderBy(asc(orgUnit.sortOrder), asc(orgUnit.code))
      : [];
  const category = filter.categoryTop ? sql`and category_top = ${filter.categoryTop}` : sql``;
  // Every row under a district (or a unit inside one) carries that district's code, and the rollups'
  // (county_code, month | day) indexes then serve the period; above a district the path alone decides.
  const county = depth >= 3 ? sql`and county_code = ${unit.countyCode}` : sql``;
  const inUnit = sql`org_path <@ ${unit.orgPath}::ltree and ${withinScope(sql`org_path`, actor.scopePaths)} ${county} ${category}`;
  const period = splitPeriod(filter.from, filter.to);
  const parts: SQL[] = [];
  if (period.months) {
    parts.push(sql`select 1 as sign, ${counterColumns} from event_monthly_stats
      where ${inUnit} and month between ${period.months[0]}::date and ${period.months[1]}::date`);
  }
  for (const { range, sign } of period.days) {
    parts.push(sql`select ${sql.raw(String(sign))} as sign, ${counterColumns} from event_daily_stats
      where ${inUnit} and day between ${range[0]}::date and ${range[1]}::date`);
  }
  // Row-level security adds `org_path <@ (select app_scope())`, whose selectivity the planner cannot
  // know, so it expects a row or two and sorts the tens of thousands of rollup rows of a district-year
  // by child (text, under the database collation) to group them, at twice the cost of hashing them
  // into the handful of children. Transaction-local, and put back after the two sums.
  await tx.execute(sql`select set_config('enable_sort', 'off', true)`);
  const stats = await tx.execute<Record<string, string | number> & { child: string }>(sql`
    select subpath(org_path, 0, ${childDepth})::text as child,
      sum(sign * reported) as reported, sum(sign * self_handled) as "selfHandled",
      sum(sign * response_due) as "responseDue", sum(sign * responded_on_time) as "respondedOnTime",
      sum(sign * closed) as closed, sum(sign * closed_on_time) as "closedOnTime", sum(sign * reworked) as reworked,
      sum(sign * rated) as rated, sum(sign * satisfied) as satisfied,
      sum(sign * basically_satisfied) as "basicallySatisfied", sum(sign * unsatisfied) as unsatisfied,
      sum(sign * handle_ms) as "handleMs", sum(sign * closed_in_grid) as "closedInGrid",
      sum(sign * closed_at_village) as "closedAtVillage", sum(sign * closed_at_township) as "closedAtTownship",
      sum(sign * closed_at_county) as "closedAtCounty"
    from (${sql.join(parts, sql` union all `)}) s
    group by 1`);
  const overdue = await tx.execute<{ child: string; n: string | number }>(sql`
    select subpath(f.org_path, 0, ${childDepth})::text as child, count(*) as n
    from event_fact f
    where ${openOverdue(filter, now)} and f.org_path <@ ${unit.orgPath}::ltree
      and ${withinScope(sql`f.org_path`, actor.scopePaths)} ${filter.categoryTop ? sql`and f.category_top = ${filter.categoryTop}` : sql``}
    group by 1`);
  await tx.execute(sql`select set_config('enable_sort', 'on', true)`);

  const byChild = new Map<string, ScorecardCounts>();
  for (const row of stats.rows) {
    const counts = { ...zero };
    for (const key of Object.keys(zero) as (keyof ScorecardCounts)[]) counts[key] = Number(row[key] ?? 0);
    byChild.set(row.child, counts);
  }
  for (const row of overdue.rows) {
    const counts = byChild.get(row.child) ?? { ...zero };
    counts.openOverdue = Number(row.n);
    byChild.set(row.child, counts);
  }
  const toRow = (code: string, name: string, counts: ScorecardCounts): ScorecardRow => ({
    orgCode: code,
    orgName: name,
    counts,
    kpis: computeKpis(counts),
  });
  const total = { ...zero };
  for (const counts of byChild.values()) for (const key of Object.keys(zero) as (keyof ScorecardCounts)[]) total[key] += counts[key];
  return {
    unit: toRow(unit.code, unit.name, total),
    children: children.map((c) => toRow(c.code, c.name, byChild.get(c.orgPath) ?? { ...zero })),
    from: filter.from,
    to: filter.to,
  };
}

/** The cases behind a figure, so every number can be opened (drill-down). */
export function caseCondition(kind: ScorecardCaseKind, filter: ScorecardFilter, now: Date): SQL {
  const reportedIn = sql`f.reported_day between ${filter.from}::date and ${filter.to}::date`;
  const closedIn = sql`f.closed and f.closed_day between ${filter.from}::date and ${filter.to}::date`;
  switch (kind) {
    case 'reported':
      return reportedIn;
    case 'selfHandled':
      return sql`${reportedIn} and f.self_handled`;
    case 'reworked':
      return sql`${reportedIn} and f.rework > 0`;
    case 'closed':
      return closedIn;
    case 'closedLate':
      return sql`${closedIn} and not f.on_time`;
    case 'unsatisfied':
      return sql`${closedIn} and f.rating = 'unsatisfied'`;
    case 'openOverdue':
      return openOverdue(filter, now);
  }
}

/**
 * Reported in the period, still open, and a running clock's deadline passed before the cutoff: the
 * earliest running due time is kept on the fact, and the partial index event_fact_open_due holds the
 * open cases only (`not closed` must stay literal so the planner can use it).
 */
function openOverdue(filter: ScorecardFilter, now: Date): SQL {
  return sql`not f.closed and f.reported_day between ${filter.from}::date and ${filter.to}::date
    and f.open_due_at < ${overdueCutoff(filter, now)}::timestamptz`;
}

export async function scorecardCaseIds(
  tx: Tx,
  actor: Actor,
  filter: ScorecardFilter & { kind: ScorecardCaseKind; page: number; pageSize: number },
  now: Date,
): Promise<{ ids: string[]; total: number } | null> {
  const unit = await findUnit(tx, actor, filter.orgCode);
  if (!unit) return null;
  const where = sql`f.org_path <@ ${unit.orgPath}::ltree and ${withinScope(sql`f.org_path`, actor.scopePaths)}
    and ${caseCondition(filter.kind, filter, now)} ${filter.categoryTop ? sql`and f.category_top = ${filter.categoryTop}` : sql``}`;
  const total = await tx.execute<{ n: string | number }>(sql`select count(*) as n from event_fact f where ${where}`);
  const ids = await tx.execute<{ event_id: string }>(
    sql`select f.event_id from event_fact f where ${where} order by f.reported_day desc, f.event_id limit ${filter.pageSize} offset ${(filter.page - 1) * filter.pageSize}`,
  );
  return { ids: ids.rows.map((r) => r.event_id), total: Number(total.rows[0]?.n ?? 0) };
}
