import { afterAll, describe, expect, it } from 'vitest';
import { ServerProcess } from '../../../tests/e2e/server-process.ts';
import { closeAllClients, openRound, openTextRound, setUpWorkshop, type TestClient } from './helpers.ts';
import { stopTestPostgres, testPostgres } from './store-backends.ts';
import { BURST_OPTIONS, expectNoVoteLost, lastConfirmed, startBurst } from './vote-burst.ts';
import { destroyProviders, synced, until, yjsProvider } from './yjs-clients.ts';

/**
 * DB11: the server process (main.ts) on PostgreSQL, with DATABASE_URL: a kill -9 in a vote burst loses
 * no acknowledged vote, and a co-edited text survives it. A real PostgreSQL this file starts
 * (postgres.ts), a database for each server.
 */

const PHONES = 30;

const servers: ServerProcess[] = [];
afterAll(async () => {
  destroyProviders();
  closeAllClients();
  for (const server of servers) await server.stop();
  await stopTestPostgres();
});

async function onPostgres(name: string): Promise<ServerProcess> {
  const url = await (await testPostgres()).createDatabase(name);
  const server = new ServerProcess({ env: { DATABASE_URL: url } });
  servers.push(server);
  return server;
}

const reconnected = (clients: TestClient[], before: number[]) =>
  Promise.all(clients.map((c, i) => c.connected(before[i]! + 1, 15_000)));

describe('DB11 the server on PostgreSQL (DATABASE_URL)', () => {
  it('DB11 PR1 R3 it says at the start where the keyring is; after kill -9 in a vote burst and a restart every acknowledged vote is there, counted once, and the text every editor had', async () => {
    const server = await onPostgres('burst');
    await server.start();
    expect(server.output).toMatch(/Store: PostgreSQL; keyring in \/\S+\n.*out of backups/);
    const workshop = await setUpWorkshop(server.url, PHONES);
    const text = await openTextRound(workshop.facilitator);
    const room = `${workshop.sessionId}/${text.plenary}`;
    const wsUrl = server.url.replace(/^http/, 'ws');
    const a = yjsProvider(wsUrl, room, { cookie: workshop.cookie });
    const b = yjsProvider(wsUrl, room, workshop.phones[0]!.token);
    await Promise.all([synced(a), synced(b)]);
    a.doc.getText('t').insert(0, 'samen geschreven');
    await until(() => b.doc.getText('t').toString() === 'samen geschreven', 10_000);

    const roundId = await openRound(workshop.facilitator, { options: [...BURST_OPTIONS] });
    const clients = [workshop.facilitator, ...workshop.phones.map((p) => p.client)];
    const connects = clients.map((c) => c.connects);
    const burst = startBurst(workshop.phones, roundId);
    await burst.acked((PHONES * BURST_OPTIONS.length) / 3);
    await server.kill();
    const sent = await burst.done;
    const confirmed = sent.map(lastConfirmed);
    expect(confirmed.some((c) => c >= 0)).toBe(true);
    destroyProviders();

    await server.start();
    await reconnected(clients, connects);
    await expectNoVoteLost(workshop, roundId, sent, confirmed);
    const fresh = yjsProvider(wsUrl, room, { cookie: workshop.cookie });
    expect(await synced(fresh, () => fresh.doc.getText('t').toString())).toBe('samen geschreven');
  }, 120_000);
});
