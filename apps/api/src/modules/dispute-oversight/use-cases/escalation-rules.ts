import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  DomainError,
  defaultEscalationRules,
  defaultEscalationSettings,
  type EscalationRule,
  type EscalationSettings,
} from '@shizhi/domain';
import { appendAudit, systemActor } from '../../../platform/audit/write.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Executor, Tx } from '../../../platform/db/client.ts';
import { asSystem, inScope, isInScope, type Actor } from '../../../platform/db/scope.ts';
import { orgUnit } from '../../org/index.ts';
import type { OversightDeps } from '../deps.ts';
import { forbidUnless, mayManageRules, mayView } from '../policies.ts';
import { escalationRule, escalationSettings } from '../schema.ts';
import { countyPathOf } from '../units.ts';

export interface County {
  countyCode: string;
  countyPath: string;
}

/** The county the actor means: the one given, or the one their scope lies in. */
export async function resolveCounty(db: Executor, actor: Actor, countyCode: string | undefined): Promise<County> {
  if (countyCode) {
    const [unit] = await db.select({ orgPath: orgUnit.orgPath, level: orgUnit.level }).from(orgUnit).where(eq(orgUnit.code, countyCode));
    const visible = unit && unit.level === 'county' && actor.scopePaths.some((s) => s.startsWith(`${unit.orgPath}.`) || isInScope(actor, unit.orgPath));
    if (!visible) throw new DomainError('ORG.NOT_FOUND', { field: 'countyCode' });
    return { countyCode, countyPath: unit.orgPath };
  }
  const counties = [...new Map(actor.scopePaths.flatMap((p) => countyPathOf(p) ?? []).map((c) => [c.countyCode, c])).values()];
  if (counties.length !== 1) throw new DomainError('VALIDATION.INVALID', { field: 'countyCode', detail: '请指定区县编码' });
  return counties[0]!;
}

/** A county starts with the default rules and settings, written (and audited) the first time they are needed. */
export async function ensureCountyRules(tx: Tx, clock: Clock, county: County): Promise<void> {
  const [settings] = await tx.select({ v: escalationSettings.version }).from(escalationSettings).where(eq(escalationSettings.countyCode, county.countyCode));
  if (settings) return;
  const now = clock.now();
  const scope = { orgPath: county.countyPath, countyCode: county.countyCode };
  await tx
    .insert(escalationSettings)
    .values({ ...defaultEscalationSettings, ...scope, updatedAt: now, updatedBy: 'system' })
    .onConflictDoNothing();
  await tx
    .insert(escalationRule)
    .values(defaultEscalationRules.map((r) => ({ id: randomUUID(), ...r, updatedAt: now, updatedBy: 'system', ...scope })))
    .onConflictDoNothing();
  await appendAudit(tx, clock, systemActor, [
    { action: 'escalation_rule.defaults', entityType: 'escalation_settings', entityId: county.countyCode, ...scope, detail: { rules: defaultEscalationRules.map((r) => r.code) } },
  ]);
}

export async function countyRules(tx: Executor, countyCode: string) {
  const rules = await tx.select().from(escalationRule).where(eq(escalationRule.countyCode, countyCode)).orderBy(escalationRule.code);
  const [settings] = await tx.select().from(escalationSettings).where(eq(escalationSettings.countyCode, countyCode));
  return { rules, settings: settings ?? null };
}

export const ruleOf = (r: typeof escalationRule.$inferSelect): EscalationRule & { version: number; updatedAt: string; updatedBy: string } => ({
  code: r.code,
  name: r.name,
  kind: r.kind,
  enabled: r.enabled,
  weight: r.weight,
  threshold: r.threshold,
  windowDays: r.windowDays,
  keywords: r.keywords,
  version: r.version,
  updatedAt: r.updatedAt.toISOString(),
  updatedBy: r.updatedBy,
});

export async function listEscalationRules(deps: OversightDeps, actor: Actor, countyCode: string | undefined) {
  const county = await resolveCounty(deps.db, actor, countyCode);
  forbidUnless(mayView(actor, county.countyPath) || actor.scopePaths.some((s) => s.startsWith(`${county.countyPath}.`)));
  await asSystem(deps.db, (tx) => ensureCountyRules(tx, deps.clock, county));
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const { rules, settings } = await countyRules(tx, county.countyCode);
    return {
      countyCode: county.countyCode,
      mayEdit: mayManageRules(actor, county.countyPath),
      rules: rules.map(ruleOf),
      settings: settings
        ? { mediumAt: settings.mediumAt, highAt: settings.highAt, policeGrade: settings.policeGrade, version: settings.version }
        : { ...defaultEscalationSettings, version: 0 },
    };
  });
}

async function editable(deps: OversightDeps, actor: Actor, countyCode: string | undefined): Promise<County> {
  const county = await resolveCounty(deps.db, actor, countyCode);
  forbidUnless(mayManageRules(actor, county.countyPath), '只有系统管理员或区级综治中心可以修改预警规则');
  await asSystem(deps.db, (tx) => ensureCountyRules(tx, deps.clock, county));
  return county;
}

/** Adds a rule. */
export async function createEscalationRule(deps: OversightDeps, actor: Actor, countyCode: string | undefined, input: EscalationRule) {
  const county = await editable(deps, actor, countyCode);
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const [exists] = await tx.select({ id: escalationRule.id }).from(escalationRule).where(and(eq(escalationRule.countyCode, county.countyCode), eq(escalationRule.code, input.code)));
    if (exists) throw new DomainError('CONFLICT', { field: 'code', detail: '规则代码已存在' });
    const id = randomUUID();
    const now = deps.clock.now();
    await tx.insert(escalationRule).values({ id, ...input, version: 1, updatedAt: now, updatedBy: actor.displayName, orgPath: county.countyPath, countyCode: county.countyCode });
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      { action: 'escalation_rule.create', entityType: 'escalation_rule', entityId: id, orgPath: county.countyPath, countyCode: county.countyCode, detail: { rule: input } },
    ]);
    return { code: input.code, version: 1 };
  });
}

/** Changes a rule; `version` must be the one read (a stale edit is refused), and the audit row keeps before and after. */
export async function updateEscalationRule(
  deps: OversightDeps,
  actor: Actor,
  countyCode: string | undefined,
  code: string,
  input: Omit<EscalationRule, 'code'> & { version: number },
) {
  const county = await editable(deps, actor, countyCode);
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const [row] = await tx.select().from(escalationRule).where(and(eq(escalationRule.countyCode, county.countyCode), eq(escalationRule.code, code)));
    if (!row) throw new DomainError('NOT_FOUND', { field: 'code', detail: '未找到该预警规则' });
    if (row.version !== input.version) throw new DomainError('CONFLICT');
    const { version, ...values } = input;
    await tx
      .update(escalationRule)
      .set({ ...values, version: version + 1, updatedAt: deps.clock.now(), updatedBy: actor.displayName })
      .where(eq(escalationRule.id, row.id));
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      {
        action: 'escalation_rule.update',
        entityType: 'escalation_rule',
        entityId: row.id,
        orgPath: county.countyPath,
        countyCode: county.countyCode,
        detail: { code, version: version + 1, before: ruleOf(row), after: { code, ...values } },
      },
    ]);
    return { code, version: version + 1 };
  });
}

export async function deleteEscalationRule(deps: OversightDeps, actor: Actor, countyCode: string | undefined, code: string) {
  const county = await editable(deps, actor, countyCode);
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const [row] = await tx.select().from(escalationRule).where(and(eq(escalationRule.countyCode, county.countyCode), eq(escalationRule.code, code)));
    if (!row) throw new DomainError('NOT_FOUND', { field: 'code', detail: '未找到该预警规则' });
    await tx.delete(escalationRule).where(eq(escalationRule.id, row.id));
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      { action: 'escalation_rule.delete', entityType: 'escalation_rule', entityId: row.id, orgPath: county.countyPath, countyCode: county.countyCode, detail: { before: ruleOf(row) } },
    ]);
    return { code, deleted: true };
  });
}

export async function updateEscalationSettings(deps: OversightDeps, actor: Actor, countyCode: string | undefined, input: EscalationSettings & { version: number }) {
  const county = await editable(deps, actor, countyCode);
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const [row] = await tx.select().from(escalationSettings).where(eq(escalationSettings.countyCode, county.countyCode));
    if (!row || row.version !== input.version) throw new DomainError('CONFLICT');
    const { version, ...values } = input;
    await tx
      .update(escalationSettings)
      .set({ ...values, version: version + 1, updatedAt: deps.clock.now(), updatedBy: actor.displayName })
      .where(eq(escalationSettings.countyCode, county.countyCode));
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      {
        action: 'escalation_settings.update',
        entityType: 'escalation_settings',
        entityId: county.countyCode,
        orgPath: county.countyPath,
        countyCode: county.countyCode,
        detail: { before: { mediumAt: row.mediumAt, highAt: row.highAt, policeGrade: row.policeGrade }, after: values, version: version + 1 },
      },
    ]);
    return { ...values, version: version + 1 };
  });
}
