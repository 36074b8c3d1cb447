import { defineConfig } from 'vitest/config';

/**
 * `pnpm test:postgres [files…]`: every integration test of the server (apps/server/test) against
 * PostgreSQL instead of SQLite (issue 18). One PostgreSQL for the run, with a migrated template database
 * (apps/server/test/postgres-setup.ts); each test server gets a database of its own, copied from it
 * (apps/server/test/test-store.ts). The tests that read SQLite's files skip themselves here, each naming its
 * PostgreSQL counterpart; files that start no test server run as on SQLite, and those that start their own
 * PostgreSQL run as in `npm test`. `npm test` (scripts/test.mjs) runs it after the main vitest run.
 */
export default defineConfig({
  test: {
    name: 'server-postgres',
    root: './apps/server',
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/postgres-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
