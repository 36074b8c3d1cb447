/**
 * Which store the integration tests' servers run on (helpers.ts's startServer): SQLite in the test's data
 * folder (the default), or with VRIJUIT_TEST_STORE=postgres a database of its own on the PostgreSQL that
 * the run started once (postgres-setup.ts, `pnpm test:postgres`), at VRIJUIT_TEST_POSTGRES_URL. A data
 * folder keeps its database across restarts and across servers started on the same folder.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { querySync } from './pg-sync.ts';
import { postgresBin } from './postgres.ts';
import type { LeaseOptions } from '../src/store/pg-leases.ts';
import { PgStore } from '../src/store/pg-store.ts';
import { RoundKeyring, SESSION_KEY_SLOT } from '../src/store/round-keys.ts';
import { SessionSeal } from '../src/store/sealed-cells.ts';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite-store.ts';

export type TestStoreKind = 'sqlite' | 'postgres';
export const TEST_STORE: TestStoreKind = process.env.VRIJUIT_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** Each data folder's database on the test PostgreSQL, made on first use. */
const databases = new Map<string, Promise<string>>();
const made = new Map<string, string>();

/** The migrated template's name (VRIJUIT_TEST_POSTGRES_TEMPLATE, its URL) when it is on `server`. */
function templateOn(server: string): string | null {
  const template = process.env.VRIJUIT_TEST_POSTGRES_TEMPLATE;
  if (!template) return null;
  const url = new URL(template);
  return url.host === new URL(server).host ? url.pathname.slice(1) : null;
}

async function databaseFor(dataDir: string): Promise<string> {
  const server = process.env.VRIJUIT_TEST_POSTGRES_URL;
  if (!server) throw new Error('VRIJUIT_TEST_STORE=postgres needs VRIJUIT_TEST_POSTGRES_URL (run: pnpm test:postgres)');
  let url = databases.get(dataDir);
  if (!url) {
    url = (async () => {
      const name = `t_${randomBytes(8).toString('hex')}`;
      const admin = new pg.Client(server);
      await admin.connect();
      try {
        // A copy of the run's migrated template (postgres-setup.ts) when there is one; FILE_COPY copies its
        // files (a checkpoint, cheap without fsync) rather than writing them all to the WAL.
        // A test that starts a PostgreSQL of its own (anonymity-pg) has no template on it.
        const template = templateOn(server);
        await admin.query(
          template ? `CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY` : `CREATE DATABASE ${name}`,
        );
      } finally {
        await admin.end();
      }
      const target = new URL(server);
      target.pathname = `/${name}`;
      made.set(dataDir, target.toString());
      return target.toString();
    })();
    databases.set(dataDir, url);
  }
  return url;
}

/**
 * The store a test server runs on. Typed as SqliteStore so the tests that look into SQLite compile
 * alike; on PostgreSQL it is a PgStore (the tests that read SQLite's files skip themselves there:
 * docs/scale-out.md).
 */
export async function openTestStore(dataDir: string, kind = TEST_STORE, leases?: LeaseOptions): Promise<SqliteStore> {
  if (kind === 'sqlite') return openSqliteStore(dataDir);
  return (await PgStore.open(await databaseFor(dataDir), { keyringDir: dataDir, leases })) as unknown as SqliteStore;
}

/**
 * The PostgreSQL database a test server of the data folder holding `file` (its `dbFile`) runs on, or
 * null when it runs on SQLite: for the tests' raw looks at the store (helpers.ts's readDb and dumpDb).
 */
export function databaseOfFile(file: string): string | null {
  return made.get(dirname(file)) ?? null;
}

/**
 * Writes `sql` (statements without parameters, one transaction) into the store of the data folder holding
 * `file` (a test server's `dbFile`) while its server is down, as an older build or another tool would have
 * left it: into the SQLite file, or on PostgreSQL into the folder's database (psql).
 */
export function writeStoreSync(file: string, sql: string): void {
  const url = databaseOfFile(file);
  if (url) {
    execFileSync(`${postgresBin()}/psql`, [url, '-X', '-q', '-1', '-v', 'ON_ERROR_STOP=1'], {
      input: sql,
      stdio: 'pipe',
    });
    return;
  }
  const db = new Database(file);
  try {
    db.transaction(() => db.exec(sql))();
  } finally {
    db.close();
  }
}

/**
 * A read-only query on a test database, synchronously (pg-sync.ts), so the tests' synchronous raw looks run
 * on both stores: better-sqlite3's `?` placeholders (or `@name` ones, one object) become `$n`, and the rows
 * come back as JSON (integers as numbers, bytes as `\\x…` text), as PostgreSQL's json_agg writes them.
 */
export function queryPostgresSync(
  url: string,
  sql: string,
  params: readonly unknown[] = [],
): Record<string, unknown>[] {
  const named = params.length === 1 && typeof params[0] === 'object' && params[0] !== null;
  const values: unknown[] = [];
  const text = named
    ? sql.replace(/@([A-Za-z_]\w*)/g, (_, name: string) => {
        values.push((params[0] as Record<string, unknown>)[name]);
        return `$${values.length}`;
      })
    : sql.replace(/\?/g, () => {
        values.push(params[values.length]);
        return `$${values.length}`;
      });
  // Parameters go as text (PostgreSQL casts them to the column's type), as better-sqlite3 binds them.
  const asText = values.map((v) => (v === null || v === undefined ? null : String(v)));
  const [row] = querySync(url, `SELECT coalesce(json_agg(t), '[]') AS rows FROM (${text}) t`, asText);
  return openSealed(url, row!.rows as Record<string, unknown>[]);
}

/**
 * LC7, AN27: the rows as the test server's store reads them, its sealed cells opened with the session keys
 * in its keyring (its data folder), so the raw looks see what SQLite stores in clear. A cell no key opens
 * (its session's key destroyed) stays sealed. Bytes come as json_agg's `\\x…` text.
 */
function openSealed(url: string, rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const dataDir = [...made].find(([, u]) => u === url)?.[0];
  if (!dataDir) return rows;
  const ring = RoundKeyring.open(dataDir);
  let seals: SessionSeal[];
  try {
    seals = ring
      .rounds()
      .filter((r) => r.roundId === SESSION_KEY_SLOT)
      .map((r) => new SessionSeal(Buffer.from(ring.key(r.sessionId, SESSION_KEY_SLOT)!), r.sessionId));
  } finally {
    ring.close();
  }
  const open = (value: unknown): unknown => {
    const bytes = typeof value === 'string' && value.startsWith('\\x') ? Buffer.from(value.slice(2), 'hex') : null;
    const sealed = bytes ?? value;
    if (!SessionSeal.isSealed(sealed)) return value;
    for (const seal of seals) {
      try {
        const opened = seal.open(sealed);
        return Buffer.isBuffer(opened) ? `\\x${opened.toString('hex')}` : opened;
      } catch {
        // another session's key
      }
    }
    return value;
  };
  for (const row of rows) for (const column in row) row[column] = open(row[column]);
  return rows;
}

/** Each test database's tables, read once: its schema is the store's, made when the store opened it. */
const tableLists = new Map<string, { name: string; columns: number }[]>();

function tablesOf(url: string): { name: string; columns: number }[] {
  let tables = tableLists.get(url);
  if (!tables) {
    tables = queryPostgresSync(
      url,
      `SELECT table_name AS name, count(*) AS columns FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name <> 'vrijuit_schema' GROUP BY table_name ORDER BY table_name`,
    ) as { name: string; columns: number }[];
    tableLists.set(url, tables);
  }
  return tables;
}

/** Every table of a test database but `leaveOut`, each table's rows in key order (helpers.ts's dumpDb), in one query. */
export function dumpPostgresSync(url: string, leaveOut: readonly string[]): Record<string, unknown[]> {
  const tables = tablesOf(url).filter((t) => !leaveOut.includes(t.name));
  const parts = tables.map(
    ({ name, columns }) =>
      `'${name}', (SELECT coalesce(json_agg(r), '[]') FROM (SELECT * FROM "${name}" ORDER BY ${columns > 2 ? '1, 2, 3' : '1, 2'}) r)`,
  );
  const [dump] = querySync(url, `SELECT json_build_object(${parts.join(', ')}) AS dump`) as {
    dump: Record<string, Record<string, unknown>[]>;
  }[];
  for (const rows of Object.values(dump!.dump)) openSealed(url, rows);
  return dump!.dump;
}
