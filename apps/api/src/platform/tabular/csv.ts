import fs from 'node:fs';
import { decodeText, encodingLabel } from './encoding.ts';
import { TabularError } from './errors.ts';
import type { TabularReader, TabularRow } from './types.ts';

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** A record still open after this much text has an unclosed quote: refuse rather than buffer the rest of the file. */
export const maxRecordChars = 4 * 1024 * 1024;

/**
 * An RFC 4180 parser fed text chunk by chunk. Records without a quote character (nearly all of a
 * register export) take a fast path: find the line break with `indexOf`, then `split` on the
 * delimiter, both native. A record with quotes goes through a small state machine that handles
 * doubled quotes and line breaks inside quotes. The delimiter (comma or tab) and the line break
 * (LF, CRLF or a lone CR) are taken from the header record. Only the unfinished last record of a
 * chunk is kept between chunks.
 */
export class CsvParser {
  delimiter: string | null = null;
  private breakChar = '\n';
  private breakKnown = false;
  private pending = '';
  /** Records started so far, blank ones included: the next record's number is `records + 1`. */
  private records = 0;

  /** Parses what `text` completes; rows go to `out`. */
  push(text: string, out: TabularRow[]): void {
    this.parse(this.pending ? this.pending + text : text, false, out);
  }

  /** The last record (a file without a final line break). */
  end(out: TabularRow[]): void {
    if (this.pending) this.parse(this.pending, true, out);
    this.pending = '';
  }

  private detect(data: string, final: boolean): boolean {
    if (this.breakKnown) return true;
    // The header has no quoted line breaks in practice; the first line break decides.
    const lf = data.indexOf('\n');
    const cr = data.indexOf('\r');
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      if (cr + 1 >= data.length && !final) return false;
      this.breakChar = data.charCodeAt(cr + 1) === LF ? '\n' : '\r';
    } else if (lf === -1 && !final) {
      if (data.length > maxRecordChars) throw this.unclosed(data);
      return false;
    }
    const headerEnd = lf === -1 && cr === -1 ? data.length : Math.min(...[lf, cr].filter((i) => i !== -1));
    const header = data.slice(0, headerEnd);
    this.delimiter = count(header, '\t') > count(header, ',') ? '\t' : ',';
    this.breakKnown = true;
    return true;
  }

  private unclosed(text = '"'): TabularError {
    const line = this.records + 1;
    if (!text.includes('"')) {
      return new TabularError('csv', `第 ${line} 行超过 ${maxRecordChars} 个字符，不像是表格文件`, `Row ${line} is longer than ${maxRecordChars} characters; this is not a table`, { line });
    }
    return new TabularError(
      'csv',
      `第 ${line} 行：引号没有闭合（一个以 " 开头的单元格一直没有结束）`,
      `Row ${line}: a quoted cell is never closed`,
      { line },
    );
  }

  private parse(data: string, final: boolean, out: TabularRow[]): void {
    if (!this.detect(data, final)) {
      this.pending = data;
      return;
    }
    const delimiter = this.delimiter!;
    const breakChar = this.breakChar;
    const stripCr = breakChar === '\n';
    const length = data.length;
    let pos = 0;
    let nextQuote = data.indexOf('"');
    let nextDelimiter = data.indexOf(delimiter);
    while (pos < length) {
      let lineBreak = data.indexOf(breakChar, pos);
      if (lineBreak === -1) {
        if (!final) break;
        lineBreak = length;
      }
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = data.indexOf('"', pos);
      if (nextQuote === -1 || nextQuote > lineBreak) {
        const end = stripCr && lineBreak > pos && data.charCodeAt(lineBreak - 1) === CR ? lineBreak - 1 : lineBreak;
        this.records += 1;
        if (end > pos) {
          // Cells by indexOf on the chunk itself: no intermediate line string to slice from.
          const cells: string[] = [];
          let from = pos;
          for (;;) {
            // The next delimiter is remembered across rows, so a file with one column never rescans the chunk.
            if (nextDelimiter !== -1 && nextDelimiter < from) nextDelimiter = data.indexOf(delimiter, from);
            if (nextDelimiter === -1 || nextDelimiter >= end) break;
            cells.push(data.slice(from, nextDelimiter));
            from = nextDelimiter + 1;
          }
          cells.push(data.slice(from, end));
          if (!isBlank(cells)) out.push({ line: this.records, cells });
        }
        pos = lineBreak + 1;
        continue;
      }
      const record = this.quoted(data, pos, final);
      if (!record) break;
      this.records += 1;
      if (!isBlank(record.cells)) out.push({ line: this.records, cells: record.cells });
      pos = record.next;
    }
    this.pending = pos < length ? data.slice(pos) : '';
    if (this.pending.length > maxRecordChars) throw this.unclosed(this.pending);
  }

  /** One record that has a quote somewhere: the cells and where the next record starts, or null when the text ends inside it. */
  private quoted(data: string, start: number, final: boolean): { cells: string[]; next: number } | null {
    const delimiter = this.delimiter!.charCodeAt(0);
    const breakCode = this.breakChar.charCodeAt(0);
    const length = data.length;
    const cells: string[] = [];
    let i = start;
    for (;;) {
      // One cell starting at i.
      if (i < length && data.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = data.indexOf('"', from);
          if (q === -1) {
            if (final) throw this.unclosed();
            return null;
          }
          if (q + 1 >= length && !final) return null;
          if (data.charCodeAt(q + 1) === QUOTE) {
            value += data.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += data.slice(from, q);
          i = q + 1;
          break;
        }
        // Text after the closing quote up to the delimiter is kept as written (lenient, as Excel is).
        let tail = i;
        while (tail < length) {
          const c = data.charCodeAt(tail);
          if (c === delimiter || c === breakCode || (c === CR && breakCode === LF && data.charCodeAt(tail + 1) === LF)) break;
          tail += 1;
        }
        if (tail >= length && !final) return null;
        cells.push(tail > i ? value + data.slice(i, tail) : value);
        i = tail;
      } else {
        let end = i;
        while (end < length) {
          const c = data.charCodeAt(end);
          if (c === delimiter || c === breakCode) break;
          end += 1;
        }
        if (end >= length && !final) return null;
        const cellEnd = breakCode === LF && end > i && data.charCodeAt(end - 1) === CR && (end >= length || data.charCodeAt(end) === LF) ? end - 1 : end;
        cells.push(data.slice(i, cellEnd));
        i = end;
      }
      if (i >= length) return { cells, next: length };
      const c = data.charCodeAt(i);
      if (c === delimiter) {
        i += 1;
        if (i >= length) {
          if (!final) return null;
          cells.push('');
          return { cells, next: length };
        }
        continue;
      }
      if (c === CR && breakCode === LF) i += 1;
      return { cells, next: i + 1 };
    }
  }
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n += 1;
  return n;
}

function isBlank(cells: string[]): boolean {
  for (const cell of cells) if (cell !== '') return false;
  return true;
}

/** Chunk size for reading files: large enough that per-chunk costs vanish, small enough to keep memory flat. */
export const readChunkBytes = 1024 * 1024;

/**
 * Opens a CSV (or tab-separated) file: detects the encoding from its head and then reads it chunk by
 * chunk. Fails at once (before any row) for an empty file or an encoding that is neither UTF-8 nor GBK.
 */
export async function openCsv(
  source: string | NodeJS.ReadableStream,
  options: { bytesTotal?: number | null; onChunk?: (chunk: Buffer) => void } = {},
): Promise<TabularReader> {
  const stream = typeof source === 'string' ? fs.createReadStream(source, { highWaterMark: readChunkBytes }) : source;
  const total = typeof source === 'string' ? (await fs.promises.stat(source)).size : (options.bytesTotal ?? null);
  const onChunk = options.onChunk;
  let bytesRead = 0;
  async function* counted(): AsyncGenerator<Uint8Array, void, undefined> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      onChunk?.(chunk);
      yield chunk;
    }
  }
  const decoded = await decodeText(counted());
  let used = false;
  return {
    format: 'csv',
    encoding: encodingLabel(decoded.encoding),
    bytesTotal: total,
    bytesRead: () => bytesRead,
    async *batches() {
      if (used) throw new Error('a tabular reader can be read once');
      used = true;
      const parser = new CsvParser();
      for await (const text of decoded.chunks) {
        const out: TabularRow[] = [];
        parser.push(text, out);
        if (out.length) yield out;
      }
      const out: TabularRow[] = [];
      parser.end(out);
      if (out.length) yield out;
    },
    async close() {
      await decoded.chunks.return(undefined);
      if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
    },
  };
}
