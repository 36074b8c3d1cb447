import type Database from 'better-sqlite3';
import { clearParams, type SqlSteps } from './sql-steps.ts';

/** Runs a store operation's statements (sql-steps.ts) at once on SQLite, each a prepared statement. */
export type SqliteSteps = <T>(steps: SqlSteps<T>) => T;

/** A runner over `db` whose statements are compiled once and reused (the vote path runs one per ballot). */
export function sqliteSteps(db: Database.Database): { steps: SqliteSteps; stmt: (sql: string) => Database.Statement } {
  const statements = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const steps = <T>(operation: SqlSteps<T>): T => {
    let next = operation.next();
    while (!next.done) {
      const { sql, rows } = next.value;
      const params = clearParams(next.value.params);
      const statement = stmt(sql);
      next = operation.next(
        rows === 'all'
          ? statement.all(...params)
          : rows === 'get'
            ? statement.get(...params)
            : statement.run(...params),
      );
    }
    return next.value;
  };
  return { steps, stmt };
}
