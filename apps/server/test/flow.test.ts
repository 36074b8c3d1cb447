import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FacilitatorView, ParticipantView } from '@vrijuit/protocol';
import {
  closeAllClients,
  connect,
  newCommandId,
  newToken,
  OPTIONS,
  startServer,
  type TestClient,
  type TestServer,
} from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

const zones = [
  { id: 'z1', name: 'Noord' },
  { id: 'z2', name: 'Zuid' },
  { id: 'z3', name: 'Oost' },
];

describe('a workshop from start to close', () => {
  it('VO1 VO2 RO3 AN2 facilitator and phones see exactly what they may, live', async () => {
    const facilitator = await connect(server.url);
    const facilitatorToken = newToken();
    const created = await facilitator.send('session:create', {
      commandId: newCommandId(),
      facilitatorToken,
      title: 'Retro',
      zones: zones.map((z) => z.name),
    });
    if (!created.ok) throw new Error(created.error.code);
    const { sessionId, joinCode } = created.value;
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(joinCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    const session = { sessionId, title: 'Retro', zones };

    // Three phones, three zones; the code is typed in lower case with a dash.
    const typed = `${joinCode.slice(0, 3).toLowerCase()}-${joinCode.slice(3).toLowerCase()}`;
    const phones = await Promise.all(
      zones.map(async (zone, i) => {
        const client = await connect(server.url);
        const token = newToken();
        const ack = await client.send('participant:join', {
          joinCode: typed,
          token,
          zoneId: zone.id,
          name: `P${i + 1}`,
        });
        expect(ack).toEqual({
          ok: true,
          value: {
            view: { protocolVersion: 1, session, round: null },
            self: { zoneId: zone.id, name: `P${i + 1}`, choice: null },
          },
        });
        return { client, token };
      }),
    );
    const [p1, p2, p3] = phones.map((p) => p.client) as [TestClient, TestClient, TestClient];

    const base: FacilitatorView = {
      protocolVersion: 1,
      session: { ...session, joinCode },
      attendance: { joined: 3, online: 3, joinedByZone: { z1: 1, z2: 1, z3: 1 } },
      rounds: [],
      currentRoundId: null,
    };
    await facilitator.expectLatest('facilitator:view', base);

    const { roundId } = await facilitator.ok('round:create', {
      commandId: newCommandId(),
      kind: 'single-choice',
      question: 'Gaan we door?',
      options: OPTIONS.map((o) => o.label),
    });
    const round = { id: roundId, kind: 'single-choice' as const, question: 'Gaan we door?', options: OPTIONS };
    const tally = (o1: number, o2: number, o3: number) => ({ ballots: o1 + o2 + o3, counts: { o1, o2, o3 } });
    await facilitator.expectLatest('facilitator:view', {
      ...base,
      rounds: [{ ...round, status: 'draft', tally: tally(0, 0, 0) }],
    });

    expect(await facilitator.send('round:open', { commandId: newCommandId(), roundId })).toEqual({
      ok: true,
      value: {},
    });
    const openView: ParticipantView = { protocolVersion: 1, session, round: { ...round, status: 'open' } };
    for (const phone of [p1, p2, p3]) await phone.expectLatest('participant:view', openView);

    // Votes: P1 Ja, P2 Nee, P3 Later, then P3 changes to Ja.
    const votes: [TestClient, string][] = [
      [p1, 'o1'],
      [p2, 'o2'],
      [p3, 'o3'],
    ];
    for (const [phone, optionId] of votes) {
      expect(await phone.send('vote:cast', { commandId: newCommandId(), roundId, optionId })).toEqual({
        ok: true,
        value: { roundId },
      });
    }
    await facilitator.expectLatest('facilitator:view', {
      ...base,
      rounds: [{ ...round, status: 'open', tally: tally(1, 1, 1) }],
      currentRoundId: roundId,
    });
    expect(await p3.send('vote:cast', { commandId: newCommandId(), roundId, optionId: 'o1' })).toEqual({
      ok: true,
      value: { roundId },
    });
    await facilitator.expectLatest('facilitator:view', {
      ...base,
      rounds: [{ ...round, status: 'open', tally: tally(2, 1, 0) }],
      currentRoundId: roundId,
    });

    // A phone learns its own choice (and only that) when it resumes.
    expect(await p3.send('participant:resume', { sessionId, token: phones[2]!.token })).toEqual({
      ok: true,
      value: { view: openView, self: { zoneId: 'z3', name: 'P3', choice: 'o1' } },
    });
    expect(await p2.send('participant:resume', { sessionId, token: phones[1]!.token })).toEqual({
      ok: true,
      value: { view: openView, self: { zoneId: 'z2', name: 'P2', choice: 'o2' } },
    });

    // Close: the tally stays, the phones see the round closed, and voting is over.
    expect(await facilitator.send('round:close', { commandId: newCommandId(), roundId })).toEqual({
      ok: true,
      value: {},
    });
    const closedView = {
      ...base,
      rounds: [{ ...round, status: 'closed' as const, tally: tally(2, 1, 0) }],
      currentRoundId: roundId,
    };
    await facilitator.expectLatest('facilitator:view', closedView);
    for (const phone of [p1, p2, p3]) {
      await phone.expectLatest('participant:view', { ...openView, round: { ...round, status: 'closed' } });
    }
    expect(await p1.send('vote:cast', { commandId: newCommandId(), roundId, optionId: 'o2' })).toEqual({
      ok: false,
      error: { code: 'ROUND_NOT_OPEN', message: 'the round is not open' },
    });
    expect(await p1.send('participant:resume', { sessionId, token: phones[0]!.token })).toMatchObject({
      ok: true,
      value: { self: { zoneId: 'z1', name: 'P1', choice: null } },
    });

    // A phone leaves: online drops, joined stays.
    p2.close();
    await facilitator.expectLatest('facilitator:view', {
      ...closedView,
      attendance: { joined: 3, online: 2, joinedByZone: { z1: 1, z2: 1, z3: 1 } },
    });

    // AN2: phones never got a facilitator view, tallies or other people; every payload matched its schema.
    for (const phone of [p1, p2, p3]) {
      expect(phone.received['facilitator:view']).toEqual([]);
      const json = JSON.stringify(phone.received);
      expect(json).not.toContain('tally');
      expect(json).not.toContain('ballots');
      expect(json).not.toContain(joinCode);
      expect(phone.invalid).toEqual([]);
    }
    expect(facilitator.invalid).toEqual([]);
    const consoleJson = JSON.stringify(facilitator.received);
    for (const { token } of phones) expect(consoleJson).not.toContain(token);
    expect(consoleJson).not.toContain('"P1"');
  });

  it('SE1 joining twice with the same token is the same participant (joined stays 1, first zone kept)', async () => {
    const facilitator = await connect(server.url);
    const { joinCode } = await facilitator.ok('session:create', {
      commandId: newCommandId(),
      facilitatorToken: newToken(),
      title: 'T',
      zones: ['A', 'B'],
    });
    const token = newToken();
    const first = await connect(server.url);
    await first.ok('participant:join', { joinCode, token, zoneId: 'z1', name: 'Ann' });
    const second = await connect(server.url);
    expect(await second.ok('participant:join', { joinCode, token, zoneId: 'z2', name: 'Bob' })).toMatchObject({
      self: { zoneId: 'z1', name: 'Ann', choice: null },
    });
    await facilitator.waitFor('facilitator:view', (v) => v.attendance.online === 2);
    expect(facilitator.latest('facilitator:view')?.attendance).toEqual({
      joined: 1,
      online: 2,
      joinedByZone: { z1: 1, z2: 0 },
    });
  });

  it('SE2 joining an unknown zone answers ZONE_NOT_FOUND; an unknown code SESSION_NOT_FOUND', async () => {
    const facilitator = await connect(server.url);
    const { joinCode } = await facilitator.ok('session:create', {
      commandId: newCommandId(),
      facilitatorToken: newToken(),
      title: 'T',
      zones: ['A'],
    });
    const phone = await connect(server.url);
    expect(await phone.send('participant:join', { joinCode, token: newToken(), zoneId: 'z2' })).toEqual({
      ok: false,
      error: { code: 'ZONE_NOT_FOUND', message: 'unknown zone' },
    });
    const unknown = joinCode === '222222' ? '333333' : '222222';
    expect(await phone.send('participant:join', { joinCode: unknown, token: newToken(), zoneId: 'z1' })).toEqual({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND', message: 'no session with this code' },
    });
    expect(await phone.send('session:lookup', { joinCode: joinCode.toLowerCase() })).toEqual({
      ok: true,
      value: { sessionId: expect.any(String), title: 'T', zones: [{ id: 'z1', name: 'A' }] },
    });
  });
});
