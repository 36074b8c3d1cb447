import type { Logger } from './log.ts';
import type { SessionHub } from './session-hub.ts';
import type { PgLeases } from './store/pg-leases.ts';

/**
 * PL7: a process's part in placing sessions across processes (issue 18), when its store has leases
 * (PostgreSQL, several processes). Its leases are renewed every third of their TTL, in one statement; a
 * session another process took over (this one's lease had run out, e.g. while it was paused) leaves the
 * hub (`hub.lost`, whose listeners close its connections: they reconnect to the new owner behind the
 * routing proxy). A session that left memory idle hands its lease back, so it can move; `stop` hands
 * back every lease, after the last command was committed.
 */
export function startPlacement(
  leases: PgLeases,
  hub: SessionHub,
  log: Logger,
  /** RT6: waits for what this process still writes of a session outside the hub (its texts, written behind). */
  settleTexts: (sessionId: string) => Promise<void> = async () => {},
): { renew(): Promise<void>; stop(): Promise<void> } {
  const handingOver = new Set<string>();
  /** RT6: another process asked for the session: hand it over once its commands and texts are stored. */
  const handOver = async (sessionId: string) => {
    if (handingOver.has(sessionId)) return;
    handingOver.add(sessionId);
    try {
      await hub.handOver(sessionId);
      await settleTexts(sessionId);
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
  const timer = setInterval(() => void renew(), Math.max(1, Math.floor(leases.ttlMs / 3)));
  timer.unref();
  hub.onForget((sessionId) => {
    leases.release([sessionId]).catch((error: unknown) => {
      log.error('handing a lease back failed', { sessionId, error: String(error) });
    });
  });
  return {
    renew,
    stop: async () => {
      clearInterval(timer);
      await leases.release();
    },
  };
}
