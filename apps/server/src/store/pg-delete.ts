import { insertCommand } from './event-writes.ts';
import { all, run, type SqlSteps } from './sql-steps.ts';
import type { CommandRecord } from './store.ts';

/**
 * LC7 on PostgreSQL, as sqlite-delete.ts's deleteRows: every table with a `session_id` column (found from
 * the catalog, so a table added later is not forgotten) loses the session's rows, the command log its
 * scope and the `session:create` record naming it; the delete's own record is written in the same
 * transaction. The deleted rows stay as dead tuples until VACUUM, and in the WAL segments until they are
 * recycled, sealed with the session's key (sealed-cells.ts), which PgStore destroys after this (AN27).
 */
export function* deleteSessionRows(sessionId: string, command: CommandRecord): SqlSteps {
  const tables = (yield all(
    `SELECT table_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND column_name = 'session_id' ORDER BY table_name`,
  )) as { table_name: string }[];
  for (const { table_name } of tables) yield run(`DELETE FROM "${table_name}" WHERE session_id = ?`, sessionId);
  yield run('DELETE FROM commands WHERE scope = ?', sessionId);
  // Every stored result is JSON text (event-writes.ts's insertCommand).
  // Only the global records are JSON text here (a session's are sealed: LC7); CASE reads none of the others.
  yield run(
    `DELETE FROM commands WHERE (CASE WHEN scope = 'global' THEN result::json #>> '{value,sessionId}' END) = ?`,
    sessionId,
  );
  yield run('DELETE FROM sessions WHERE id = ?', sessionId);
  yield insertCommand(command);
}
