import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

/** One reason a row was refused: the column (by its header) and why. */
export interface RowProblem {
  column: string;
  reason: string;
}

export interface BadRow {
  line: number;
  problems: readonly RowProblem[];
  cells: readonly string[];
}

export interface ErrorReportFiles {
  rows: number;
  xlsxPath: string | null;
  csvPath: string | null;
}

/** The columns in front of the original cells; the importer skips them, so a fixed error file can be imported as it is. */
export const errorReportColumns = ['行号', '列', '原因'] as const;

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The bad rows of an import, written as they are found (streaming, so a file of a million bad rows
 * does not sit in memory): 行号, 列, 原因, then the row's original cells under the file's own headers,
 * so a user can fix the cells and import the file again. An .xlsx always, and a CSV (UTF-8 with BOM,
 * which Excel opens correctly) when asked. Nothing is created until the first bad row.
 */
export class ErrorReport {
  private workbook: ExcelJS.stream.xlsx.WorkbookWriter | null = null;
  private sheet: ExcelJS.Worksheet | null = null;
  private csv: fs.WriteStream | null = null;
  private csvBuffer: string[] = [];
  private header: readonly string[] = [];
  private count = 0;

  constructor(
    private readonly options: { xlsxPath: string; csvPath?: string | null; sheetName?: string },
  ) {}

  /** The file's header row; call before the first `add`. */
  setHeader(header: readonly string[]): void {
    this.header = header;
  }

  get rows(): number {
    return this.count;
  }

  private open(): void {
    fs.mkdirSync(path.dirname(this.options.xlsxPath), { recursive: true });
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: this.options.xlsxPath, useSharedStrings: false, useStyles: true });
    workbook.creator = 'shizhi 市治';
    const sheet = workbook.addWorksheet(this.options.sheetName ?? '错误行', { views: [{ state: 'frozen', ySplit: 1 }] });
    // Text format on the original cells keeps ID numbers typed back in as text, not rounded numbers.
    sheet.columns = [
      { width: 8 },
      { width: 18 },
      { width: 40 },
      ...this.header.map((h) => ({ width: Math.max(10, Math.min(30, h.length * 2 + 4)), style: { numFmt: '@' } })),
    ];
    const head = sheet.addRow([...errorReportColumns, ...this.header]);
    head.font = { bold: true };
    head.commit();
    this.workbook = workbook;
    this.sheet = sheet;
    if (this.options.csvPath) {
      fs.mkdirSync(path.dirname(this.options.csvPath), { recursive: true });
      this.csv = fs.createWriteStream(this.options.csvPath);
      this.csvBuffer.push(`\ufeff${[...errorReportColumns, ...this.header].map(csvCell).join(',')}\r\n`);
    }
  }

  /** Adds one bad row; problems on several columns share the row (columns and reasons joined with ；). */
  add(row: BadRow): void {
    if (!this.workbook) this.open();
    this.count += 1;
    const columns = [...new Set(row.problems.map((p) => p.column))].join('；');
    const reasons = row.problems.map((p) => (p.column ? `${p.column}：${p.reason}` : p.reason)).join('；');
    this.sheet!.addRow([row.line, columns, reasons, ...row.cells]).commit();
    if (this.csv) {
      const line = `${[row.line, columns, reasons, ...row.cells].map(csvCell).join(',')}\r\n`;
      this.csvBuffer.push(line);
    }
  }

  /** Writes buffered CSV lines, waiting for the disk if it is behind (call once per batch). */
  async flush(): Promise<void> {
    if (!this.csv || this.csvBuffer.length === 0) return;
    const text = this.csvBuffer.join('');
    this.csvBuffer = [];
    if (!this.csv.write(text)) await new Promise<void>((resolve) => this.csv!.once('drain', resolve));
  }

  /** Finishes the files; with no bad rows there are none. */
  async close(): Promise<ErrorReportFiles> {
    if (!this.workbook) return { rows: 0, xlsxPath: null, csvPath: null };
    this.sheet!.commit();
    await this.workbook.commit();
    if (this.csv) {
      await this.flush();
      const csv = this.csv;
      await new Promise<void>((resolve, reject) => csv.end((error?: Error | null) => (error ? reject(error) : resolve())));
    }
    return { rows: this.count, xlsxPath: this.options.xlsxPath, csvPath: this.options.csvPath ?? null };
  }

  /** Finishes and deletes whatever was written (an import that failed for another reason). */
  async discard(): Promise<void> {
    try {
      await this.close();
    } finally {
      fs.rmSync(this.options.xlsxPath, { force: true });
      if (this.options.csvPath) fs.rmSync(this.options.csvPath, { force: true });
    }
  }
}
