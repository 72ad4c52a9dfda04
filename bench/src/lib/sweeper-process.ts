import { defaultCalendar, startDeadlineSweeper } from '../../../apps/api/src/modules/events/index.ts';
import { MessageBus } from '../../../apps/api/src/platform/bus.ts';
import { systemClock } from '../../../apps/api/src/platform/clock.ts';
import { handleFromUrl } from '../../../apps/api/src/platform/db/client.ts';

/**
 * Child-process entry for the deadline benchmark: the platform's deadline sweeper alone, on the
 * PostgreSQL database named on the command line, so the benchmark can SIGKILL it in the middle of a
 * sweep and start another. Prints one line per sweep that fired something: how many warnings it
 * published (after its commit), when, and one of them to find the sweep's fired_at by:
 * `fired <count> <publish epoch ms> <event id> <level>`.
 */
const [url, interval] = process.argv.slice(2);
if (!url) {
  console.error('usage: sweeper-process.ts <database url> [interval ms]');
  process.exit(2);
}
const handle = handleFromUrl(url, 2);
const bus = new MessageBus();

// A sweep publishes all its warnings synchronously after its commit, so one timer turn gathers a sweep.
let pending: { count: number; at: number; sample: string } | null = null;
bus.subscribe((message) => {
  if (message.type !== 'event.warning') return;
  if (!pending) {
    pending = { count: 0, at: Date.now(), sample: `${String(message.payload.eventId)} ${String(message.payload.level)}` };
    setImmediate(() => {
      process.stdout.write(`fired ${pending!.count} ${pending!.at} ${pending!.sample}\n`);
      pending = null;
    });
  }
  pending.count += 1;
});

const stop = startDeadlineSweeper(
  { db: handle.db, clock: systemClock, calendar: defaultCalendar(), bus },
  (error) => console.error(`sweep failed: ${error instanceof Error ? error.message : String(error)}`),
  Number(interval ?? 1000),
);
// The sweeper's timer is unref'd (in the platform the HTTP server keeps the process alive); this one does here.
const keepAlive = setInterval(() => {}, 60_000);
process.stdout.write(`ready ${Date.now()}\n`);

process.once('SIGTERM', () => {
  clearInterval(keepAlive);
  void stop()
    .then(() => handle.close())
    .then(() => process.exit(0));
});
