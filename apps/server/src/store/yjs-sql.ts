import { blob } from './event-writes.ts';
import { all, get, run, sealed, type SqlSteps } from './sql-steps.ts';

/**
 * The Yjs log's statements (yjs-store.ts), written once for SQLite (sqlite-store.ts, synchronous) and
 * PostgreSQL (pg-yjs.ts, awaited) as sql-steps.ts's steps.
 */

/** The document's updates in the order they were written. */
export function* yjsUpdatesReads(sessionId: string, docName: string): SqlSteps<Uint8Array[]> {
  const rows = (yield all(
    'SELECT data FROM yjs_updates WHERE session_id = ? AND doc_name = ? ORDER BY seq',
    sessionId,
    docName,
  )) as { data: Buffer }[];
  return rows.map((r) => new Uint8Array(r.data));
}

/** Every document's updates of a session, by document name, each in the order written. */
export function* sessionYjsReads(sessionId: string): SqlSteps<Map<string, Uint8Array[]>> {
  const rows = (yield all(
    'SELECT doc_name, data FROM yjs_updates WHERE session_id = ? ORDER BY doc_name, seq',
    sessionId,
  )) as { doc_name: string; data: Buffer }[];
  const docs = new Map<string, Uint8Array[]>();
  for (const r of rows) {
    let updates = docs.get(r.doc_name);
    if (!updates) docs.set(r.doc_name, (updates = []));
    updates.push(new Uint8Array(r.data));
  }
  return docs;
}

/**
 * Appends updates, in one transaction; returns how many the document's log now holds. The log is
 * numbered 0, 1, 2, … without gaps (compaction starts it again at 0), so the next number is also the
 * count so far: one look at the end of the primary key, no count(*).
 */
export function* appendYjsWrites(sessionId: string, docName: string, updates: readonly Uint8Array[]): SqlSteps<number> {
  const { last } = (yield get(
    'SELECT max(seq) AS last FROM yjs_updates WHERE session_id = ? AND doc_name = ?',
    sessionId,
    docName,
  )) as { last: number | null };
  let seq = (last ?? -1) + 1;
  for (const update of updates) {
    yield run(
      'INSERT INTO yjs_updates (session_id, doc_name, seq, data) VALUES (?, ?, ?, ?)',
      sessionId,
      docName,
      seq++,
      sealed(blob(update)),
    );
  }
  return seq;
}

/** Replaces the document's whole log by one update holding the same state (in one transaction). */
export function* compactYjsWrites(sessionId: string, docName: string, state: Uint8Array): SqlSteps {
  yield run('DELETE FROM yjs_updates WHERE session_id = ? AND doc_name = ?', sessionId, docName);
  yield run(
    'INSERT INTO yjs_updates (session_id, doc_name, seq, data) VALUES (?, ?, 0, ?)',
    sessionId,
    docName,
    sealed(blob(state)),
  );
}

/** A saved version's Yjs state (TX3), or null. */
export function* textVersionReads(sessionId: string, roundId: string, versionId: string): SqlSteps<Uint8Array | null> {
  const row = (yield get(
    'SELECT data FROM text_versions WHERE session_id = ? AND round_id = ? AND id = ?',
    sessionId,
    roundId,
    versionId,
  )) as { data: Buffer } | undefined;
  return row ? new Uint8Array(row.data) : null;
}
