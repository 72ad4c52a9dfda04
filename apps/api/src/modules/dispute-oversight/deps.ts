import type { MessageBus } from '../../platform/bus.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/client.ts';

export interface OversightDeps {
  db: Database;
  clock: Clock;
  bus?: MessageBus;
}
