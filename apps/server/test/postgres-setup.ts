/**
 * Vitest's global setup for `pnpm test:postgres` (vitest.postgres.config.ts): one PostgreSQL for the whole
 * run (postgres.ts), its URL handed to the test files as VRIJUIT_TEST_POSTGRES_URL; stopped after the run.
 * It also makes the database every test server's own database is copied from (test-store.ts): migrated
 * once here, so a test server's start copies its files (CREATE DATABASE … TEMPLATE) instead of making
 * every table and index again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from './postgres.ts';
import { PgStore } from '../src/store/pg-store.ts';

export const TEMPLATE_DATABASE = 'vrijuit_template';

export default async function setup(): Promise<() => Promise<void>> {
  const server = await startPostgres(300);
  const started = performance.now();
  const template = new URL(server.url);
  template.pathname = `/${TEMPLATE_DATABASE}`;
  await server.createDatabase(TEMPLATE_DATABASE);
  const keyringDir = mkdtempSync(join(tmpdir(), 'vrijuit-template-'));
  try {
    await (await PgStore.open(template.toString(), { keyringDir })).close();
  } finally {
    rmSync(keyringDir, { recursive: true, force: true });
  }
  process.env.VRIJUIT_TEST_POSTGRES_URL = server.url;
  process.env.VRIJUIT_TEST_POSTGRES_TEMPLATE = template.toString();
  process.env.VRIJUIT_TEST_STORE = 'postgres';
  process.stdout.write(
    `PostgreSQL for the run (initdb and start): ${server.startMs} ms; template database: ${Math.round(performance.now() - started)} ms\n`,
  );
  return () => server.stop();
}
