import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding, detectionWindow } from './encoding.ts';
import { TabularError } from './errors.ts';
import { chunksOf, encodeGbk } from './test-fixtures.ts';

async function decodeAll(bytes: Uint8Array, chunk: number): Promise<{ encoding: string; text: string }> {
  const decoded = await decodeText(chunksOf(bytes, chunk));
  let text = '';
  for await (const part of decoded.chunks) text += part;
  return { encoding: `${decoded.encoding.name}${decoded.encoding.bom ? '+bom' : ''}`, text };
}

async function failure(work: Promise<unknown>): Promise<TabularError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof TabularError) return error;
    throw error;
  }
  throw new Error('expected a TabularError');
}

const sample = '姓名,公民身份号码,性别\n张三,110101199003071234,男\n𠮷田,11010119900307123X,女\n';

describe('encoding detection', () => {
  it('reads UTF-8 with and without a BOM, whatever the chunk boundaries', async () => {
    const utf8 = Buffer.from(sample, 'utf8');
    for (const chunk of [1, 2, 3, 5, 1000]) {
      expect(await decodeAll(utf8, chunk)).toEqual({ encoding: 'utf-8', text: sample });
      expect(await decodeAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), chunk)).toEqual({ encoding: 'utf-8+bom', text: sample });
    }
  });

  it('reads GBK (as GB18030) split anywhere, including inside a character', async () => {
    const text = '姓名,性别,民族\n张三,男,汉族\n李四,女,蒙古族\n';
    const gbk = encodeGbk(text);
    for (const chunk of [1, 3, 7, 1000]) expect(await decodeAll(gbk, chunk)).toEqual({ encoding: 'gb18030', text });
  });

  it('prefers UTF-8 for plain ASCII', () => {
    expect(detectEncoding(Buffer.from('a,b\n1,2\n'), true)).toEqual({ name: 'utf-8', bom: false });
  });

  it('refuses a file valid in neither encoding, naming the line and byte', async () => {
    const bytes = Buffer.concat([Buffer.from('a,b\nc,d\n'), Buffer.from([0xff, 0xff, 0x41])]);
    const error = await failure(decodeAll(bytes, 1000));
    expect(error.code).toBe('encoding');
    expect(error.line).toBe(3);
    expect(error.offset).toBe(8);
    expect(error.zh).toContain('第 3 行（第 9 字节）');
  });

  it('refuses a UTF-8 file with a GBK line after the detection window, naming that line', async () => {
    const head = 'a,b\n'.repeat(detectionWindow / 4 + 10);
    const bytes = Buffer.concat([Buffer.from(head), encodeGbk('张三,男\n')]);
    const error = await failure(decodeAll(bytes, 4096));
    expect(error.code).toBe('encoding');
    expect(error.line).toBe(detectionWindow / 4 + 11);
    expect(error.offset).toBe(head.length);
  });

  it('refuses a UTF-8 file that ends inside a character', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n张'), Buffer.from([0xe4, 0xb8])]);
    const error = await failure(decodeAll(bytes, 1000));
    expect(error.code).toBe('encoding');
    expect(error.line).toBe(2);
  });

  it('refuses empty files, UTF-16 and binary content', async () => {
    expect((await failure(decodeAll(Buffer.alloc(0), 10))).code).toBe('empty');
    expect((await failure(decodeAll(Buffer.from([0xef, 0xbb, 0xbf]), 10))).code).toBe('empty');
    expect((await failure(decodeAll(Buffer.from([0xff, 0xfe, 0x41, 0x00]), 10))).zh).toContain('UTF-16');
    expect((await failure(decodeAll(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 10))).code).toBe('file_type');
  });
});
