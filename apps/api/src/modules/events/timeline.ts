import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/db/client.ts';
import { eventTimeline } from './schema.ts';

export type TimelineEntry = Omit<typeof eventTimeline.$inferInsert, 'id' | 'text' | 'data'> & {
  text?: string | null;
  data?: Record<string, unknown>;
};

/** Adds steps to events' timelines (one statement for any number of them). */
export async function appendTimeline(tx: Tx, entries: TimelineEntry | readonly TimelineEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? (entries as readonly TimelineEntry[]) : [entries as TimelineEntry];
  if (list.length === 0) return;
  await tx.insert(eventTimeline).values(list.map((e) => ({ ...e, id: randomUUID(), text: e.text ?? null, data: e.data ?? {} })));
}
