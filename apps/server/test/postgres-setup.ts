/**
 * Vitest's global setup for `pnpm test:postgres` (vitest.postgres.config.ts): one PostgreSQL for the whole
 * run (postgres.ts), its URL handed to the test files as VRIJUIT_TEST_POSTGRES_URL; stopped after the run.
 */
import { startPostgres } from './postgres.ts';

export default async function setup(): Promise<() => Promise<void>> {
  const server = await startPostgres(300);
  process.env.VRIJUIT_TEST_POSTGRES_URL = server.url;
  process.env.VRIJUIT_TEST_STORE = 'postgres';
  process.stdout.write(`PostgreSQL for the run (initdb and start): ${server.startMs} ms\n`);
  return () => server.stop();
}
