import type Database from 'better-sqlite3';
import type { CommandRecord } from './store.ts';

/**
 * LC7 (GDPR): deleting a session from the embedded store. Run inside one transaction by the store.
 *
 * Every table with a `session_id` column loses the session's rows, found from the schema itself rather
 * than listed here, so a table added later cannot keep data of a deleted session by being forgotten
 * (foreign keys cascade from `sessions` too; this does not rely on them). The command log loses the
 * session's scope (its acks name rounds, pain points, versions) and the global `session:create` record
 * of the session, whose ack holds its id and join code. The delete's own record (`command`) is written
 * in the same transaction: its ack holds no content, only so a retry answers ok.
 */
export function deleteRows(db: Database.Database, sessionId: string, command: CommandRecord): void {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .all() as {
    name: string;
  }[];
  for (const { name } of tables) {
    const columns = db.pragma(`table_info("${name}")`) as { name: string }[];
    if (columns.some((c) => c.name === 'session_id'))
      db.prepare(`DELETE FROM "${name}" WHERE session_id = ?`).run(sessionId);
  }
  db.prepare('DELETE FROM commands WHERE scope = ?').run(sessionId);
  db.prepare(
    `DELETE FROM commands WHERE scope = 'global' AND json_valid(result) AND json_extract(result, '$.value.sessionId') = ?`,
  ).run(sessionId);
  db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
  db.prepare('INSERT INTO commands (scope, command_id, result) VALUES (?, ?, ?)').run(
    command.scope,
    command.commandId,
    JSON.stringify(command.result),
  );
}

/**
 * After a delete, no file may keep the deleted bytes: secure_delete zeroes the freed cells and pages in
 * the pages the delete writes, and the checkpoint copies those pages from the WAL (which holds them, and
 * the older versions) into the database and truncates the WAL to nothing. No VACUUM: it rewrites the
 * whole file, every session's, and every other session's commands would wait for it (docs/benchmarks.md).
 */
export function scrubFiles(db: Database.Database): void {
  if (db.pragma('secure_delete', { simple: true }) !== 1) throw new Error('secure_delete must be on');
  // The server is the file's only user, so nothing holds the WAL; were a reader (a backup) to hold it,
  // the data is deleted all the same and the next checkpoint (any round closing) empties it.
  checkpointTruncate(db);
}

/** How long checkpointTruncate retries while another checkpoint holds the lock. */
const TRUNCATE_PATIENCE_MS = 10_000;

/**
 * A TRUNCATE checkpoint, done: every page of the WAL copied into the database and the WAL emptied. While
 * the store's worker (sqlite-checkpointer.ts) runs a checkpoint of its own, SQLite answers `busy` at once
 * without waiting; this waits a few milliseconds and tries again. A scrub must not pass unnoticed: still
 * busy after TRUNCATE_PATIENCE_MS, it throws.
 */
export function checkpointTruncate(db: Database.Database): void {
  const deadline = Date.now() + TRUNCATE_PATIENCE_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy === 0) return;
    if (Date.now() > deadline) throw new Error('the WAL checkpoint stayed busy: the files are not scrubbed');
    Atomics.wait(pause, 0, 0, 5);
  }
}
