import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/harness.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p.close());

describe('platform endpoints', () => {
  it('reports health and the engine without a session', async () => {
    const res = await p.anonymous.get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', db: p.handle.engine });
  });

  it('documents every route in OpenAPI, with named schemas', async () => {
    const doc = (await p.anonymous.get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/auth/login', '/api/me', '/api/org-units/{code}', '/api/org-units/{code}/grids']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['LoginRequest', 'OrgUnitDetail']));
    expect((await p.anonymous.get('/api/docs')).statusCode).toBe(200);
  });

  it('answers unknown API paths and malformed JSON with the error shape', async () => {
    expect((await p.anonymous.get('/api/nothing-here')).json()).toMatchObject({ code: 'NOT_FOUND' });
    const res = await p.anonymous.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{"username":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION.INVALID', field: 'body' });
  });
});

describe('serving the web app', () => {
  it('serves files, client-side routes as the app, and 404 for a missing file', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhi-web-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>市治</title>');
    const web = await createTestPlatform({ SHIZHI_WEB_DIST: dist }, { serveWeb: true });
    try {
      // Written after start: a rebuild must not need a restart.
      fs.writeFileSync(path.join(dist, 'assets', 'app-1.js'), 'console.log(1)');
      expect((await web.anonymous.get('/assets/app-1.js')).body).toBe('console.log(1)');
      const route = await web.anonymous.get('/org/150602001');
      expect(route.statusCode).toBe(200);
      expect(route.body).toContain('<title>市治</title>');
      expect((await web.anonymous.get('/assets/missing.js')).statusCode).toBe(404);
      expect((await web.anonymous.get('/api/missing')).json().code).toBe('NOT_FOUND');
    } finally {
      await web.close();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});
