/**
 * The integration test files whose servers do not follow VRIJUIT_TEST_STORE: they start no test server
 * (pure checks, child processes of their own) or start them on a store they name (PostgreSQL of their own,
 * or `startServer({ store: 'postgres' })`). The PostgreSQL run (`pnpm test:postgres`,
 * vitest.postgres.config.ts) leaves them out: they would only run a second time, as they do in the main
 * run. store-independent.test.ts checks that each still names no server that follows the setting.
 */
export const STORE_INDEPENDENT_FILES = [
  'anonymity-pg.test.ts',
  'batches-property.test.ts',
  'cluster-redis.test.ts',
  'deploy-cluster.test.ts',
  'export-renderer.test.ts',
  'failover-postgres.test.ts',
  'known-commands.test.ts',
  'pain-points-audit.test.ts',
  'pg-durability.test.ts',
  'placement.test.ts',
  'process-postgres.test.ts',
  'process.test.ts',
  'round-timers-postgres.test.ts',
  'shared-guards-postgres.test.ts',
  'sqlite-checkpointer.test.ts',
  'store-contract-accounts-texts.test.ts',
  'store-contract.test.ts',
  'text-snapshot.test.ts',
  'yjs-fence.test.ts',
  'yjs-write-behind.test.ts',
] as const;
