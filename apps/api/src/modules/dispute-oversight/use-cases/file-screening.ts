import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { DomainError, screeningDueDate, screeningFilerLevels, screeningPeriodOpen, shanghaiDateOf, type FileScreening } from '@shizhi/domain';
import { appendAudit } from '../../../platform/audit/write.ts';
import { inScope, type Actor } from '../../../platform/db/scope.ts';
import type { OversightDeps } from '../deps.ts';
import { forbidUnless, mayFileScreening } from '../policies.ts';
import { screeningReport } from '../schema.ts';
import { findUnitInScope } from '../units.ts';

/**
 * 排查报送: a grid or community files its month — the matters found, or 零报告. Filing again for the same
 * month amends the report (the first filing date stays, so a late report stays late).
 */
export async function fileScreening(deps: OversightDeps, actor: Actor, input: FileScreening) {
  const now = deps.clock.now();
  const today = shanghaiDateOf(now);
  if (!screeningPeriodOpen(input.period, today)) throw new DomainError('VALIDATION.INVALID', { field: 'period', detail: '不能报送尚未开始的月份' });
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const unit = await findUnitInScope(tx, actor, input.orgCode, 'orgCode', screeningFilerLevels);
    forbidUnless(mayFileScreening(actor, unit.orgPath), '只有本网格的网格员或所属综治中心可以报送');
    const dueOn = screeningDueDate(input.period);
    const content = { nothingFound: input.nothingFound, itemCount: input.items.length, items: input.items, note: input.note ?? null };
    const [existing] = await tx
      .select({ id: screeningReport.id, revision: screeningReport.revision, late: screeningReport.late })
      .from(screeningReport)
      .where(and(eq(screeningReport.orgCode, unit.code), eq(screeningReport.period, input.period)));
    const id = existing?.id ?? randomUUID();
    if (existing) {
      await tx
        .update(screeningReport)
        .set({ ...content, revision: existing.revision + 1, filedAt: now, filedById: actor.userId, filedByName: actor.displayName })
        .where(eq(screeningReport.id, id));
    } else {
      await tx.insert(screeningReport).values({
        id,
        orgCode: unit.code,
        period: input.period,
        dueOn,
        ...content,
        filedOn: today,
        filedAt: now,
        filedById: actor.userId,
        filedByName: actor.displayName,
        late: today > dueOn,
        orgPath: unit.orgPath,
        countyCode: unit.countyCode,
      });
    }
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      {
        action: existing ? 'screening.amend' : 'screening.file',
        entityType: 'screening_report',
        entityId: id,
        orgPath: unit.orgPath,
        countyCode: unit.countyCode,
        detail: { orgCode: unit.code, period: input.period, nothingFound: input.nothingFound, itemCount: input.items.length },
      },
    ]);
    return { id, orgCode: unit.code, period: input.period, dueOn, late: existing ? existing.late : today > dueOn, amended: Boolean(existing) };
  });
}
