import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, ServerProcess } from '../../../tests/e2e/server-process.ts';
import { closeAllClients, openRound, openTextRound, setUpWorkshop, type TestClient } from './helpers.ts';
import { destroyProviders, synced, until, yjsProvider } from './yjs-clients.ts';
import { BURST_OPTIONS, expectNoVoteLost, lastConfirmed, startBurst, type PhoneVotes } from './vote-burst.ts';

/**
 * The server as `npm start` runs it (the built JavaScript, node itself, no tsx between it and the signal),
 * as a child process: killed with SIGKILL, or stopped with SIGTERM, in the middle of a vote burst.
 */

const PHONES = 40;

beforeAll(buildServer, 60_000);

/** Waits until every client has connected once more than `before` says (socket.io-client reconnects itself). */
const reconnected = (clients: TestClient[], before: number[]) =>
  Promise.all(clients.map((c, i) => c.connected(before[i]! + 1, 15_000)));

describe('PR1 PR2 the server process in a vote burst', () => {
  const servers: ServerProcess[] = [];
  const serverProcess = () => {
    const server = new ServerProcess({ built: true, logLevel: 'info' });
    servers.push(server);
    return server;
  };
  /** A built server child with PHONES phones in a vote burst, a third of its votes acknowledged. */
  const burstUnderWay = async () => {
    const server = serverProcess();
    await server.start();
    const workshop = await setUpWorkshop(server.url, PHONES);
    const roundId = await openRound(workshop.facilitator, { options: [...BURST_OPTIONS] });
    const clients = [workshop.facilitator, ...workshop.phones.map((p) => p.client)];
    const connects = clients.map((c) => c.connects);
    const burst = startBurst(workshop.phones, roundId);
    await burst.acked((PHONES * BURST_OPTIONS.length) / 3);
    return { server, workshop, roundId, clients, connects, burst };
  };
  afterAll(async () => {
    destroyProviders();
    closeAllClients();
    for (const server of servers) await server.stop();
  });

  it('PR1 after kill -9 in a vote burst and a restart, every vote a phone was told is stored is there, and the close counts each last vote once', async () => {
    const { server, workshop, roundId, clients, connects, burst } = await burstUnderWay();
    await server.kill();
    const sent = await burst.done;
    const confirmed = sent.map(lastConfirmed);
    // The kill came in the middle: some votes were told stored, some never answered.
    expect(confirmed.some((c) => c >= 0)).toBe(true);
    expect(sent.some((s) => s.votes.some((v) => v.ack === null))).toBe(true);

    await server.start();
    await reconnected(clients, connects);
    await expectNoVoteLost(workshop, roundId, sent, confirmed);
  }, 90_000);

  it('PR2 SIGTERM in a vote burst: every phone is told, every vote sent before is answered, the stop ends with exit 0 well within 10 s, and no vote told stored is lost', async () => {
    const { server, workshop, roundId, clients, connects, burst } = await burstUnderWay();
    const signalled = performance.now();
    const exit = await server.signal('SIGTERM');
    const stopMs = performance.now() - signalled;
    const sent = await burst.done;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(stopMs).toBeLessThan(10_000);
    // Told: every connection heard server:stopping (once) before its connection closed.
    for (const c of clients) expect(c.received['server:stopping']).toEqual([{}]);
    // Answered: each vote a phone sent has an answer, an ack or SERVER_STOPPING (changed nothing). The
    // phones ack the notice and the server waits for that, so no vote is left unread at the close.
    const votes = sent.flatMap((s: PhoneVotes) => s.votes);
    expect(votes.filter((v) => v.ack === null)).toEqual([]);
    const refused = votes.filter((v) => v.ack?.ok === false);
    for (const v of refused) expect(v.ack).toMatchObject({ ok: false, error: { code: 'SERVER_STOPPING' } });
    // Refused only once the phone had been told, never before.
    expect(refused.every((v) => v.afterNotice)).toBe(true);
    // The log: stopping, then stopped, each line with its time; no error.
    const lines = server.output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { time: string; level: string; message: string });
    expect(lines.every((l) => !Number.isNaN(Date.parse(l.time)))).toBe(true);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(lines.map((l) => l.message).slice(-2)).toEqual(['stopping', 'stopped']);
    console.log(
      `PR2: SIGTERM -> exit ${Math.round(stopMs)} ms; ${votes.length} votes sent, ` +
        `${votes.filter((v) => v.afterNotice && v.ack?.ok).length} acked after the notice, ${refused.length} refused`,
    );

    const confirmed = sent.map(lastConfirmed);
    await server.start();
    await reconnected(clients, connects);
    await expectNoVoteLost(workshop, roundId, sent, confirmed);
  }, 90_000);

  it('PR2 the built server renders a PDF export in its worker (the bundle beside it, fonts found in node_modules)', async () => {
    const server = serverProcess();
    await server.start();
    const { sessionId, cookie } = await setUpWorkshop(server.url, 1);
    const res = await fetch(`${server.url}/api/sessions/${sessionId}/export?format=pdf`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  }, 60_000);

  it('PR6 the built server (its npm packages in the bundle) serves the Yjs endpoint: editors share a text, and it is there after kill -9 and a restart', async () => {
    const server = serverProcess();
    await server.start();
    const workshop = await setUpWorkshop(server.url, 1);
    const { plenary } = await openTextRound(workshop.facilitator);
    const room = `${workshop.sessionId}/${plenary}`;
    const wsUrl = server.url.replace(/^http/, 'ws');
    const phone = yjsProvider(wsUrl, room, workshop.phones[0]!.token);
    const console_ = yjsProvider(wsUrl, room, { cookie: workshop.cookie });
    await Promise.all([synced(phone), synced(console_)]);
    phone.doc.getText('t').insert(0, 'Samen.');
    await until(() => console_.doc.getText('t').toString() === 'Samen.', 10_000);
    await server.kill();
    await server.start();
    const after = yjsProvider(wsUrl, room, { cookie: workshop.cookie });
    expect(await synced(after, () => after.doc.getText('t').toString())).toBe('Samen.');
  }, 60_000);
});
