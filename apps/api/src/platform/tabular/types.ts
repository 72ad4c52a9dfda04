/** Something a reader noticed about one cell that the row's validator cannot see in the text (an Excel number that lost digits). */
export interface CellProblem {
  /** 0-based index of the cell in the row. */
  cell: number;
  reason: string;
  reasonEn: string;
}

/** One row of a table: its number as the user sees it (Excel's row number; the header is row 1) and its cells as text. */
export interface TabularRow {
  line: number;
  cells: string[];
  problems?: CellProblem[];
}

export type TabularFormat = 'csv' | 'xlsx';

/**
 * A table read from a file one chunk at a time: rows come in batches (one per chunk read), so a
 * consumer never holds more than a chunk and pays for one `await` per batch, not per row.
 */
export interface TabularReader {
  format: TabularFormat;
  /** `UTF-8`, `UTF-8 (BOM)`, `GB18030` or `xlsx`. */
  encoding: string;
  /** The file's size in bytes when known. */
  bytesTotal: number | null;
  /** Bytes read from the file so far (compressed bytes for .xlsx). */
  bytesRead(): number;
  /** The rows in order, header included; empty rows are skipped but keep their numbers. Single use. */
  batches(): AsyncGenerator<TabularRow[], void, undefined>;
  /** Stops reading and releases the file. */
  close(): Promise<void>;
}

/** The rows of a reader one at a time, for callers that don't care about batches. */
export async function* rowsOf(reader: TabularReader): AsyncGenerator<TabularRow, void, undefined> {
  for await (const batch of reader.batches()) yield* batch;
}
