import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../testing/harness.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p.close());

it('documents the register routes with their named response schemas', async () => {
  const res = await p.anonymous.get('/api/openapi.json');
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const doc = res.json();
  for (const path of ['/api/registers/people', '/api/registers/people/{id}', '/api/registers/people/{id}/personal-data', '/api/registers/houses/export.xlsx', '/api/registers/addresses']) {
    expect(Object.keys(doc.paths)).toContain(path);
  }
  expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['PersonRow', 'PersonPage', 'HousePage', 'OrganisationPage', 'RegisterHistoryEntry']));
});
