import type { RegisterRecord, RowProblem } from '@shizhi/domain';
import type { PersonalDataCipher } from '../../../platform/personal-data.ts';
import type { RegisterEntity } from '../schema.ts';
import type { ImportTx } from './connection.ts';
import type { TimeOrderedIds } from './copy-text.ts';
import type { GridPlace } from './places.ts';

/** Who imports: a signed-in user (an Actor) or the CLI acting for the whole tree. */
export interface ImportActor {
  userId: string | null;
  displayName: string;
  scopePaths: readonly string[];
}

export interface ImportContext {
  importId: string;
  actor: ImportActor;
  now: Date;
  countyCode: string;
  cipher: PersonalDataCipher;
  grids: ReadonlyMap<string, GridPlace>;
  ids: TimeOrderedIds;
}

/** How one column is compared for the history of a changed record. */
export type DiffKind = 'plain' | 'personal' | 'json' | 'none';

export interface PlanColumn {
  column: string;
  /** The record field the history names ('idNumber' for id_bidx); absent for columns not compared. */
  field?: string;
  diff: DiffKind;
}

/** A valid row prepared in Node: its match key, content hash and column values as PostgreSQL text input. */
export interface Candidate {
  line: number;
  cells: string[];
  /** What rows are matched by: the ID number's blind index (hex) or the code. */
  key: string;
  hash: string;
  /** The grid from the row, or null when it comes from the row's house (people without a grid code). */
  grid: GridPlace | null;
  values: Record<string, string | null>;
  /** Codes to look up in the database (house code, household number, address parts). */
  refs: Record<string, string | null>;
}

export type Prepared = { candidate: Omit<Candidate, 'line' | 'cells'> } | { problems: RowProblem[] };

/**
 * What differs between people, houses and organisations: the table, its content columns, how a row
 * is prepared from a validated record, and how its references (houses, households, addresses) are
 * resolved in the database, a batch at a time.
 */
export interface KindPlan {
  table: 'person' | 'house' | 'organisation';
  entity: RegisterEntity;
  /** SQL giving the key of a table row as text, and the condition matching $2 (a text[] of keys) within county $1. */
  keySql: string;
  keyMatchSql: string;
  /** The index that finds rows by key: kept while other indexes are deferred. */
  keyIndex: string;
  /** Content columns in write order (everything but the id, references, place and bookkeeping). */
  columns: readonly PlanColumn[];
  /** Columns `resolve` fills (address_id, house_id, household_id). */
  refColumns: readonly string[];
  /** Node-only work on one validated record: seal personal values, serialise, hash. */
  prepare(records: readonly { record: RegisterRecord; flags: string[] }[], context: ImportContext): Prepared[];
  /** Fills refColumns (and the grid when it comes from elsewhere) for rows about to be written; rows that cannot be resolved are returned with their problems. */
  resolve(tx: ImportTx, rows: Candidate[], context: ImportContext): Promise<Map<Candidate, RowProblem[]>>;
}
