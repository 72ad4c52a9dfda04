import type { SessionActor } from './actor-loader.ts';

/**
 * Every /api request resolves its session; most of a working day the answer does not change. An
 * entry lives two seconds; logout, a disabled account, a new password or a new role in this process
 * make every entry stale at once (the CLI, another process, changes within two seconds).
 */
const lifetimeMs = 2_000;
const capacity = 10_000;
let generation = 0;

export function forgetCachedSessions(): void {
  generation += 1;
}

export class SessionCache {
  private readonly entries = new Map<string, { session: SessionActor; until: number; generation: number }>();

  get(tokenHash: string, now: Date): SessionActor | null {
    const hit = this.entries.get(tokenHash);
    if (!hit) return null;
    if (hit.until <= performance.now() || hit.generation !== generation || hit.session.expiresAt <= now) {
      this.entries.delete(tokenHash);
      return null;
    }
    return hit.session;
  }

  set(tokenHash: string, session: SessionActor, seenGeneration: number): void {
    if (this.entries.size >= capacity) this.entries.clear();
    this.entries.set(tokenHash, { session, until: performance.now() + lifetimeMs, generation: seenGeneration });
  }

  static generation(): number {
    return generation;
  }
}
