/**
 * The real Vrijuit server (socket.io, handlers, session hub, SQLite store) as a benchmark child:
 * a fresh temporary data directory, port 0 on 127.0.0.1, silent log, no web app.
 * Started by bench/vote-burst.ts; by hand: `pnpm exec tsx bench/vrijuit-server.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../apps/server/src/log.ts';
import { createServer } from '../apps/server/src/server.ts';
import { openSqliteStore } from '../apps/server/src/store/sqlite-store.ts';
import { serveBenchChild } from './ipc.ts';
import { addBenchAccount } from './account.ts';

await serveBenchChild('vrijuit', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vrijuit-bench-'));
  const store = openSqliteStore(dataDir);
  const server = createServer({
    config: { port: 0, host: '127.0.0.1', allowedOrigins: [] },
    store,
    log: createLogger('silent'),
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
});
