import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DomainError } from '@shizhi/domain';
import { sniffTabular } from '../../../platform/tabular/index.ts';

/** The largest import file accepted over HTTP. */
export const maxImportBytes = 1024 * 1024 * 1024;

export interface Upload {
  filePath: string;
  fileName: string;
  bytes: number;
}

function refuse(detail: string): DomainError {
  return new DomainError('VALIDATION.INVALID', { field: 'file', detail });
}

/** The boundary of a multipart/form-data body, or null for a raw body. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) return null;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) throw refuse('multipart 请求缺少 boundary (multipart body without a boundary)');
  return m[1] ?? m[2]!;
}

function fileNameOf(headers: string): string | null {
  const star = /filename\*=(?:UTF-8'')?([^;\r\n]+)/i.exec(headers);
  if (star) return decodeURIComponent(star[1]!.trim().replace(/^"|"$/g, ''));
  const plain = /filename="([^"]*)"/i.exec(headers) ?? /filename=([^;\r\n]+)/i.exec(headers);
  // Browsers send the name's UTF-8 bytes as they are; Node read them as latin1.
  return plain ? Buffer.from(plain[1]!, 'latin1').toString('utf8') : null;
}

/**
 * Streams the body of an upload to a file under `dir`, never holding it in memory: a raw body as it
 * is, a multipart body's first file part (its file name taken from the part). Refuses (400, field
 * `file`) a body over the limit, an empty file, an old .xls or something that is not a table.
 */
export async function receiveUpload(body: Readable, options: { dir: string; contentType: string | undefined; fileName?: string; maxBytes?: number }): Promise<Upload> {
  const maxBytes = options.maxBytes ?? maxImportBytes;
  const boundary = multipartBoundary(options.contentType);
  await fs.promises.mkdir(options.dir, { recursive: true });
  const filePath = path.join(options.dir, `upload-${randomBytes(8).toString('hex')}`);
  const out = fs.createWriteStream(filePath);
  let fileName = options.fileName ?? 'upload';
  let bytes = 0;
  const write = async (chunk: Buffer) => {
    if (!chunk.length) return;
    bytes += chunk.length;
    if (bytes > maxBytes) throw refuse(`文件超过 ${maxBytes / 1024 / 1024} MB (the file is larger than ${maxBytes / 1024 / 1024} MB)`);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  try {
    if (!boundary) {
      for await (const chunk of body as AsyncIterable<Buffer>) await write(chunk);
    } else {
      // The first file part: headers up to a blank line, then bytes up to CRLF--boundary.
      const delimiter = Buffer.from(`\r\n--${boundary}`);
      let buffer: Buffer = Buffer.alloc(0);
      let state: 'preamble' | 'headers' | 'data' | 'done' = 'preamble';
      for await (const chunk of body as AsyncIterable<Buffer>) {
        if (state === 'done') continue;
        buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
        for (;;) {
          if (state === 'preamble') {
            const start = buffer.indexOf(`--${boundary}\r\n`);
            if (start === -1) break;
            buffer = buffer.subarray(start + boundary.length + 4);
            state = 'headers';
          }
          if (state === 'headers') {
            const end = buffer.indexOf('\r\n\r\n');
            if (end === -1) break;
            const headers = buffer.subarray(0, end).toString('latin1');
            buffer = buffer.subarray(end + 4);
            if (/filename/i.test(headers)) {
              fileName = fileNameOf(headers) ?? fileName;
              state = 'data';
            } else {
              // A plain field before the file: skip to the next part.
              const next = buffer.indexOf(delimiter);
              if (next === -1) {
                state = 'preamble';
                break;
              }
              buffer = buffer.subarray(next + 2);
              state = 'preamble';
              continue;
            }
          }
          if (state === 'data') {
            const end = buffer.indexOf(delimiter);
            if (end !== -1) {
              await write(buffer.subarray(0, end));
              state = 'done';
              buffer = Buffer.alloc(0);
            } else {
              // Keep what could be the start of the delimiter for the next chunk.
              const keep = Math.min(buffer.length, delimiter.length - 1);
              await write(buffer.subarray(0, buffer.length - keep));
              buffer = Buffer.from(buffer.subarray(buffer.length - keep));
            }
          }
          break;
        }
      }
      if (state !== 'done') throw refuse('multipart 请求里没有文件 (no file part in the multipart body)');
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    if (bytes === 0) throw refuse('文件是空的 (the file is empty)');
    const head = Buffer.alloc(4096);
    const handle = await fs.promises.open(filePath, 'r');
    const { bytesRead } = await handle.read(head, 0, head.length, 0).finally(() => handle.close());
    const kind = sniffTabular(head.subarray(0, bytesRead));
    if (kind === 'xls') throw refuse('不支持旧版 .xls 文件，请另存为 .xlsx 或 CSV (old .xls files are not supported; save as .xlsx or CSV)');
    if (kind === 'csv' && head.subarray(0, bytesRead).includes(0)) throw refuse('请上传 .xlsx 或 CSV 文件 (upload an .xlsx or CSV file)');
    return { filePath, fileName: path.basename(fileName) || 'upload', bytes };
  } catch (error) {
    out.destroy();
    await fs.promises.rm(filePath, { force: true });
    throw error;
  }
}
