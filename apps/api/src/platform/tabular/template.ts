import ExcelJS from 'exceljs';

export interface TemplateColumn {
  /** The Chinese header the importer expects. */
  header: string;
  required: boolean;
  example: string;
  note: string;
  /** The code table the column takes its values from, if any (a name in `codeTables`). */
  codeTable?: string | null;
}

export interface TemplateCodeTable {
  name: string;
  /** Where the codes come from (a standard's number), shown above the table. */
  source?: string;
  codes: readonly { code: string; name: string }[];
}

export interface TemplateSpec {
  /** The data sheet's name, e.g. 实有人口. */
  title: string;
  columns: readonly TemplateColumn[];
  codeTables: readonly TemplateCodeTable[];
}

const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF8' } };
const requiredFont: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFC00000' } };

/** The header as the template shows it: required columns marked with a leading *. */
export function templateHeader(column: TemplateColumn): string {
  return column.required ? `*${column.header}` : column.header;
}

/**
 * An import template: the data sheet with the headers (required ones starred and red), one example
 * row and every cell formatted as text (so Excel keeps 18-digit ID numbers and leading zeros), a
 * 说明 sheet with each column's note, and a 代码表 sheet listing each code table's codes and names.
 */
export async function writeTemplate(spec: TemplateSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'shizhi 市治';
  const data = workbook.addWorksheet(spec.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = spec.columns.map((c) => ({ width: Math.max(10, Math.min(36, Math.max(c.header.length * 2 + 4, c.example.length + 2))), style: { numFmt: '@' } }));
  const header = data.addRow(spec.columns.map(templateHeader));
  header.eachCell((cell, i) => {
    cell.fill = headerFill;
    cell.font = spec.columns[i - 1]!.required ? requiredFont : { bold: true };
    cell.note = spec.columns[i - 1]!.note;
  });
  const example = data.addRow(spec.columns.map((c) => c.example));
  example.font = { color: { argb: 'FF808080' }, italic: true };

  const notes = workbook.addWorksheet('说明');
  notes.columns = [{ width: 22 }, { width: 8 }, { width: 16 }, { width: 70 }];
  notes.addRow([`${spec.title}导入模板说明：带 * 的列必填；第 2 行是示例，导入前请删除或替换；每个单元格按文本填写（日期写成 2024-01-31）。`]).font = { bold: true };
  notes.addRow([]);
  const notesHead = notes.addRow(['列名', '必填', '代码表', '填写说明']);
  notesHead.font = { bold: true };
  notesHead.eachCell((cell) => (cell.fill = headerFill));
  for (const c of spec.columns) notes.addRow([c.header, c.required ? '是' : '否', c.codeTable ?? '', c.note]).alignment = { wrapText: true, vertical: 'top' };

  const codes = workbook.addWorksheet('代码表');
  codes.columns = [{ width: 22 }, { width: 12 }, { width: 40 }];
  for (const table of spec.codeTables) {
    codes.addRow([table.name, table.source ?? '']).font = { bold: true };
    const head = codes.addRow(['', '代码', '名称']);
    head.font = { bold: true };
    for (const code of table.codes) codes.addRow(['', code.code, code.name]).getCell(2).numFmt = '@';
    codes.addRow([]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
