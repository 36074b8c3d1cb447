/**
 * The log of a co-edited document's Yjs updates. Synchronous on purpose: an update is written before the
 * server passes it on to anyone (yjs-persistence.ts), so whatever another editor has seen survives a
 * crash (R3). A store running in another process (PostgreSQL) will need the same order with awaits.
 */
export interface YjsStore {
  /** The document's updates in the order they were written (possibly one compacted update first). */
  yjsUpdates(sessionId: string, docName: string): Uint8Array[];
  /** Appends one update; returns how many the document's log now holds. */
  appendYjsUpdate(sessionId: string, docName: string, update: Uint8Array): number;
  /** Replaces the document's whole log by one update holding the same state, in one transaction. */
  compactYjs(sessionId: string, docName: string, state: Uint8Array): void;
  /** A saved version's Yjs state (TX3), or null. */
  textVersionData(sessionId: string, roundId: string, versionId: string): Uint8Array | null;
}
