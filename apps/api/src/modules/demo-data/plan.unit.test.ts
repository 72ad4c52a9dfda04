import { describe, expect, it } from 'vitest';
import { checkIdNumber, isUrbanVillageCode, type Polygon } from '@shizhi/domain';
import { allocateByWeight } from './allocate.ts';
import { loadDivisions } from './divisions.ts';
import { demoAccounts, planDistrict, shortVillageName, stableUuid, type DistrictPlan } from './plan.ts';
import { squarify } from './treemap.ts';

const divisions = loadDivisions('150602');
const plans = {
  test: planDistrict(divisions, { scale: 'test' }),
  demo: planDistrict(divisions, { scale: 'demo' }),
  seed: planDistrict(divisions, { scale: 'seed' }),
};

type Box = [number, number, number, number];
function bboxOf(polygon: Polygon): Box {
  const ring = polygon.coordinates[0]!;
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
const eps = 1e-9;
const inside = (inner: Box, outer: Box) =>
  inner[0] >= outer[0] - eps && inner[1] >= outer[1] - eps && inner[2] <= outer[2] + eps && inner[3] <= outer[3] + eps;
const overlapArea = (a: Box, b: Box) =>
  Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
const area = (b: Box) => (b[2] - b[0]) * (b[3] - b[1]);

function unitsAt(plan: DistrictPlan, level: string) {
  return plan.orgUnits.filter((u) => u.level === level);
}

describe('allocateByWeight', () => {
  it('hits the total exactly and stays proportional', () => {
    const shares = allocateByWeight(10, [1, 1, 1]);
    expect(shares.reduce((s, n) => s + n, 0)).toBe(10);
    expect(shares).toEqual([4, 3, 3]);
    expect(allocateByWeight(872, [8.2, 0.3, 5.5, 12.9], { min: 1 }).reduce((s, n) => s + n, 0)).toBe(872);
  });

  it('respects per-item bounds', () => {
    const shares = allocateByWeight(9, [100, 1, 1], { min: 2, max: 4 });
    expect(shares).toEqual([4, 3, 2]);
    expect(() => allocateByWeight(20, [1, 1], { max: 4 })).toThrow(RangeError);
  });
});

describe('squarify', () => {
  it('tiles the rectangle with areas proportional to weight', () => {
    const rects = squarify({ x0: 0, y0: 0, x1: 3, y1: 2 }, [6, 6, 4, 3, 2, 2, 1]);
    const total = rects.reduce((s, r) => s + (r.x1 - r.x0) * (r.y1 - r.y0), 0);
    expect(total).toBeCloseTo(6, 9);
    expect((rects[0]!.x1 - rects[0]!.x0) * (rects[0]!.y1 - rects[0]!.y0)).toBeCloseTo(6 * (6 / 24), 9);
  });
});

describe('planDistrict', () => {
  it('uses the real division units at demo and seed scale', () => {
    for (const plan of [plans.demo, plans.seed]) {
      expect(plan.counts.townships).toBe(16);
      expect(plan.counts.villages).toBe(109);
      expect(unitsAt(plan, 'village').map((u) => u.code)).toEqual(divisions.townships.flatMap((t) => t.villages.map((v) => v.code)));
    }
  });

  it('reaches the seed texts’ figures exactly at seed scale: 872 grids, 1,100 grid workers', () => {
    const { counts } = plans.seed;
    expect(counts.grids).toBe(872);
    expect(counts.workers).toBe(1100);
    expect(unitsAt(plans.seed, 'grid')).toHaveLength(872);
    expect(counts.departments).toBe(24);
    expect(counts.centers).toBe(1 + 16 + 109);
  });

  it('keeps the demo to 2–4 grids a village, about 300 in all, 1.25 workers a grid', () => {
    const grids = unitsAt(plans.demo, 'grid');
    expect(grids.length).toBe(300);
    const perVillage = new Map<string, number>();
    for (const g of grids) perVillage.set(g.parentCode!, (perVillage.get(g.parentCode!) ?? 0) + 1);
    for (const n of perVillage.values()) expect(n >= 2 && n <= 4).toBe(true);
    expect(plans.demo.counts.workers).toBe(375);
  });

  it('takes a small real corner at test scale', () => {
    const plan = plans.test;
    expect(unitsAt(plan, 'township').map((u) => u.code)).toEqual(['150602001', '150602002']);
    expect(unitsAt(plan, 'village').map((u) => u.code)).toEqual(['150602001001', '150602001002', '150602002001', '150602002002']);
    expect(plan.counts.grids).toBe(8);
    expect(plan.counts.workers).toBe(10);
  });

  it('sizes grids by the 城区350户、农区50户 standard, ±20 %', () => {
    for (const g of unitsAt(plans.seed, 'grid')) {
      const standard = isUrbanVillageCode(g.code) ? 350 : 50;
      expect(g.households!).toBeGreaterThanOrEqual(standard * 0.8);
      expect(g.households!).toBeLessThanOrEqual(standard * 1.2);
      expect(g.population! / g.households!).toBeGreaterThanOrEqual(2.59);
      expect(g.population! / g.households!).toBeLessThanOrEqual(2.91);
    }
    const county = plans.seed.orgUnits.find((u) => u.code === '150602')!;
    const grids = unitsAt(plans.seed, 'grid');
    expect(county.households).toBe(grids.reduce((s, g) => s + g.households!, 0));
    expect(county.population).toBe(plans.seed.counts.population);
  });

  it('builds codes, kinds and ltree paths from the division codes', () => {
    const byCode = new Map(plans.seed.orgUnits.map((u) => [u.code, u]));
    expect(byCode.get('150602001001001')?.orgPath).toBe('15.1506.150602.150602001.150602001001.150602001001001');
    expect(byCode.get('150602D01')).toMatchObject({ orgPath: '15.1506.150602.150602D01', level: 'department', name: '东胜区公安分局' });
    expect(byCode.get('150602001')?.kind).toBe('street');
    expect(byCode.get('150602100')?.kind).toBe('town');
    expect(byCode.get('150602405')?.kind).toBe('zone');
    expect(byCode.get('150602100200')).toMatchObject({ kind: 'village', urban: false, name: '漫赖村' });
    expect(byCode.get('150602405498')).toMatchObject({ kind: 'community', urban: true });
    for (const u of plans.seed.orgUnits) {
      expect(u.countyCode).toBe('150602');
      if (u.parentCode) expect(u.orgPath).toBe(`${byCode.get(u.parentCode)!.orgPath}.${u.code}`);
      if (u.level === 'grid') expect(u.code).toMatch(new RegExp(`^${u.parentCode}\\d{3}$`));
      expect(u.geometry != null).toBe(!['province', 'city', 'department'].includes(u.level));
      expect(u.centerLng != null).toBe(u.geometry != null);
    }
  });

  it('gives every grid an A and a B post held by different workers of its village', () => {
    for (const plan of Object.values(plans)) {
      const workerVillage = new Map(plan.workers.map((w) => [w.id!, w.villageCode]));
      const grids = unitsAt(plan, 'grid');
      expect(plan.posts).toHaveLength(grids.length * 2);
      for (const g of grids) {
        const a = plan.posts.find((p) => p.gridCode === g.code && p.post === 'A');
        const b = plan.posts.find((p) => p.gridCode === g.code && p.post === 'B');
        expect(a && b).toBeTruthy();
        expect(a!.workerId).not.toBe(b!.workerId);
        expect(workerVillage.get(a!.workerId)).toBe(g.parentCode);
        expect(workerVillage.get(b!.workerId)).toBe(g.parentCode);
      }
      // Nobody is hired without a post.
      const posted = new Set(plan.posts.map((p) => p.workerId));
      for (const w of plan.workers) expect(posted.has(w.id!)).toBe(true);
    }
  });

  it('tiles each village with its grids and each township with its villages, without overlap', () => {
    for (const plan of [plans.seed, plans.demo]) {
      const byParent = new Map<string, Box[]>();
      const boxOf = new Map<string, Box>();
      for (const u of plan.orgUnits) {
        if (!u.geometry) continue;
        const ring = u.geometry.coordinates[0]!;
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        for (const v of ring.flat()) expect(Math.abs(v * 1e6 - Math.round(v * 1e6))).toBeLessThan(1e-6);
        const box = bboxOf(u.geometry);
        boxOf.set(u.code, box);
        if (u.parentCode) byParent.set(u.parentCode, [...(byParent.get(u.parentCode) ?? []), box]);
      }
      const county = boxOf.get('150602')!;
      expect(county[0]).toBeGreaterThanOrEqual(109.85);
      expect(county[2]).toBeLessThanOrEqual(110.15);
      for (const [parent, children] of byParent) {
        const outer = boxOf.get(parent);
        if (!outer) continue; // the county's parent, the city, has no geometry
        let covered = 0;
        children.forEach((c, i) => {
          expect(inside(c, outer)).toBe(true);
          expect(area(c)).toBeGreaterThan(0);
          covered += area(c);
          for (let j = i + 1; j < children.length; j++) expect(overlapArea(c, children[j]!)).toBeLessThan(1e-12);
        });
        expect(covered / area(outer)).toBeCloseTo(1, 4);
      }
    }
  });

  it('gives valid, unique ID numbers and phones to grid workers', () => {
    const ids = new Set<string>();
    const phones = new Set<string>();
    for (const w of plans.seed.workers) {
      const check = checkIdNumber(w.idNumber, new Date('2025-06-30T00:00:00Z'));
      expect(check.valid).toBe(true);
      expect(check.gender).toBe(w.gender === '1' ? 'male' : 'female');
      expect(w.phone).toMatch(/^1[3-9]\d{9}$/);
      ids.add(w.idNumber);
      phones.add(w.phone);
    }
    expect(ids.size).toBe(plans.seed.workers.length);
    expect(phones.size).toBe(plans.seed.workers.length);
  });

  it('creates unique accounts: one per centre, department, mediator and grid worker', () => {
    for (const plan of Object.values(plans)) {
      const names = plan.users.map((u) => u.username);
      expect(new Set(names).size).toBe(names.length);
      expect(new Set(plan.users.map((u) => u.id)).size).toBe(names.length);
      expect(names).toContain('admin');
      expect(names).toContain('leader');
      for (const c of plan.centers) expect(names).toContain(`u${c.orgCode}`);
      expect(plan.users.length).toBe(2 + plan.centers.length + plan.counts.departments + plan.counts.townships + plan.workers.length);
      const userIds = new Set(plan.users.map((u) => u.id));
      for (const w of plan.workers) expect(userIds.has(w.userId!)).toBe(true);
      const keys = plan.roleAssignments.map((r) => `${r.userId}|${r.orgCode}|${r.role}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
    const seedUsers = new Map(plans.seed.users.map((u) => [u.id, u.username]));
    for (const r of plans.seed.roleAssignments.filter((x) => x.role === 'grid_worker')) {
      expect(seedUsers.get(r.userId)).toMatch(/^g\d{15}b?$/);
    }
  });

  it('names accounts by unit code and grid post', () => {
    const users = new Map(plans.seed.users.map((u) => [u.username, u]));
    const roles = (username: string) => plans.seed.roleAssignments.filter((r) => r.userId === users.get(username)?.id);
    expect(roles('admin')).toMatchObject([{ role: 'sys_admin', orgCode: '1506', orgPath: '15.1506' }]);
    expect(roles('u150602001')).toMatchObject([{ role: 'center_staff', orgCode: '150602001' }]);
    expect(users.get('u150602001')?.displayName).toBe('交通街道综治中心');
    expect(roles('u150602D24')).toMatchObject([{ role: 'dept_handler', orgCode: '150602D24' }]);
    expect(roles('m150602100200')).toMatchObject([{ role: 'mediator', orgCode: '150602100200' }]);
    const a = plans.seed.posts.find((p) => p.gridCode === '150602001001001' && p.post === 'A')!;
    const worker = plans.seed.workers.find((w) => w.id === a.workerId)!;
    expect(users.get('g150602001001001')?.id).toBe(worker.userId);
    expect(users.get('g150602001001001')?.displayName).toBe(worker.name);
    // A B-only worker is named after the first grid they stand in for.
    const bOnly = plans.seed.users.find((u) => u.username.endsWith('b'))!;
    const grid = bOnly.username.slice(1, -1);
    const b = plans.seed.posts.find((p) => p.gridCode === grid && p.post === 'B')!;
    expect(plans.seed.workers.find((w) => w.id === b.workerId)?.userId).toBe(bOnly.id);
  });

  it('lists one demo account of each kind', () => {
    const accounts = demoAccounts(plans.demo);
    expect(accounts.map((a) => a.username)).toEqual([
      'admin',
      'leader',
      'u150602',
      'u150602001',
      'u150602001001',
      'g150602001001001',
      'u150602D01',
      'm150602001001',
    ]);
    expect(demoAccounts({ county: '150602' })).toEqual(accounts.map((a) => (a.role === 'grid_worker' ? { ...a, displayName: expect.any(String) } : a)));
  });

  it('is deterministic for a scale and seed, and varies with the seed', () => {
    expect(JSON.stringify(planDistrict(divisions, { scale: 'seed' }))).toBe(JSON.stringify(plans.seed));
    expect(JSON.stringify(planDistrict(divisions, { scale: 'test', seed: 'shizhi' }))).toBe(JSON.stringify(plans.test));
    const other = planDistrict(divisions, { scale: 'test', seed: 'other' });
    expect(other.workers.map((w) => w.idNumber)).not.toEqual(plans.test.workers.map((w) => w.idNumber));
    expect(stableUuid('s', 'k', 'x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('shortVillageName', () => {
  it('turns committee names into place names', () => {
    expect(shortVillageName('漫赖村委会')).toBe('漫赖村');
    expect(shortVillageName('多福巷社区居委会')).toBe('多福巷社区');
    expect(shortVillageName('吉劳庆社区')).toBe('吉劳庆社区');
    expect(shortVillageName('格舍壕村')).toBe('格舍壕村');
  });
});
