import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, testPassword, type TestPlatform } from '../../testing/harness.ts';
import { createUser, setUserStatus } from './index.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p.close());

describe('GET /api/users', () => {
  it('is 401 without a session and 403 for a role without user management', async () => {
    expect((await p.anonymous.get('/api/users')).statusCode).toBe(401);
    const worker = await p.login('g150602001001001');
    expect((await worker.get('/api/users')).statusCode).toBe(403);
  });

  it('is 400 naming the field for a bad page size', async () => {
    const admin = await p.login('admin');
    expect((await admin.get('/api/users?pageSize=5000')).json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'pageSize' });
  });

  it('lists the users under a unit with their assignments', async () => {
    const admin = await p.login('admin');
    const res = await admin.get('/api/users?orgCode=150602001001&pageSize=100');
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    expect(total).toBe(items.length);
    const names = items.map((u: { username: string }) => u.username);
    expect(names).toContain('u150602001001');
    expect(names).toContain('g150602001001001');
    expect(names).not.toContain('u150602002');
  });

  it('is 404 for a unit outside the scope', async () => {
    await createUser(p.handle.db, p.clock, {
      username: 'street-admin',
      displayName: '街道管理员',
      password: testPassword,
      role: 'sys_admin',
      orgCode: '150602001',
    });
    const c = await p.login('street-admin');
    expect((await c.get('/api/users?orgCode=150602002')).statusCode).toBe(404);
    const own = (await c.get('/api/users?pageSize=200')).json();
    expect(own.items.every((u: { assignments: { orgCode: string }[] }) => u.assignments.every((a) => a.orgCode.startsWith('150602001')))).toBe(true);
  });
});

describe('account administration', () => {
  it('a disabled account can no longer sign in, and each change is audited', async () => {
    await setUserStatus(p.handle.db, p.clock, 'leader', 'disabled');
    const res = await p.anonymous.post('/api/auth/login', { username: 'leader', password: testPassword });
    expect(res.statusCode).toBe(401);
    const { rows } = await p.handle.query(`select action from audit_log where action = 'user.disabled'`);
    expect(rows).toHaveLength(1);
  });

  it('refuses a duplicate username', async () => {
    await expect(
      createUser(p.handle.db, p.clock, { username: 'admin', displayName: 'x', password: testPassword, role: 'leader', orgCode: '150602' }),
    ).rejects.toMatchObject({ code: 'USER.EXISTS' });
  });
});
