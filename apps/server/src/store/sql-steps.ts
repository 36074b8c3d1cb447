/**
 * What a store does, written once for both stores (SQLite and PostgreSQL): a generator yields SQL
 * statements (with `?` placeholders) one after the other and gets each one's rows back, so the same
 * steps run synchronously on better-sqlite3 (inside its transaction function) and with awaits on
 * PostgreSQL (pg-sql.ts turns `?` into `$1`, `$2`, …). No statement text may hold a `?` of its own.
 */
export interface SqlStep {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** What comes back: nothing (a write), the first row or undefined, or every row. */
  readonly rows: 'none' | 'get' | 'all';
}

/** A store operation as steps; `yield` gives back the step's row (`get`) or rows (`all`). */
export type SqlSteps<T = void> = Generator<SqlStep, T, unknown>;

export const run = (sql: string, ...params: unknown[]): SqlStep => ({ sql, params, rows: 'none' });
export const get = (sql: string, ...params: unknown[]): SqlStep => ({ sql, params, rows: 'get' });
export const all = (sql: string, ...params: unknown[]): SqlStep => ({ sql, params, rows: 'all' });
