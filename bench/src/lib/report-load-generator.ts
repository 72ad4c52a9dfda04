import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import autocannon from 'autocannon';

/**
 * Child-process entry for the intake benchmark: autocannon POSTing reports, each with a fresh
 * Idempotency-Key, a random subcategory and a point inside a grid its session may report in. Sessions
 * take turns request by request. Reads its plan from the JSON file named on the command line and
 * prints autocannon's result (with the count per status code) and its own CPU seconds as JSON.
 */
export interface ReportLoadPlan {
  url: string;
  connections: number;
  duration: number;
  sessions: { cookie: string; csrf: string; points: [number, number][] }[];
  categories: string[];
  descriptions: string[];
}

const file = process.argv[2];
if (!file) {
  console.error('usage: report-load-generator.ts <plan.json>');
  process.exit(2);
}
const plan = JSON.parse(fs.readFileSync(file, 'utf8')) as ReportLoadPlan;
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
let turn = 0;

const result = await autocannon({
  url: plan.url,
  connections: plan.connections,
  duration: plan.duration,
  timeout: 10,
  requests: [
    {
      method: 'POST',
      setupRequest: (request) => {
        const session = plan.sessions[turn++ % plan.sessions.length]!;
        const [lng, lat] = pick(session.points);
        return {
          ...request,
          headers: {
            'content-type': 'application/json',
            cookie: session.cookie,
            'x-csrf-token': session.csrf,
            'idempotency-key': randomUUID(),
          },
          body: JSON.stringify({ categoryCode: pick(plan.categories), description: pick(plan.descriptions), location: { lng, lat } }),
        };
      },
    },
  ],
});
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ ...result, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
