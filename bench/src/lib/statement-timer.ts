import pg from 'pg';

/** Time spent in one kind of statement, measured at the client: the round trip, any lock wait, the work. */
export interface StatementTiming {
  statement: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  maxMs: number;
}

type QueryFn = (...args: unknown[]) => unknown;

/** A statement's text reduced to what identifies it: whitespace collapsed, column lists dropped. */
export function statementLabel(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const insert = /^insert into "?(\w+)"?/i.exec(flat);
  if (insert) return `insert into ${insert[1]}${/on conflict/i.test(flat) ? ' … on conflict' : ''}${/returning/i.test(flat) ? ' … returning' : ''}`;
  const update = /^update "?(\w+)"?/i.exec(flat);
  if (update) return `update ${update[1]}`;
  const select = /^select (.*?) from "?(\w+)"?(.*)$/i.exec(flat);
  if (select) {
    const [, columns = '', table = '', rest = ''] = select;
    const where = /where (.{0,60})/i.exec(rest)?.[1] ?? '';
    return `select ${columns.length > 40 ? `${columns.slice(0, 40)}…` : columns} from ${table}${where ? ` where ${where}…` : ''}`;
  }
  return flat.length > 100 ? `${flat.slice(0, 100)}…` : flat;
}

/**
 * Wraps node-postgres' Client#query so every statement the process sends (the platform's pool and
 * transactions alike) is timed from send to answer and summed by statement. `stop` removes the wrapper
 * and returns the sums, slowest total first.
 */
export function timeStatements(): { stop(): StatementTiming[]; reset(): void } {
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  let sums = new Map<string, { calls: number; totalMs: number; maxMs: number }>();
  const record = (text: string, started: number) => {
    const ms = performance.now() - started;
    const label = statementLabel(text);
    const entry = sums.get(label) ?? { calls: 0, totalMs: 0, maxMs: 0 };
    entry.calls += 1;
    entry.totalMs += ms;
    entry.maxMs = Math.max(entry.maxMs, ms);
    sums.set(label, entry);
  };
  proto.query = function timedQuery(this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '');
    const started = performance.now();
    const callbackAt = args.findIndex((a) => typeof a === 'function');
    if (callbackAt >= 0) {
      const callback = args[callbackAt] as (...cbArgs: unknown[]) => void;
      args[callbackAt] = (...cbArgs: unknown[]) => {
        record(text, started);
        callback(...cbArgs);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      void (result as Promise<unknown>).then(
        () => record(text, started),
        () => record(text, started),
      );
    }
    return result;
  };
  return {
    reset() {
      sums = new Map();
    },
    stop() {
      proto.query = original;
      return [...sums]
        .map(([statement, s]) => ({ statement, calls: s.calls, totalMs: s.totalMs, meanMs: s.totalMs / s.calls, maxMs: s.maxMs }))
        .sort((a, b) => b.totalMs - a.totalMs);
    },
  };
}
