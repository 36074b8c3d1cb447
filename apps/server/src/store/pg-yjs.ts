import type pg from 'pg';
import type { PgLeases } from './pg-leases.ts';
import { inTransaction, onPool, runSteps } from './pg-sql.ts';
import type { YjsLog } from './yjs-store.ts';
import { appendYjsWrites, compactYjsWrites, sessionYjsReads, textVersionReads, yjsUpdatesReads } from './yjs-sql.ts';

/**
 * The Yjs log on PostgreSQL: yjs-sql.ts's statements, as SqliteStore runs them, awaited. With leases
 * (several processes), every write is fenced as a commit is (PL9): a process that lost the session
 * appends or compacts nothing.
 */
export class PgYjsLog implements YjsLog {
  readonly #pool: pg.Pool;
  readonly #leases: PgLeases | null;

  constructor(pool: pg.Pool, leases: PgLeases | null = null) {
    this.#pool = pool;
    this.#leases = leases;
  }

  sessionYjs(sessionId: string) {
    return onPool(this.#pool, sessionYjsReads(sessionId));
  }

  yjsUpdates(sessionId: string, docName: string) {
    return onPool(this.#pool, yjsUpdatesReads(sessionId, docName));
  }

  writeYjs(sessionId: string, docName: string, writes: { compact: Uint8Array | null; updates: readonly Uint8Array[] }) {
    return inTransaction(this.#pool, async (client) => {
      // PL9: the lease row first, locked for the transaction: a stale owner's write is refused whole
      // (StaleOwnerError), and a take-over waits for a write that passed, then loads it.
      await this.#leases?.fence(client, sessionId);
      if (writes.compact) await runSteps(client, compactYjsWrites(sessionId, docName, writes.compact));
      return runSteps(client, appendYjsWrites(sessionId, docName, writes.updates));
    });
  }

  textVersionData(sessionId: string, roundId: string, versionId: string) {
    return onPool(this.#pool, textVersionReads(sessionId, roundId, versionId));
  }
}
