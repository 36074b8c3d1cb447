/**
 * Issue 18 item 7: one Vrijuit process of a cluster as a benchmark child: PostgreSQL (with leases) and
 * Redis (the streams adapter and the command relay, CL1-CL6), as `main.ts` runs with DATABASE_URL and
 * REDIS_URL, on port 0 of 127.0.0.1, silent log, no web app. Started by bench/cluster-burst.ts, which
 * gives it in its environment: DATABASE_URL, REDIS_URL, CLUSTER_KEY (base64), KEYRING_DIR and
 * VRIJUIT_BENCH_OWNER (the process's lease owner id).
 */
import { createLogger } from '../apps/server/src/log.ts';
import { createServer } from '../apps/server/src/server.ts';
import { PgStore } from '../apps/server/src/store/pg-store.ts';
import { openClusterLink } from '../apps/server/src/cluster/cluster-link.ts';
import type { SqliteStore } from '../apps/server/src/store/sqlite-store.ts';
import { addBenchAccount, BENCH_ACCOUNT } from './account.ts';
import { serveBenchChild } from './ipc.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

await serveBenchChild('cluster', async () => {
  const log = createLogger('silent');
  const store = await PgStore.open(env('DATABASE_URL'), {
    leases: { ttlMs: 10_000, owner: env('VRIJUIT_BENCH_OWNER') },
    keyringDir: env('KEYRING_DIR'),
  });
  const cluster = await openClusterLink(env('REDIS_URL'), Buffer.from(env('CLUSTER_KEY'), 'base64'), null, log);
  const server = createServer({
    config: { port: 0, host: '127.0.0.1', allowedOrigins: [] },
    store,
    log,
    cluster,
    // As bench-server.ts: every simulated phone comes from 127.0.0.1, so the per-address join limit is lifted.
    joinLimits: { burst: Number.MAX_SAFE_INTEGER, perMinute: Number.MAX_SAFE_INTEGER },
  });
  // Two processes start on one database: the one that finds no account adds it, the other may race it.
  if ((await store.accounts.byEmail(BENCH_ACCOUNT.email)) === null)
    await addBenchAccount(store as unknown as SqliteStore).catch(() => undefined);
  const { port } = await server.listen();
  return {
    port,
    dataDir: null,
    close: async () => {
      await server.close();
      await cluster.close();
      await store.close();
    },
  };
});
