import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { DeadlineClock } from '@shizhi/domain';
import { eventsQueryKey } from './events-api.ts';

/** `event: event.warning` on /api/stream: a yellow or red card the deadline engine just fired. */
export interface LiveWarning {
  eventId: string;
  number: string;
  kind: DeadlineClock;
  level: 'yellow' | 'red';
  dueAt: string;
  /** What the red card did: a 督办 from the centre above, an automatic escalation, or nothing. */
  action: 'none' | 'supervise' | 'escalate';
}

function isLiveWarning(value: unknown): value is LiveWarning {
  const v = value as Partial<LiveWarning> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.eventId === 'string' &&
    typeof v.number === 'string' &&
    (v.level === 'yellow' || v.level === 'red')
  );
}

// Warnings that arrived since the user last opened the event centre: the badge on its menu entry.
let unseen = 0;
const listeners = new Set<() => void>();

function setUnseen(next: number): void {
  if (next === unseen) return;
  unseen = next;
  for (const listener of listeners) listener();
}

export function clearUnseenWarnings(): void {
  setUnseen(0);
}

export function useUnseenWarnings(): number {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => unseen,
  );
}

/** A busy district changes many events a minute: lists refetch at most once a second. */
const refreshDelayMs = 1000;

function eventIdOf(data: string): string | null {
  try {
    const payload = JSON.parse(data) as { id?: unknown; eventId?: unknown };
    const id = payload.id ?? payload.eventId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/**
 * Opens the live stream (Server-Sent Events, same-origin cookie) while `enabled`: each warning goes
 * to `onWarning` and counts towards the badge, and any change refreshes the event lists and to-dos
 * on screen and the detail of the changed event. EventSource reconnects by itself after a network
 * drop (the server asks for 3 s); a refused stream (signed out) stays closed. Unmounting — leaving
 * the signed-in pages — closes it.
 */
export function useLiveStream(enabled: boolean, onWarning: (warning: LiveWarning) => void): void {
  const queryClient = useQueryClient();
  const handler = useRef(onWarning);
  useEffect(() => {
    handler.current = onWarning;
  }, [onWarning]);

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/stream');
    let timer: ReturnType<typeof setTimeout> | null = null;
    const changed = new Set<string>();
    const refresh = (id: string | null) => {
      if (id) changed.add(id);
      timer ??= setTimeout(() => {
        timer = null;
        const ids = [...changed];
        changed.clear();
        // Only what is on screen refetches: inactive queries are just marked stale.
        void queryClient.invalidateQueries({ queryKey: [...eventsQueryKey, 'list'] });
        for (const eventId of ids) void queryClient.invalidateQueries({ queryKey: [...eventsQueryKey, 'detail', eventId] });
      }, refreshDelayMs);
    };
    const onWarningMessage = (message: MessageEvent<string>) => {
      let payload: unknown;
      try {
        payload = JSON.parse(message.data);
      } catch {
        return;
      }
      if (!isLiveWarning(payload)) return;
      setUnseen(unseen + 1);
      handler.current(payload);
      refresh(payload.eventId);
    };
    const onChanged = (message: MessageEvent<string>) => refresh(eventIdOf(message.data));
    source.addEventListener('event.warning', onWarningMessage);
    source.addEventListener('event.changed', onChanged);
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [enabled, queryClient]);
}
