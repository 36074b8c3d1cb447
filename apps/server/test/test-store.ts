/**
 * Which store the integration tests' servers run on (helpers.ts's startServer): SQLite in the test's data
 * folder (the default), or with VRIJUIT_TEST_STORE=postgres a database of its own on the PostgreSQL that
 * the run started once (postgres-setup.ts, `pnpm test:postgres`), at VRIJUIT_TEST_POSTGRES_URL. A data
 * folder keeps its database across restarts and across servers started on the same folder.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PgStore } from '../src/store/pg-store.ts';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite-store.ts';

export const TEST_STORE = process.env.VRIJUIT_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** Each data folder's database on the test PostgreSQL, made on first use. */
const databases = new Map<string, Promise<string>>();

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
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const target = new URL(server);
      target.pathname = `/${name}`;
      return target.toString();
    })();
    databases.set(dataDir, url);
  }
  return url;
}

/**
 * The store a test server runs on. Typed as SqliteStore so the tests that look into SQLite compile
 * alike; on PostgreSQL it is a PgStore, and those tests fail there (docs/scale-out.md lists them).
 */
export async function openTestStore(dataDir: string): Promise<SqliteStore> {
  if (TEST_STORE === 'sqlite') return openSqliteStore(dataDir);
  return (await PgStore.open(await databaseFor(dataDir))) as unknown as SqliteStore;
}
