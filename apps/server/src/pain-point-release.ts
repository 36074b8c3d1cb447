import { accept, hasWaiting, releaseDue } from '@vrijuit/core';
import { FLOORS } from '@vrijuit/protocol';
import type { Logger } from './log.ts';
import type { SessionHub } from './session-hub.ts';

/**
 * The release tick of pain points (core AN8, AN13): while a session has entries waiting, every
 * `releaseEverySeconds` on the clock (a multiple of the period since the epoch, never counted from a
 * submission, so the moment of release says nothing about who typed when) core releases each batch
 * that is big enough. Sessions with waiting entries are watched again after a restart.
 */
export class PainPointRelease {
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #stopped = false;

  constructor(
    private readonly hub: SessionHub,
    private readonly log: Logger,
    private readonly now: () => number,
    /** How long one second of `releaseEverySeconds` lasts (ms); see createServer's `releaseSecondMs`. */
    private readonly secondMs = 1000,
  ) {}

  /** Schedules the session's next tick if entries wait and no tick is scheduled yet. */
  async watch(sessionId: string): Promise<void> {
    if (this.#stopped || this.#timers.has(sessionId)) return;
    const state = await this.hub.state(sessionId);
    // Waiting entries are in memory (AN13); a store from before keeps its inbox on disk (hasWaiting).
    const waits = state && (this.hub.hasWaitingPoints(sessionId) || hasWaiting(state));
    if (this.#stopped || !state || !waits || this.#timers.has(sessionId)) return;
    // AN24: never a shorter interval than the floor, whatever a stored session says.
    const period = Math.max(state.settings.releaseEverySeconds, FLOORS.releaseEverySeconds) * this.secondMs;
    const delay = period - (this.now() % period);
    this.#timers.set(
      sessionId,
      setTimeout(() => {
        this.hub
          .releasePainPoints(sessionId)
          .then(() => this.hub.execute(sessionId, null, (s) => (s ? releaseDue(s) : accept([], {}))))
          .catch((error: unknown) => this.log.error('pain point release failed', { sessionId, error: String(error) }))
          .finally(() => {
            this.#timers.delete(sessionId);
            void this.watch(sessionId);
          });
      }, delay),
    );
  }

  /** LC7: a deleted session's release tick goes with it. */
  forget(sessionId: string): void {
    const timer = this.#timers.get(sessionId);
    if (timer) clearTimeout(timer);
    this.#timers.delete(sessionId);
  }

  /** Ticks scheduled now (PR3: none once stopped). */
  get armed(): number {
    return this.#timers.size;
  }

  /** PR3: no tick after this, not even one re-armed by a tick that was running or a command drained after. */
  stop(): void {
    this.#stopped = true;
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
  }
}
