import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inScope } from '../../platform/db/scope.ts';
import { createTestPlatform, type TestPlatform } from '../../testing/harness.ts';
import { gridWorker, orgUnit } from './schema.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p.close());

describe('GET /api/org-units/{code}', () => {
  it('is 401 without a session', async () => {
    expect((await p.anonymous.get('/api/org-units/150602')).statusCode).toBe(401);
  });

  it('is 400 naming the field for a malformed code', async () => {
    const c = await p.login('admin');
    const res = await c.get('/api/org-units/15x602');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'code' });
  });

  it('returns the district with its streets and departments for the district centre', async () => {
    const c = await p.login('u150602');
    const res = await c.get('/api/org-units/150602');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unit).toMatchObject({ code: '150602', name: '东胜区', level: 'county' });
    expect(body.center.name).toContain('东胜区');
    const levels = new Set(body.children.map((u: { level: string }) => u.level));
    expect(levels).toEqual(new Set(['township', 'department']));
    expect(body.children.find((u: { code: string }) => u.code === '150602001')).toMatchObject({ name: '交通街道' });
    expect(body.unit.gridCount).toBeGreaterThan(0);
  });

  it('counts each unit’s own children and grids', async () => {
    const c = await p.login('u150602001');
    const { unit, children } = (await c.get('/api/org-units/150602001')).json();
    expect(unit.childCount).toBe(children.length);
    expect(children.length).toBeGreaterThan(0);
    const grids = (await c.get('/api/org-units/150602001/grids')).json().features.length;
    expect(unit.gridCount).toBe(grids);
    const first = children[0];
    const own = (await c.get(`/api/org-units/${first.code}/grids`)).json().features.length;
    expect(first.gridCount).toBe(own);
    expect(first.gridCount).toBeLessThan(unit.gridCount);
    expect(first.childCount).toBe(own);
  });

  it('reads a unit outside the scope as not found', async () => {
    const c = await p.login('u150602001');
    expect((await c.get('/api/org-units/150602001001')).statusCode).toBe(200);
    const res = await c.get('/api/org-units/150602002');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ORG.NOT_FOUND');
    expect((await c.get('/api/org-units/150602')).statusCode).toBe(404);
  });

  it('shows a grid with its A and B posts, phones masked', async () => {
    const c = await p.login('u150602001001');
    const res = await c.get('/api/org-units/150602001001001');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.posts.map((x: { post: string }) => x.post)).toEqual(['A', 'B']);
    for (const post of body.posts) expect(post.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(body.ancestors.map((a: { code: string }) => a.code)).toEqual(['150602001001']);
  });

  it('gives each user the roots of their own scope', async () => {
    const admin = await (await p.login('admin')).get('/api/org-units');
    expect(admin.json().roots.map((u: { code: string }) => u.code)).toEqual(['1506']);
    const worker = await (await p.login('g150602001001001')).get('/api/org-units');
    expect(worker.json().roots.map((u: { level: string }) => u.level).every((l: string) => l === 'grid')).toBe(true);
  });
});

describe('a grid worker', () => {
  it('sees their own grid with both posts, its outline and their community centre', async () => {
    const c = await p.login('g150602001001001');
    const detail = (await c.get('/api/org-units/150602001001001')).json();
    expect(detail.posts).toHaveLength(2);
    expect(detail.posts.find((x: { post: string }) => x.post === 'A').username).toBe('g150602001001001');
    expect(detail.center.name).toContain('社区');
    const grids = (await c.get('/api/org-units/150602001001001/grids')).json();
    expect(grids.features.map((f: { id: string }) => f.id)).toEqual(['150602001001001']);
    expect(grids.features[0].properties.villageName).toBeTruthy();
    expect(grids.features[0].properties.workers).toHaveLength(2);
  });

  it('cannot open their community or a neighbouring grid', async () => {
    const c = await p.login('g150602001001001');
    expect((await c.get('/api/org-units/150602001001')).statusCode).toBe(404);
    const own = (await c.get('/api/org-units')).json().roots.map((u: { code: string }) => u.code);
    const neighbour = ['150602001001001', '150602001001002'].find((code) => !own.includes(code))!;
    expect((await c.get(`/api/org-units/${neighbour}`)).statusCode).toBe(404);
  });
});

describe('GET /api/org-units/{code}/grids', () => {
  it('is 401 without a session', async () => {
    expect((await p.anonymous.get('/api/org-units/150602/grids')).statusCode).toBe(401);
  });

  it('is 400 for a malformed code', async () => {
    const c = await p.login('admin');
    expect((await c.get('/api/org-units/abc/grids')).json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'code' });
  });

  it('returns GeoJSON polygons of every grid under the unit', async () => {
    const c = await p.login('u150602001');
    const res = await c.get('/api/org-units/150602001/grids');
    expect(res.statusCode).toBe(200);
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(0);
    for (const f of fc.features) {
      expect(f.properties.code.startsWith('150602001')).toBe(true);
      const ring = f.geometry.coordinates[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(f.properties.households).toBeGreaterThan(0);
    }
    expect(fc.bbox).toHaveLength(4);
  });

  it('is 404 outside the scope', async () => {
    const c = await p.login('g150602001001001');
    expect((await c.get('/api/org-units/150602002/grids')).statusCode).toBe(404);
  });
});

describe('row-level security', () => {
  it('hides rows outside the scope even when a query forgets the service filter', async () => {
    const streetScope = ['15.1506.150602.150602001'];
    const { units, workers, foreignWorkers } = await inScope(p.handle.db, streetScope, async (tx) => ({
      units: await tx.select({ code: orgUnit.code, path: orgUnit.orgPath }).from(orgUnit),
      workers: await tx.select({ id: gridWorker.id }).from(gridWorker),
      foreignWorkers: await tx.execute(sql`select count(*)::int as n from grid_worker where village_code like '150602002%'`),
    }));
    expect(units.length).toBeGreaterThan(0);
    // The subtree, plus the path up to it (district, city, province): never a sibling's subtree.
    const inside = (path: string) => path.startsWith('15.1506.150602.150602001');
    expect(units.filter((u) => !inside(u.path)).map((u) => u.code).sort()).toEqual(['15', '1506', '150602']);
    expect(units.some((u) => u.code.startsWith('150602002'))).toBe(false);
    expect(workers.length).toBeGreaterThan(0);
    expect(foreignWorkers.rows[0]).toEqual({ n: 0 });
    // The same query as the owner sees the other street's workers: the filter above was RLS alone.
    const all = await p.handle.query<{ n: number }>(
      `select count(*)::int as n from grid_worker where village_code like '150602002%'`,
    );
    expect(all.rows[0]!.n).toBeGreaterThan(0);
  });

  it('shows nothing to a transaction without a scope', async () => {
    const rows = await inScope(p.handle.db, [], (tx) => tx.select().from(orgUnit));
    expect(rows).toEqual([]);
  });
});
