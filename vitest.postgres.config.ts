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
  'test/bad-input.test.ts',
  'test/design.test.ts',
  'test/door.test.ts',
  'test/flow.test.ts',
  'test/fuzz-commands.test.ts',
  'test/fuzz-yjs.test.ts',
  'test/http.test.ts',
  'test/idempotency.test.ts',
  'test/join-page-lookup.test.ts',
  'test/kinds.test.ts',
  'test/lifecycle.test.ts',
  'test/lockouts.test.ts',
  'test/network.test.ts',
  'test/paper.test.ts',
  'test/plain-language.test.ts',
  'test/questions.test.ts',
  'test/restart.test.ts',
  'test/roles.test.ts',
  'test/round-control.test.ts',
  'test/steering.test.ts',
  'test/stop.test.ts',
  'test/templates-http.test.ts',
  'test/text-gather.test.ts',
  'test/yjs.test.ts',
  'test/yjs-limits.test.ts',
  'test/yjs-persistence.test.ts',
  'test/yjs-tickets.test.ts',
  'test/yjs-write-behind.test.ts',
];

/** Whether the command line names files or folders (vitest's filters) after `run`. */
function filtersGiven(): boolean {
  const args = process.argv.slice(process.argv.indexOf('run') + 1);
  return args.some((arg, i) => !arg.startsWith('-') && !args[i - 1]?.startsWith('--config'));
}

export default defineConfig({
  test: {
    name: 'server-postgres',
    root: './apps/server',
    // Files or folders named on the command line choose among all the server's tests; none: the passing set.
    include: filtersGiven() ? ['test/**/*.test.ts', 'src/**/*.test.ts'] : POSTGRES_TEST_FILES,
    globalSetup: ['./test/postgres-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
