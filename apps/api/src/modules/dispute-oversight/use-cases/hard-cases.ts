import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  DomainError,
  hardCaseDeadlineProblem,
  shanghaiDateOf,
  type CloseHardCase,
  type DesignateHardCase,
  type HardCaseProgress,
} from '@shizhi/domain';
import { appendAudit } from '../../../platform/audit/write.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { inScope, type Actor } from '../../../platform/db/scope.ts';
import { disputeCase } from '../../disputes/index.ts';
import type { OversightDeps } from '../deps.ts';
import { forbidUnless, mayOversee } from '../policies.ts';
import { hardCase } from '../schema.ts';

const closedDisputeStates = ['refused', 'closed'];

/** 四定: a case the centre takes on as a hard case, with lead official, handler, measures and deadline. */
export async function designateHardCase(deps: OversightDeps, actor: Actor, input: DesignateHardCase) {
  const now = deps.clock.now();
  const today = shanghaiDateOf(now);
  const problem = hardCaseDeadlineProblem(input.deadline, today);
  if (problem) throw new DomainError('VALIDATION.INVALID', { field: 'deadline', detail: problem });
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const [dispute] = await tx
      .select({ id: disputeCase.id, number: disputeCase.number, title: disputeCase.title, state: disputeCase.state, ownerOrgPath: disputeCase.ownerOrgPath, orgPath: disputeCase.orgPath, countyCode: disputeCase.countyCode })
      .from(disputeCase)
      .where(eq(disputeCase.id, input.disputeId));
    if (!dispute) throw new DomainError('DISPUTE.NOT_FOUND', { field: 'disputeId' });
    forbidUnless(mayOversee(actor, dispute.ownerOrgPath), '只有受理该纠纷的综治中心或其上级可以列为疑难案件');
    if (closedDisputeStates.includes(dispute.state)) throw new DomainError('DISPUTE.NOT_IN_STATE', { detail: '已结案或不予受理的纠纷不能列为疑难案件' });
    const [already] = await tx.select({ id: hardCase.id }).from(hardCase).where(eq(hardCase.disputeId, dispute.id));
    if (already) throw new DomainError('DISPUTE.NOT_IN_STATE', { detail: '该纠纷已列为疑难案件' });
    const designatedOrgPath = centreOf(actor, dispute.ownerOrgPath);
    const id = randomUUID();
    await tx.insert(hardCase).values({
      id,
      disputeId: dispute.id,
      disputeNumber: dispute.number,
      title: dispute.title,
      leadOfficial: input.leadOfficial,
      leadOfficialTitle: input.leadOfficialTitle ?? null,
      handler: input.handler,
      measures: input.measures,
      deadline: input.deadline,
      state: 'open',
      progress: [],
      designatedAt: now,
      designatedBy: actor.displayName,
      designatedOrgPath,
      orgPath: dispute.orgPath,
      countyCode: dispute.countyCode,
    });
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      {
        action: 'hard_case.designate',
        entityType: 'hard_case',
        entityId: id,
        orgPath: dispute.orgPath,
        countyCode: dispute.countyCode,
        detail: { disputeId: dispute.id, number: dispute.number, leadOfficial: input.leadOfficial, handler: input.handler, deadline: input.deadline },
      },
    ]);
    return { id, disputeId: dispute.id, orgPath: dispute.orgPath };
  });
}

/** The actor's deepest 综治中心 post on the case owner's path. */
function centreOf(actor: Actor, ownerPath: string): string {
  const posts = actor.assignments
    .filter((a) => a.role === 'center_staff' && (ownerPath === a.orgPath || ownerPath.startsWith(`${a.orgPath}.`)))
    .map((a) => a.orgPath)
    .sort((a, b) => b.length - a.length);
  return posts[0]!;
}

async function openHardCaseFor(tx: Tx, actor: Actor, id: string, revision: number) {
  const [row] = await tx.select().from(hardCase).where(eq(hardCase.id, id));
  if (!row) throw new DomainError('NOT_FOUND', { detail: '未找到该疑难案件' });
  forbidUnless(mayOversee(actor, row.orgPath) || mayOversee(actor, row.designatedOrgPath));
  if (row.state !== 'open') throw new DomainError('DISPUTE.NOT_IN_STATE', { detail: '疑难案件已办结' });
  if (row.revision !== revision) throw new DomainError('CONFLICT');
  return row;
}

/** 包调查、包处理、包化解、包稳控: progress as it happens; measures, deadline or handler may change with it. */
export async function recordHardCaseProgress(deps: OversightDeps, actor: Actor, id: string, input: HardCaseProgress) {
  const now = deps.clock.now();
  if (input.deadline) {
    const problem = hardCaseDeadlineProblem(input.deadline, shanghaiDateOf(now));
    if (problem) throw new DomainError('VALIDATION.INVALID', { field: 'deadline', detail: problem });
  }
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const row = await openHardCaseFor(tx, actor, id, input.revision);
    const changes: Record<string, string> = {};
    if (input.measures && input.measures !== row.measures) changes.measures = input.measures;
    if (input.deadline && input.deadline !== row.deadline) changes.deadline = input.deadline;
    if (input.handler && input.handler !== row.handler) changes.handler = input.handler;
    const entry = { at: now.toISOString(), by: actor.displayName, note: input.note, ...(Object.keys(changes).length ? { changes } : {}) };
    await tx
      .update(hardCase)
      .set({ ...changes, progress: [...row.progress, entry], revision: row.revision + 1 })
      .where(eq(hardCase.id, id));
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      { action: 'hard_case.progress', entityType: 'hard_case', entityId: id, orgPath: row.orgPath, countyCode: row.countyCode, detail: { note: input.note, changes } },
    ]);
    return { id, state: row.state, revision: row.revision + 1 };
  });
}

export async function closeHardCase(deps: OversightDeps, actor: Actor, id: string, input: CloseHardCase) {
  const now = deps.clock.now();
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const row = await openHardCaseFor(tx, actor, id, input.revision);
    await tx
      .update(hardCase)
      .set({ state: 'closed', outcome: input.outcome, result: input.result, closedAt: now, revision: row.revision + 1 })
      .where(eq(hardCase.id, id));
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      { action: 'hard_case.close', entityType: 'hard_case', entityId: id, orgPath: row.orgPath, countyCode: row.countyCode, detail: { outcome: input.outcome, result: input.result } },
    ]);
    return { id, state: 'closed' as const, revision: row.revision + 1 };
  });
}
