import { accept, expireRounds, nextDeadline } from '@vrijuit/core';
import type { Logger } from './log.ts';
import type { SessionHub } from './session-hub.ts';

/** Longest single setTimeout; later deadlines are re-checked when it fires. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Closes rounds whose timer ran out (RO5), also after a restart (sessions with timers are watched at start)
 * and, with several processes, after a take-over (PL10: the sessions a process loads or sweeps up).
 */
export class RoundTimers {
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #stopped = false;

  constructor(
    private readonly hub: SessionHub,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  /** Schedules the session's next deadline; never once stopped (PR3), not even from a command drained after. */
  async watch(sessionId: string): Promise<void> {
    if (this.#stopped) return;
    const state = await this.hub.state(sessionId);
    if (this.#stopped) return;
    const existing = this.#timers.get(sessionId);
    if (existing) clearTimeout(existing);
    this.#timers.delete(sessionId);
    const deadline = state ? nextDeadline(state) : null;
    if (deadline === null) return;
    const delay = Math.min(Math.max(0, deadline - this.now()), MAX_DELAY_MS);
    this.#timers.set(
      sessionId,
      setTimeout(() => {
        this.#timers.delete(sessionId);
        this.hub
          .execute(sessionId, null, (s) => (s ? expireRounds(s, this.now()) : accept([], {})))
          .then(() => this.watch(sessionId))
          .catch((error: unknown) => this.log.error('round timer failed', { sessionId, error: String(error) }));
      }, delay),
    );
  }

  /** LC7: a deleted session's timer goes with it. */
  forget(sessionId: string): void {
    const timer = this.#timers.get(sessionId);
    if (timer) clearTimeout(timer);
    this.#timers.delete(sessionId);
  }

  /** Timers scheduled now (PR3: none once stopped). */
  get armed(): number {
    return this.#timers.size;
  }

  stop(): void {
    this.#stopped = true;
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
  }
}
