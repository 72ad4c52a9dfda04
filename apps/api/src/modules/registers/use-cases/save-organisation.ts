import { and, eq, ne } from 'drizzle-orm';
import { DomainError, organisationFlags } from '@shizhi/domain';
import type { Tx } from '../../../platform/db/client.ts';
import { inScope, type Actor } from '../../../platform/db/scope.ts';
import type { OrganisationInput, OrganisationPatch } from '../contract.ts';
import { mayEditRecord } from '../policies.ts';
import { findOrganisation } from '../queries.ts';
import { organisation } from '../schema.ts';
import { addressInScope, gridInScope } from './places.ts';
import { changesBetween, editableRecord, recordChange, type RegistersDeps } from './record-change.ts';
import { unscoped } from '../unscoped.ts';

type OrganisationValues = Omit<OrganisationInput, 'details'> & { details: Record<string, string | null> };
type OrganisationRow = typeof organisation.$inferSelect;
const personalFields = ['legalRepIdNumber', 'legalRepPhone'] as const;

/** 统一社会信用代码 / 登记证号 is unique in the county. */
async function refuseTakenCode(tx: Tx, countyCode: string, code: string, self: string | null) {
  const [other] = await unscoped(tx, () =>
    tx
      .select({ id: organisation.id })
      .from(organisation)
      .where(and(eq(organisation.countyCode, countyCode), eq(organisation.code, code), self ? ne(organisation.id, self) : undefined)),
  );
  if (other) throw new DomainError('REGISTER.DUPLICATE', { field: 'code', detail: `单位编码 ${code} 已登记 (existing record ${other.id})` });
}

async function placeOrganisation(tx: Tx, actor: Actor, values: OrganisationValues) {
  const grid = await gridInScope(tx, actor, values.gridCode);
  if (!mayEditRecord(actor, grid.orgPath)) throw new DomainError('AUTH.FORBIDDEN');
  const addr = values.addressId ? await addressInScope(tx, values.addressId) : null;
  return { grid, addr };
}

function columnsOf(deps: RegistersDeps, values: OrganisationValues, place: Awaited<ReturnType<typeof placeOrganisation>>) {
  const legalRepId = deps.cipher.sealOne('id', values.legalRepIdNumber);
  const legalRepPhone = deps.cipher.sealOne('phone', values.legalRepPhone);
  const address = values.address ?? place.addr?.fullName ?? null;
  return {
    code: values.code,
    name: values.name,
    kind: values.kind,
    category: values.category ?? null,
    addressId: place.addr?.id ?? null,
    address,
    villageCode: place.grid.villageCode,
    gridCode: place.grid.gridCode,
    legalRepName: values.legalRepName ?? null,
    legalRepIdEnc: legalRepId?.enc ?? null,
    legalRepIdBidx: legalRepId?.bidx ?? null,
    legalRepPhoneEnc: legalRepPhone?.enc ?? null,
    legalRepPhoneBidx: legalRepPhone?.bidx ?? null,
    securityHeadName: values.securityHeadName ?? null,
    employees: values.employees ?? null,
    hazardousChemicals: values.hazardousChemicals ?? null,
    hazardType: values.hazardType ?? null,
    attentionLevel: values.attentionLevel ?? null,
    partyOrg: values.partyOrg ?? null,
    schoolType: values.schoolType ?? null,
    students: values.students ?? null,
    staff: values.staff ?? null,
    securityStaff: values.securityStaff ?? null,
    principalName: values.principalName ?? null,
    details: values.details,
    orgPath: place.grid.orgPath,
    countyCode: place.grid.countyCode,
    problems: organisationFlags({
      code: values.code,
      name: values.name,
      kind: values.kind,
      category: values.category ?? null,
      gridCode: place.grid.gridCode,
      address,
      legalRepName: values.legalRepName ?? null,
      legalRepIdNumber: values.legalRepIdNumber ?? null,
      legalRepPhone: values.legalRepPhone ?? null,
      securityHeadName: values.securityHeadName ?? null,
      employees: values.employees ?? null,
      hazardousChemicals: values.hazardousChemicals ?? null,
      hazardType: values.hazardType ?? null,
      attentionLevel: values.attentionLevel ?? null,
      partyOrg: values.partyOrg ?? null,
      schoolType: values.schoolType ?? null,
      students: values.students ?? null,
      staff: values.staff ?? null,
      securityStaff: values.securityStaff ?? null,
      principalName: values.principalName ?? null,
    }),
  };
}

/** 新增实有单位 */
export async function createOrganisation(deps: RegistersDeps, actor: Actor, input: OrganisationInput): Promise<{ id: string; version: number }> {
  const values: OrganisationValues = { ...input, code: input.code.toUpperCase(), details: input.details ?? {} };
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const place = await placeOrganisation(tx, actor, values);
    await refuseTakenCode(tx, place.grid.countyCode, values.code, null);
    const now = deps.clock.now();
    const [row] = await tx
      .insert(organisation)
      .values({ ...columnsOf(deps, values, place), createdAt: now, createdBy: actor.userId, updatedAt: now, updatedBy: actor.userId })
      .returning({ id: organisation.id });
    await recordChange(tx, deps, actor, {
      entityType: 'organisation',
      entityId: row!.id,
      version: 1,
      action: 'create',
      changes: changesBetween({}, values as unknown as Record<string, unknown>, personalFields),
      orgPath: place.grid.orgPath,
      countyCode: place.grid.countyCode,
      detail: { name: values.name },
    });
    return { id: row!.id, version: 1 };
  });
}

function valuesOf(deps: RegistersDeps, row: OrganisationRow): OrganisationValues {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind,
    category: row.category,
    gridCode: row.gridCode,
    addressId: row.addressId,
    address: row.address,
    legalRepName: row.legalRepName,
    legalRepIdNumber: deps.cipher.openOrNull('id', row.legalRepIdEnc, row.legalRepIdBidx),
    legalRepPhone: deps.cipher.openOrNull('phone', row.legalRepPhoneEnc, row.legalRepPhoneBidx),
    securityHeadName: row.securityHeadName,
    employees: row.employees,
    hazardousChemicals: row.hazardousChemicals,
    hazardType: row.hazardType,
    attentionLevel: row.attentionLevel,
    partyOrg: row.partyOrg,
    schoolType: row.schoolType,
    students: row.students,
    staff: row.staff,
    securityStaff: row.securityStaff,
    principalName: row.principalName,
    details: row.details,
  };
}

/** 编辑实有单位 */
export async function updateOrganisation(deps: RegistersDeps, actor: Actor, id: string, patch: OrganisationPatch): Promise<{ id: string; version: number }> {
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    const row = editableRecord(actor, await findOrganisation(tx, actor, id), patch.version);
    const before = valuesOf(deps, row);
    const { version, ...fields } = patch;
    const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<OrganisationValues>;
    const after: OrganisationValues = { ...before, ...given, code: (given.code ?? before.code).toUpperCase(), details: given.details ?? before.details };
    const changes = changesBetween(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, personalFields);
    if (Object.keys(changes).length === 0) return { id: row.id, version: row.version };
    const place = await placeOrganisation(tx, actor, after);
    if (changes.code) await refuseTakenCode(tx, place.grid.countyCode, after.code, row.id);
    const next = version + 1;
    const updated = await tx
      .update(organisation)
      .set({ ...columnsOf(deps, after, place), version: next, updatedAt: deps.clock.now(), updatedBy: actor.userId })
      .where(and(eq(organisation.id, row.id), eq(organisation.version, version)))
      .returning({ id: organisation.id });
    if (updated.length === 0) throw new DomainError('REGISTER.STALE', { field: 'version' });
    await recordChange(tx, deps, actor, {
      entityType: 'organisation',
      entityId: row.id,
      version: next,
      action: 'update',
      changes,
      orgPath: place.grid.orgPath,
      countyCode: place.grid.countyCode,
      detail: { name: after.name },
    });
    return { id: row.id, version: next };
  });
}
