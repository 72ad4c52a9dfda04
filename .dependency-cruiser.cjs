/**
 * Layer rules (docs/architecture.md): the domain package has no I/O and no app imports; platform code
 * is plumbing and does not reach into modules; a module reaches another only through its index.ts
 * (or its schema.ts: tables are the shared database contract); the web never imports the API.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      from: { path: '^packages/domain/' },
      to: { path: '^(apps/|node:|fs$|path$|http$|net$|child_process$)|node_modules/(pg|drizzle-orm|fastify|@electric-sql)/' },
    },
    {
      name: 'platform-not-into-modules',
      severity: 'error',
      comment: 'platform/db/schema.ts is the one aggregator of every table for Drizzle',
      from: { path: '^apps/api/src/platform/', pathNot: '^apps/api/src/platform/db/schema\\.ts$|\\.test\\.ts$' },
      to: { path: '^apps/api/src/modules/' },
    },
    {
      name: 'modules-through-their-index',
      severity: 'error',
      from: { path: '^apps/api/src/modules/([^/]+)/' },
      to: {
        path: '^apps/api/src/modules/([^/]+)/',
        pathNot: ['^apps/api/src/modules/$1/', '^apps/api/src/modules/[^/]+/(index|schema)\\.ts$'],
      },
    },
    {
      name: 'web-not-into-api',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^apps/api/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    exclude: { path: '(^|/)(dist|node_modules|data)/' },
  },
};
