import type { FastifyBaseLogger } from 'fastify';
import { appendAudit, systemActor } from '../../platform/audit/write.ts';
import { verifyAuditChains } from '../../platform/audit/verify.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/client.ts';
import { asSystem } from '../../platform/db/scope.ts';
import type { JobDefinition } from '../../platform/jobs.ts';

export const auditVerifyJob = 'audit.verify';

/** Nightly: recompute every chain and record the outcome (itself an audit row, so it is chained too). */
export function auditJobs(db: Database, clock: Clock, log: Pick<FastifyBaseLogger, 'info' | 'error'>): JobDefinition[] {
  return [
    {
      name: auditVerifyJob,
      cron: '30 2 * * *',
      handler: async () => {
        const reports = await verifyAuditChains(db);
        const broken = reports.filter((r) => !r.ok);
        if (broken.length) log.error({ broken }, 'audit chain broken');
        else log.info({ chains: reports.length }, 'audit chains verified');
        await asSystem(db, (tx) =>
          appendAudit(tx, clock, systemActor, [
            {
              action: broken.length ? 'audit.verify_failed' : 'audit.verified',
              entityType: 'audit_log',
              entityId: 'all',
              detail: { chains: reports.length, rows: reports.reduce((n, r) => n + r.rows, 0), broken },
            },
          ]),
        );
      },
    },
  ];
}
