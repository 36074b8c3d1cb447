import { describe, expect, it } from 'vitest';
import {
  FacilitatorView,
  ParticipantSelf,
  ParticipantView,
  ProjectorView,
  type RoundPublic,
  type RoundResults,
} from '@vrijuit/protocol';
import { closeRound, lockRound, openRound, rerunRound, revealRound, setTimer } from './decide.ts';
import { facilitatorView, participantSelf, participantView, projectorView } from './projection.ts';
import type { SessionState } from './state.ts';
import {
  addRound,
  cast,
  endRound,
  OWNER_ACCOUNT_ID,
  join,
  NOW,
  participantId,
  regionSession,
  run,
  startRound,
  tokenHash,
  vote,
  voterKeyOf,
  withDraftRound,
  withOpenRound,
} from './test-fixtures.ts';
import { participantById, participantList } from './participants.ts';
import { tableToRecord } from './table.ts';

/** Every secret-ish string in a state: voter keys, voter secrets, token hashes, participant ids. */
function secretsOf(state: SessionState): string[] {
  const out: string[] = state.ownerAccountId ? [state.ownerAccountId] : [];
  for (const p of participantList(state.participants)) out.push(p.id, p.tokenHash);
  for (const r of state.rounds) {
    out.push(...Object.keys(tableToRecord(r.ballots)));
  }
  return out;
}

/** Four participants voted in r1 (o1, o1, o3, o2), which is still open. */
function votedState(): SessionState {
  let s = withOpenRound();
  s = vote(s, 1, 'o1');
  s = vote(s, 2, 'o1');
  s = vote(s, 3, 'o3');
  s = vote(s, 4, 'o2');
  return s;
}

const zones = [
  { id: 'z1', name: 'Noord', municipalities: [] },
  { id: 'z2', name: 'Zuid', municipalities: [] },
  { id: 'z3', name: 'Oost', municipalities: [] },
];
const sessionInfo = {
  sessionId: 'session-1',
  title: 'Retro',
  zones,
  status: 'live' as const,
  language: 'nl-BE' as const,
};
const r1: RoundPublic = {
  id: 'r1',
  question: 'Gaan we door?',
  options: [
    { id: 'o1', label: 'Ja' },
    { id: 'o2', label: 'Nee' },
    { id: 'o3', label: 'Later' },
  ],
  config: { kind: 'single-choice' },
  status: 'open',
  reveal: 'manual',
  revealed: false,
  locked: false,
  closesAt: null,
  rerunOf: null,
  compareKey: null,
};
const liveResults: RoundResults = {
  respondents: 4,
  paper: 0,
  perPerson: { values: { o1: 2, o2: 1, o3: 1 }, matrix: null },
  perMunicipality: null,
  breakdown: null,
};

/** The fixtures' short round ids (r1, r1b) made long enough for the protocol's RoundId. */
const longIds = <T>(view: T): T => JSON.parse(JSON.stringify(view).replace(/"(r[0-9a-z]{1,3})"/g, '"round-$1"')) as T;

/** A view checked against its schema: parsing strips unknown keys, so equality means nothing extra. */
function expectExact<T>(schema: { parse(value: unknown): unknown }, view: T): void {
  expect(schema.parse(longIds(view))).toEqual(longIds(view));
}

function expectSchemaExact(state: SessionState): void {
  expectExact(FacilitatorView, facilitatorView(state, 0, NOW));
  expectExact(ParticipantView, participantView(state, NOW));
  expectExact(ProjectorView, projectorView(state, NOW));
}

describe('projection', () => {
  it('AN2 ST6 the facilitator view is exact: session with settings, attendance (joined, online) by zone, rounds with live results', () => {
    expect(facilitatorView(votedState(), 3, NOW + 7, { z1: 2, z3: 1 })).toEqual({
      protocolVersion: 1,
      serverTime: NOW + 7,
      session: {
        ...sessionInfo,
        joinCode: 'ABCD23',
        settings: { anonymityThreshold: 3, weighted: false, releaseEverySeconds: 15, releaseMinEntries: 3 },
        description: '',
        date: null,
        language: 'nl-BE',
        resultsPage: { days: 30, note: '', closedAt: null },
      },
      attendance: {
        joined: 4,
        online: 3,
        joinedByZone: { z1: 2, z2: 1, z3: 1 },
        onlineByZone: { z1: 2, z2: 0, z3: 1 },
      },
      rounds: [
        {
          ...r1,
          results: liveResults,
          wall: null,
          respondents: 4,
          moderation: null,
          versions: null,
          durationSeconds: null,
        },
      ],
      currentRoundId: 'r1',
    });
    expectSchemaExact(votedState());
  });

  it('AN2 RO7 the participant view of a manual round is exact: the round, no results, nothing about people', () => {
    const s = votedState();
    const view = participantView(s, NOW);
    expect(view).toEqual({
      protocolVersion: 1,
      serverTime: NOW,
      session: { ...sessionInfo, anonymityThreshold: 3 },
      round: { ...r1, results: null, wall: null },
      moreRounds: false,
    });
    const json = JSON.stringify(view);
    expect(json).not.toContain('respondents');
    expect(json).not.toContain('joinCode');
    expect(json).not.toContain('P1');
  });

  it('AN2 RO7 the projector view is exact: join code, joined, respondents, no results of a manual round', () => {
    expect(projectorView(votedState(), NOW)).toEqual({
      protocolVersion: 1,
      serverTime: NOW,
      session: { ...sessionInfo, joinCode: 'ABCD23', anonymityThreshold: 3 },
      joined: 4,
      round: { ...r1, results: null, wall: null, respondents: 4 },
      previous: null,
    });
  });

  it('AN2 no view carries voter keys, voter secrets, token hashes or participant ids (projector included)', () => {
    // A session with everything at once: municipalities, a closed re-run original, an open re-run with ballots.
    let s = regionSession();
    s = join(s, 1, 'z1', 'Ann', 'z1m1');
    s = join(s, 2, 'z1', 'Bob', 'z1m2');
    s = join(s, 3, 'z2', 'Cas');
    s = addRound(s, 'r1', { kind: 'dot-voting', budget: 3, maxPerOption: 2 }, { reveal: 'live' });
    s = startRound(s, 'r1');
    for (const n of [1, 2, 3]) s = cast(s, n, { kind: 'dot-voting', dots: { o1: 2, o2: 1 } });
    s = endRound(s, 'r1');
    s = run(s, rerunRound(s, { roundId: 'r1', newRoundId: 'r2' }));
    s = startRound(s, 'r2');
    for (const n of [1, 3]) s = cast(s, n, { kind: 'dot-voting', dots: { o3: 1 } }, 'r2');
    s = run(s, revealRound(s, { roundId: 'r2', revealed: true }));

    const secrets = secretsOf(s);
    // The state really holds them, so the search below can find a leak.
    expect(secrets).toEqual(
      expect.arrayContaining([OWNER_ACCOUNT_ID, participantId(1), tokenHash(3), 'voter-key-r2-1-SECRET']),
    );
    expect(secrets).toContain(voterKeyOf(3, 'r2'));
    expect(JSON.stringify(s)).toContain('SECRET');
    const views = {
      facilitator: facilitatorView(s, 2, NOW),
      participant: participantView(s, NOW),
      projector: projectorView(s, NOW),
      self: participantSelf(s, participantById(s.participants, participantId(1))!, voterKeyOf(1, 'r2')),
    };
    expect(views.projector.previous?.results?.respondents).toBe(3);
    expect(views.participant.round?.results?.respondents).toBe(2);
    for (const [name, view] of Object.entries(views)) {
      const json = JSON.stringify(view);
      for (const secret of secrets) expect(json, `${name} holds ${secret}`).not.toContain(secret);
      expect(json, name).not.toContain('SECRET');
      expect(json, name).not.toContain('ballots');
      expect(json, name).not.toContain('voter');
    }
    for (const name of ['Ann', 'Bob', 'Cas']) {
      expect(JSON.stringify([views.facilitator, views.participant, views.projector])).not.toContain(name);
    }
    expectSchemaExact(s);
  });

  it('AN2 participantSelf shows only the viewer’s own ballot, found by its voter key', () => {
    const s = votedState();
    const p3 = participantById(s.participants, participantId(3))!;
    const self = { zoneId: 'z3', municipalityId: null, name: 'P3', supported: [] };
    expect(participantSelf(s, p3, voterKeyOf(3))).toEqual({
      ...self,
      ballot: { kind: 'single-choice', optionId: 'o3' },
    });
    expect(participantSelf(s, p3, voterKeyOf(1))).toEqual({
      ...self,
      ballot: { kind: 'single-choice', optionId: 'o1' },
    });
    expect(participantSelf(s, p3, 'not-a-key')).toEqual({ ...self, ballot: null });
    expect(participantSelf(s, p3, null)).toEqual({ ...self, ballot: null });
    expect(ParticipantSelf.parse(participantSelf(s, p3, voterKeyOf(3)))).toEqual(participantSelf(s, p3, voterKeyOf(3)));
    const json = JSON.stringify(participantSelf(s, p3, voterKeyOf(3)));
    for (const secret of secretsOf(s)) expect(json).not.toContain(secret);
  });

  it('BR1 AN2 after the round closes the console shows the kept results with their breakdown and no ballot survives', () => {
    const s0 = votedState();
    const s = run(s0, closeRound(s0, { roundId: 'r1' }));
    const closedResults: RoundResults = {
      ...liveResults,
      breakdown: {
        zones: [
          { id: 'z1', suppressed: true },
          { id: 'z2', suppressed: true },
          { id: 'z3', suppressed: true },
        ],
        municipalities: [],
      },
    };
    const view = facilitatorView(s, 0, NOW);
    expect(view.rounds).toEqual([
      {
        ...r1,
        status: 'closed',
        results: closedResults,
        wall: null,
        respondents: 4,
        moderation: null,
        versions: null,
        durationSeconds: null,
      },
    ]);
    // Manual and never revealed: the room sees the round closed, not its results.
    expect(participantView(s, NOW).round).toEqual({ ...r1, status: 'closed', results: null, wall: null });
    expect(projectorView(s, NOW).round).toEqual({ ...r1, status: 'closed', results: null, wall: null, respondents: 4 });
    expect(participantSelf(s, participantById(s.participants, participantId(1))!, voterKeyOf(1)).ballot).toBeNull();
    const json = JSON.stringify([view, participantView(s, NOW), projectorView(s, NOW)]);
    for (const secret of secretsOf(s0)) expect(json).not.toContain(secret);
    expectSchemaExact(s);
  });

  it('before any round opens, phones and projector see no round and consoles see the draft without results', () => {
    const s = withDraftRound();
    expect(participantView(s, NOW).round).toBeNull();
    expect(projectorView(s, NOW)).toMatchObject({ round: null, previous: null, joined: 4 });
    const view = facilitatorView(s, 0, NOW);
    expect(view.currentRoundId).toBeNull();
    expect(view.rounds).toEqual([
      {
        ...r1,
        status: 'draft',
        results: null,
        wall: null,
        respondents: 0,
        moderation: null,
        versions: null,
        durationSeconds: null,
      },
    ]);
  });

  it('RO2 phones and projector follow the current round when a second one opens', () => {
    let s = withOpenRound();
    s = addRound(s, 'r2', { kind: 'single-choice' }, { question: 'Tweede', options: ['A', 'B'] });
    expect(participantView(s, NOW).round?.id).toBe('r1');
    s = run(s, openRound(s, { roundId: 'r2', now: NOW }));
    expect(participantView(s, NOW).round).toMatchObject({ id: 'r2', question: 'Tweede', status: 'open' });
    expect(projectorView(s, NOW).round).toMatchObject({ id: 'r2', respondents: 0 });
  });

  it('RO5 RO6 every view shows the deadline and the lock of the current round', () => {
    let s = votedState();
    s = run(s, setTimer(s, { roundId: 'r1', seconds: 30, now: NOW }));
    s = run(s, lockRound(s, { roundId: 'r1', locked: true }));
    const expected = { closesAt: NOW + 30_000, locked: true };
    expect(participantView(s, NOW).round).toMatchObject(expected);
    expect(projectorView(s, NOW).round).toMatchObject(expected);
    expect(facilitatorView(s, 0, NOW).rounds[0]).toMatchObject(expected);
  });
});

describe('RO7 reveal', () => {
  it('RO7 a manual round’s results reach phones and projector only once revealed; the console always has them', () => {
    let s = votedState();
    const room = (state: SessionState) => [participantView(state, NOW).round, projectorView(state, NOW).round];
    for (const round of room(s)) expect(round?.results).toBeNull();
    expect(facilitatorView(s, 0, NOW).rounds[0]?.results).toEqual(liveResults);

    s = run(s, revealRound(s, { roundId: 'r1', revealed: true }));
    // PA5: while the round is open the room gets no paper count.
    for (const round of room(s))
      expect(round).toMatchObject({ revealed: true, results: { ...liveResults, paper: null } });

    s = run(s, closeRound(s, { roundId: 'r1' }));
    const kept = s.rounds[0]!.closedResults;
    expect(kept?.breakdown).not.toBeNull();
    for (const round of room(s)) expect(round).toMatchObject({ status: 'closed', results: kept });

    // Hidden again: the room loses the results, the console keeps them.
    s = run(s, revealRound(s, { roundId: 'r1', revealed: false }));
    for (const round of room(s)) expect(round?.results).toBeNull();
    expect(facilitatorView(s, 0, NOW).rounds[0]?.results).toEqual(kept);
  });

  it('RO7 a live round shows its results to the room while it is open, without a reveal', () => {
    let s = addRound(withDraftRound(), 'r2', { kind: 'ranking' }, { reveal: 'live' });
    s = startRound(s, 'r2');
    expect(participantView(s, NOW).round?.results).toEqual({
      respondents: 0,
      paper: null,
      perPerson: {
        values: { o1: 0, o2: 0, o3: 0 },
        matrix: { o1: [0, 0, 0], o2: [0, 0, 0], o3: [0, 0, 0] },
      },
      perMunicipality: null,
      breakdown: null,
    });
    s = cast(s, 1, { kind: 'ranking', order: ['o2', 'o1', 'o3'] }, 'r2');
    s = cast(s, 2, { kind: 'ranking', order: ['o2', 'o3', 'o1'] }, 'r2');
    const results: RoundResults = {
      respondents: 2,
      paper: null,
      // Borda: first 2 points, second 1, last 0.
      perPerson: {
        values: { o1: 1, o2: 4, o3: 1 },
        matrix: { o1: [0, 1, 1], o2: [2, 0, 0], o3: [0, 1, 1] },
      },
      perMunicipality: null,
      breakdown: null,
    };
    expect(participantView(s, NOW).round).toMatchObject({ reveal: 'live', revealed: false, results });
    expect(projectorView(s, NOW).round).toMatchObject({ results, respondents: 2 });
    // Draft rounds have no results for anyone.
    expect(facilitatorView(s, 0, NOW).rounds[0]?.results).toBeNull();
  });
});

describe('RO8 re-run on the projector', () => {
  /** r1 closed with Ja, Ja, Later, Nee; re-run as r1b. */
  function rerun(reveal: boolean): SessionState {
    let s = votedState();
    if (reveal) s = run(s, revealRound(s, { roundId: 'r1', revealed: true }));
    s = endRound(s, 'r1');
    return run(s, rerunRound(s, { roundId: 'r1', newRoundId: 'r1b' }));
  }

  it('RO8 while the re-run is current, the projector’s `previous` carries the original with its results', () => {
    let s = rerun(true);
    // A draft re-run is not current yet: the projector still shows the original, with no previous.
    expect(projectorView(s, NOW)).toMatchObject({ round: { id: 'r1' }, previous: null });
    s = startRound(s, 'r1b');
    s = vote(s, 2, 'o2', 'r1b');
    const view = projectorView(s, NOW);
    expect(view.round).toEqual({
      ...r1,
      id: 'r1b',
      rerunOf: 'r1',
      results: null,
      wall: null,
      respondents: 1,
    });
    expect(view.previous).toEqual({
      ...r1,
      status: 'closed',
      revealed: true,
      results: s.rounds[0]!.closedResults,
      wall: null,
    });
    expect(view.previous?.results?.perPerson.values).toEqual({ o1: 2, o2: 1, o3: 1 });
    expectExact(ProjectorView, view);
    // Phones have no `previous`; the console has both rounds anyway.
    expect(participantView(s, NOW)).not.toHaveProperty('previous');
    expect(facilitatorView(s, 0, NOW).rounds.map((r) => [r.id, r.rerunOf])).toEqual([
      ['r1', null],
      ['r1b', 'r1'],
    ]);
  });

  it('RO7 RO8 an original never shown to the room stays hidden as `previous` too', () => {
    const s = startRound(rerun(false), 'r1b');
    expect(projectorView(s, NOW).previous).toEqual({ ...r1, status: 'closed', results: null, wall: null });
  });
});
