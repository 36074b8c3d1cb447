import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../apps/server/src/log.ts';
import { createServer } from '../apps/server/src/server.ts';
import { openSqliteStore, type SqliteStore } from '../apps/server/src/store/sqlite-store.ts';
import { addBenchAccount, BENCH_ACCOUNT } from './account.ts';
import { BENCH_RELEASE_SECOND_MS } from './ipc.ts';

/**
 * The real Vrijuit server for a benchmark child (bench/vrijuit-server.ts, bench/export-server.ts): a
 * fresh temporary data directory, port 0 on 127.0.0.1, silent log, no web app, the bench account added.
 * `wrap` may lay something over the store (the P5 session). `at` gives a data directory (kept on close;
 * the account added only if missing) and a port (bench/restart-server.ts: a restart on the same data).
 */

export async function benchServer(
  wrap: (store: SqliteStore) => SqliteStore = (store) => store,
  at: { dataDir: string; port: number } | null = null,
) {
  const dataDir = at?.dataDir ?? mkdtempSync(join(tmpdir(), 'vrijuit-bench-'));
  const store = openSqliteStore(dataDir);
  const server = createServer({
    config: { port: at?.port ?? 0, host: '127.0.0.1', allowedOrigins: [] },
    store: wrap(store),
    log: createLogger('silent'),
    releaseSecondMs: BENCH_RELEASE_SECOND_MS,
    // Every simulated phone connects from 127.0.0.1; in a real room they come from many addresses. The
    // benchmarks measure capacity, so the per-address limit on new joins (core DO6) is lifted here.
    joinLimits: { burst: Number.MAX_SAFE_INTEGER, perMinute: Number.MAX_SAFE_INTEGER },
  });
  if (!at || (await store.accounts.byEmail(BENCH_ACCOUNT.email)) === null) await addBenchAccount(store);
  const { port } = await server.listen();
  return {
    port,
    dataDir,
    close: async () => {
      try {
        await server.close();
        await store.close();
      } finally {
        if (!at) rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
