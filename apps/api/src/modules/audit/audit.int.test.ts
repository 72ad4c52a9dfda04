import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../platform/audit/verify.ts';
import { appendAudit } from '../../platform/audit/write.ts';
import { asSystem } from '../../platform/db/scope.ts';
import { createTestPlatform, type TestPlatform } from '../../testing/harness.ts';
import { startJobs } from '../../platform/jobs.ts';
import { auditJobs, auditVerifyJob } from './index.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p.close());

describe('audit log API', () => {
  it('is 401 without a session, 403 for a grid worker, 400 for a bad page', async () => {
    expect((await p.anonymous.get('/api/audit-log')).statusCode).toBe(401);
    expect((await (await p.login('g150602001001001')).get('/api/audit-log')).statusCode).toBe(403);
    expect((await (await p.login('admin')).get('/api/audit-log?page=0')).json()).toMatchObject({ field: 'page' });
  });

  it('shows a street only the audit rows of its own subtree', async () => {
    await p.login('u150602001001');
    await p.login('u150602002001');
    const street = await p.login('u150602001');
    const { items } = (await street.get('/api/audit-log?action=auth.login&pageSize=200')).json();
    const paths: string[] = items.map((i: { orgPath: string }) => i.orgPath);
    expect(paths.length).toBeGreaterThanOrEqual(2);
    expect(paths.every((x) => x.startsWith('15.1506.150602.150602001'))).toBe(true);
  });

  it('lets only a system administrator verify the chains', async () => {
    expect((await (await p.login('u150602')).post('/api/audit-log/verify')).statusCode).toBe(403);
    const res = await (await p.login('admin')).post('/api/audit-log/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json().chains.every((c: { ok: boolean }) => c.ok)).toBe(true);
  });
});

describe('append-only hash chain', () => {
  it('verifies rows whose hashes the database completed, whatever their text holds', async () => {
    const actor = { id: null, name: '测试 "quoted"\n' };
    const entries = [
      { action: 'test.a', entityType: 't', entityId: '1', countyCode: '150602', detail: { text: '东胜区 “引号” \\ \n\t\u0001 😀', n: 12, f: 1.5, neg: -3, ok: true, none: null } },
      { action: 'test.b', entityType: 't', entityId: '2', orgPath: '15.1506.150602.150602001', detail: { list: [1, 'x', { z: 1, a: [] }], empty: {} } },
      { action: 'test.c', entityType: 't', entityId: '3', detail: {} },
    ];
    await asSystem(p.handle.db, (tx) => appendAudit(tx, p.clock, actor, entries));
    await asSystem(p.handle.db, (tx) => appendAudit(tx, p.clock, actor, entries.slice(0, 2)));
    const reports = await verifyAuditChains(p.handle.db);
    expect(reports.map((r) => r.chain)).toContain('system');
    expect(reports.every((r) => r.ok)).toBe(true);
  });

  it('refuses updates and deletes, even by the owner', async () => {
    await expect(p.handle.query(`update audit_log set action = 'x' where id = 1`)).rejects.toThrow(/append-only/);
    await expect(p.handle.query(`delete from audit_log where id = 1`)).rejects.toThrow(/append-only/);
  });

  it('names the first broken link after tampering', async () => {
    await p.login('u150602001');
    await p.login('u150602001001');
    expect((await verifyAuditChains(p.handle.db)).every((r) => r.ok)).toBe(true);
    const { rows } = await p.handle.query<{ id: number; seq: number; chain: string }>(
      `select id, seq, chain from audit_log where chain like '150602:%' and seq > 1 order by id desc limit 1`,
    );
    const target = rows[0]!;
    // Only a superuser who deliberately disables the guard can edit a row; the chain still tells.
    await p.handle.query(`alter table audit_log disable trigger audit_log_no_update`);
    await p.handle.query(`update audit_log set detail = '{"ip":"1.2.3.4"}' where id = $1`, [target.id]);
    await p.handle.query(`alter table audit_log enable trigger audit_log_no_update`);
    const reports = await verifyAuditChains(p.handle.db);
    const report = reports.find((r) => r.chain === target.chain)!;
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ chain: target.chain, seq: Number(target.seq), id: Number(target.id), reason: 'content_changed' });
    // The county's other chains are untouched.
    expect(reports.filter((r) => r.chain !== target.chain).every((r) => r.ok)).toBe(true);
  });
});

describe('job runner', () => {
  it('keeps a scheduled job across a restart and runs the nightly verification', async () => {
    const log = { info: () => {}, error: () => {} };
    const first = await startJobs(p.handle, auditJobs(p.handle.db, p.clock, log), { work: false });
    await first.send(auditVerifyJob, {}, { startAfter: 1 });
    await first.stop();
    const countVerifications = async () =>
      (await p.handle.query<{ n: number }>(`select count(*)::int as n from audit_log where action like 'audit.verif%'`)).rows[0]!.n;
    const before = await countVerifications();
    const second = await startJobs(p.handle, auditJobs(p.handle.db, p.clock, log), { work: true });
    let n = before;
    // The job runs on database time, which no injected clock can move: wait for it, bounded.
    for (let i = 0; i < 100 && n === before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      n = await countVerifications();
    }
    await second.stop();
    expect(n).toBe(before + 1);
  });
});
