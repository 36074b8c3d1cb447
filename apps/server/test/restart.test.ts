import { describe, expect, it } from 'vitest';
import {
  attachProjector,
  createRound,
  newCommandId,
  openRound,
  readDb,
  resultsOnConsole,
  seatsByZone,
  setUpWorkshop,
  single,
  timeless,
  voteFor,
  type Phone,
  type TestClient,
  type TestServer,
  serverPerFile,
} from './helpers.ts';

let server: TestServer;
serverPerFile((started) => (server = started));

describe('R1 restart and resync', () => {
  it('R1 VO4 VO5 AN14 after a restart phones resume with their stored votes, re-send what was only received, and the tally is exact with retries counted once', async () => {
    const { sessionId, facilitator, phones } = await setUpWorkshop(server.url, 3);
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
      const view = timeless(await facilitator.ok('facilitator:attach', { sessionId }));
      return { selves: acks.map((a) => a.self), statuses: acks.map((a) => a.view.round?.status), view };
    };

    // Stored votes (one batch of three): P1 Ja, P2 Nee, P3 Later. Then P3 changes to Ja: received only,
    // waiting for a batch (AN13).
    const p2Vote = voteFor(roundId, single('o2'));
    await p1.client.ok('vote:cast', voteFor(roundId, single('o1')));
    await p2.client.ok('vote:cast', p2Vote);
    expect(await p3.client.ok('vote:cast', voteFor(roundId, single('o3')))).toEqual({ roundId, stored: true });
    const p3Change = voteFor(roundId, single('o1'));
    expect(await p3.client.ok('vote:cast', p3Change)).toEqual({ roundId, stored: false });
    const before = await facilitator.waitFor('facilitator:view', (v) => v.rounds[0]?.respondents === 3);
    expect(before.rounds[0]?.results?.perPerson.values).toEqual({ o1: 1, o2: 1, o3: 1 });

    await restartAndReconnect();
    const first = await resumeAll();
    // The received change was in memory only: gone with the process, still in P3's outbox.
    expect(first.selves).toEqual([
      { zoneId: 'z1', municipalityId: null, name: 'P1', ballot: single('o1'), supported: [] },
      { zoneId: 'z2', municipalityId: null, name: 'P2', ballot: single('o2'), supported: [] },
      { zoneId: 'z3', municipalityId: null, name: 'P3', ballot: single('o3'), supported: [] },
    ]);
    expect(await p3.client.ok('vote:cast', p3Change)).toEqual({ roundId, stored: false });
    expect((await p3.client.ok('participant:resume', { sessionId, token: p3.token })).self.ballot).toEqual(
      single('o1'),
    );
    expect(first.statuses).toEqual(['open', 'open', 'open']);
    expect(first.view.rounds).toEqual(before.rounds);
    expect(first.view.currentRoundId).toBe(roundId);
    expect(first.view.attendance).toEqual({
      joined: 3,
      online: 3,
      joinedByZone: { z1: 1, z2: 1, z3: 1 },
      onlineByZone: { z1: 1, z2: 1, z3: 1 },
    });

    // P2's stored vote retried after the restart (its ack "lost"): the stored ack, counted once.
    expect(await p2.client.send('vote:cast', p2Vote)).toEqual({ ok: true, value: { roundId, stored: true } });

    // P3 changes to Nee just as the server goes down. Whether it lands before the stop, is refused by the
    // stopping server (PR2) or is answered NOT_JOINED on the new connection (socket.io-client buffers it),
    // the phone retries the same command.
    const inFlight = voteFor(roundId, single('o2'));
    const firstTry = p3.client.send('vote:cast', inFlight, 1500).catch((error: unknown) => error);
    await restartAndReconnect();
    const firstAck = await firstTry;
    if (!(firstAck instanceof Error)) {
      expect([
        { ok: true, value: { roundId, stored: false } },
        { ok: false, error: { code: 'NOT_JOINED', message: 'join or attach to a session first' } },
        {
          ok: false,
          error: {
            code: 'SERVER_STOPPING',
            message: 'the server is stopping; nothing was changed: send it again once reconnected',
          },
        },
      ]).toContainEqual(firstAck);
    }
    await resumeAll();
    expect(await p3.client.send('vote:cast', inFlight)).toEqual({ ok: true, value: { roundId, stored: false } });
    expect(await p3.client.send('vote:cast', inFlight)).toEqual({ ok: true, value: { roundId, stored: false } });
    expect((await resumeAll()).selves.map((s) => s.ballot)).toEqual([single('o1'), single('o2'), single('o2')]);

    // The close counts what waited (the remainder under k), once: P1 Ja, P2 Nee, P3 Nee.
    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    const kept = await resultsOnConsole(facilitator, roundId, (r) => r.status === 'closed');
    expect(kept).toMatchObject({ respondents: 3, perPerson: { values: { o1: 1, o2: 2, o3: 0 } } });
    await p3.client.waitFor('inputs:stored', (e) => e.commandIds.includes(inFlight.commandId));
  });

  it('R1 RO8 a restart with nothing in flight keeps the closed round, its results and the re-run agenda', async () => {
    const { sessionId, facilitator, phones } = await setUpWorkshop(server.url, 2);
    const roundId = await openRound(facilitator);
    await phones[0]!.client.ok('vote:cast', voteFor(roundId, single('o3')));
    await phones[1]!.client.ok('vote:cast', voteFor(roundId, single('o3')));
    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    await facilitator.ok('round:reveal', { commandId: newCommandId(), roundId, revealed: true });
    // A later round of another kind, then a re-run slotted in between: the agenda order must survive.
    const later = await createRound(facilitator, {
      question: 'Wat eerst?',
      config: { kind: 'ranking' },
      reveal: 'live',
      durationSeconds: 30,
    });
    const { roundId: copy } = await facilitator.ok('round:rerun', { commandId: newCommandId(), roundId });
    const before = timeless(await facilitator.ok('facilitator:attach', { sessionId }));
    expect(before.rounds.map((r) => [r.id, r.status, r.rerunOf])).toEqual([
      [roundId, 'closed', null],
      [copy, 'draft', roundId],
      [later, 'draft', null],
    ]);
    expect(before.rounds[0]).toMatchObject({
      status: 'closed',
      revealed: true,
      respondents: 2,
      results: { respondents: 2, perPerson: { values: { o1: 0, o2: 0, o3: 2 }, matrix: null } },
    });
    expect(before.rounds[0]?.results?.breakdown).not.toBeNull();

    const connects = facilitator.connects;
    await server.restart();
    await facilitator.connected(connects + 1, 10_000);
    const after = timeless(await facilitator.ok('facilitator:attach', { sessionId }));
    // Phones reconnect at their own pace after a restart; who is online is not what this compares.
    const offline = { online: 0, onlineByZone: {} };
    expect({ ...after, attendance: { ...after.attendance, ...offline } }).toEqual({
      ...before,
      attendance: { ...before.attendance, ...offline },
    });
    // The later round kept its kind, reveal mode and duration: opened now, its timer runs 30 s.
    const opened = Date.now();
    await facilitator.ok('round:open', { commandId: newCommandId(), roundId: later });
    const view = await facilitator.waitFor('facilitator:view', (v) => v.currentRoundId === later);
    const round = view.rounds.find((r) => r.id === later)!;
    expect(round).toMatchObject({ config: { kind: 'ranking' }, reveal: 'live', status: 'open' });
    expect(round.closesAt! - opened).toBeGreaterThanOrEqual(30_000);
    expect(round.closesAt! - opened).toBeLessThan(31_000);
  });

  it('AN16 after a restart the phones that come back place their stored ballots in their zones again; one that does not counts in no zone', async () => {
    // k = 3: Noord P1-P3, Zuid P4-P6. Two stored batches; on disk none of the six has a zone.
    const { sessionId, facilitator, phones } = await setUpWorkshop(server.url, 6, 'Terug', {
      seats: seatsByZone(3, 3),
    });
    const roundId = await openRound(facilitator);
    for (const phone of phones) await phone.client.ok('vote:cast', voteFor(roundId, single('o1')));
    await resultsOnConsole(facilitator, roundId, (r) => r.respondents === 6);
    expect(
      readDb(server.dbFile, (db) => db.prepare('SELECT DISTINCT zone_id FROM ballots WHERE round_id = ?').all(roundId)),
    ).toEqual([{ zone_id: '' }]);

    const clients = [facilitator, ...phones.map((p) => p.client)];
    const connects = clients.map((c) => c.connects);
    await server.restart();
    await Promise.all(clients.map((c, i) => c.connected(connects[i]! + 1, 10_000)));
    await facilitator.ok('facilitator:attach', { sessionId });
    // P6 does not come back before the close.
    for (const p of phones.slice(0, 5)) await p.client.ok('participant:resume', { sessionId, token: p.token });
    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    const kept = await resultsOnConsole(facilitator, roundId, (r) => r.status === 'closed');
    // Noord is whole again; Zuid has two placed ballots (under k) and P6's counts in the total only, as
    // hidden (AN5): Noord shown with 3, Zuid suppressed, Oost empty.
    expect(kept).toMatchObject({ respondents: 6, perPerson: { values: { o1: 6, o2: 0, o3: 0 } } });
    expect(kept?.breakdown?.zones).toEqual([
      { id: 'z1', suppressed: false, respondents: 3, result: { values: { o1: 3, o2: 0, o3: 0 }, matrix: null } },
      { id: 'z2', suppressed: true },
      { id: 'z3', suppressed: false, respondents: 0, result: { values: { o1: 0, o2: 0, o3: 0 }, matrix: null } },
    ]);
  });

  /** Every client reconnects after a restart; phones resume, consoles and projectors attach again. */
  async function reattach(
    w: { sessionId: string; cookie: string; phones: Phone[] },
    facilitator: TestClient,
    projector: TestClient,
    connectsBefore: number[],
  ): Promise<void> {
    const clients = [facilitator, projector, ...w.phones.map((p) => p.client)];
    await Promise.all(clients.map((c, i) => c.connected(connectsBefore[i]! + 1, 10_000)));
    await facilitator.ok('facilitator:attach', { sessionId: w.sessionId });
    await projector.ok('projector:attach', { sessionId: w.sessionId });
    for (const p of w.phones) await p.client.ok('participant:resume', { sessionId: w.sessionId, token: p.token });
  }

  it('RO5 a timer survives a restart: the round still closes on time, and every role sees it closed', async () => {
    const w = await setUpWorkshop(server.url, 3);
    const { facilitator, phones } = w;
    const projector = await attachProjector(server.url, w);
    const roundId = await openRound(facilitator);
    // One stored batch (AN13): votes only received would be re-sent by the phones' outboxes.
    for (const p of phones) await p.client.ok('vote:cast', voteFor(roundId, single('o2')));
    await facilitator.ok('round:timer', { commandId: newCommandId(), roundId, seconds: 3 });
    // A view from before the round (no rounds yet) must not count as one with a timer.
    const timed = await facilitator.waitFor('facilitator:view', (v) => (v.rounds[0]?.closesAt ?? null) !== null);
    const closesAt = timed.rounds[0]!.closesAt!;
    expect(readDb(server.dbFile, (db) => db.prepare('SELECT closes_at FROM rounds WHERE id = ?').get(roundId))).toEqual(
      {
        closes_at: closesAt,
      },
    );

    const clients = [facilitator, projector, ...phones.map((p) => p.client)];
    const connects = clients.map((c) => c.connects);
    await server.restart();
    await reattach(w, facilitator, projector, connects);
    expect(Date.now(), 'the restart took less than the timer').toBeLessThan(closesAt);

    // Nobody closes the round: the restarted server's timer does.
    const closed = await facilitator.waitFor('facilitator:view', (v) => v.rounds[0]?.status === 'closed', 5000);
    const closedAt =
      facilitator.arrivals['facilitator:view'][facilitator.received['facilitator:view'].indexOf(closed)]!;
    expect(closedAt).toBeGreaterThanOrEqual(closesAt);
    expect(closedAt - closesAt, 'late by').toBeLessThan(1000);
    expect(closed.rounds[0]).toMatchObject({ status: 'closed', closesAt: null, respondents: 3 });
    expect(closed.rounds[0]?.results?.breakdown).not.toBeNull();
    for (const p of phones) {
      await p.client.waitFor('participant:view', (v) => v.round?.id === roundId && v.round.status === 'closed');
    }
    await projector.waitFor('projector:view', (v) => v.round?.status === 'closed' && v.round.closesAt === null);
    expect(
      readDb(server.dbFile, (db) => db.prepare('SELECT COUNT(*) AS n FROM ballots WHERE round_id = ?').get(roundId)),
    ).toEqual({
      n: 0,
    });
    for (const c of clients) expect(c.invalid).toEqual([]);
  });

  it('RO5 a deadline that passed while the server was down closes the round as soon as it is back', async () => {
    const w = await setUpWorkshop(server.url, 3);
    const projector = await attachProjector(server.url, w);
    const roundId = await openRound(w.facilitator);
    for (const p of w.phones) await p.client.ok('vote:cast', voteFor(roundId, single('o1')));
    await w.facilitator.ok('round:timer', { commandId: newCommandId(), roundId, seconds: 1 });
    const clients = [w.facilitator, projector, ...w.phones.map((p) => p.client)];
    const connects = clients.map((c) => c.connects);
    await server.restart(1500);
    await reattach(w, w.facilitator, projector, connects);
    expect(
      await resultsOnConsole(w.facilitator, roundId, (r) => r.status === 'closed' && r.respondents === 3),
    ).toMatchObject({ respondents: 3, perPerson: { values: { o1: 3, o2: 0, o3: 0 } } });
    expect(
      readDb(server.dbFile, (db) => db.prepare('SELECT status, closes_at FROM rounds WHERE id = ?').get(roundId)),
    ).toEqual({ status: 'closed', closes_at: null });
  });
});
