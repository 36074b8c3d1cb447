import type { Logger } from './log.ts';
import type { SessionHub } from './session-hub.ts';
import type { PgLeases } from './store/pg-leases.ts';

/** How many sessions with a timer due one sweep takes over at most; the rest wait for the next tick. */
const SWEEP_LIMIT = 50;

/**
 * PL7: a process's part in placing sessions across processes (issue 18), when its store has leases
 * (PostgreSQL, several processes). Its leases are renewed every third of their TTL, in one statement; a
 * session another process took over (this one's lease had run out, e.g. while it was paused) leaves the
 * hub (`hub.lost`, whose listeners close its connections: they reconnect to the new owner behind the
 * routing proxy). A session that left memory idle hands its lease back, so it can move; `stop` hands
 * back every lease, after the last command was committed.
 *
 * PL10: after each renewal (and once at start, `sweep`), the process takes over the sessions whose round
 * timer runs out before the tick after next and whose lease nobody holds (their owner died or stopped),
 * and arms their timers (`watchTimers`): a round closes on time, or at once if overdue, even when no
 * client comes back to load its session. Only those sessions, at most SWEEP_LIMIT a tick: a process
 * never takes every lease.
 */
export function startPlacement(
  leases: PgLeases,
  hub: SessionHub,
  log: Logger,
  options: {
    watchTimers: (sessionId: string) => Promise<void>;
    now: () => number;
    /** RT6: waits for what this process still writes of a session outside the hub (its texts, written behind). */
    settleTexts?: (sessionId: string) => Promise<void>;
  },
): { renew(): Promise<void>; sweep(): Promise<void>; stop(): Promise<void> } {
  const tickMs = Math.max(1, Math.floor(leases.ttlMs / 3));
  const handingOver = new Set<string>();
  /** RT6: another process asked for the session: hand it over once its commands and texts are stored. */
  const handOver = async (sessionId: string) => {
    if (handingOver.has(sessionId)) return;
    handingOver.add(sessionId);
    try {
      await hub.handOver(sessionId);
      await options.settleTexts?.(sessionId);
      await leases.release([sessionId]);
      log.info('session handed over to the process that asked for it', { sessionId });
    } catch (error) {
      log.error('handing a session over failed', { sessionId, error: String(error) });
    } finally {
      handingOver.delete(sessionId);
    }
  };
  const renew = async () => {
    let lost: string[];
    try {
      lost = await leases.renew();
    } catch (error) {
      // The store is out of reach: every write is fenced anyway (PL2); try again at the next tick.
      log.error('renewing the session leases failed', { error: String(error) });
      return;
    }
    for (const sessionId of lost) hub.lost(sessionId);
    for (const sessionId of leases.wanted()) void handOver(sessionId);
  };
  let stopped = false;
  const sweep = async () => {
    let due: string[];
    try {
      due = await leases.dueUnowned(options.now() + 2 * tickMs, SWEEP_LIMIT);
    } catch (error) {
      log.error('finding sessions with a round timer and no owner failed', { error: String(error) });
      return;
    }
    for (const sessionId of due) {
      if (stopped) return;
      try {
        // One statement: of the processes sweeping at once, one gets it; the others leave it.
        if ((await leases.acquire(sessionId)) === null) continue;
        log.info('session with a round timer taken over', { sessionId });
        await options.watchTimers(sessionId);
      } catch (error) {
        // E.g. its round key is not on this machine (AN25): hand it back rather than hold it unserved.
        log.error('taking over a session with a round timer failed', { sessionId, error: String(error) });
        await leases.release([sessionId]).catch(() => undefined);
      }
    }
  };
  const timer = setInterval(() => void renew().then(sweep), tickMs);
  timer.unref();
  hub.onForget((sessionId) => {
    leases.release([sessionId]).catch((error: unknown) => {
      log.error('handing a lease back failed', { sessionId, error: String(error) });
    });
  });
  return {
    renew,
    sweep,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await leases.release();
    },
  };
}
