import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { agreementPdf } from './benchmarks/agreement-pdf.ts';
import { coldStart } from './benchmarks/cold-start.ts';
import { deadlineWarnings } from './benchmarks/deadline-warnings.ts';
import { disputeQueries } from './benchmarks/dispute-queries.ts';
import { eventIntake } from './benchmarks/event-intake.ts';
import { loginOrgtreeRps } from './benchmarks/login-orgtree-rps.ts';
import { registerImport } from './benchmarks/register-import.ts';
import { registerSearch } from './benchmarks/register-search.ts';
import { scorecard } from './benchmarks/scorecard.ts';
import { formatTable, type Benchmark, type Figure } from './lib/figures.ts';
import { repoRoot } from './lib/paths.ts';

/**
 * `npm run bench [-- <name> …]`: runs every benchmark (or the one named), prints each figure
 * with its same-run baseline and the ratio, and keeps the numbers in bench/results/<timestamp>.json.
 * Nothing here asserts a time limit: the ratios are what to compare between machines and commits.
 */
const benchmarks: readonly Benchmark[] = [coldStart, loginOrgtreeRps, eventIntake, deadlineWarnings, scorecard, disputeQueries, agreementPdf, registerImport, registerSearch];

const argv = process.argv.slice(2);
// `--rows N` (register-import) takes a value.
const names = argv.filter((a, i) => !a.startsWith('-') && argv[i - 1] !== '--rows');

if (argv.includes('--help') || argv.includes('-h')) {
  console.log('usage: npm run bench [-- <name> …]\n');
  for (const b of benchmarks) console.log(`  ${b.name.padEnd(20)} ${b.description}`);
  process.exit(0);
}

const unknown = names.filter((n) => !benchmarks.some((b) => b.name === n));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${benchmarks.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const selected = names.length ? benchmarks.filter((b) => names.includes(b.name)) : benchmarks;

const say = (line: string) => console.log(line);
const figures: Figure[] = [];
const failures: { benchmark: string; error: string }[] = [];
const startedAt = new Date();
// Other processes on the machine move every figure; the load average says how busy it was.
const loadAtStart = os.loadavg()[0] ?? 0;

for (const benchmark of selected) {
  say(`\n▶ ${benchmark.name}: ${benchmark.description}`);
  const t0 = performance.now();
  try {
    figures.push(...(await benchmark.run(say)));
    say(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push({ benchmark: benchmark.name, error: message });
    console.error(`  ${benchmark.name} failed: ${message}`);
  }
}

say(`\n${formatTable(figures)}`);

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  platform: `${os.platform()} ${os.release()}`,
  node: process.version,
  loadAverage1m: { start: round(loadAtStart), end: round(os.loadavg()[0] ?? 0) },
};
const resultsDir = path.join(repoRoot, 'bench', 'results');
fs.mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, `${JSON.stringify({ startedAt, machine, figures, failures }, null, 2)}\n`);
say(
  `\nresults: ${path.relative(process.cwd(), file)}  (${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, ` +
    `load ${machine.loadAverage1m.start} → ${machine.loadAverage1m.end})`,
);

if (failures.length) process.exitCode = 1;

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
