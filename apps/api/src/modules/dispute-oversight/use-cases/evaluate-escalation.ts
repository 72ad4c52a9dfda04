import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import { defaultEscalationSettings, evaluateEscalation, keyPersonCategoryLabels, shanghaiDateOf, type EscalationResult, type EscalationRule, type EarlierCase } from '@shizhi/domain';
import { appendAudit, systemActor, type AuditActor } from '../../../platform/audit/write.ts';
import type { BusMessage } from '../../../platform/bus.ts';
import { asSystem } from '../../../platform/db/scope.ts';
import { disputeCase, disputeParty, disputeSession, disputeTimeline } from '../../disputes/index.ts';
import type { OversightDeps } from '../deps.ts';
import { escalationFlag, keyPerson } from '../schema.ts';
import { countyPathOf } from '../units.ts';
import { countyRules, ensureCountyRules, ruleOf } from './escalation-rules.ts';

export type EscalationTrigger = 'registered' | 'updated' | 'on_demand';

export interface EscalationOutcome {
  disputeId: string;
  result: EscalationResult;
  /** The flag row written by this evaluation; null when nothing fired or the same rules had already fired. */
  recordedFlagId: string | null;
  orgPath: string;
}

const normaliseAddress = (a: string | null) => (a ?? '').replace(/\s+/g, '').toLowerCase();

/**
 * Evaluates the county's rules on one dispute, reading as the system: repeats and key persons count
 * across the district even where the case's staff cannot see the other case. A firing is recorded
 * (with explanations and rule versions) when the set of fired rules differs from the current flag;
 * the earlier flag is then superseded, and a case whose rules stop firing has its flag superseded.
 */
export async function evaluateDisputeEscalation(
  deps: OversightDeps,
  disputeId: string,
  trigger: EscalationTrigger,
  actor: AuditActor = systemActor,
): Promise<EscalationOutcome | null> {
  const now = deps.clock.now();
  const outcome = await asSystem(deps.db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`escalation:${disputeId}`}, 0))`);
    const [c] = await tx.select().from(disputeCase).where(eq(disputeCase.id, disputeId));
    if (!c) return null;
    const county = countyPathOf(c.orgPath) ?? { countyCode: c.countyCode, countyPath: c.orgPath };
    await ensureCountyRules(tx, deps.clock, county);
    const { rules: rows, settings } = await countyRules(tx, c.countyCode);
    const rules: EscalationRule[] = rows.map(ruleOf);
    const versions = new Map(rows.map((r) => [r.code, r.version]));

    const parties = await tx.select({ name: disputeParty.name, idNumber: disputeParty.idNumber }).from(disputeParty).where(eq(disputeParty.disputeId, c.id));
    const ids = parties.flatMap((p) => (p.idNumber ? [p.idNumber] : []));
    const nameOf = new Map(parties.flatMap((p) => (p.idNumber ? [[p.idNumber, p.name] as const] : [])));
    const sessions = await tx.select({ record: disputeSession.record }).from(disputeSession).where(eq(disputeSession.disputeId, c.id));
    const notes = await tx.select({ text: disputeTimeline.text }).from(disputeTimeline).where(eq(disputeTimeline.disputeId, c.id));

    const earlier = new Map<string, { number: string; registeredAt: Date; shared: Set<string>; sameAddress: boolean }>();
    const note = (id: string, number: string, registeredAt: Date) => {
      const e = earlier.get(id) ?? { number, registeredAt, shared: new Set<string>(), sameAddress: false };
      earlier.set(id, e);
      return e;
    };
    if (ids.length) {
      const sameParties = await tx
        .select({ id: disputeCase.id, number: disputeCase.number, registeredAt: disputeCase.registeredAt, idNumber: disputeParty.idNumber })
        .from(disputeParty)
        .innerJoin(disputeCase, eq(disputeCase.id, disputeParty.disputeId))
        .where(and(inArray(disputeParty.idNumber, ids), ne(disputeCase.id, c.id), lte(disputeCase.registeredAt, c.registeredAt)));
      for (const r of sameParties) note(r.id, r.number, r.registeredAt).shared.add(nameOf.get(r.idNumber!) ?? '');
    }
    const address = normaliseAddress(c.address);
    if (address) {
      const sameAddress = await tx
        .select({ id: disputeCase.id, number: disputeCase.number, registeredAt: disputeCase.registeredAt })
        .from(disputeCase)
        .where(
          and(
            eq(disputeCase.countyCode, c.countyCode),
            ne(disputeCase.id, c.id),
            lte(disputeCase.registeredAt, c.registeredAt),
            sql`lower(regexp_replace(coalesce(${disputeCase.address}, ''), '\\s+', '', 'g')) = ${address}`,
          ),
        );
      for (const r of sameAddress) note(r.id, r.number, r.registeredAt).sameAddress = true;
    }
    const earlierCases: EarlierCase[] = [...earlier.values()]
      .sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime())
      .map((e) => ({ number: e.number, registeredOn: shanghaiDateOf(e.registeredAt), sharedParties: [...e.shared].filter(Boolean), sameAddress: e.sameAddress }));
    const listed = ids.length
      ? await tx
          .select({ idNumber: keyPerson.idNumber, category: keyPerson.category })
          .from(keyPerson)
          .where(and(eq(keyPerson.countyCode, c.countyCode), eq(keyPerson.active, true), inArray(keyPerson.idNumber, ids)))
      : [];
    const result = evaluateEscalation(rules, settings ?? defaultEscalationSettings, {
      today: shanghaiDateOf(now),
      peopleInvolved: c.peopleInvolved,
      address: c.address,
      texts: [c.title, c.summary, c.claims ?? '', ...sessions.map((s) => s.record ?? ''), ...notes.map((n) => n.text ?? '')].filter(Boolean),
      earlierCases,
      keyPersons: listed.map((k) => ({ name: nameOf.get(k.idNumber) ?? '', category: keyPersonCategoryLabels[k.category] })),
    });

    const ruleCodes = result.flags.map((f) => f.ruleCode).sort().join(',');
    const [current] = await tx
      .select()
      .from(escalationFlag)
      .where(and(eq(escalationFlag.disputeId, c.id), isNull(escalationFlag.supersededAt)))
      .orderBy(desc(escalationFlag.evaluatedAt))
      .limit(1);
    const scope = { orgPath: c.orgPath, countyCode: c.countyCode };
    if (current && current.ruleCodes === ruleCodes) return { disputeId: c.id, result, recordedFlagId: null, orgPath: c.orgPath };
    if (current) await tx.update(escalationFlag).set({ supersededAt: now }).where(eq(escalationFlag.id, current.id));
    if (result.flags.length === 0) {
      if (current) {
        await appendAudit(tx, deps.clock, actor, [
          { action: 'escalation.lapse', entityType: 'escalation_flag', entityId: current.id, ...scope, detail: { disputeId: c.id, trigger } },
        ]);
      }
      return { disputeId: c.id, result, recordedFlagId: null, orgPath: c.orgPath };
    }
    const id = randomUUID();
    await tx.insert(escalationFlag).values({
      id,
      disputeId: c.id,
      disputeNumber: c.number,
      disputeTitle: c.title,
      trigger,
      evaluatedAt: now,
      score: result.score,
      grade: result.grade,
      routeToPolice: result.routeToPolice,
      flags: result.flags.map((f) => ({ ...f, ruleVersion: versions.get(f.ruleCode) ?? 1 })),
      ruleCodes,
      state: 'open',
      ...scope,
    });
    await appendAudit(tx, deps.clock, actor, [
      {
        action: 'escalation.fire',
        entityType: 'escalation_flag',
        entityId: id,
        ...scope,
        detail: {
          disputeId: c.id,
          number: c.number,
          trigger,
          grade: result.grade,
          score: result.score,
          routeToPolice: result.routeToPolice,
          flags: result.flags.map((f) => ({ rule: f.ruleCode, version: versions.get(f.ruleCode) ?? 1, explanation: f.explanation })),
          supersedes: current?.id ?? null,
        },
      },
    ]);
    return { disputeId: c.id, result, recordedFlagId: id, orgPath: c.orgPath };
  });
  if (outcome?.recordedFlagId) {
    deps.bus?.publish({
      type: 'escalation.flagged',
      orgPaths: [outcome.orgPath],
      payload: { id: outcome.recordedFlagId, disputeId, grade: outcome.result.grade, routeToPolice: outcome.result.routeToPolice },
    });
  }
  return outcome;
}

/**
 * The hook: the disputes module announces every registration and step as `dispute.changed` on the bus
 * (after its transaction commits); each announcement is evaluated here. `settled()` resolves when the
 * evaluations started so far have finished.
 */
export function watchDisputeChanges(deps: OversightDeps & { bus: NonNullable<OversightDeps['bus']> }, onError: (error: unknown) => void = () => {}) {
  const pending = new Set<Promise<unknown>>();
  const stop = deps.bus.subscribe((message: BusMessage) => {
    if (message.type !== 'dispute.changed' || typeof message.payload.id !== 'string') return;
    const trigger: EscalationTrigger = message.payload.state === 'registered' ? 'registered' : 'updated';
    const run = evaluateDisputeEscalation(deps, message.payload.id, trigger).catch(onError);
    pending.add(run);
    void run.finally(() => pending.delete(run));
  });
  return {
    stop,
    settled: async () => {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}
