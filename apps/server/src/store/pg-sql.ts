import pg from 'pg';
import type { CellSeal } from './sealed-cells.ts';
import { Sealed, type SqlSteps } from './sql-steps.ts';

/** BIGINT (int8) columns come back as numbers, as from SQLite (epoch ms and counts stay below 2^53). */
const INT8 = 20;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary'
      ? Number
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * `idleInTransactionMs`: PostgreSQL ends a transaction its client left idle that long (PL2: a frozen owner
 * holding its lease row would otherwise keep every other process from taking the session over).
 */
export function openPool(connectionString: string, idleInTransactionMs?: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    types,
    max: 10,
    ...(idleInTransactionMs ? { idle_in_transaction_session_timeout: idleInTransactionMs } : {}),
  });
  // An idle connection the server ended (a restart, a shutdown) is dropped from the pool; the next query
  // opens another. Without a listener the error would end the process.
  pool.on('error', () => {});
  return pool;
}

/** The shared steps' `?` placeholders as PostgreSQL's `$1`, `$2`, …; each text prepared once per connection. */
const prepared = new Map<string, { name: string; text: string }>();
function statement(sql: string): { name: string; text: string } {
  let found = prepared.get(sql);
  if (!found) {
    let n = 0;
    found = { name: `vrijuit_${prepared.size + 1}`, text: sql.replace(/\?/g, () => `$${++n}`) };
    prepared.set(sql, found);
  }
  return found;
}

/** Without a session's seal: a cell marked sealed is never written in clear. */
const unsealed: CellSeal = {
  param: (value) => {
    if (value instanceof Sealed) throw new Error('a sealed cell without its session key');
    return value;
  },
  openRows: (rows) => rows,
};

/**
 * Runs a store operation's statements (sql-steps.ts) one after the other on `client`. `cells`: the
 * session's seal (sealed-cells.ts), which seals the cells marked sealed and opens the sealed cells read.
 */
export async function runSteps<T>(client: pg.ClientBase, steps: SqlSteps<T>, cells: CellSeal = unsealed): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    const { sql, params, rows } = next.value;
    const result = await client.query({ ...statement(sql), values: params.map((p) => cells.param(p)) });
    next = steps.next(
      rows === 'all' ? cells.openRows(result.rows) : rows === 'get' ? cells.openRows(result.rows)[0] : undefined,
    );
  }
  return next.value;
}

/** `work` inside one transaction on one connection: committed whole or rolled back whole. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // The server may end the connection while it is checked out (a restart; PL2: the idle-in-transaction
  // timeout of a process that was frozen): the query under way fails with it, and the connection is dropped.
  const lost = (error: Error) => (broken = error);
  client.on('error', lost);
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
    throw error;
  } finally {
    // A connection whose rollback failed, or that the server ended, is closed rather than handed out again.
    client.off('error', lost);
    client.release(broken);
  }
}

/** An operation's steps on one connection of the pool, outside any transaction of its own. */
export async function onPool<T>(pool: pg.Pool, steps: SqlSteps<T>, cells?: CellSeal): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const lost = (error: Error) => (broken = error);
  client.on('error', lost);
  try {
    return await runSteps(client, steps, cells);
  } finally {
    client.off('error', lost);
    client.release(broken);
  }
}
