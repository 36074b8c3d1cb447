import type pg from 'pg';
import type { PgLeases } from './pg-leases.ts';
import { inTransaction, onPool, runSteps } from './pg-sql.ts';
import type { SessionCells } from './sealed-cells.ts';
import type { YjsLog } from './yjs-store.ts';
import { appendYjsWrites, compactYjsWrites, sessionYjsReads, textVersionReads, yjsUpdatesReads } from './yjs-sql.ts';

/**
 * The Yjs log on PostgreSQL: yjs-sql.ts's statements, as SqliteStore runs them, awaited. With leases
 * (several processes), every write is fenced as a commit is (PL9): a process that lost the session
 * appends or compacts nothing. The updates and versions are sealed with the session's key (LC7).
 */
export class PgYjsLog implements YjsLog {
  readonly #pool: pg.Pool;
  readonly #leases: PgLeases | null;
  readonly #cells: SessionCells;

  constructor(pool: pg.Pool, leases: PgLeases | null, cells: SessionCells) {
    this.#pool = pool;
    this.#leases = leases;
    this.#cells = cells;
  }

  async sessionYjs(sessionId: string) {
    return onPool(this.#pool, sessionYjsReads(sessionId), await this.#cells.read(sessionId));
  }

  async yjsUpdates(sessionId: string, docName: string) {
    return onPool(this.#pool, yjsUpdatesReads(sessionId, docName), await this.#cells.read(sessionId));
  }

  async writeYjs(
    sessionId: string,
    docName: string,
    writes: { compact: Uint8Array | null; updates: readonly Uint8Array[] },
  ) {
    const cells = await this.#cells.write(sessionId);
    return inTransaction(this.#pool, async (client) => {
      // PL9: the lease row first, locked for the transaction: a stale owner's write is refused whole
      // (StaleOwnerError), and a take-over waits for a write that passed, then loads it.
      await this.#leases?.fence(client, sessionId);
      if (writes.compact) await runSteps(client, compactYjsWrites(sessionId, docName, writes.compact), cells);
      return runSteps(client, appendYjsWrites(sessionId, docName, writes.updates), cells);
    });
  }

  async textVersionData(sessionId: string, roundId: string, versionId: string) {
    return onPool(this.#pool, textVersionReads(sessionId, roundId, versionId), await this.#cells.read(sessionId));
  }
}
