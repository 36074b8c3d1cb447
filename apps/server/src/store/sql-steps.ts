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

/**
 * LC7, AN27: a cell that names or describes someone, marked where the statement is written. SQLite stores
 * it as it is (secure_delete erases it with its row); PostgreSQL, whose files keep deleted rows, stores it
 * sealed with the session's key (sealed-cells.ts). `lookup`: sealed the same each time, so an equality
 * (a key, a `WHERE … = ?`) still finds it.
 */
export class Sealed {
  constructor(
    readonly value: string | Buffer,
    readonly lookup: boolean,
  ) {}
}

/** A cell to seal on PostgreSQL; null stays null. */
export const sealed = <T extends string | Buffer | null>(value: T): Sealed | Extract<T, null> =>
  (value === null ? null : new Sealed(value, false)) as Sealed | Extract<T, null>;

/** A sealed cell that is looked up by equality (the same value seals the same within its session). */
export const sealedKey = (value: string): Sealed => new Sealed(value, true);

/** The parameters as SQLite stores them: sealed cells in clear. Returns `params` itself when none is sealed. */
export function clearParams(params: readonly unknown[]): readonly unknown[] {
  for (const p of params) if (p instanceof Sealed) return params.map((q) => (q instanceof Sealed ? q.value : q));
  return params;
}
