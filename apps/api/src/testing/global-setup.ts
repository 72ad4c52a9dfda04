import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildPgliteTemplate, buildPostgresTemplate, dropPostgresDatabases } from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: { pgliteFile?: string; postgresTemplate?: string; baseUrl?: string };
  }
}

/** Migrates and seeds once per run; every test file then clones the result in well under a second. */
export default async function setup(project: TestProject) {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const template = await buildPostgresTemplate(baseUrl);
    project.provide('dbTemplate', { postgresTemplate: template, baseUrl });
    return async () => dropPostgresDatabases(baseUrl, template);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhi-test-'));
  const file = path.join(dir, 'template.tar');
  await buildPgliteTemplate(file);
  project.provide('dbTemplate', { pgliteFile: file });
  return async () => fs.rmSync(dir, { recursive: true, force: true });
}
