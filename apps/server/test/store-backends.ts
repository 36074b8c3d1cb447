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
import { DATABASE_FILE, openSqliteStore, type SqliteStore } from '../src/store/sqlite-store.ts';
import { PgStore } from '../src/store/pg-store.ts';
import { sqliteSteps } from '../src/store/sqlite-steps.ts';
import type { ServerStore } from '../src/store/store.ts';
import type { YjsLog } from '../src/store/yjs-store.ts';
import { sessionYjsReads } from '../src/store/yjs-sql.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';

/** A store under test, with a raw look at its tables (not through the store). */
export interface Backend {
  readonly store: ServerStore;
  /** The store's Yjs log, awaited (SQLite's synchronous one behind promises). */
  yjsLog(): YjsLog;
  /** Opens the same data again, as after a restart. */
  reopen(): Promise<ServerStore>;
  /**
   * PostgreSQL only (null on SQLite, whose writes are synchronous): holds other writers of the accounts
   * table until `release`; `waiting(n)` resolves once n other connections wait for a lock.
   */
  holdAccounts(): Promise<{ waiting(n: number): Promise<void>; release(): Promise<void> } | null>;
  /** Every table's columns, as `table.column`, sorted. */
  columns(): Promise<string[]>;
  /** How many rows hold `text` in any column, over every table. */
  rowsHolding(text: string): Promise<number>;
  /** PostgreSQL: the cells that name or describe someone are sealed with the session's key (LC7, AN27). */
  readonly sealsCells: boolean;
  /** PostgreSQL: the folder of its keyring (round and session keys); null on SQLite. */
  readonly keyringDir: string | null;
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
  const readSteps = sqliteSteps(raw).steps;
  return {
    sealsCells: false,
    keyringDir: null,
    get store() {
      return store;
    },
    yjsLog: () => sqliteYjsLog(store, (sessionId) => readSteps(sessionYjsReads(sessionId))),
    holdAccounts: async () => null,
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
    sealsCells: true,
    keyringDir: keys.keyringDir,
    get store() {
      return store;
    },
    yjsLog: () => store.yjs,
    async holdAccounts() {
      const holder = new pg.Client(url);
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE');
      return {
        async waiting(n) {
          for (;;) {
            const { rows } = await raw.query<{ n: string }>(
              `SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
            );
            if (Number(rows[0]!.n) >= n) return;
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        },
        async release() {
          await holder.query('COMMIT');
          await holder.end();
        },
      };
    },
    async reopen() {
      await store.close();
      return (store = await PgStore.open(url, keys));
    },
    async columns() {
      // The lease and shared-limit tables are PostgreSQL's own (several processes, PL1-PL5, SG1-SG3), not
      // part of the shared schema.
      const own = ['session_leases', 'guard_counts', 'guard_salt'];
      return (await columnRows())
        .filter((c) => !own.includes(c.table_name))
        .map((c) => `${c.table_name}.${c.column_name}`)
        .sort();
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

/** SQLite's synchronous Yjs log (the server's own, yjs-store.ts) as the awaited YjsLog of the contract. */
function sqliteYjsLog(store: SqliteStore, sessionYjs: (sessionId: string) => Map<string, Uint8Array[]>): YjsLog {
  return {
    sessionYjs: async (sessionId) => sessionYjs(sessionId),
    yjsUpdates: async (sessionId, docName) => store.yjsUpdates(sessionId, docName),
    writeYjs: async (sessionId, docName, { compact, updates }) => {
      if (compact) store.compactYjs(sessionId, docName, compact);
      let count = compact ? 1 : store.yjsUpdates(sessionId, docName).length;
      for (const update of updates) count = store.appendYjsUpdate(sessionId, docName, update);
      return count;
    },
    textVersionData: async (sessionId, roundId, versionId) => store.textVersionData(sessionId, roundId, versionId),
  };
}
