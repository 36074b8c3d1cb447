import type pg from 'pg';
import { inTransaction, onPool, runSteps } from './pg-sql.ts';
import type { YjsLog } from './yjs-store.ts';
import { appendYjsWrites, compactYjsWrites, sessionYjsReads, textVersionReads, yjsUpdatesReads } from './yjs-sql.ts';

/** The Yjs log on PostgreSQL: yjs-sql.ts's statements, as SqliteStore runs them, awaited. */
export class PgYjsLog implements YjsLog {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  sessionYjs(sessionId: string) {
    return onPool(this.#pool, sessionYjsReads(sessionId));
  }

  yjsUpdates(sessionId: string, docName: string) {
    return onPool(this.#pool, yjsUpdatesReads(sessionId, docName));
  }

  writeYjs(sessionId: string, docName: string, writes: { compact: Uint8Array | null; updates: readonly Uint8Array[] }) {
    return inTransaction(this.#pool, async (client) => {
      if (writes.compact) await runSteps(client, compactYjsWrites(sessionId, docName, writes.compact));
      return runSteps(client, appendYjsWrites(sessionId, docName, writes.updates));
    });
  }

  textVersionData(sessionId: string, roundId: string, versionId: string) {
    return onPool(this.#pool, textVersionReads(sessionId, roundId, versionId));
  }
}
