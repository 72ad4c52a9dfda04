import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { createRng, generatePerson, mediationOrgKindLabels, type MediationOrgKind } from '@shizhi/domain';
import type { Clock } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/client.ts';
import { appUser, roleAssignment } from '../auth/index.ts';
import { mediationOrg, mediator } from '../disputes/index.ts';
import { orgUnit } from '../org/index.ts';

/**
 * The district's trade and specialist bodies beside the 调委会 of every street and community, as a
 * county 矛调中心 gathers them (anchors-china §4.1: 人民/行政/行业性专业性/司法调解 under one roof).
 */
const districtBodies: readonly { name: string; kind: MediationOrgKind; field: string | null; mediators: number }[] = [
  { name: '劳动人事争议调解中心', kind: 'industry', field: 'labour', mediators: 4 },
  { name: '物业纠纷人民调解委员会', kind: 'industry', field: 'property', mediators: 3 },
  { name: '医疗纠纷人民调解委员会', kind: 'industry', field: 'medical', mediators: 3 },
  { name: '道路交通事故纠纷人民调解委员会', kind: 'industry', field: 'traffic', mediators: 3 },
  { name: '自然资源局行政调解室', kind: 'administrative', field: null, mediators: 2 },
  { name: '市场监管局消费纠纷行政调解室', kind: 'administrative', field: null, mediators: 2 },
  { name: '人民法院诉调对接工作室', kind: 'court', field: null, mediators: 2 },
  { name: '“老马”品牌调解室', kind: 'brand_room', field: null, mediators: 2 },
];

const specialties = ['婚姻家庭', '邻里关系', '民间借贷', '劳动保障', '物业服务', '土地权属', '法律咨询', '心理疏导'];

/**
 * Mediation bodies and mediators for a freshly seeded district: a 人民调解委员会 for every street/town
 * and community with two or three mediators, and the district's trade bodies, court room and a named
 * 品牌调解室. The demo `m<code>` mediator accounts become mediators of their community's 调委会.
 * Returns how many bodies and mediators it wrote.
 */
export async function seedMediationBodies(tx: Tx, county: string, clock: Clock, seed: string): Promise<{ bodies: number; mediators: number }> {
  const rng = createRng(`${seed}/mediation/${county}`);
  const now = clock.now();
  const asOf = now.toISOString().slice(0, 10);
  const units = await tx
    .select({ code: orgUnit.code, name: orgUnit.name, level: orgUnit.level, orgPath: orgUnit.orgPath })
    .from(orgUnit)
    .where(and(eq(orgUnit.countyCode, county), inArray(orgUnit.level, ['county', 'township', 'village'])))
    .orderBy(asc(orgUnit.orgPath));
  const accounts = await tx
    .select({ userId: roleAssignment.userId, orgCode: roleAssignment.orgCode, displayName: appUser.displayName })
    .from(roleAssignment)
    .innerJoin(appUser, eq(appUser.id, roleAssignment.userId))
    .where(and(eq(roleAssignment.countyCode, county), eq(roleAssignment.role, 'mediator')));

  const bodies: (typeof mediationOrg.$inferInsert)[] = [];
  const people: (typeof mediator.$inferInsert)[] = [];
  const addBody = (unit: (typeof units)[number], name: string, kind: MediationOrgKind, field: string | null, count: number) => {
    const id = randomUUID();
    bodies.push({ id, name, kind, method: mediationOrgKindLabels[kind].method, field, orgCode: unit.code, createdAt: now, orgPath: unit.orgPath, countyCode: county });
    for (const account of accounts.filter((a) => a.orgCode === unit.code && kind === 'committee')) {
      people.push({ id: randomUUID(), mediationOrgId: id, userId: account.userId, name: account.displayName, phone: null, specialty: '综合调解', createdAt: now, orgPath: unit.orgPath, countyCode: county });
    }
    for (let i = 0; i < count; i++) {
      const person = generatePerson(rng, { asOf, addressCode: county, minAge: 35, maxAge: 66 });
      people.push({
        id: randomUUID(),
        mediationOrgId: id,
        userId: null,
        name: person.name,
        phone: person.phone,
        specialty: rng.pick(specialties),
        createdAt: now,
        orgPath: unit.orgPath,
        countyCode: county,
      });
    }
  };
  const countyUnit = units.find((u) => u.level === 'county');
  if (!countyUnit) return { bodies: 0, mediators: 0 };
  for (const b of districtBodies) addBody(countyUnit, `${countyUnit.name}${b.name}`, b.kind, b.field, b.mediators);
  for (const unit of units) {
    if (unit.level === 'county') continue;
    addBody(unit, `${unit.name}人民调解委员会`, 'committee', null, unit.level === 'township' ? 3 : 2);
  }
  for (let i = 0; i < bodies.length; i += 500) await tx.insert(mediationOrg).values(bodies.slice(i, i + 500));
  for (let i = 0; i < people.length; i += 500) await tx.insert(mediator).values(people.slice(i, i + 500));
  return { bodies: bodies.length, mediators: people.length };
}
