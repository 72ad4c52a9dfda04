import fs from 'node:fs';
import { Transform, pipeline } from 'node:stream';
import ExcelJS from 'exceljs';
import { TabularError } from './errors.ts';
import type { CellProblem, TabularReader, TabularRow } from './types.ts';

/** Excel keeps 15 significant digits of a number: a 16-digit or longer whole number has lost its tail. */
const exactDigits = 1e15;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Excel's dates arrive as UTC midnight (plus the time of day, if any). */
export function dateText(date: Date): string {
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const h = date.getUTCHours();
  const m = date.getUTCMinutes();
  const s = date.getUTCSeconds();
  return h || m || s ? `${day} ${pad(h)}:${pad(m)}:${pad(s)}` : day;
}

/** A number as it would be typed: never in exponent form, whole numbers in full. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const plain = String(n);
  if (!/e/i.test(plain)) return plain;
  if (Number.isInteger(n)) return BigInt(n).toString();
  return n
    .toFixed(20)
    .replace(/0+$/, '')
    .replace(/\.$/, '');
}

type CellValue = ExcelJS.CellValue | undefined;

/** A cell's value as text; `lost` is set when Excel has already rounded the number the user typed. */
export function cellText(value: CellValue): { text: string; lost: boolean } {
  if (value === null || value === undefined) return { text: '', lost: false };
  if (typeof value === 'string') return { text: value, lost: false };
  if (typeof value === 'number') return { text: numberText(value), lost: Number.isInteger(value) && Math.abs(value) >= exactDigits };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', lost: false };
  if (value instanceof Date) return { text: Number.isNaN(value.getTime()) ? '' : dateText(value), lost: false };
  if ('richText' in value && Array.isArray(value.richText)) return { text: value.richText.map((r) => r.text).join(''), lost: false };
  if ('error' in value) return { text: String(value.error), lost: false };
  if ('result' in value) return cellText(value.result as CellValue);
  if ('formula' in value || 'sharedFormula' in value) return { text: '', lost: false };
  if ('text' in value) return cellText(value.text as CellValue);
  return { text: '', lost: false };
}

function rowCells(values: CellValue[], line: number): TabularRow | null {
  const cells: string[] = [];
  let problems: CellProblem[] | undefined;
  let last = -1;
  // exceljs rows are 1-based sparse arrays.
  for (let i = 1; i < values.length; i++) {
    const { text, lost } = cellText(values[i]);
    cells.push(text);
    if (text !== '') last = i - 1;
    if (lost) {
      (problems ??= []).push({
        cell: i - 1,
        reason: `数字 ${text} 超过 15 位，Excel 已舍去末尾数字；请把该列设为「文本」格式后重新填写`,
        reasonEn: `The number ${text} has more than 15 digits and Excel has rounded it; format the column as Text and type it again`,
      });
    }
  }
  if (last === -1) return null;
  cells.length = last + 1;
  return problems ? { line, cells, problems } : { line, cells };
}

/**
 * Opens an .xlsx file for reading its first worksheet row by row with exceljs's streaming reader
 * (shared strings are cached, cells are not): dates become YYYY-MM-DD, numbers are written out in
 * full, and a whole number Excel has already rounded (an ID number typed as a number) is reported on
 * its row instead of passed on with wrong digits.
 */
export async function openXlsx(filePath: string, options: { onChunk?: (chunk: Buffer) => void } = {}): Promise<TabularReader> {
  const onChunk = options.onChunk;
  const bytesTotal = (await fs.promises.stat(filePath)).size;
  let bytesRead = 0;
  const file = fs.createReadStream(filePath, { highWaterMark: 256 * 1024 });
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytesRead += chunk.length;
      onChunk?.(chunk);
      done(null, chunk);
    },
  });
  let streamError: Error | null = null;
  pipeline(file, counter, (error) => {
    if (error) streamError = error;
  });
  let used = false;
  return {
    format: 'xlsx',
    encoding: 'xlsx',
    bytesTotal,
    bytesRead: () => bytesRead,
    async *batches() {
      if (used) throw new Error('a tabular reader can be read once');
      used = true;
      const workbook = new ExcelJS.stream.xlsx.WorkbookReader(counter, {
        worksheets: 'emit',
        sharedStrings: 'cache',
        styles: 'cache',
        hyperlinks: 'ignore',
        entries: 'ignore',
      });
      let sheets = 0;
      try {
        for await (const sheet of workbook) {
          sheets += 1;
          // parse() is an async generator of event batches (exceljs types it as a bare iterator): one await per batch, not per row.
          const events = sheet.parse() as unknown as AsyncIterable<{ eventType: string; value: ExcelJS.Row }[]>;
          for await (const batch of events) {
            const out: TabularRow[] = [];
            for (const { eventType, value } of batch) {
              if (eventType !== 'row') continue;
              const row = rowCells(value.values as CellValue[], value.number);
              if (row) out.push(row);
            }
            if (out.length) yield out;
          }
          break;
        }
      } catch (error) {
        if (error instanceof TabularError) throw error;
        throw new TabularError(
          'xlsx',
          `无法读取 Excel 文件：${streamError ? String(streamError) : error instanceof Error ? error.message : String(error)}`,
          `Cannot read the Excel file: ${error instanceof Error ? error.message : String(error)}`,
        );
      } finally {
        file.destroy();
      }
      if (sheets === 0) throw new TabularError('xlsx', 'Excel 文件里没有工作表', 'The Excel file has no worksheet');
    },
    async close() {
      file.destroy();
      counter.destroy();
    },
  };
}
