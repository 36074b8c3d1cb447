import type Database from 'better-sqlite3';

/**
 * AN9, AN17: where a pain point's bytes lie in the file must not tell when it was typed, and no file may
 * keep a second copy of it.
 *
 * While a round is open its entries sit in `pain_points`, laid down batch by batch (AN13, shuffled
 * within a batch), on pages they share with other open rounds' entries. Deleting a row zeroes its cell
 * (secure_delete), but when SQLite rebalances a page it may rebuild it without clearing the gap between
 * its cell pointers and its cells, so a moved cell can leave an old copy there, on a page that survives
 * while other rounds' rows are on it. So when a round closes:
 *
 * 1. its entries are appended to `closed_pain_points` in id order (random). That table is keyed by an
 *    integer that only grows, so each close adds pages at the end of its tree and never rebalances the
 *    pages before: nothing is moved, nothing left behind;
 * 2. `pain_points` (the entries of rounds still open, however many sessions) and the inbox are written
 *    again as fresh tables and the old ones dropped: secure_delete zeroes every page a drop frees, so no
 *    gap of a rebuilt page survives. This costs the open entries, not every entry in the file
 *    (`bench/scrub-stall.ts`, docs/benchmarks.md).
 *
 * A round whose entries are still in `pain_points` when the store opens (the server stopped between a
 * close and its scrub, or a file from before this table) is moved on open.
 */
const COLUMNS = 'session_id, round_id, id, text, theme_id, stage, hidden, merged_into, support, answered';

/**
 * Moves one closed round's entries to the closed table and rebuilds the open ones. In a transaction. A
 * round without entries (a vote, or a pain-point round nobody wrote in) left no page to clear: nothing
 * is rebuilt for it.
 */
export function closeEntries(db: Database.Database, sessionId: string, roundId: string): void {
  const moved = db.prepare(MOVE_CLOSED_ENTRIES).run(sessionId, roundId).changes;
  if (moved === 0) return;
  db.prepare(DELETE_MOVED_ENTRIES).run(sessionId, roundId);
  rebuildOpenEntries(db);
}

/** A closed round's entries (session, round) appended to the closed table in id order; the same on PostgreSQL. */
export const MOVE_CLOSED_ENTRIES = `INSERT INTO closed_pain_points (${COLUMNS}) SELECT ${COLUMNS} FROM pain_points
       WHERE session_id = ? AND round_id = ? ORDER BY id`;
export const DELETE_MOVED_ENTRIES = 'DELETE FROM pain_points WHERE session_id = ? AND round_id = ?';
/** Rounds that are closed but whose entries are still among the open ones. */
export const LEFT_ENTRIES = `SELECT DISTINCT p.session_id, p.round_id FROM pain_points p
       JOIN rounds r ON r.session_id = p.session_id AND r.id = p.round_id WHERE r.status = 'closed'
       ORDER BY p.session_id, p.round_id`;

/** On open: moves the entries of rounds that are closed but still in `pain_points`. In a transaction. */
export function closeLeftEntries(db: Database.Database): void {
  const left = db.prepare(LEFT_ENTRIES).all() as { session_id: string; round_id: string }[];
  for (const round of left) closeEntries(db, round.session_id, round.round_id);
}

function rebuildOpenEntries(db: Database.Database): void {
  rebuildTable(db, 'pain_points');
  rebuildTable(db, 'pain_point_inbox');
}

/**
 * Writes `table` again as a fresh b-tree in primary-key order and drops the old one (its pages zeroed as
 * they are freed). Its `CREATE` statement and indexes come from the schema, so a column added later
 * comes along. Nothing may reference the table by a foreign key (the drop would cascade).
 */
function rebuildTable(db: Database.Database, table: string): void {
  const objects = db
    .prepare('SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL')
    .all(table) as { type: string; sql: string }[];
  const head = /^CREATE TABLE\s+("?)(\w+)\1/;
  const create = objects.find((o) => o.type === 'table');
  if (create?.sql.match(head)?.[2] !== table) throw new Error(`unexpected schema for ${table}`);
  const rebuilt = `${table}__rebuilt`;
  db.exec(create.sql.replace(head, `CREATE TABLE "${rebuilt}"`));
  db.exec(`INSERT INTO "${rebuilt}" SELECT * FROM "${table}"`);
  db.exec(`DROP TABLE "${table}"`);
  db.exec(`ALTER TABLE "${rebuilt}" RENAME TO "${table}"`);
  for (const index of objects.filter((o) => o.type === 'index')) db.exec(index.sql);
}
