export { registerRegisterRoutes } from './routes.ts';
export { address, household, house, person, organisation, registerHistory, registerImport } from './schema.ts';
