import { evolveAll, type Decision, type DomainEvent, type SessionState } from '@vrijuit/core';
import type { Ack } from '@vrijuit/protocol';
import type { Store } from './store/store.ts';
import type { Logger } from './log.ts';

export type ChangeListener = (sessionId: string, events: readonly DomainEvent[]) => void;
/** LC7: `before` runs ahead of the store's delete (stop what would write), `after` once the data is gone. */
export interface RemoveListener {
  before?(sessionId: string): void;
  after?(sessionId: string): void;
}

/** The global scope of the command log: session:create and session:delete records (no session scope). */
export const GLOBAL_SCOPE = 'global';

/**
 * Holds each live session's state in memory and runs its commands one at a time:
 * look up the command id, decide, commit, evolve, then ack. The ack is built only after the commit,
 * and a failed commit leaves the in-memory state untouched (VO4, VO5).
 */
export class SessionHub {
  readonly #store: Store;
  readonly #log: Logger;
  readonly #states = new Map<string, SessionState>();
  readonly #tails = new Map<string, Promise<unknown>>();
  readonly #listeners: ChangeListener[] = [];
  readonly #removeListeners: RemoveListener[] = [];
  /** Deleted sessions: a load that raced the delete must not put one back in the cache. */
  readonly #removed = new Set<string>();

  constructor(store: Store, log: Logger) {
    this.#store = store;
    this.#log = log;
  }

  onChange(listener: ChangeListener): void {
    this.#listeners.push(listener);
  }

  /** The state if it is in memory now (no store access): for checks that must not wait. */
  cached(sessionId: string): SessionState | null {
    return this.#states.get(sessionId) ?? null;
  }

  /** The cached state, loading it from the store on first use. */
  async state(sessionId: string): Promise<SessionState | null> {
    const cached = this.#states.get(sessionId);
    if (cached) return cached;
    const loaded = await this.#store.loadSession(sessionId);
    if (this.#removed.has(sessionId)) return null;
    if (loaded) this.#states.set(sessionId, loaded);
    return loaded;
  }

  onRemove(listener: RemoveListener): void {
    this.#removeListeners.push(listener);
  }

  /**
   * LC7: deletes a session and all its data, in turn with its other commands. `confirm` checks the
   * request against the session (LC6). The ack is stored under the global scope, holding nothing of
   * the session, so a retry (even after the session is gone) answers the same.
   */
  remove(
    sessionId: string,
    commandId: string,
    confirm: (state: SessionState) => Decision<Record<string, never>>,
  ): Promise<Ack<Record<string, never>>> {
    return this.exclusive(sessionId, async () => {
      const previous = await this.#store.commandResult(GLOBAL_SCOPE, commandId);
      if (previous) return previous.result as Ack<Record<string, never>>;
      const state = await this.state(sessionId);
      if (!state) return { ok: false, error: { code: 'SESSION_NOT_FOUND', message: 'the session no longer exists' } };
      const decision = confirm(state);
      if (!decision.ok) return { ok: false, error: decision.error };
      const ack: Ack<Record<string, never>> = { ok: true, value: {} };
      this.#notifyRemove('before', sessionId);
      await this.#store.deleteSession(sessionId, { scope: GLOBAL_SCOPE, commandId, result: ack });
      this.#removed.add(sessionId);
      this.#states.delete(sessionId);
      this.#notifyRemove('after', sessionId);
      return ack;
    });
  }

  #notifyRemove(phase: 'before' | 'after', sessionId: string): void {
    for (const listener of this.#removeListeners) {
      try {
        listener[phase]?.(sessionId);
      } catch (error) {
        this.#log.error('remove listener failed', { phase, error: String(error) });
      }
    }
  }

  /** Resolves when every command queued so far has finished (graceful shutdown, R4). */
  async drain(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all([...this.#tails.values()]);
  }

  /** Runs `task` after every earlier task of the same key has finished. */
  exclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return next;
  }

  /**
   * Executes one command against a session. `commandId` (with its scope) makes retries idempotent;
   * `decide` gets the current state (or null when the session is to be created).
   */
  execute<T>(
    sessionId: string,
    command: { scope: string; commandId: string } | null,
    decide: (state: SessionState | null) => Decision<T>,
  ): Promise<Ack<T>> {
    return this.exclusive(command?.scope ?? sessionId, async () => {
      if (command) {
        const previous = await this.#store.commandResult(command.scope, command.commandId);
        if (previous) return previous.result as Ack<T>;
      }
      const state = await this.state(sessionId);
      const decision = decide(state);
      if (!decision.ok) return { ok: false, error: decision.error };
      const ack: Ack<T> = { ok: true, value: decision.value };
      if (decision.events.length > 0 || command) {
        await this.#store.commit(sessionId, decision.events, command ? { ...command, result: ack } : null);
      }
      if (decision.events.length > 0) {
        const next = evolveAll(state, decision.events);
        if (next) this.#states.set(sessionId, next);
        for (const listener of this.#listeners) {
          try {
            listener(sessionId, decision.events);
          } catch (error) {
            this.#log.error('change listener failed', { error: String(error) });
          }
        }
      }
      return ack;
    });
  }
}
