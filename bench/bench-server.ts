import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../apps/server/src/log.ts';
import { createServer } from '../apps/server/src/server.ts';
import { openSqliteStore, type SqliteStore } from '../apps/server/src/store/sqlite-store.ts';
import { addBenchAccount } from './account.ts';
import { BENCH_RELEASE_SECOND_MS } from './ipc.ts';

/**
 * The real Vrijuit server for a benchmark child (bench/vrijuit-server.ts, bench/export-server.ts): a
 * fresh temporary data directory, port 0 on 127.0.0.1, silent log, no web app, the bench account added.
 * `wrap` may lay something over the store (the P5 session).
 */

export async function benchServer(wrap: (store: SqliteStore) => SqliteStore = (store) => store) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vrijuit-bench-'));
  const store = openSqliteStore(dataDir);
  const server = createServer({
    config: { port: 0, host: '127.0.0.1', allowedOrigins: [] },
    store: wrap(store),
    log: createLogger('silent'),
    releaseSecondMs: BENCH_RELEASE_SECOND_MS,
    // Every simulated phone connects from 127.0.0.1; in a real room they come from many addresses. The
    // benchmarks measure capacity, so the per-address limit on new joins (core DO6) is lifted here.
    joinLimits: { burst: Number.MAX_SAFE_INTEGER, perMinute: Number.MAX_SAFE_INTEGER },
  });
  await addBenchAccount(store);
  const { port } = await server.listen();
  return {
    port,
    dataDir,
    close: async () => {
      try {
        await server.close();
        await store.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
