import { describe, expect, it } from 'vitest';
import type { FacilitatorRound, FacilitatorView, ParticipantView, RoundPublic, RoundResults } from '@vrijuit/protocol';
import {
  connect,
  expectServerTime,
  newCommandId,
  newToken,
  openRound,
  OPTIONS,
  setUpWorkshop,
  single,
  timeless,
  voteFor,
  type TestClient,
  type TestServer,
  type Timeless,
  signedInClient,
  serverPerFile,
} from './helpers.ts';

let server: TestServer;
serverPerFile((started) => (server = started));

const zones = [
  { id: 'z1', name: 'Noord', municipalities: [] },
  { id: 'z2', name: 'Zuid', municipalities: [] },
  { id: 'z3', name: 'Oost', municipalities: [] },
];

describe('a workshop from start to close', () => {
  it('VO1 VO2 RO3 AN2 facilitator and phones see exactly what they may, live', async () => {
    const facilitator = await signedInClient(server.url);
    const created = await facilitator.send('session:create', {
      commandId: newCommandId(),
      title: 'Retro',
      zones: zones.map((z) => z.name),
    });
    if (!created.ok) throw new Error(created.error.code);
    const { sessionId, joinCode } = created.value;
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(joinCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    const session = { sessionId, title: 'Retro', zones, status: 'draft' as const, language: 'nl-BE' as const };
    // LC3: opening the first round makes the draft session live.
    const liveSession = { ...session, status: 'live' as const };

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
        if (!ack.ok) throw new Error(ack.error.code);
        expectServerTime(ack.value.view.serverTime);
        expect({ ...ack.value, view: timeless(ack.value.view) }).toEqual({
          view: { protocolVersion: 1, session: { ...session, anonymityThreshold: 3 }, round: null, moreRounds: false },
          self: { zoneId: zone.id, municipalityId: null, name: `P${i + 1}`, ballot: null, supported: [] },
        });
        return { client, token };
      }),
    );
    const [p1, p2, p3] = phones.map((p) => p.client) as [TestClient, TestClient, TestClient];

    const base: Timeless<FacilitatorView> = {
      protocolVersion: 1,
      session: {
        ...session,
        joinCode,
        settings: { anonymityThreshold: 3, weighted: false, releaseEverySeconds: 15, releaseMinEntries: 3 },
        description: '',
        date: null,
        language: 'nl-BE',
        resultsPage: { days: 30, note: '', closedAt: null },
      },
      attendance: {
        joined: 3,
        online: 3,
        joinedByZone: { z1: 1, z2: 1, z3: 1 },
        onlineByZone: { z1: 1, z2: 1, z3: 1 },
      },
      rounds: [],
      currentRoundId: null,
    };
    await facilitator.expectLatest('facilitator:view', base);

    const { roundId } = await facilitator.ok('round:create', {
      commandId: newCommandId(),
      question: 'Gaan we door?',
      options: OPTIONS.map((o) => o.label),
    });
    // The defaults: single choice, results revealed by hand, no timer.
    const round: Omit<RoundPublic, 'status'> = {
      id: roundId,
      question: 'Gaan we door?',
      options: OPTIONS,
      config: { kind: 'single-choice' },
      reveal: 'manual',
      revealed: false,
      locked: false,
      closesAt: null,
      rerunOf: null,
      compareKey: null,
    };
    const live = (o1: number, o2: number, o3: number): RoundResults => ({
      respondents: o1 + o2 + o3,
      paper: 0,
      perPerson: { values: { o1, o2, o3 }, matrix: null },
      perMunicipality: null,
      breakdown: null,
    });
    const onConsole = (status: FacilitatorRound['status'], results: RoundResults | null): FacilitatorRound => ({
      ...round,
      status,
      results,
      wall: null,
      respondents: results?.respondents ?? 0,
      moderation: null,
      versions: null,
      durationSeconds: null,
    });
    await facilitator.expectLatest('facilitator:view', { ...base, rounds: [onConsole('draft', null)] });

    expect(await facilitator.send('round:open', { commandId: newCommandId(), roundId })).toEqual({
      ok: true,
      value: {},
    });
    const openView: Timeless<ParticipantView> = {
      protocolVersion: 1,
      session: { ...liveSession, anonymityThreshold: 3 },
      round: { ...round, status: 'open', results: null, wall: null },
      moreRounds: false, // PH3: the only round of the agenda
    };
    for (const phone of [p1, p2, p3]) await phone.expectLatest('participant:view', openView);
    const running: Timeless<FacilitatorView> = { ...base, session: { ...base.session, status: 'live' } };

    // Votes: P1 Ja, P2 Nee, P3 Later, then P3 changes to Ja. AN13: the first two are received and wait;
    // the third makes a batch of k = 3 distinct participants, stored (and counted) together.
    const votes: [TestClient, string][] = [
      [p1, 'o1'],
      [p2, 'o2'],
      [p3, 'o3'],
    ];
    const commands = votes.map(([, optionId]) => voteFor(roundId, single(optionId)));
    const acks = [];
    for (const [i, [phone]] of votes.entries()) acks.push(await phone.send('vote:cast', commands[i]!));
    expect(acks).toEqual([
      { ok: true, value: { roundId, stored: false } },
      { ok: true, value: { roundId, stored: false } },
      { ok: true, value: { roundId, stored: true } },
    ]);
    // AN14: the two phones whose votes waited hear that they are stored now (the third knew from its ack).
    for (const [i, phone] of [p1, p2].entries()) {
      await phone.waitFor('inputs:stored', (e) => e.commandIds.includes(commands[i]!.commandId));
    }
    expect(p3.received['inputs:stored']).toEqual([]);
    await facilitator.expectLatest('facilitator:view', {
      ...running,
      rounds: [onConsole('open', live(1, 1, 1))],
      currentRoundId: roundId,
    });
    // AN12: one person's change is received, kept on its phone's side, and shown nowhere until a batch of
    // k or the close: a later console view (the round revealed) still shows the tally before the change.
    expect(await p3.send('vote:cast', voteFor(roundId, single('o1')))).toEqual({
      ok: true,
      value: { roundId, stored: false },
    });
    await facilitator.ok('round:reveal', { commandId: newCommandId(), roundId, revealed: true });
    await facilitator.ok('round:reveal', { commandId: newCommandId(), roundId, revealed: false });
    await facilitator.expectLatest('facilitator:view', {
      ...running,
      rounds: [onConsole('open', live(1, 1, 1))],
      currentRoundId: roundId,
    });

    // A phone learns its own ballot (and only that) when it resumes.
    const resumed = async (client: TestClient, token: string) => {
      const ack = await client.send('participant:resume', { sessionId, token });
      if (!ack.ok) throw new Error(ack.error.code);
      expectServerTime(ack.value.view.serverTime);
      return { view: timeless(ack.value.view), self: ack.value.self };
    };
    expect(await resumed(p3, phones[2]!.token)).toEqual({
      view: openView,
      self: { zoneId: 'z3', municipalityId: null, name: 'P3', ballot: single('o1'), supported: [] },
    });
    expect(await resumed(p2, phones[1]!.token)).toEqual({
      view: openView,
      self: { zoneId: 'z2', municipalityId: null, name: 'P2', ballot: single('o2'), supported: [] },
    });

    // Close: the change that waited is counted (the remainder at close), and stored: its phone hears so.
    // The results stay, with a breakdown where every zone (one person each) is under k = 3;
    // the phones see the round closed without results (never revealed), and voting is over.
    expect(await facilitator.send('round:close', { commandId: newCommandId(), roundId })).toEqual({
      ok: true,
      value: {},
    });
    const closedResults: RoundResults = {
      ...live(2, 1, 0),
      breakdown: {
        zones: [
          { id: 'z1', suppressed: true },
          { id: 'z2', suppressed: true },
          { id: 'z3', suppressed: true },
        ],
        municipalities: [],
      },
    };
    const closedView = { ...running, rounds: [onConsole('closed', closedResults)], currentRoundId: roundId };
    await facilitator.expectLatest('facilitator:view', closedView);
    expect((await p3.waitFor('inputs:stored', () => true)).commandIds).toHaveLength(1);
    for (const phone of [p1, p2, p3]) {
      await phone.expectLatest('participant:view', {
        ...openView,
        round: { ...round, status: 'closed', results: null, wall: null },
      });
    }
    expect(await p1.send('vote:cast', voteFor(roundId, single('o2')))).toEqual({
      ok: false,
      error: { code: 'ROUND_NOT_OPEN', message: 'the round is not open' },
    });
    expect((await resumed(p1, phones[0]!.token)).self).toEqual({
      zoneId: 'z1',
      municipalityId: null,
      name: 'P1',
      ballot: null,
      supported: [],
    });

    // A phone leaves: online drops, joined stays.
    p2.close();
    await facilitator.expectLatest('facilitator:view', {
      ...closedView,
      attendance: {
        joined: 3,
        online: 2,
        joinedByZone: { z1: 1, z2: 1, z3: 1 },
        onlineByZone: { z1: 1, z2: 0, z3: 1 },
      },
    });

    // AN2: phones never got a console or projector view, results or other people; every payload matched its schema.
    for (const phone of [p1, p2, p3]) {
      expect(phone.received['facilitator:view']).toEqual([]);
      expect(phone.received['projector:view']).toEqual([]);
      expect(phone.received['participant:view'].map((v) => v.round?.results ?? null)).not.toContainEqual(
        expect.anything(),
      );
      const json = JSON.stringify(phone.received);
      expect(json).not.toContain('respondents');
      expect(json).not.toContain('ballot');
      expect(json).not.toContain(joinCode);
      expect(phone.invalid).toEqual([]);
    }
    expect(facilitator.invalid).toEqual([]);
    const consoleJson = JSON.stringify(facilitator.received);
    for (const { token } of phones) expect(consoleJson).not.toContain(token);
    expect(consoleJson).not.toContain('"P1"');
  });

  it('SE1 joining twice with the same token is the same participant (joined stays 1, first zone kept)', async () => {
    const facilitator = await signedInClient(server.url);
    const { joinCode } = await facilitator.ok('session:create', {
      commandId: newCommandId(),
      title: 'T',
      zones: ['A', 'B'],
    });
    const token = newToken();
    const first = await connect(server.url);
    await first.ok('participant:join', { joinCode, token, zoneId: 'z1', name: 'Ann' });
    const second = await connect(server.url);
    expect((await second.ok('participant:join', { joinCode, token, zoneId: 'z2', name: 'Bob' })).self).toEqual({
      zoneId: 'z1',
      municipalityId: null,
      name: 'Ann',
      ballot: null,
      supported: [],
    });
    await facilitator.waitFor('facilitator:view', (v) => v.attendance.online === 2);
    expect(facilitator.latest('facilitator:view')?.attendance).toEqual({
      joined: 1,
      online: 2,
      joinedByZone: { z1: 1, z2: 0 },
      onlineByZone: { z1: 2, z2: 0 },
    });
  });

  it('SE2 joining an unknown zone answers ZONE_NOT_FOUND; an unknown code SESSION_NOT_FOUND', async () => {
    const facilitator = await signedInClient(server.url);
    const { joinCode } = await facilitator.ok('session:create', {
      commandId: newCommandId(),
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
      value: {
        sessionId: expect.any(String),
        title: 'T',
        zones: [{ id: 'z1', name: 'A', municipalities: [] }],
        status: 'draft',
        language: 'nl-BE',
      },
    });
  });

  it('SE4 a phone joins with a municipality of its zone; one outside the zone is MUNICIPALITY_NOT_FOUND', async () => {
    const facilitator = await signedInClient(server.url);
    const { sessionId, joinCode } = await facilitator.ok('session:create', {
      commandId: newCommandId(),
      title: 'Regio',
      zones: [{ name: 'Noord', municipalities: [{ name: 'Assen', weight: 3 }, { name: 'Emmen' }] }, 'Zuid'],
      weighted: true,
    });
    const info = {
      sessionId,
      title: 'Regio',
      zones: [
        {
          id: 'z1',
          name: 'Noord',
          municipalities: [
            { id: 'z1m1', name: 'Assen', weight: 3 },
            { id: 'z1m2', name: 'Emmen', weight: 1 },
          ],
        },
        { id: 'z2', name: 'Zuid', municipalities: [] },
      ],
      status: 'draft' as const,
      language: 'nl-BE' as const,
    };
    const phone = await connect(server.url);
    expect(await phone.send('session:lookup', { joinCode })).toEqual({ ok: true, value: info });
    const notInZone = {
      ok: false,
      error: { code: 'MUNICIPALITY_NOT_FOUND', message: 'the municipality is not in this zone' },
    };
    for (const [zoneId, municipalityId] of [
      ['z2', 'z1m1'],
      ['z1', 'z1m3'],
      ['z1', 'Assen'],
    ] as const) {
      expect(await phone.send('participant:join', { joinCode, token: newToken(), zoneId, municipalityId })).toEqual(
        notInZone,
      );
    }
    const joined = await phone.ok('participant:join', {
      joinCode,
      token: newToken(),
      zoneId: 'z1',
      municipalityId: 'z1m2',
    });
    expect(joined.self).toEqual({ zoneId: 'z1', municipalityId: 'z1m2', name: '', ballot: null, supported: [] });
    expect(timeless(joined.view)).toEqual({
      protocolVersion: 1,
      session: { ...info, anonymityThreshold: 3 },
      round: null,
      moreRounds: false,
    });
    const view = await facilitator.waitFor('facilitator:view', (v) => v.attendance.joined === 1);
    expect(view.attendance).toEqual({
      joined: 1,
      online: 1,
      joinedByZone: { z1: 1, z2: 0 },
      onlineByZone: { z1: 1, z2: 0 },
    });
    expect(view.session.settings).toEqual({
      anonymityThreshold: 3,
      weighted: true,
      releaseEverySeconds: 15,
      releaseMinEntries: 3,
    });
  });

  it('RO2 RO3 phones see a round close, and the next one open, even right after a vote', async () => {
    const { facilitator, phones } = await setUpWorkshop(server.url, 2);
    const [p1, p2] = phones.map((p) => p.client) as [TestClient, TestClient];
    const first = await openRound(facilitator);
    await p1.waitFor('participant:view', (v) => v.round?.id === first && v.round.status === 'open');
    // Past the phones' once-a-second results window, so a vote schedules its (invisible) update at once.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await p1.ok('vote:cast', voteFor(first, single('o1')));
    await facilitator.ok('round:close', { commandId: newCommandId(), roundId: first });
    for (const phone of [p1, p2]) {
      await phone.waitFor('participant:view', (v) => v.round?.id === first && v.round.status === 'closed');
    }

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await openRound(facilitator, { question: 'Tweede' });
    await p2.ok('vote:cast', voteFor(second, single('o2')));
    const third = await openRound(facilitator, { question: 'Derde' });
    for (const phone of [p1, p2]) {
      await phone.waitFor('participant:view', (v) => v.round?.id === third && v.round.status === 'open');
    }
    expect(p1.invalid).toEqual([]);
  });
});
