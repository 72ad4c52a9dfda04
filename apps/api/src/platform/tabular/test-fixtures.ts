import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let gbkTable: Map<string, number[]> | null = null;

/**
 * Encodes text as GBK for tests. Node has no GBK encoder, so the table is built once by decoding
 * every two-byte GBK sequence with the platform's own (ICU) decoder and reversing it.
 */
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk', { fatal: true });
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        try {
          const char = decoder.decode(new Uint8Array([lead, trail]));
          if (!gbkTable.has(char)) gbkTable.set(char, [lead, trail]);
        } catch {
          // not a GBK pair
        }
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable.get(char);
      if (!pair) throw new Error(`${char} is not in GBK`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

/** A fresh temporary folder for one test file. */
export function tempFolder(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `shizhi-${prefix}-`));
}

/** Chunks of `bytes` of the given size, as a stream would deliver them. */
export async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
