import { defineConfig } from 'vitest/config';

/**
 * `pnpm test:postgres [files…]`: the server's integration tests against PostgreSQL instead of SQLite
 * (issue 18). One PostgreSQL for the run (apps/server/test/postgres-setup.ts); each test server gets a
 * database of its own (apps/server/test/test-store.ts). Without files: the set that passes on PostgreSQL
 * (docs/scale-out.md lists the others and why).
 */
export const POSTGRES_TEST_FILES = [
  'test/accounts-http.test.ts',
  'test/authorisation.test.ts',
  'test/flow.test.ts',
];

export default defineConfig({
  test: {
    name: 'server-postgres',
    root: './apps/server',
    include: process.argv.some((a) => a.endsWith('.test.ts')) ? ['test/**/*.test.ts'] : POSTGRES_TEST_FILES,
    globalSetup: ['./test/postgres-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
