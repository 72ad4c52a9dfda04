export { registerAuthRoutes, registerSessionHook } from './routes.ts';
export { hashPassword, verifyPassword } from './passwords.ts';
export { loadAssignments, actorFrom } from './actor-loader.ts';
export { lockoutPolicy } from './use-cases/login.ts';
export { appUser, roleAssignment, userSession } from './schema.ts';
export { authJobs } from './jobs.ts';
export { forgetCachedSessions } from './session-cache.ts';
