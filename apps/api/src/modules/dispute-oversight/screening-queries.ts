import { and, eq, sql } from 'drizzle-orm';
import { screeningDueDate, screeningFilerLevels, screeningStatus, shanghaiDateOf, type ScreeningStatus } from '@shizhi/domain';
import type { Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/db/scope.ts';
import { forbidUnless, mayView } from './policies.ts';
import { orgUnit } from '../org/index.ts';
import { screeningReport } from './schema.ts';
import { childLabelOf, childUnits, findUnitInScope, unitsUnder, type Unit } from './units.ts';

async function statusOfFilers(tx: Tx, unit: Unit, period: string, today: string) {
  const filers = await unitsUnder(tx, unit.orgPath, screeningFilerLevels);
  const reports = await tx
    .select()
    .from(screeningReport)
    .where(and(eq(screeningReport.period, period), sql`${screeningReport.orgPath} <@ ${unit.orgPath}::ltree`));
  const byCode = new Map(reports.map((r) => [r.orgCode, r]));
  return filers.map((f) => {
    const report = byCode.get(f.code) ?? null;
    return { unit: f, report, status: screeningStatus(period, today, report?.filedOn ?? null) };
  });
}

/**
 * The grids and communities under a unit that have not filed a month's screening. Before the due date
 * nobody is missing yet (`due: false`); from the due date on, the level above sees each one.
 */
export async function missingScreenings(tx: Tx, actor: Actor, orgCode: string, period: string, now: Date) {
  const unit = await findUnitInScope(tx, actor, orgCode, 'orgCode');
  forbidUnless(mayView(actor, unit.orgPath));
  const today = shanghaiDateOf(now);
  const dueOn = screeningDueDate(period);
  const rows = await statusOfFilers(tx, unit, period, today);
  const missing = rows.filter((r) => r.status === 'missing').map((r) => ({ code: r.unit.code, name: r.unit.name, level: r.unit.level }));
  return { orgCode: unit.code, period, dueOn, due: today >= dueOn, expected: rows.length, missing };
}

/** Per unit directly below: how many should file, filed on time, late, 零报告, items found, missing. */
export async function screeningSummary(tx: Tx, actor: Actor, orgCode: string, period: string, now: Date) {
  const unit = await findUnitInScope(tx, actor, orgCode, 'orgCode');
  forbidUnless(mayView(actor, unit.orgPath));
  const today = shanghaiDateOf(now);
  const rows = await statusOfFilers(tx, unit, period, today);
  const children = await childUnits(tx, unit.code);
  const empty = () => ({ expected: 0, filed: 0, filedLate: 0, nilReports: 0, items: 0, missing: 0, notDue: 0 });
  const tally = (acc: ReturnType<typeof empty>, r: (typeof rows)[number]) => {
    const counts: Record<ScreeningStatus, keyof typeof acc> = { filed: 'filed', filed_late: 'filedLate', missing: 'missing', not_due: 'notDue' };
    acc.expected += 1;
    acc[counts[r.status]] += 1;
    if (r.report?.nothingFound) acc.nilReports += 1;
    acc.items += r.report?.itemCount ?? 0;
    return acc;
  };
  const units = children.map((c) => ({
    code: c.code,
    name: c.name,
    level: c.level,
    ...rows.filter((r) => r.unit.code === c.code || childLabelOf(unit.orgPath, r.unit.orgPath) === c.code).reduce(tally, empty()),
  }));
  const own = rows.filter((r) => r.unit.code === unit.code).reduce(tally, empty());
  return { orgCode: unit.code, period, dueOn: screeningDueDate(period), own, units: units.filter((u) => u.expected > 0), total: rows.reduce(tally, empty()) };
}

/** The reports filed under a unit for a month, newest first. */
export async function listScreeningReports(tx: Tx, actor: Actor, orgCode: string, period: string) {
  const unit = await findUnitInScope(tx, actor, orgCode, 'orgCode');
  forbidUnless(mayView(actor, unit.orgPath) || actor.assignments.some((a) => a.role === 'grid_worker'));
  const rows = await tx
    .select({ r: screeningReport, orgName: orgUnit.name })
    .from(screeningReport)
    .leftJoin(orgUnit, eq(orgUnit.code, screeningReport.orgCode))
    .where(and(eq(screeningReport.period, period), sql`${screeningReport.orgPath} <@ ${unit.orgPath}::ltree`))
    .orderBy(sql`${screeningReport.filedAt} desc`);
  const items = rows.map(({ r, orgName }) => ({
    id: r.id,
    orgCode: r.orgCode,
    orgName: orgName ?? r.orgCode,
    period: r.period,
    dueOn: r.dueOn,
    nothingFound: r.nothingFound,
    itemCount: r.itemCount,
    items: r.items,
    note: r.note,
    filedOn: r.filedOn,
    filedBy: r.filedByName,
    late: r.late,
    revision: r.revision,
  }));
  return { items };
}
