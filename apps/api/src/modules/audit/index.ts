export { registerAuditRoutes } from './routes.ts';
export { auditJobs, auditVerifyJob } from './jobs.ts';
