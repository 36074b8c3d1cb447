import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerProcess } from '../../../tests/e2e/server-process.ts';
import { closeAllClients, openRound, setUpWorkshop, type TestClient } from './helpers.ts';
import { stopTestPostgres, testPostgres } from './store-backends.ts';
import { TcpRouter } from './tcp-router.ts';
import { BURST_OPTIONS, expectNoVoteLost, lastConfirmed, startBurst } from './vote-burst.ts';
import { until } from './yjs-clients.ts';

/**
 * PL8: two server processes (main.ts) on one real PostgreSQL behind a router: the owner of a session is
 * killed (-9), or frozen (SIGSTOP), in a vote burst; the router sends the reconnecting phones and console to
 * the other process, which takes the session over once the owner's lease ran out (SESSION_LEASE_MS) and
 * serves it on: no acknowledged vote lost, none counted twice; a frozen owner that wakes up finds the
 * session gone and writes nothing to it.
 */

const PHONES = 30;
const LEASE_MS = 2000;

const servers: ServerProcess[] = [];
let router: TcpRouter | undefined;
afterAll(async () => {
  closeAllClients();
  await router?.close();
  for (const server of servers) await server.stop();
  await stopTestPostgres();
});

const reconnected = (clients: TestClient[], before: number[]) =>
  Promise.all(clients.map((c, i) => c.connected(before[i]! + 1, 20_000)));

/** Two processes on one new database, the router in front of the first; the lease row's reader. */
async function twoProcesses(name: string) {
  const url = await (await testPostgres()).createDatabase(name);
  // One machine: the processes share the round keys' folder, so the standby can read an open round (AN25).
  const keyringDir = mkdtempSync(join(tmpdir(), 'vrijuit-failover-keys-'));
  const env = {
    DATABASE_URL: url,
    SESSION_LEASE_MS: String(LEASE_MS),
    KEYRING_DIR: keyringDir,
  };
  const owner = new ServerProcess({ env, logLevel: 'info' });
  const standby = new ServerProcess({ env });
  servers.push(owner, standby);
  await owner.start();
  await standby.start();
  await router?.close();
  router = new TcpRouter(Number(new URL(owner.url).port));
  await router.listen();
  const lease = async (sessionId: string) => {
    const client = new pg.Client(url);
    await client.connect();
    try {
      const { rows } = await client.query('SELECT fence::int AS fence FROM session_leases WHERE session_id = $1', [
        sessionId,
      ]);
      return rows[0] as { fence: number } | undefined;
    } finally {
      await client.end();
    }
  };
  return { owner, standby, router, lease };
}

/** A workshop through the router, its round open, and a vote burst a third acknowledged. */
async function burstUnderWay(router: TcpRouter) {
  const workshop = await setUpWorkshop(router.url, PHONES);
  const roundId = await openRound(workshop.facilitator, { options: [...BURST_OPTIONS] });
  const clients = [workshop.facilitator, ...workshop.phones.map((p) => p.client)];
  const connects = clients.map((c) => c.connects);
  const burst = startBurst(workshop.phones, roundId);
  await burst.acked((PHONES * BURST_OPTIONS.length) / 3);
  return { workshop, roundId, clients, connects, burst };
}

describe('PL8 failover between two processes on PostgreSQL', () => {
  it('PL8 PL6 R1 kill -9 of the owner in a vote burst: the other process takes the session over after its lease; every acknowledged vote is there, counted once', async () => {
    const { owner, standby, router, lease } = await twoProcesses('failover');
    const { workshop, roundId, clients, connects, burst } = await burstUnderWay(router);
    const held = (await lease(workshop.sessionId))!.fence;
    router.routeTo(Number(new URL(standby.url).port));
    const killedAt = Date.now();
    await owner.kill();
    const sent = await burst.done;
    const confirmed = sent.map(lastConfirmed);
    expect(confirmed.some((c) => c >= 0)).toBe(true);

    await reconnected(clients, connects);
    // The phones resume on the standby, which waited for the dead owner's lease to run out.
    await expectNoVoteLost(workshop, roundId, sent, confirmed);
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(LEASE_MS / 2);
    // Taken over once: the standby's fence is one above the dead owner's.
    expect(await lease(workshop.sessionId)).toEqual({ fence: held + 1 });
    expect(standby.output).not.toMatch(/"level":"error"/);
  }, 120_000);

  it('PL8 PL7 PL2 a frozen owner (SIGSTOP) loses the session to the other process; woken, it drops it and nothing it held is written twice', async () => {
    const { owner, standby, router, lease } = await twoProcesses('frozen');
    const { workshop, roundId, clients, connects, burst } = await burstUnderWay(router);
    const held = (await lease(workshop.sessionId))!.fence;
    process.kill(owner.pid!, 'SIGSTOP');
    // The router gives up on the frozen upstream: its clients reconnect, to the standby.
    router.routeTo(Number(new URL(standby.url).port), true);
    const sent = await burst.done;
    const confirmed = sent.map(lastConfirmed);
    await reconnected(clients, connects);
    // The standby took the session over once the frozen owner's lease ran out.
    await until(() => workshop.phones.every((p) => p.client.connects > 1), 20_000);
    await workshop.facilitator.ok('facilitator:attach', { sessionId: workshop.sessionId });
    expect(await lease(workshop.sessionId)).toEqual({ fence: held + 1 });
    // Woken, the old owner finds the session moved (at its next renewal, or by its in-flight write that
    // the fence refuses) and lets it go, writing nothing more to it.
    process.kill(owner.pid!, 'SIGCONT');
    await until(() => owner.output.includes('session taken over by another process'), 10_000);
    expect(await lease(workshop.sessionId)).toEqual({ fence: held + 1 });
    // Its transaction that PostgreSQL ended while it was frozen failed a write; the process lives on.
    expect(owner.output).not.toContain('uncaught exception');
    expect(() => process.kill(owner.pid!, 0)).not.toThrow();
    // What the standby serves is every acknowledged vote, exactly once (closed and counted).
    await expectNoVoteLost(workshop, roundId, sent, confirmed);
  }, 120_000);
});
