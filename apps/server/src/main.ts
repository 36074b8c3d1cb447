import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RequestHandler } from 'express';
import { configFromEnv } from './config.ts';
import { lazyHandler, type Handler } from './lazy-handler.ts';
import { createLogger } from './log.ts';
import { createServer, HTTP_WARM_AFTER_MS } from './server.ts';
import { exitOnFatal, stopOnSignals } from './shutdown.ts';
import { ownerIdIn } from './store/pg-leases.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import type { ServerStore } from './store/store.ts';

/**
 * The only place that reads the environment and listens. `npm start` runs it built (dist/main.js, see
 * build.mjs) with node itself, so signals reach this process and nothing stands between it and the
 * supervisor; `pnpm dev` and the tests run the TypeScript source.
 */
const config = configFromEnv(process.env);
const log = createLogger(config.logLevel);
exitOnFatal(log);
// CL1-CL9 (REDIS_URL): linked to the other processes through Redis, loaded only then.
const cluster = config.cluster
  ? await (
      await import('./cluster/cluster-link.ts')
    ).openClusterLink(config.cluster.redisUrl, config.cluster.key, config.cluster.address, log)
  : null;
// DATABASE_URL (config.ts): PostgreSQL, loaded only then; otherwise SQLite in DATA_DIR.
const store: ServerStore = config.databaseUrl
  ? await (
      await import('./store/pg-store.ts')
    ).PgStore.open(config.databaseUrl, {
      // PL1-PL7: every process on PostgreSQL owns the sessions it works on, one at a time.
      // PL4: the same owner after a restart on this data folder, which takes its sessions back at once.
      leases: { ttlMs: config.sessionLeaseMs, owner: ownerIdIn(config.dataDir) },
      // AN25: the round keys' file stays on this machine, out of PostgreSQL.
      keyringDir: config.keyringDir,
      // CL9: an open round's key also waits in Redis, sealed, for a next owner on another machine.
      ...(cluster ? { keyShare: cluster.roundKeys } : {}),
    })
  : openSqliteStore(config.dataDir);

// Two folders up from src/main.ts and from dist/main.js alike.
const webHandlerPath = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));
// Issue 17, P7: the web app's handler (~0.2 s to import) is loaded after the port is open; a page asked for
// earlier waits for it. A failure to load it is a failure to start.
const web = existsSync(webHandlerPath)
  ? lazyHandler(async () => {
      const { handler } = (await import(pathToFileURL(webHandlerPath).href)) as { handler: RequestHandler };
      return handler as Handler;
    })
  : null;
if (!web) log.info('web app not built; serving the API only', { expected: webHandlerPath });

const server = createServer({ config, store, log, web: web?.handle ?? null, cluster });
const { url } = await server.listen();
// With PostgreSQL, the process's lease owner id (PL1): the name other processes and the lease table know it by.
log.info(
  'listening',
  config.databaseUrl ? { url, store: 'postgresql', process: store.leases?.owner } : { url, dataDir: config.dataDir },
);
// As the HTTP routes: loaded by the first page asked for, or shortly after listening (after a restart the
// phones' resumes come first).
setTimeout(() => {
  web?.load().catch((error: unknown) => {
    log.error('the web app failed to load; exiting', { error: String(error) });
    process.exit(1);
  });
}, HTTP_WARM_AFTER_MS).unref();
// AC6: on a first start (no account yet) the link that makes the first admin; it dies once used.
// Printed before the address line, which tests and scripts wait for.
const setupToken = await server.auth.setupToken();
if (setupToken) {
  process.stdout.write('\n  No account yet. Make the first admin with this one-time link:\n');
  process.stdout.write(`  ${url}/setup#${setupToken}\n`);
  process.stdout.write('  (or on the command line: pnpm admin add --email … --name …)\n');
}
process.stdout.write(`\n  Vrijuit is running at ${url}\n`);
// On PostgreSQL the keyring is what makes a deletion one (AN25, LC7): said at every start where it is.
if (config.databaseUrl) {
  process.stdout.write(`  Store: PostgreSQL; keyring in ${config.keyringDir}\n`);
  process.stdout.write('  (keep it with this machine and out of backups: docs/scale-out.md)\n');
}
// Phones in the room reach the laptop by its network address, not by "localhost".
if (config.host === '0.0.0.0' || config.host === '::') {
  const { port, protocol } = new URL(url);
  for (const nets of Object.values(networkInterfaces())) {
    for (const net of nets ?? []) {
      if (net.family === 'IPv4' && !net.internal)
        process.stdout.write(`  On this network:  ${protocol}//${net.address}:${port}\n`);
    }
  }
  // NE4: over plain http, facilitators sign in on this machine only (docs/deploy.md).
  if (protocol === 'http:' && !config.allowInsecureHttp)
    process.stdout.write('  Facilitators sign in on this machine; from elsewhere use https (docs/deploy.md).\n');
}
process.stdout.write('\n');

stopOnSignals(async () => {
  await server.close();
  await cluster?.close();
  await store.close();
}, log);
