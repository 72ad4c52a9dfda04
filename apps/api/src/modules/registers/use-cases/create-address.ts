import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { DomainError } from '@shizhi/domain';
import { appendAudit } from '../../../platform/audit/write.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { inScope, type Actor } from '../../../platform/db/scope.ts';
import { orgUnit } from '../../org/index.ts';
import type { AddressInput } from '../contract.ts';
import { mayEditRecord } from '../policies.ts';
import { address, type AddressLevel } from '../schema.ts';
import { addressInScope, gridInScope } from './places.ts';
import type { RegistersDeps } from './record-change.ts';
import { unscoped } from '../unscoped.ts';

/**
 * 一标 codes extend the parent's: compound = village (12) + 3 digits, building + 3, unit + 2, room + 4.
 * A room straight under a building (no 单元) or under a compound (a village group's house) fills the
 * skipped levels with zeros, so every room code has the same length.
 */
const digits: Record<AddressLevel, number> = { compound: 3, building: 3, unit: 2, room: 4 };
const allowedParents: Record<AddressLevel, AddressLevel[]> = { compound: [], building: ['compound'], unit: ['building'], room: ['unit', 'building', 'compound'] };
const filler: Record<AddressLevel, number> = { compound: 0, building: 3, unit: 2, room: 4 };
const levelsBelow: AddressLevel[] = ['building', 'unit', 'room'];

function invalid(field: string, detail: string) {
  return new DomainError('REGISTER.TARGET_INVALID', { field, detail });
}

/** The zeros standing for the levels between the parent and the new child. */
function skipped(parent: AddressLevel, child: AddressLevel): string {
  const from = levelsBelow.indexOf(parent) + 1;
  const to = levelsBelow.indexOf(child);
  return levelsBelow.slice(from, to).map((l) => '0'.repeat(filler[l])).join('');
}

/** The next free code under the prefix, across the county (siblings in other grids count too). */
async function nextCode(tx: Tx, countyCode: string, prefix: string, width: number, field: string): Promise<string> {
  const [row] = await unscoped(tx, () =>
    tx
      .select({ max: sql<string | null>`max(${address.code})` })
      .from(address)
      .where(and(eq(address.countyCode, countyCode), sql`${address.code} like ${`${prefix}%`}`, sql`length(${address.code}) = ${prefix.length + width}`)),
  );
  const next = row?.max ? Number(row.max.slice(prefix.length)) + 1 : 1;
  if (next >= 10 ** width) throw invalid(field, `编码已用尽 (no free ${width}-digit code left under ${prefix})`);
  return `${prefix}${String(next).padStart(width, '0')}`;
}

/** The place name a compound's full address starts with: city, county and street. */
async function placeName(tx: Tx, villageCode: string): Promise<string> {
  const codes = [villageCode.slice(0, 4), villageCode.slice(0, 6), villageCode.slice(0, 9)];
  const rows = await tx.select({ code: orgUnit.code, name: orgUnit.name }).from(orgUnit).where(inArray(orgUnit.code, codes));
  const name = new Map(rows.map((r) => [r.code, r.name]));
  return codes.map((c) => name.get(c) ?? '').join('');
}

/** 新增标准地址: a compound under a village, or a building, unit or room under its parent. */
export async function createAddress(deps: RegistersDeps, actor: Actor, input: AddressInput): Promise<{ id: string; code: string; fullName: string }> {
  return inScope(deps.db, actor.scopePaths, async (tx) => {
    let code: string;
    let fullName: string;
    let parentId: string | null = null;
    let villageCode: string;
    let gridCode: string;
    if (input.level === 'compound') {
      if (input.parentId) throw invalid('parentId', '小区/街路巷直接挂在村/社区下');
      if (!input.villageCode) throw invalid('villageCode', '请选择村/社区');
      if (!input.gridCode) throw invalid('gridCode', '请选择网格');
      villageCode = input.villageCode;
      gridCode = input.gridCode;
    } else {
      if (!input.parentId) throw invalid('parentId', '请选择上级地址');
      const parent = await addressInScope(tx, input.parentId, 'parentId');
      if (!allowedParents[input.level].includes(parent.level)) throw invalid('parentId', `${input.level} 不能挂在 ${parent.level} 下`);
      parentId = parent.id;
      villageCode = parent.villageCode;
      // Buildings are placed in a grid; units and rooms lie where their building does.
      gridCode = input.level === 'building' && input.gridCode ? input.gridCode : parent.gridCode;
      const [sibling] = await tx.select({ id: address.id }).from(address).where(and(eq(address.parentId, parent.id), eq(address.name, input.name)));
      if (sibling) throw new DomainError('REGISTER.DUPLICATE', { field: 'name', detail: `${parent.fullName}${input.name} 已存在` });
      fullName = `${parent.fullName}${input.name}`;
      code = await nextCode(tx, parent.countyCode, `${parent.code}${skipped(parent.level, input.level)}`, digits[input.level], 'parentId');
    }
    const grid = await gridInScope(tx, actor, gridCode);
    if (grid.villageCode !== villageCode) throw invalid('gridCode', `网格 ${gridCode} 不属于村/社区 ${villageCode}`);
    if (!mayEditRecord(actor, grid.orgPath)) throw new DomainError('AUTH.FORBIDDEN');
    if (input.level === 'compound') {
      // The grid is in scope, so its village's name may be read (a grid worker's scope is below it).
      const [village] = await tx.select({ name: orgUnit.name }).from(orgUnit).where(eq(orgUnit.code, villageCode));
      const [sibling] = await tx
        .select({ id: address.id })
        .from(address)
        .where(and(eq(address.villageCode, villageCode), isNull(address.parentId), eq(address.name, input.name)));
      if (sibling) throw new DomainError('REGISTER.DUPLICATE', { field: 'name', detail: `${input.name} 已存在` });
      fullName = `${await placeName(tx, villageCode)}${village?.name ?? ''}${input.name}`;
      code = await nextCode(tx, grid.countyCode, villageCode, digits.compound, 'villageCode');
    }
    const [row] = await tx
      .insert(address)
      .values({
        code: code!,
        parentId,
        level: input.level,
        name: input.name,
        fullName: fullName!,
        villageCode,
        gridCode: grid.gridCode,
        lng: input.lng ?? null,
        lat: input.lat ?? null,
        orgPath: grid.orgPath,
        countyCode: grid.countyCode,
        createdAt: deps.clock.now(),
        updatedAt: deps.clock.now(),
      })
      .returning({ id: address.id, code: address.code, fullName: address.fullName });
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      {
        action: 'address.create',
        entityType: 'address',
        entityId: row!.id,
        orgPath: grid.orgPath,
        countyCode: grid.countyCode,
        detail: { code: row!.code, level: input.level, fullName: row!.fullName },
      },
    ]);
    return row!;
  });
}
