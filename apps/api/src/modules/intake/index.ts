export { registerIntakeRoutes } from './routes.ts';
export { createApiClient, type NewApiClient } from './use-cases/create-api-client.ts';
export { findApiClient, hashApiKey, type ApiClient, type ApiClientKind } from './api-keys.ts';
export { filerForClient } from './use-cases/file-machine-report.ts';
