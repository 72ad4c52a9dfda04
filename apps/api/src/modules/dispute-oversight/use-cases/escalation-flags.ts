import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { DomainError, escalationActionsIn, maskIdNumber, type ActOnEscalation, type AddKeyPerson, type EscalationFlagState } from '@shizhi/domain';
import { appendAudit } from '../../../platform/audit/write.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { inScope, isInScope, type Actor } from '../../../platform/db/scope.ts';
import type { OversightDeps } from '../deps.ts';
import { forbidUnless, mayOversee, mayView } from '../policies.ts';
import { escalationFlag, keyPerson } from '../schema.ts';
import { childLabelOf, childUnits, findUnitInScope } from '../units.ts';

type FlagRow = typeof escalationFlag.$inferSelect;

const flagView = (f: FlagRow) => ({
  id: f.id,
  disputeId: f.disputeId,
  disputeNumber: f.disputeNumber,
  disputeTitle: f.disputeTitle,
  trigger: f.trigger,
  evaluatedAt: f.evaluatedAt.toISOString(),
  score: f.score,
  grade: f.grade,
  routeToPolice: f.routeToPolice,
  flags: f.flags,
  state: f.state,
  current: f.supersededAt === null,
  handledAt: f.handledAt?.toISOString() ?? null,
  handledBy: f.handledBy,
  note: f.note,
  policeUnit: f.policeUnit,
  allowedActions: f.supersededAt === null ? escalationActionsIn(f.state) : [],
});

/** Current flags under a unit (open ones by default), newest first, with the open count per unit below. */
export async function listEscalationFlags(
  tx: Tx,
  actor: Actor,
  query: { orgCode: string; state?: EscalationFlagState | undefined; routeToPolice?: boolean | undefined; disputeId?: string | undefined },
) {
  const unit = await findUnitInScope(tx, actor, query.orgCode, 'orgCode');
  forbidUnless(mayView(actor, unit.orgPath));
  const rows = await tx
    .select()
    .from(escalationFlag)
    .where(
      and(
        sql`${escalationFlag.orgPath} <@ ${unit.orgPath}::ltree`,
        query.disputeId ? eq(escalationFlag.disputeId, query.disputeId) : isNull(escalationFlag.supersededAt),
        query.state ? eq(escalationFlag.state, query.state) : undefined,
        query.routeToPolice === undefined ? undefined : eq(escalationFlag.routeToPolice, query.routeToPolice),
      ),
    )
    .orderBy(desc(escalationFlag.evaluatedAt))
    .limit(500);
  const open = rows.filter((r) => r.state === 'open' && r.supersededAt === null);
  const units = (await childUnits(tx, unit.code)).map((u) => ({
    code: u.code,
    name: u.name,
    open: open.filter((r) => childLabelOf(unit.orgPath, r.orgPath) === u.code).length,
    high: open.filter((r) => r.grade === 'high' && childLabelOf(unit.orgPath, r.orgPath) === u.code).length,
  }));
  return { items: rows.map(flagView), units };
}

/** 知悉, 推送公安联络 (公调对接) with a note, or 解除 with a reason; only the current flag of a case. */
export async function actOnEscalationFlag(deps: OversightDeps, actor: Actor, id: string, input: ActOnEscalation) {
  const now = deps.clock.now();
  const result = await inScope(deps.db, actor.scopePaths, async (tx) => {
    const [f] = await tx.select().from(escalationFlag).where(eq(escalationFlag.id, id));
    if (!f || !isInScope(actor, f.orgPath)) throw new DomainError('NOT_FOUND', { detail: '未找到该预警' });
    forbidUnless(mayOversee(actor, f.orgPath), '只有综治中心工作人员可以处置预警');
    if (f.supersededAt !== null || !escalationActionsIn(f.state).includes(input.action)) {
      throw new DomainError('DISPUTE.NOT_IN_STATE', { detail: '该预警当前状态不允许此操作' });
    }
    const state: EscalationFlagState = input.action === 'acknowledge' ? 'acknowledged' : input.action === 'route_to_police' ? 'routed' : 'cleared';
    const policeUnit = input.action === 'route_to_police' ? input.policeUnit : f.policeUnit;
    await tx
      .update(escalationFlag)
      .set({ state, handledAt: now, handledBy: actor.displayName, note: input.note ?? f.note, policeUnit })
      .where(eq(escalationFlag.id, id));
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      {
        action: `escalation.${input.action}`,
        entityType: 'escalation_flag',
        entityId: id,
        orgPath: f.orgPath,
        countyCode: f.countyCode,
        detail: { disputeId: f.disputeId, number: f.disputeNumber, from: f.state, to: state, note: input.note ?? null, policeUnit },
      },
    ]);
    return { id, state, orgPath: f.orgPath, disputeId: f.disputeId, grade: f.grade, policeUnit };
  });
  if (result.state === 'routed') {
    deps.bus?.publish({ type: 'escalation.routed', orgPaths: [result.orgPath], payload: { id, disputeId: result.disputeId, grade: result.grade, policeUnit: result.policeUnit } });
  }
  return { id: result.id, state: result.state };
}

/** Puts a person on the key-person list the key_person rule reads. */
export async function addKeyPerson(deps: OversightDeps, actor: Actor, input: AddKeyPerson) {
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const unit = await findUnitInScope(tx, actor, input.orgCode, 'orgCode');
    forbidUnless(mayOversee(actor, unit.orgPath));
    const [exists] = await tx.select({ id: keyPerson.id }).from(keyPerson).where(and(eq(keyPerson.countyCode, unit.countyCode), eq(keyPerson.idNumber, input.idNumber)));
    if (exists) throw new DomainError('CONFLICT', { field: 'idNumber', detail: '该人员已在重点人员名单上' });
    const id = randomUUID();
    await tx.insert(keyPerson).values({
      id,
      idNumber: input.idNumber,
      name: input.name,
      category: input.category,
      orgCode: unit.code,
      note: input.note ?? null,
      addedAt: deps.clock.now(),
      addedBy: actor.displayName,
      orgPath: unit.orgPath,
      countyCode: unit.countyCode,
    });
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      { action: 'key_person.add', entityType: 'key_person', entityId: id, orgPath: unit.orgPath, countyCode: unit.countyCode, detail: { name: input.name, category: input.category, idNumber: maskIdNumber(input.idNumber) } },
    ]);
    return { id };
  });
}

/** The list under a unit, ID numbers masked. */
export async function listKeyPersons(tx: Tx, actor: Actor, orgCode: string) {
  const unit = await findUnitInScope(tx, actor, orgCode, 'orgCode');
  forbidUnless(mayView(actor, unit.orgPath));
  const rows = await tx.select().from(keyPerson).where(sql`${keyPerson.orgPath} <@ ${unit.orgPath}::ltree`).orderBy(keyPerson.name);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, idNumber: maskIdNumber(r.idNumber), category: r.category, orgCode: r.orgCode, active: r.active, note: r.note })) };
}
