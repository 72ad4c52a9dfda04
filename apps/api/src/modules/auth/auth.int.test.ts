import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, testPassword, type TestPlatform } from '../../testing/harness.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p.close());

describe('sign in', () => {
  it('returns the user, their roles and capabilities, and sets an httpOnly session cookie', async () => {
    const res = await p.anonymous.post('/api/auth/login', { username: 'u150602001', password: testPassword });
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.user.username).toBe('u150602001');
    expect(me.assignments).toEqual([expect.objectContaining({ orgCode: '150602001', role: 'center_staff', orgLevel: 'township' })]);
    expect(me.capabilities).toContain('org.view');
    expect(me.capabilities).not.toContain('users.manage');
    const session = res.cookies.find((c) => c.name === 'shizhi_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    const csrf = res.cookies.find((c) => c.name === 'shizhi_csrf')!;
    expect(csrf.value).toBe(me.csrfToken);
  });

  it('names the missing field on bad input', async () => {
    const res = await p.anonymous.post('/api/auth/login', { username: 'admin' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'password' });
  });

  it('answers in English when asked', async () => {
    const res = await p.anonymous.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'whatever-1' },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'AUTH.INVALID_CREDENTIALS', message: 'Wrong username or password' });
  });

  it('locks the account after five wrong passwords, even against the right one, until the lock expires', async () => {
    for (let i = 0; i < 4; i++) {
      const res = await p.anonymous.post('/api/auth/login', { username: 'u150602002', password: 'wrong-password' });
      expect(res.statusCode).toBe(401);
    }
    const fifth = await p.anonymous.post('/api/auth/login', { username: 'u150602002', password: 'wrong-password' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('AUTH.LOCKED');
    const right = await p.anonymous.post('/api/auth/login', { username: 'u150602002', password: testPassword });
    expect(right.statusCode).toBe(423);
    p.clock.advance(16 * 60_000);
    const later = await p.anonymous.post('/api/auth/login', { username: 'u150602002', password: testPassword });
    expect(later.statusCode).toBe(200);
    const audit = await p.handle.query(
      `select action from audit_log where action like 'auth.%' and entity_id = (select id::text from app_user where username = 'u150602002') order by chain, seq`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.locked',
      'auth.login_refused',
      'auth.login',
    ]);
  });

  it('stores only argon2id hashes', async () => {
    const { rows } = await p.handle.query(`select distinct left(password_hash, 10) as prefix from app_user`);
    expect(rows).toEqual([{ prefix: '$argon2id$' }]);
  });
});

describe('session', () => {
  it('GET /api/me is 401 without a session', async () => {
    const res = await p.anonymous.get('/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('refuses a change without the CSRF header, and logs out with it', async () => {
    const c = await p.login('u150602');
    const me = await c.get('/api/me');
    expect(me.statusCode).toBe(200);
    const forged = await c.request({ method: 'POST', url: '/api/auth/logout', headers: { 'x-csrf-token': 'forged' } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('AUTH.CSRF');
    const out = await c.post('/api/auth/logout');
    expect(out.statusCode).toBe(204);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });

  it('expires sessions', async () => {
    const c = await p.login('leader');
    p.clock.advance(13 * 3_600_000);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });
});
