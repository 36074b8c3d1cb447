/**
 * The two stores of the store contract test (store-contract.test.ts), each with a raw look at its tables
 * (not through the store): SQLite in a temporary folder, and PostgreSQL on a server started once per
 * test file (postgres.ts; `stopTestPostgres` in the file's afterAll).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DATABASE_FILE, openSqliteStore } from '../src/store/sqlite-store.ts';
import { PgStore } from '../src/store/pg-store.ts';
import type { SessionStore } from '../src/store/store.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';

/** A store under test, with a raw look at its tables (not through the store). */
export interface Backend {
  readonly store: SessionStore;
  /** Opens the same data again, as after a restart. */
  reopen(): Promise<SessionStore>;
  /** Every table's columns, as `table.column`, sorted. */
  columns(): Promise<string[]>;
  /** How many rows hold `text` in any column, over every table. */
  rowsHolding(text: string): Promise<number>;
  close(): Promise<void>;
}

export const sqliteBackend = async (): Promise<Backend> => {
  const dir = mkdtempSync(join(tmpdir(), 'vrijuit-contract-'));
  let store = openSqliteStore(dir);
  const raw = new Database(join(dir, DATABASE_FILE), { readonly: true });
  const tables = () =>
    (
      raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as {
        name: string;
      }[]
    ).map((t) => t.name);
  const columnsOf = (table: string) => (raw.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name);
  return {
    store,
    async reopen() {
      await store.close();
      return (store = openSqliteStore(dir));
    },
    async columns() {
      return tables()
        .flatMap((t) => columnsOf(t).map((c) => `${t}.${c}`))
        .sort();
    },
    async rowsHolding(text) {
      let n = 0;
      for (const table of tables()) {
        const where = columnsOf(table)
          .map((c) => `instr(CAST("${c}" AS TEXT), ?) > 0`)
          .join(' OR ');
        const params = columnsOf(table).map(() => text);
        n += (raw.prepare(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`).get(...params) as { n: number }).n;
      }
      return n;
    },
    async close() {
      raw.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

let server: TestPostgres | undefined;

/** This test file's PostgreSQL server, started on first use. */
export async function testPostgres(): Promise<TestPostgres> {
  return (server ??= await startPostgres());
}

/** Stops the server, if started; gives how long its start took (ms). */
export async function stopTestPostgres(): Promise<number | undefined> {
  const stopping = server;
  server = undefined;
  await stopping?.stop();
  for (const dir of keyringDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  return stopping?.startMs;
}

const keyringDirs: string[] = [];

/** A folder for a PgStore's round keys (AN25), removed with the test file's PostgreSQL. */
export function keyringDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vrijuit-keys-'));
  keyringDirs.push(dir);
  return dir;
}

export const postgresBackend = async (): Promise<Backend> => {
  const url = (await testPostgres()).url;
  const keys = { keyringDir: keyringDir() };
  let store = await PgStore.open(url, keys);
  const raw = new pg.Client(url);
  raw.on('error', () => {});
  await raw.connect();
  const columnRows = async () =>
    (
      await raw.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name <> 'vrijuit_schema'`,
      )
    ).rows;
  return {
    store,
    async reopen() {
      await store.close();
      return (store = await PgStore.open(url, keys));
    },
    async columns() {
      return (await columnRows()).map((c) => `${c.table_name}.${c.column_name}`).sort();
    },
    async rowsHolding(text) {
      const byTable = new Map<string, string[]>();
      for (const c of await columnRows())
        byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
      let n = 0;
      for (const [table, columns] of byTable) {
        const where = columns.map((c) => `strpos("${c}"::text, $1) > 0`).join(' OR ');
        n += Number((await raw.query(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`, [text])).rows[0].n);
      }
      return n;
    },
    async close() {
      await raw.end();
      await store.close();
    },
  };
};
