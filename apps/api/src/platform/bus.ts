import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * Publish/subscribe for live updates (SSE). Within a process the bus delivers directly; on PostgreSQL
 * `relayThroughPostgres` joins the buses of every API process over LISTEN/NOTIFY, so a warning fired
 * by one process's sweeper reaches the screens connected to another (docs/scale-out.md).
 */
export interface BusMessage {
  type: string;
  /** Where the message belongs: subscribers only receive messages of places within their scope. */
  orgPaths: readonly string[];
  payload: Record<string, unknown>;
}

export class MessageBus {
  private readonly subscribers = new Set<(message: BusMessage) => void>();
  private readonly forwarders = new Set<(message: BusMessage) => void>();

  publish(message: BusMessage): void {
    this.deliver(message);
    for (const forward of this.forwarders) forward(message);
  }

  /** Hands a message to this process's subscribers only (what arrives from other processes). */
  deliver(message: BusMessage): void {
    for (const subscriber of this.subscribers) {
      try {
        subscriber(message);
      } catch {
        // One broken subscriber (a closed stream) must not stop the others.
      }
    }
  }

  subscribe(subscriber: (message: BusMessage) => void): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Also sends every published message elsewhere (another process); returns a function that stops it. */
  forward(forwarder: (message: BusMessage) => void): () => void {
    this.forwarders.add(forwarder);
    return () => this.forwarders.delete(forwarder);
  }

  get size(): number {
    return this.subscribers.size;
  }
}

export const busChannel = 'shizhi_bus';
// NOTIFY payloads must stay under 8000 bytes; live messages are small (ids, numbers, paths).
const maxPayloadBytes = 7_900;

export interface BusRelay {
  /** Resolves once this process is listening. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Joins `bus` to the buses of all processes on the same PostgreSQL database. Published messages go
 * out with NOTIFY, batched every `batchMs` (after the local delivery, so local screens never wait);
 * notifications from other processes are delivered locally. A dropped listening connection is
 * re-opened; what was published while it was down is not replayed (screens refresh their lists on
 * reconnect anyway).
 */
export function relayThroughPostgres(
  bus: MessageBus,
  connection: pg.ClientConfig,
  pool: pg.Pool,
  onError: (error: unknown) => void,
  retryMs = 1_000,
  batchMs = 10,
): BusRelay {
  const origin = randomUUID();
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  // Messages published within a few milliseconds travel together: one NOTIFY (which serialises
  // commits on the server) per batch instead of one per report.
  let queued: string[] = [];
  let flushTimer: NodeJS.Timeout | null = null;
  // One NOTIFY at a time, so batches arrive in the order they were published.
  let sending: Promise<unknown> = Promise.resolve();
  const flush = () => {
    flushTimer = null;
    const items = queued;
    queued = [];
    let batch: string[] = [];
    let size = 0;
    const send = () => {
      if (batch.length === 0) return;
      const payload = `{"origin":"${origin}","messages":[${batch.join(',')}]}`;
      sending = sending.then(() => pool.query('select pg_notify($1, $2)', [busChannel, payload])).catch(onError);
      batch = [];
      size = 0;
    };
    for (const item of items) {
      const bytes = Buffer.byteLength(item);
      if (bytes > maxPayloadBytes - 100) {
        onError(new Error(`live message too large to relay (${bytes} bytes)`));
        continue;
      }
      if (size + bytes + 1 > maxPayloadBytes - 100) send();
      batch.push(item);
      size += bytes + 1;
    }
    send();
  };
  const stopForwarding = bus.forward((message) => {
    queued.push(JSON.stringify(message));
    flushTimer ??= setTimeout(flush, batchMs);
  });

  const listen = async (): Promise<void> => {
    const c = new pg.Client(connection);
    c.on('notification', (n) => {
      if (n.channel !== busChannel || !n.payload) return;
      try {
        const { origin: from, messages } = JSON.parse(n.payload) as { origin: string; messages: BusMessage[] };
        if (from !== origin) for (const message of messages) bus.deliver(message);
      } catch (error) {
        onError(error);
      }
    });
    const reopen = (error?: unknown) => {
      if (error) onError(error);
      if (stopped || client !== c) return;
      client = null;
      c.end().catch(() => {});
      retry = setTimeout(() => {
        retry = null;
        listen().catch(onError);
      }, retryMs);
      retry.unref();
    };
    c.on('error', reopen);
    c.on('end', () => reopen());
    client = c;
    try {
      await c.connect();
      await c.query(`listen ${busChannel}`);
    } catch (error) {
      reopen(error);
      throw error;
    }
  };

  const ready = listen();
  ready.catch(() => {});
  return {
    ready,
    async stop() {
      stopped = true;
      stopForwarding();
      if (flushTimer) {
        clearTimeout(flushTimer);
        flush();
      }
      await sending;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
