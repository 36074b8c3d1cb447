import { defineConfig } from 'vitest/config';
import { STORE_INDEPENDENT_FILES } from './apps/server/test/store-independent.ts';

/**
 * `pnpm test:postgres [files…]`: every integration test of the server (apps/server/test) against
 * PostgreSQL instead of SQLite (issue 18). One PostgreSQL for the run, with a migrated template database
 * (apps/server/test/postgres-setup.ts); each test server gets a database of its own, copied from it
 * (apps/server/test/test-store.ts). The tests that read SQLite's files skip themselves here, each naming its
 * PostgreSQL counterpart. The files whose servers do not follow the setting (no test server, or a store
 * of their own: test/store-independent.ts) are left out; the main run has them. `npm test`
 * (scripts/test.mjs) runs it after the main vitest run (SPEC DB13).
 */
export default defineConfig({
  test: {
    name: 'server-postgres',
    root: './apps/server',
    include: ['test/**/*.test.ts'],
    exclude: STORE_INDEPENDENT_FILES.map((file) => `test/${file}`),
    globalSetup: ['./test/postgres-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
