export { registerOrgRoutes } from './routes.ts';
export { orgUnit, governanceCenter, gridWorker, gridPost } from './schema.ts';
