/**
 * In-process publish/subscribe for live updates (SSE). Each process delivers what it produced itself;
 * with several API processes, a PostgreSQL LISTEN/NOTIFY relay would feed the same bus (docs/scale-out.md).
 */
export interface BusMessage {
  type: string;
  /** Where the message belongs: subscribers only receive messages of places within their scope. */
  orgPaths: readonly string[];
  payload: Record<string, unknown>;
}

export class MessageBus {
  private readonly subscribers = new Set<(message: BusMessage) => void>();

  publish(message: BusMessage): void {
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

  get size(): number {
    return this.subscribers.size;
  }
}
