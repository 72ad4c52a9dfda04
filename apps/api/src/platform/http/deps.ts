import type { MessageBus } from '../bus.ts';
import type { FileStore } from '../files.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database, DbHandle } from '../db/client.ts';
import type { PersonalDataCipher } from '../personal-data.ts';

/** What every module's routes receive from the composition root. */
export interface AppDeps {
  config: Config;
  handle: DbHandle;
  db: Database;
  clock: Clock;
  bus: MessageBus;
  files: FileStore;
  /** Seals and opens ID numbers and phones (key from configuration). */
  cipher: PersonalDataCipher;
}
