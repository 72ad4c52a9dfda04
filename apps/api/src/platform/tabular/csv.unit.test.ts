import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvParser, maxRecordChars, openCsv } from './csv.ts';
import { TabularError } from './errors.ts';
import { encodeGbk, tempFolder } from './test-fixtures.ts';
import { rowsOf, type TabularRow } from './types.ts';

function parse(text: string, chunk = text.length || 1): TabularRow[] {
  const parser = new CsvParser();
  const out: TabularRow[] = [];
  for (let i = 0; i < text.length; i += chunk) parser.push(text.slice(i, i + chunk), out);
  parser.end(out);
  return out;
}

/** Every chunk size from 1 to the whole text gives the same rows. */
function parseEverySplit(text: string): TabularRow[] {
  const whole = parse(text);
  for (let chunk = 1; chunk < text.length; chunk++) expect(parse(text, chunk), `chunk ${chunk}`).toEqual(whole);
  return whole;
}

const dir = tempFolder('csv');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('CSV parser', () => {
  it('reads plain rows with LF, CRLF and CR line breaks', () => {
    const expected = [
      { line: 1, cells: ['姓名', '性别'] },
      { line: 2, cells: ['张三', '1'] },
      { line: 3, cells: ['李四', '2'] },
    ];
    expect(parseEverySplit('姓名,性别\n张三,1\n李四,2\n')).toEqual(expected);
    expect(parseEverySplit('姓名,性别\r\n张三,1\r\n李四,2\r\n')).toEqual(expected);
    expect(parseEverySplit('姓名,性别\r张三,1\r李四,2')).toEqual(expected);
  });

  it('reads quoted cells with delimiters, doubled quotes and line breaks inside', () => {
    const text = '名称,地址,备注\r\n"某某公司,分部","幸福路""8""号",\r\n"多行\r\n备注",x,"a\nb"\r\n';
    expect(parseEverySplit(text)).toEqual([
      { line: 1, cells: ['名称', '地址', '备注'] },
      { line: 2, cells: ['某某公司,分部', '幸福路"8"号', ''] },
      { line: 3, cells: ['多行\r\n备注', 'x', 'a\nb'] },
    ]);
  });

  it('keeps a quote inside an unquoted cell and text after a closing quote as written', () => {
    expect(parseEverySplit('a,b\n12" 屏,"x"y\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['12" 屏', 'xy'] },
    ]);
  });

  it('takes a tab delimiter from the header', () => {
    expect(parseEverySplit('姓名\t地址\n张三\t幸福路,8号\n')).toEqual([
      { line: 1, cells: ['姓名', '地址'] },
      { line: 2, cells: ['张三', '幸福路,8号'] },
    ]);
  });

  it('skips blank rows but keeps the numbering Excel shows', () => {
    expect(parseEverySplit('a,b\n\n1,2\n,\n3,4')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['1', '2'] },
      { line: 5, cells: ['3', '4'] },
    ]);
  });

  it('reads a last row without a line break, including an empty last cell', () => {
    expect(parseEverySplit('a,b\n1,')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', ''] },
    ]);
    expect(parseEverySplit('a,b\n"1",""')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', ''] },
    ]);
  });

  it('refuses an unclosed quote, naming the row', () => {
    expect(() => parse('a,b\n1,2\n"3,4\n5,6\n')).toThrow(TabularError);
    try {
      parse('a,b\n1,2\n"3,4\n5,6\n');
    } catch (error) {
      expect((error as TabularError).line).toBe(3);
      expect((error as TabularError).zh).toContain('引号没有闭合');
    }
    // Streaming: the parser gives up once the open record passes the limit instead of buffering the rest of the file.
    const parser = new CsvParser();
    parser.push('a,b\n"', []);
    expect(() => {
      for (let i = 0; i < 5; i++) parser.push('x'.repeat(maxRecordChars / 4 + 1), []);
    }).toThrow(/引号没有闭合/);
  });
});

describe('openCsv', () => {
  it('reads a GBK file with a BOM-less header and reports its encoding', async () => {
    const file = path.join(dir, 'gbk.csv');
    fs.writeFileSync(file, encodeGbk('姓名,民族\r\n张三,汉族\r\n"李四,甲",蒙古族\r\n'));
    const reader = await openCsv(file);
    expect(reader.encoding).toBe('GB18030');
    const rows = [];
    for await (const row of rowsOf(reader)) rows.push(row);
    expect(rows).toEqual([
      { line: 1, cells: ['姓名', '民族'] },
      { line: 2, cells: ['张三', '汉族'] },
      { line: 3, cells: ['李四,甲', '蒙古族'] },
    ]);
    expect(reader.bytesRead()).toBe(reader.bytesTotal);
  });

  it('reads a UTF-8 file with a BOM, holding one chunk at a time', async () => {
    const file = path.join(dir, 'bom.csv');
    const lines = Array.from({ length: 50_000 }, (_, i) => `人员${i},${String(i).padStart(18, '0')},幸福路${i}号`);
    fs.writeFileSync(file, `\ufeff姓名,号码,地址\n${lines.join('\n')}\n`);
    const reader = await openCsv(file);
    expect(reader.encoding).toBe('UTF-8 (BOM)');
    let count = 0;
    let batches = 0;
    let last: TabularRow | undefined;
    for await (const batch of reader.batches()) {
      batches += 1;
      count += batch.length;
      last = batch.at(-1);
    }
    expect(count).toBe(50_001);
    expect(batches).toBeGreaterThan(1);
    expect(last).toEqual({ line: 50_001, cells: ['人员49999', '000000000000049999', '幸福路49999号'] });
  });
});
