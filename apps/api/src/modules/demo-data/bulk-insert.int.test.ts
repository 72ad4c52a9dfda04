import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCategoryRows } from '@shizhi/domain';
import { asSystem } from '../../platform/db/scope.ts';
import { createTestPlatform, type TestPlatform } from '../../testing/harness.ts';
import { eventCategory } from '../events/index.ts';
import { insertByColumns } from './bulk-insert.ts';

let p: TestPlatform;

beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => p.close());

describe('insertByColumns', () => {
  it('writes what it is given: quotes, backslashes, commas, braces, NULL-looking text, JSON and real nulls', async () => {
    const rules = defaultCategoryRows()[1]!.rules;
    const rows = [
      { code: '7701', version: 1, parentCode: null, name: '引号"与\\反斜杠', rules: { ...rules, department: 'a "quoted", {braced} \\ dept' }, sortOrder: 1 },
      { code: '7702', version: 1, parentCode: '77', name: 'NULL', rules: { ...rules, department: null }, sortOrder: 2 },
      { code: '7703', version: 2, parentCode: '77', name: ' 前后空格 , 逗号 ', rules, sortOrder: 3 },
    ];
    await asSystem(p.handle.db, (tx) => insertByColumns(tx, eventCategory, rows));
    const stored = await p.handle.query<{ code: string; version: number; parent_code: string | null; name: string; rules: unknown; sort_order: number; active: boolean }>(
      `select code, version, parent_code, name, rules, sort_order, active from event_category where code like '77%' order by code`,
    );
    expect(stored.rows).toEqual(
      rows.map((r) => ({ code: r.code, version: r.version, parent_code: r.parentCode, name: r.name, rules: r.rules, sort_order: r.sortOrder, active: true })),
    );
  });
});
