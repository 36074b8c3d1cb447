import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAllClients,
  newCommandId,
  openRound,
  setUpWorkshop,
  startServer,
  type Phone,
  type TestServer,
} from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

describe('R1 restart and resync', () => {
  it('R1 VO4 VO5 after a restart phones resume with their stored votes, the tally is exact and retries count once', async () => {
    const { sessionId, facilitator, facilitatorToken, phones } = await setUpWorkshop(server.url, 3);
    const roundId = await openRound(facilitator);
    const [p1, p2, p3] = phones as [Phone, Phone, Phone];
    const clients = [facilitator, p1.client, p2.client, p3.client];
    const restartAndReconnect = async () => {
      const connectsBefore = clients.map((c) => c.connects);
      await server.restart();
      // Every client reconnects by itself (socket.io-client's reconnection), to the same port.
      await Promise.all(clients.map((c, i) => c.connected(connectsBefore[i]! + 1, 10_000)));
    };
    // State comes from the store, not from socket.io's in-memory recovery (R6): every client resumes.
    const resumeAll = async () => {
      const acks = await Promise.all(
        phones.map((p) => p.client.ok('participant:resume', { sessionId, token: p.token })),
      );
      const view = await facilitator.ok('facilitator:attach', { sessionId, token: facilitatorToken });
      return { selves: acks.map((a) => a.self), statuses: acks.map((a) => a.view.round?.status), view };
    };

    // Acked votes: P1 Ja, P2 Nee, P3 Later then Ja.
    const p2Vote = { commandId: newCommandId(), roundId, optionId: 'o2' };
    await p1.client.ok('vote:cast', { commandId: newCommandId(), roundId, optionId: 'o1' });
    await p2.client.ok('vote:cast', p2Vote);
    await p3.client.ok('vote:cast', { commandId: newCommandId(), roundId, optionId: 'o3' });
    await p3.client.ok('vote:cast', { commandId: newCommandId(), roundId, optionId: 'o1' });
    const before = await facilitator.waitFor(
      'facilitator:view',
      (v) => v.rounds[0]?.tally.ballots === 3 && v.rounds[0].tally.counts.o1 === 2,
    );
    expect(before.rounds[0]?.tally).toEqual({ ballots: 3, counts: { o1: 2, o2: 1, o3: 0 } });

    await restartAndReconnect();
    const first = await resumeAll();
    expect(first.selves).toEqual([
      { zoneId: 'z1', name: 'P1', choice: 'o1' },
      { zoneId: 'z2', name: 'P2', choice: 'o2' },
      { zoneId: 'z3', name: 'P3', choice: 'o1' },
    ]);
    expect(first.statuses).toEqual(['open', 'open', 'open']);
    expect(first.view.rounds).toEqual(before.rounds);
    expect(first.view.currentRoundId).toBe(roundId);
    expect(first.view.attendance).toEqual({ joined: 3, online: 3, joinedByZone: { z1: 1, z2: 1, z3: 1 } });

    // P2's acked vote retried after the restart (its ack "lost"): same ack, counted once.
    expect(await p2.client.send('vote:cast', p2Vote)).toEqual({ ok: true, value: { roundId } });

    // P3 changes to Nee just as the server goes down. Whether it lands before the stop or is answered
    // NOT_JOINED on the new connection (socket.io-client buffers it), the phone retries the same command.
    const inFlight = { commandId: newCommandId(), roundId, optionId: 'o2' };
    const firstTry = p3.client.send('vote:cast', inFlight, 1500).catch((error: unknown) => error);
    await restartAndReconnect();
    const firstAck = await firstTry;
    if (!(firstAck instanceof Error)) {
      expect([
        { ok: true, value: { roundId } },
        { ok: false, error: { code: 'NOT_JOINED', message: 'join or attach to a session first' } },
      ]).toContainEqual(firstAck);
    }
    await resumeAll();
    expect(await p3.client.send('vote:cast', inFlight)).toEqual({ ok: true, value: { roundId } });
    expect(await p3.client.send('vote:cast', inFlight)).toEqual({ ok: true, value: { roundId } });

    await facilitator.expectLatest('facilitator:view', {
      ...first.view,
      rounds: [{ ...first.view.rounds[0]!, tally: { ballots: 3, counts: { o1: 1, o2: 2, o3: 0 } } }],
    });
    expect((await resumeAll()).selves.map((s) => s.choice)).toEqual(['o1', 'o2', 'o2']);
  });

  it('R1 a second restart with nothing in flight keeps the exact tally and the closed round', async () => {
    const { sessionId, facilitator, facilitatorToken, phones } = await setUpWorkshop(server.url, 2);
    const roundId = await openRound(facilitator);
    await phones[0]!.client.ok('vote:cast', { commandId: newCommandId(), roundId, optionId: 'o3' });
    await phones[1]!.client.ok('vote:cast', { commandId: newCommandId(), roundId, optionId: 'o3' });
    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    const before = await facilitator.ok('facilitator:attach', { sessionId, token: facilitatorToken });
    expect(before.rounds[0]).toMatchObject({
      status: 'closed',
      tally: { ballots: 2, counts: { o1: 0, o2: 0, o3: 2 } },
    });

    const connects = facilitator.connects;
    await server.restart();
    await facilitator.connected(connects + 1, 10_000);
    const after = await facilitator.ok('facilitator:attach', { sessionId, token: facilitatorToken });
    expect({ ...after, attendance: { ...after.attendance, online: 0 } }).toEqual({
      ...before,
      attendance: { ...before.attendance, online: 0 },
    });
  });
});
