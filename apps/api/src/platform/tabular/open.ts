import fs from 'node:fs';
import { openCsv } from './csv.ts';
import { TabularError } from './errors.ts';
import type { TabularFormat, TabularReader } from './types.ts';
import { openXlsx } from './xlsx.ts';

/**
 * What a file is, from its first bytes rather than its name: a zip (PK) is an .xlsx workbook, an OLE
 * compound file is the old binary .xls (refused with advice), anything else is read as CSV text.
 */
export function sniffTabular(head: Uint8Array): TabularFormat | 'xls' | 'empty' {
  if (head.length === 0) return 'empty';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'xls';
  return 'csv';
}

async function readHead(filePath: string, bytes = 8): Promise<Buffer> {
  const handle = await fs.promises.open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Opens a CSV or .xlsx file as a table; an empty file or an old .xls is refused before any row is read.
 * `onChunk` sees every byte of the file as it is read (to hash it without a second pass).
 */
export async function openTabular(filePath: string, options: { onChunk?: (chunk: Buffer) => void } = {}): Promise<TabularReader> {
  const kind = sniffTabular(await readHead(filePath));
  if (kind === 'empty') throw new TabularError('empty', '文件是空的', 'The file is empty', { line: 1 });
  if (kind === 'xls') {
    throw new TabularError(
      'file_type',
      '不支持旧版 Excel 97-2003 (.xls) 文件，请在 Excel 中另存为 .xlsx 或「CSV UTF-8（逗号分隔）」',
      'Old Excel 97-2003 (.xls) files are not supported; save as .xlsx or "CSV UTF-8"',
    );
  }
  return kind === 'xlsx' ? openXlsx(filePath, options) : openCsv(filePath, options);
}
