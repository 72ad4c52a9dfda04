import { lt } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/client.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { userSession } from './schema.ts';

export function authJobs(db: Database, clock: Clock): JobDefinition[] {
  return [
    {
      name: 'auth.purge-sessions',
      cron: '15 * * * *',
      handler: async () => {
        await db.delete(userSession).where(lt(userSession.expiresAt, clock.now()));
      },
    },
  ];
}
