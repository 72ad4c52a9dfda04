import { TabularError } from './errors.ts';

/** The encodings a register file arrives in: UTF-8 (Excel's 「CSV UTF-8」, with a BOM) or GBK/GB18030 (Excel's plain 「CSV」 on Chinese Windows). */
export type TextEncodingName = 'utf-8' | 'gb18030';

export interface DetectedEncoding {
  name: TextEncodingName;
  bom: boolean;
}

/** How much of the file decides the encoding. */
export const detectionWindow = 64 * 1024;

const utf8Bom = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Shown for the encoding in summaries: `UTF-8`, `UTF-8 (BOM)`, `GB18030`. */
export function encodingLabel(encoding: DetectedEncoding): string {
  return encoding.name === 'utf-8' ? (encoding.bom ? 'UTF-8 (BOM)' : 'UTF-8') : 'GB18030';
}

/**
 * How many leading bytes decode cleanly (a sequence cut off by the end of `bytes` counts as clean,
 * since the next chunk may complete it). Binary search over prefixes with the platform's own fatal
 * decoder, so the answer agrees exactly with what decoding will later accept.
 */
export function validPrefixLength(bytes: Uint8Array, encoding: TextEncodingName): number {
  const decodes = (n: number) => {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  if (decodes(bytes.length)) return bytes.length;
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = (good + bad) >>> 1;
    if (decodes(mid)) good = mid;
    else bad = mid;
  }
  // The first `good` bytes decode, perhaps ending in the start of the sequence that broke: report where that sequence starts.
  for (let start = good; start >= Math.max(0, good - 3); start--) if (decodesCompletely(bytes.subarray(0, start), encoding)) return start;
  return good;
}

function lineAt(bytes: Uint8Array, offset: number, linesBefore = 0): number {
  let line = linesBefore + 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line += 1;
  return line;
}

function undecodable(offset: number, line: number, tried: string): TabularError {
  return new TabularError(
    'encoding',
    `文件编码无法识别：第 ${line} 行（第 ${offset + 1} 字节）起的内容不是有效的 ${tried} 文本。请在 Excel 中另存为「CSV UTF-8（逗号分隔）」或 .xlsx 后重新导入`,
    `Unreadable encoding: line ${line} (byte ${offset + 1}) is not valid ${tried} text. Save the file as "CSV UTF-8" or .xlsx and import it again`,
    { line, offset },
  );
}

/**
 * Decides between UTF-8 and GB18030 (a superset of GBK) from the head of a file: strict UTF-8 first,
 * since GB18030 accepts almost any byte pairs; a file valid in neither is refused, naming the line
 * and byte where the encoding that read further stopped. `complete` says the head is the whole file.
 */
export function detectEncoding(head: Uint8Array, complete: boolean): DetectedEncoding {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new TabularError(
      'encoding',
      '文件是 UTF-16 编码（Excel 的「Unicode 文本」），请另存为「CSV UTF-8（逗号分隔）」或 .xlsx',
      'The file is UTF-16 ("Unicode text"); save it as "CSV UTF-8" or .xlsx',
      { line: 1, offset: 0 },
    );
  }
  const nul = head.indexOf(0);
  if (nul !== -1) {
    throw new TabularError(
      'file_type',
      `这不是 CSV 文本或 Excel 文件（第 ${nul + 1} 字节是二进制内容）；请上传 .xlsx 或 CSV`,
      `This is neither CSV text nor an Excel file (byte ${nul + 1} is binary); upload .xlsx or CSV`,
      { offset: nul },
    );
  }
  const bom = startsWith(head, utf8Bom);
  const body = bom ? head.subarray(3) : head;
  const utf8 = validPrefixLength(body, 'utf-8');
  const wholeUtf8 = utf8 === body.length && (!complete || decodesCompletely(body, 'utf-8'));
  if (wholeUtf8) return { name: 'utf-8', bom };
  const offset = (bom ? 3 : 0) + utf8;
  if (bom) throw undecodable(offset, lineAt(head, offset), 'UTF-8');
  const gb = validPrefixLength(head, 'gb18030');
  if (gb === head.length && (!complete || decodesCompletely(head, 'gb18030'))) return { name: 'gb18030', bom: false };
  const further = Math.max(offset, gb);
  throw undecodable(further, lineAt(head, further), gb > utf8 ? 'GBK/GB18030' : 'UTF-8');
}

function decodesCompletely(bytes: Uint8Array, encoding: TextEncodingName): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export interface DecodedText {
  encoding: DetectedEncoding;
  /** The text in order, the BOM removed; a chunk never ends inside a character. */
  chunks: AsyncGenerator<string, void, undefined>;
}

/**
 * Reads the head of a byte stream to detect its encoding, then decodes the whole stream chunk by
 * chunk with a fatal decoder, which carries characters split across chunks. A bad sequence later in
 * the file stops the reading with the line and byte where it is.
 */
export async function decodeText(source: AsyncIterable<Uint8Array>): Promise<DecodedText> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < detectionWindow) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const headBuffer = Buffer.concat(head);
  if (headBuffer.length === 0 || (headBuffer.length === 3 && startsWith(headBuffer, utf8Bom))) {
    await iterator.return?.();
    throw new TabularError('empty', '文件是空的', 'The file is empty', { line: 1 });
  }
  let encoding: DetectedEncoding;
  try {
    encoding = detectEncoding(headBuffer, done);
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
  async function* chunks(): AsyncGenerator<string, void, undefined> {
    const decoder = new TextDecoder(encoding.name, { fatal: true, ignoreBOM: false });
    let offset = 0;
    let lines = 0;
    const decode = (bytes: Uint8Array, final: boolean): string => {
      try {
        return decoder.decode(bytes, { stream: !final });
      } catch {
        // Where in this chunk: the longest clean prefix from a start that skips a character carried in from the last chunk.
        let best = 0;
        for (let skip = 0; skip < Math.min(4, bytes.length); skip++) best = Math.max(best, skip + validPrefixLength(bytes.subarray(skip), encoding.name));
        throw undecodable(offset + best, lineAt(bytes, best, lines), encoding.name === 'utf-8' ? 'UTF-8' : 'GBK/GB18030');
      } finally {
        offset += bytes.length;
        for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) lines += 1;
      }
    };
    try {
      const first = decode(headBuffer, done);
      if (first) yield first;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        const text = decode(next.value, false);
        if (text) yield text;
      }
      const rest = decode(new Uint8Array(0), true);
      if (rest) yield rest;
    } finally {
      await iterator.return?.();
    }
  }
  return { encoding, chunks: chunks() };
}
