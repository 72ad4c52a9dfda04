import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIdNumber, registerCodeTables } from '@shizhi/domain';
import { verifyAuditChains } from '../../platform/audit/verify.ts';
import { createTestPlatform, type TestPlatform } from '../../testing/harness.ts';
import { seedRegisters, type RegisterSeedSummary } from './registers.ts';

let p: TestPlatform;
let summary: RegisterSeedSummary;

beforeAll(async () => {
  p = await createTestPlatform();
  summary = await seedRegisters(p.handle, { scale: 'test', clock: p.clock, cipher: p.cipher });
});
afterAll(async () => p.close());

async function rows<T>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await p.handle.query<T>(text, values)).rows;
}

interface PersonRow {
  id: string;
  person_type: string;
  gender: string | null;
  birth_date: string | Date | null;
  id_type: string | null;
  id_enc: Uint8Array | null;
  id_bidx: Uint8Array | null;
  id_valid: boolean | null;
  phone_enc: Uint8Array | null;
  phone_bidx: Uint8Array | null;
  grid_code: string;
  org_path: string;
  household_id: string | null;
  relation_to_head: string | null;
  status: string;
  problems: string[];
  clear: string;
}

const dateText = (d: string | Date | null) => (d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

describe('seedRegisters', () => {
  it('writes the registers once, with one audit row, and the audit chains verify', async () => {
    expect(summary.skipped).toBe(false);
    if (summary.skipped) return;
    expect(summary.counts.people).toBeGreaterThan(1000);
    expect(summary.counts.houses).toBeGreaterThanOrEqual(summary.counts.households);
    expect(await rows(`select 1 from audit_log where action = 'seed.registers'`)).toHaveLength(1);
    expect((await verifyAuditChains(p.handle.db)).every((r) => r.ok)).toBe(true);
    expect(await seedRegisters(p.handle, { scale: 'test', clock: p.clock, cipher: p.cipher })).toMatchObject({ skipped: true, reason: 'registers_exist' });
    // The secondary indexes dropped for the load are back.
    const indexes = await rows<{ indexname: string }>(`select indexname from pg_indexes where tablename in ('person', 'address')`);
    expect(indexes.map((i) => i.indexname)).toEqual(expect.arrayContaining(['person_id_bidx_idx', 'person_name_idx', 'address_full_name_trgm']));
  });

  it('puts every record in an existing grid, under that grid’s path', async () => {
    for (const table of ['person', 'house', 'household', 'organisation', 'address']) {
      const orphans = await rows(`select 1 from ${table} r left join org_unit g on g.code = r.grid_code and g.level = 'grid' where g.code is null or g.org_path <> r.org_path`);
      expect(orphans, table).toHaveLength(0);
    }
  });

  it('gives every household one active head and links members to its house; collection is 85–100 %', async () => {
    const heads = await rows<{ id: string; heads: number }>(
      `select h.id, count(p.id) filter (where p.relation_to_head = '02' and p.status = 'active')::int as heads
       from household h left join person p on p.household_id = h.id group by h.id`,
    );
    expect(heads.length).toBeGreaterThan(0);
    expect(heads.every((h) => h.heads === 1)).toBe(true);
    const unlinked = await rows(`select 1 from person p join household h on h.id = p.household_id where p.house_id is distinct from h.house_id`);
    expect(unlinked).toHaveLength(0);
    const relations = new Set(registerCodeTables.relationToHead.entries.map((e) => e.code));
    const used = await rows<{ relation_to_head: string }>(`select distinct relation_to_head from person where relation_to_head is not null`);
    expect(used.every((r) => relations.has(r.relation_to_head))).toBe(true);
    const rates = await rows<{ rate: number }>(
      `select (select count(distinct household_id) from person p where p.grid_code = g.code and p.status = 'active' and p.household_id is not null)::float / g.households as rate
       from org_unit g where g.level = 'grid'`,
    );
    for (const r of rates) {
      expect(r.rate).toBeGreaterThanOrEqual(0.85);
      expect(r.rate).toBeLessThanOrEqual(1);
    }
  });

  it('seals ID numbers and phones; valid numbers match birth date and gender, invalid ones carry id_checksum', async () => {
    const people = await rows<PersonRow>(`select p.*, row_to_json(p)::text as clear from person p`);
    let checked = 0;
    for (const person of people) {
      const idNumber = p.cipher.openOrNull('id', person.id_enc, person.id_bidx);
      const phone = p.cipher.openOrNull('phone', person.phone_enc, person.phone_bidx);
      if (idNumber) expect(person.clear).not.toContain(idNumber);
      if (phone) expect(person.clear).not.toContain(phone);
      if (!idNumber || person.id_type !== '111') continue;
      const check = checkIdNumber(idNumber);
      expect(person.id_valid).toBe(check.valid);
      expect(person.problems.includes('id_checksum')).toBe(!check.valid);
      if (check.valid) {
        expect(dateText(person.birth_date)).toBe(check.birthDate);
        expect(person.gender).toBe(check.gender === 'male' ? '1' : '2');
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(1000);
    for (const [table, enc, bidx] of [
      ['house', 'owner_id_enc', 'owner_id_bidx'],
      ['organisation', 'legal_rep_id_enc', 'legal_rep_id_bidx'],
    ] as const) {
      const sealed = await rows<Record<string, Uint8Array | null> & { clear: string }>(`select ${enc}, ${bidx}, row_to_json(t)::text as clear from ${table} t`);
      for (const r of sealed) {
        const value = p.cipher.openOrNull('id', r[enc]!, r[bidx]!);
        if (value) expect(r.clear).not.toContain(value);
      }
    }
  });

  it('has the mix of a real district: mostly 户籍, migrants in rented houses, problems to fix, people moved out with history', async () => {
    const types = await rows<{ person_type: string; n: number }>(`select person_type, count(*)::int as n from person group by 1`);
    const total = types.reduce((s, t) => s + t.n, 0);
    const share = (code: string) => (types.find((t) => t.person_type === code)?.n ?? 0) / total;
    expect(share('01')).toBeGreaterThan(0.7);
    expect(share('02')).toBeGreaterThan(0.1);
    // ID numbers are unique but for the few people registered twice on purpose.
    const shared = await rows(`select id_bidx from person where id_bidx is not null group by 1 having count(*) > 1`);
    expect(shared.length).toBeLessThan(total * 0.002);
    const tenants = await rows(`select 1 from person p join house h on h.id = p.house_id where p.person_type = '02' and not h.rental`);
    expect(tenants.length / (types.find((t) => t.person_type === '02')?.n ?? 1)).toBeLessThan(0.1);
    expect((await rows(`select 1 from person where problems::text like '%missing:%'`)).length).toBeGreaterThan(0);
    const moved = await rows<{ id: string; version: number }>(`select id, version from person where status <> 'active'`);
    expect(moved.length).toBeGreaterThan(0);
    const history = await rows<{ entity_id: string; action: string }>(`select entity_id, action from register_history`);
    for (const m of moved) expect(history.filter((h) => h.entity_id === m.id).map((h) => h.action)).toEqual(expect.arrayContaining(['create']));
    const rented = await rows<{ max_occupants: number | null; pledge_signed: boolean | null }>(`select max_occupants, pledge_signed from house where rental`);
    expect(rented.length).toBeGreaterThan(0);
    expect(rented.every((h) => h.max_occupants !== null && h.pledge_signed !== null)).toBe(true);
  });
});
