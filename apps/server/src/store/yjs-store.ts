/**
 * The log of a co-edited document's Yjs updates, as the server uses it: synchronously. An update is in
 * the log before the server passes it on to anyone (yjs-persistence.ts), so whatever another editor has
 * seen survives a crash (R3). SQLite writes it there and then; on PostgreSQL (`YjsLog`, awaited) the
 * server keeps the texts in memory and writes behind, holding every broadcast until its write is stored
 * (yjs-write-behind.ts).
 */
export interface YjsStore {
  /** The document's updates in the order they were written (possibly one compacted update first). */
  yjsUpdates(sessionId: string, docName: string): Uint8Array[];
  /** Appends one update; returns how many the document's log now holds. */
  appendYjsUpdate(sessionId: string, docName: string, update: Uint8Array): number;
  /** Replaces the document's whole log by one update holding the same state, in one transaction. */
  compactYjs(sessionId: string, docName: string, state: Uint8Array): void;
  /** A saved version's Yjs state (TX3), or null (awaited: PostgreSQL answers later). */
  textVersionData(
    sessionId: string,
    roundId: string,
    versionId: string,
  ): Uint8Array | null | Promise<Uint8Array | null>;
  /**
   * Makes the session's texts readable synchronously (the write-behind store loads them into memory);
   * absent where they always are (SQLite). Awaited before any synchronous read of a session's texts.
   */
  ready?(sessionId: string): Promise<void>;
  /**
   * Resolves once every write queued so far for the document is stored (rejects if one failed); absent
   * where each write is stored as it is made (SQLite). Awaited before acknowledging a change the server
   * made to a text itself (TX6's gathering).
   */
  stored?(sessionId: string, docName: string): Promise<void>;
}

/**
 * The Yjs log of a store in another process (PostgreSQL): the same tables and statements as SQLite's
 * (yjs-sql.ts), awaited. Core SPEC DB7.
 */
export interface YjsLog {
  /** Every document's updates of a session, by document name, each in the order written. */
  sessionYjs(sessionId: string): Promise<Map<string, Uint8Array[]>>;
  yjsUpdates(sessionId: string, docName: string): Promise<Uint8Array[]>;
  /**
   * In one transaction: replaces the document's log by `compact` (when given), then appends `updates`;
   * returns how many the log now holds. With leases, refused whole (StaleOwnerError) when this process
   * no longer owns the session (PL9).
   */
  writeYjs(
    sessionId: string,
    docName: string,
    writes: { compact: Uint8Array | null; updates: readonly Uint8Array[] },
  ): Promise<number>;
  textVersionData(sessionId: string, roundId: string, versionId: string): Promise<Uint8Array | null>;
}
