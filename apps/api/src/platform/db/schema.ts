import * as audit from '../audit/schema.ts';
import * as auth from '../../modules/auth/schema.ts';
import * as events from '../../modules/events/schema.ts';
import * as files from '../../modules/files/schema.ts';
import * as org from '../../modules/org/schema.ts';
import * as disputeOversight from '../../modules/dispute-oversight/schema.ts';
import * as registers from '../../modules/registers/schema.ts';

/** Every table, for drizzle's relational queries; drizzle-kit reads the same files. */
export const schema = { ...audit, ...auth, ...org, ...events, ...files, ...disputeOversight, ...registers };
