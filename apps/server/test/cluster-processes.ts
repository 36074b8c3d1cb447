/**
 * Several real server processes (main.ts, as `npm start` runs them) on one throwaway PostgreSQL, as
 * docs/deploy.md "Several processes" runs them (TRUST_PROXY=loopback, a proxy in front on this machine),
 * and what the deploy tests read of them: each one's address and lease owner id, and a session's lease.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ServerProcess } from '../../../tests/e2e/server-process.ts';
import { newCommandId, type TestClient } from './helpers.ts';
import { stopTestPostgres, testPostgres } from './store-backends.ts';

/** The process at an upstream address (`127.0.0.1:<port>`), as a proxy names it. */
export const addressOf = (p: ServerProcess) => new URL(p.url).host;
/** Its lease owner id (PL4, kept in `lease-owner` of its data folder). */
export const ownerIdOf = (p: ServerProcess) => readFileSync(join(p.dataDir, 'lease-owner'), 'utf8').trim();

export interface Cluster {
  readonly processes: ServerProcess[];
  readonly databaseUrl: string;
  /** The session's lease row: its owner process's id and its fence, if it has one. */
  lease(sessionId: string): Promise<{ owner: string; fence: number } | undefined>;
  /** Stops the processes and PostgreSQL; removes their folders. */
  stop(): Promise<void>;
}

/** `count` processes on a new database `name`, sharing one round keys' folder, started one after the other. */
export async function startCluster(name: string, count = 2, logLevel: 'error' | 'info' = 'error'): Promise<Cluster> {
  const databaseUrl = await (await testPostgres()).createDatabase(name);
  const keyringDir = mkdtempSync(join(tmpdir(), `vrijuit-${name}-keys-`));
  const env = {
    DATABASE_URL: databaseUrl,
    KEYRING_DIR: keyringDir,
    TRUST_PROXY: 'loopback',
  };
  const processes: ServerProcess[] = [];
  const stop = async () => {
    for (const p of processes) await p.stop();
    await stopTestPostgres();
    rmSync(keyringDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i++) {
      const p = new ServerProcess({ env, logLevel });
      processes.push(p);
      await p.start();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    processes,
    databaseUrl,
    async lease(sessionId) {
      const db = new pg.Client(databaseUrl);
      await db.connect();
      try {
        const { rows } = await db.query<{ owner: string; fence: number }>(
          'SELECT owner, fence::int AS fence FROM session_leases WHERE session_id = $1',
          [sessionId],
        );
        return rows[0];
      } finally {
        await db.end();
      }
    },
    stop,
  };
}

export interface Placed {
  sessionId: string;
  joinCode: string;
  title: string;
  console: TestClient;
  /** The process holding its lease once the keyed console attached. */
  owner: ServerProcess;
  fence: number;
}

/**
 * A session made on `maker`, a connection that names no session (RT1), and attached on the console
 * `consoleFor(sessionId)` opens keyed to it: the maker's process lets it go at once (RT3), so the process
 * the console is routed to takes it without waiting for a lease (it would wait twice SESSION_LEASE_MS, then
 * fail: NOT_OWNER). Its id, code, console, and the process holding its lease then.
 */
export async function madeAndAttached(
  cluster: Cluster,
  maker: TestClient,
  consoleFor: (sessionId: string) => Promise<TestClient>,
  title: string,
): Promise<Placed> {
  const { sessionId, joinCode } = await maker.ok('session:create', {
    commandId: newCommandId(),
    title,
    zones: ['Noord', 'Zuid'],
  });
  const console = await consoleFor(sessionId);
  await console.ok('facilitator:attach', { sessionId });
  const held = await cluster.lease(sessionId);
  const owner = cluster.processes.find((p) => ownerIdOf(p) === held?.owner);
  if (!owner || !held) throw new Error(`no process holds the lease of ${sessionId}`);
  return { sessionId, joinCode, title, console, owner, fence: held.fence };
}
