import { describe, expect, it } from 'vitest';
import type { Ballot, RoundConfig, RoundResults } from '@vrijuit/protocol';
import {
  castVote,
  closeRound,
  createRound,
  createSession,
  expireRounds,
  joinParticipant,
  lockRound,
  nextDeadline,
  openRound,
  rerunRound,
  revealRound,
  setTimer,
} from './decide.ts';
import { evolveAll } from './evolve.ts';
import { roundResults, validateBallot } from './results/index.ts';
import type { SessionState } from './state.ts';
import {
  accepted,
  addRound,
  deepFreeze,
  endRound,
  OWNER_ACCOUNT_ID,
  join,
  NOW,
  participantId,
  regionSession,
  run,
  session,
  startRound,
  tokenHash,
  vote,
  voterKeyOf,
  withDraftRound,
  withOpenRound,
} from './test-fixtures.ts';
import { NO_PARTICIPANTS, participantList } from './participants.ts';
import { tableGet, tableToRecord, tableValues } from './table.ts';

const OPTIONS = [
  { id: 'o1', label: 'Ja' },
  { id: 'o2', label: 'Nee' },
  { id: 'o3', label: 'Later' },
];
const refused = (code: string, message: string) => ({ ok: false, error: { code, message } });

/** r1 open; participants 5 (z1), 6 and 7 (z2) join too: z1 holds 1, 4, 5; z2 2, 6, 7; z3 3. */
function sevenPeople(): SessionState {
  let s = withOpenRound();
  s = join(s, 5, 'z1');
  s = join(s, 6, 'z2');
  s = join(s, 7, 'z2');
  return s;
}

/** z1: Ja, Ja, Nee; z2: Later, Later, Ja; z3 (participant 3) does not vote. */
function sixVotes(): SessionState {
  let s = sevenPeople();
  for (const [n, o] of [
    [1, 'o1'],
    [4, 'o1'],
    [5, 'o2'],
    [2, 'o3'],
    [6, 'o3'],
    [7, 'o1'],
  ] as const)
    s = vote(s, n, o);
  return s;
}

describe('sessions', () => {
  it('SE4 createSession numbers zones z1.. and their municipalities z1m1.. (weight 1 unless given)', () => {
    const decision = createSession({
      sessionId: 'session-1',
      joinCode: 'ABCD23',
      title: 'Retro',
      zones: [
        'Noord',
        {
          name: 'Zuid',
          municipalities: [{ name: 'Assen', weight: 3 }, { name: 'Emmen' }],
        },
        { name: 'Oost' },
      ],
      anonymityThreshold: 4,
      weighted: true,
      releaseEverySeconds: 20,
      releaseMinEntries: 4,
      ownerAccountId: OWNER_ACCOUNT_ID,
    });
    const zones = [
      { id: 'z1', name: 'Noord', municipalities: [] },
      {
        id: 'z2',
        name: 'Zuid',
        municipalities: [
          { id: 'z2m1', name: 'Assen', weight: 3 },
          { id: 'z2m2', name: 'Emmen', weight: 1 },
        ],
      },
      { id: 'z3', name: 'Oost', municipalities: [] },
    ];
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'session:created',
          sessionId: 'session-1',
          title: 'Retro',
          joinCode: 'ABCD23',
          zones,
          settings: { anonymityThreshold: 4, weighted: true, releaseEverySeconds: 20, releaseMinEntries: 4 },
          ownerAccountId: OWNER_ACCOUNT_ID,
          description: '',
          date: null,
          language: 'nl-BE',
        },
      ],
      value: { sessionId: 'session-1', joinCode: 'ABCD23' },
    });
    expect(evolveAll(null, accepted(decision).events)).toEqual({
      id: 'session-1',
      title: 'Retro',
      joinCode: 'ABCD23',
      status: 'draft',
      zones,
      settings: { anonymityThreshold: 4, weighted: true, releaseEverySeconds: 20, releaseMinEntries: 4 },
      ownerAccountId: OWNER_ACCOUNT_ID,
      description: '',
      date: null,
      language: 'nl-BE',
      participants: NO_PARTICIPANTS,
      rounds: [],
      currentRoundId: null,
    });
  });

  it('a join adds the participant with its zone, municipality and name', () => {
    const s = deepFreeze(session());
    const decision = joinParticipant(s, {
      participantId: 'p1',
      tokenHash: 'h1',
      zoneId: 'z2',
      municipalityId: null,
      name: 'Ann',
    });
    const participant = { id: 'p1', tokenHash: 'h1', zoneId: 'z2', municipalityId: null, name: 'Ann' };
    expect(decision).toEqual({ ok: true, events: [{ type: 'participant:joined', participant }], value: participant });
    expect(participantList(run(s, decision).participants)).toEqual([participant]);
  });

  it('SE4 a participant may name a municipality of the chosen zone, or none', () => {
    const s = deepFreeze(regionSession());
    const withOne = joinParticipant(s, {
      participantId: 'p1',
      tokenHash: 'h1',
      zoneId: 'z1',
      municipalityId: 'z1m2',
      name: '',
    });
    expect(accepted(withOne).value).toEqual({
      id: 'p1',
      tokenHash: 'h1',
      zoneId: 'z1',
      municipalityId: 'z1m2',
      name: '',
    });
    const without = joinParticipant(s, {
      participantId: 'p2',
      tokenHash: 'h2',
      zoneId: 'z1',
      municipalityId: null,
      name: '',
    });
    expect(accepted(without).value.municipalityId).toBeNull();
  });

  it('SE4 a municipality outside the chosen zone is refused with MUNICIPALITY_NOT_FOUND and no event', () => {
    const s = deepFreeze(regionSession());
    const base = { participantId: 'p1', tokenHash: 'h1', name: '' };
    const notInZone = refused('MUNICIPALITY_NOT_FOUND', 'the municipality is not in this zone');
    // z1m1 is in z1, not in z2 (which has none); z1m3 and z2m1 do not exist.
    expect(joinParticipant(s, { ...base, zoneId: 'z2', municipalityId: 'z1m1' })).toEqual(notInZone);
    expect(joinParticipant(s, { ...base, zoneId: 'z1', municipalityId: 'z1m3' })).toEqual(notInZone);
    expect(joinParticipant(s, { ...base, zoneId: 'z1', municipalityId: 'z2m1' })).toEqual(notInZone);
    expect(joinParticipant(s, { ...base, zoneId: 'z1', municipalityId: 'Assen' })).toEqual(notInZone);
    // The zone is checked first.
    expect(joinParticipant(s, { ...base, zoneId: 'z3', municipalityId: 'z1m1' })).toEqual(
      refused('ZONE_NOT_FOUND', 'unknown zone'),
    );
    expect(s.participants).toEqual(NO_PARTICIPANTS);
  });

  it('SE1 joining again with the same token is the same participant: no event, first zone and name kept', () => {
    const s = deepFreeze(join(session(), 1, 'z1', 'Ann'));
    const again = joinParticipant(s, {
      participantId: 'another-id',
      tokenHash: tokenHash(1),
      zoneId: 'z3',
      municipalityId: null,
      name: 'Someone else',
    });
    expect(again).toEqual({
      ok: true,
      events: [],
      value: { id: participantId(1), tokenHash: tokenHash(1), zoneId: 'z1', municipalityId: null, name: 'Ann' },
    });
    expect(participantList(run(s, again).participants).map((p) => p.id)).toEqual([participantId(1)]);
  });

  it('SE1 a retried join is recognised by its token even when it names an unknown zone or municipality', () => {
    const s = deepFreeze(join(session(), 1, 'z2'));
    const again = joinParticipant(s, {
      participantId: 'x',
      tokenHash: tokenHash(1),
      zoneId: 'z99',
      municipalityId: 'z99m1',
      name: '',
    });
    expect(again.ok && again.value.id).toBe(participantId(1));
    expect(again.ok && again.events).toEqual([]);
  });

  it('SE1 a different token is a different participant', () => {
    const s = join(join(session(), 1, 'z1'), 2, 'z1');
    expect(
      participantList(s.participants)
        .map((p) => p.id)
        .sort(),
    ).toEqual([participantId(1), participantId(2)]);
  });

  it('SE2 an unknown zone is refused with ZONE_NOT_FOUND and no event', () => {
    const s = deepFreeze(session());
    const base = { participantId: 'p1', tokenHash: 'h1', municipalityId: null, name: '' };
    expect(joinParticipant(s, { ...base, zoneId: 'z4' })).toEqual(refused('ZONE_NOT_FOUND', 'unknown zone'));
    expect(joinParticipant(s, { ...base, zoneId: '' }).ok).toBe(false);
  });
});

describe('rounds', () => {
  it('RO1 a round is created as a draft with its config, options o1.. at the end of the agenda', () => {
    let s = withDraftRound();
    const decision = createRound(deepFreeze(s), {
      roundId: 'r2',
      question: 'En nu?',
      options: ['A', 'B'],
      config: { kind: 'dot-voting', budget: 5, maxPerOption: 2 },
      reveal: 'live',
      durationSeconds: 60,
    });
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'round:created',
          roundId: 'r2',
          question: 'En nu?',
          options: [
            { id: 'o1', label: 'A' },
            { id: 'o2', label: 'B' },
          ],
          config: { kind: 'dot-voting', budget: 5, maxPerOption: 2 },
          reveal: 'live',
          durationSeconds: 60,
          rerunOf: null,
          compareKey: null,
          position: 1,
        },
      ],
      value: { roundId: 'r2' },
    });
    s = run(s, decision);
    expect(s.rounds.map((r) => [r.id, r.status])).toEqual([
      ['r1', 'draft'],
      ['r2', 'draft'],
    ]);
    expect(s.rounds[1]).toEqual({
      id: 'r2',
      question: 'En nu?',
      options: [
        { id: 'o1', label: 'A' },
        { id: 'o2', label: 'B' },
      ],
      config: { kind: 'dot-voting', budget: 5, maxPerOption: 2 },
      status: 'draft',
      reveal: 'live',
      revealed: false,
      locked: false,
      durationSeconds: 60,
      closesAt: null,
      rerunOf: null,
      compareKey: null,
      ballots: {},
      closedResults: null,
      points: {},
      submitted: {},
      versions: [],
    });
    expect(s.currentRoundId).toBeNull();
  });

  it('TA2 TA3 a round whose settings contradict its options is refused with BAD_REQUEST', () => {
    const s = deepFreeze(withDraftRound());
    const base = {
      roundId: 'r2',
      question: 'Q',
      options: ['A', 'B'],
      reveal: 'manual' as const,
      durationSeconds: null,
    };
    const bad = (config: RoundConfig) => createRound(s, { ...base, config });
    expect(bad({ kind: 'multiple-choice', min: 1, max: 3 })).toEqual(
      refused('BAD_REQUEST', 'need 0 <= min (1) <= max (3) <= options (2)'),
    );
    expect(bad({ kind: 'multiple-choice', min: 2, max: 1 }).ok).toBe(false);
    expect(bad({ kind: 'dot-voting', budget: 3, maxPerOption: 4 })).toEqual(
      refused('BAD_REQUEST', 'max per option (4) exceeds the budget (3)'),
    );
    expect(bad({ kind: 'multiple-choice', min: 0, max: 2 }).ok).toBe(true);
  });

  it('RO1 a draft round opens: it becomes current; no timer without a duration', () => {
    const s = deepFreeze(withDraftRound());
    const decision = openRound(s, { roundId: 'r1', now: NOW });
    expect(decision).toEqual({
      ok: true,
      // LC3: the first round opened makes the draft session live.
      events: [
        { type: 'session:status-changed', status: 'live' },
        { type: 'round:opened', roundId: 'r1', closesAt: null },
      ],
      value: {},
    });
    const next = run(s, decision);
    expect(next.currentRoundId).toBe('r1');
    expect(next.rounds[0]).toMatchObject({ status: 'open', closesAt: null });
  });

  it('RO1 only a draft round opens: open and closed rounds answer ROUND_STATE, unknown ROUND_NOT_FOUND', () => {
    const open = deepFreeze(withOpenRound());
    const again = { roundId: 'r1', now: NOW };
    expect(openRound(open, again)).toEqual(refused('ROUND_STATE', 'a open round cannot be opened'));
    const closed = deepFreeze(run(open, closeRound(open, { roundId: 'r1' })));
    expect(openRound(closed, again)).toEqual(refused('ROUND_STATE', 'a closed round cannot be opened'));
    expect(openRound(open, { ...again, roundId: 'nope' })).toEqual(refused('ROUND_NOT_FOUND', 'unknown round'));
  });

  it('RO2 opening a round closes the open one, with its results, and makes the new one current', () => {
    let s = withOpenRound();
    s = vote(s, 1, 'o1');
    s = vote(s, 2, 'o2');
    s = addRound(s, 'r2', { kind: 'single-choice' }, { options: ['A', 'B'] });
    deepFreeze(s);
    const decision = openRound(s, { roundId: 'r2', now: NOW });
    const results: RoundResults = {
      respondents: 2,
      paper: 0,
      perPerson: { values: { o1: 1, o2: 1, o3: 0 }, matrix: null },
      perMunicipality: null,
      // One person in z1, one in z2: both under k = 3; z3 is empty and shown as 0.
      breakdown: {
        zones: [
          { id: 'z1', suppressed: true },
          { id: 'z2', suppressed: true },
          { id: 'z3', suppressed: false, respondents: 0, result: { values: { o1: 0, o2: 0, o3: 0 }, matrix: null } },
        ],
        municipalities: [],
      },
    };
    expect(decision).toEqual({
      ok: true,
      events: [
        { type: 'round:closed', roundId: 'r1', results },
        { type: 'round:opened', roundId: 'r2', closesAt: null },
      ],
      value: {},
    });
    const next = run(s, decision);
    expect(next.rounds.map((r) => [r.id, r.status])).toEqual([
      ['r1', 'closed'],
      ['r2', 'open'],
    ]);
    expect(next.currentRoundId).toBe('r2');
    expect(next.rounds[0]).toMatchObject({ closedResults: results, ballots: {} });
  });

  it('RO3 BR1 BR2 closing keeps the results with their breakdown and drops every ballot', () => {
    const s = deepFreeze(sixVotes());
    expect(Object.keys(tableToRecord(s.rounds[0]!.ballots))).toHaveLength(6);
    const decision = closeRound(s, { roundId: 'r1' });
    const results: RoundResults = {
      respondents: 6,
      paper: 0,
      perPerson: { values: { o1: 3, o2: 1, o3: 2 }, matrix: null },
      perMunicipality: null,
      breakdown: {
        zones: [
          { id: 'z1', suppressed: false, respondents: 3, result: { values: { o1: 2, o2: 1, o3: 0 }, matrix: null } },
          { id: 'z2', suppressed: false, respondents: 3, result: { values: { o1: 1, o2: 0, o3: 2 }, matrix: null } },
          { id: 'z3', suppressed: false, respondents: 0, result: { values: { o1: 0, o2: 0, o3: 0 }, matrix: null } },
        ],
        municipalities: [],
      },
    };
    expect(decision).toEqual({ ok: true, events: [{ type: 'round:closed', roundId: 'r1', results }], value: {} });
    const round = run(s, decision).rounds[0]!;
    expect(round).toMatchObject({ status: 'closed', ballots: {}, closedResults: results });
  });

  it('AN4 AN5 closing suppresses a zone under k and, complementarily, the smallest other non-empty zone', () => {
    const s = deepFreeze(vote(sixVotes(), 3, 'o2'));
    const { events } = accepted(closeRound(s, { roundId: 'r1' }));
    const closed = events[0]!;
    if (closed.type !== 'round:closed') throw new Error(closed.type);
    // z3 has one voter; total − z2 − z3 would be z1 if only z3 were hidden: z1 (first of the 3s) goes too.
    expect(closed.results).toEqual({
      respondents: 7,
      paper: 0,
      perPerson: { values: { o1: 3, o2: 2, o3: 2 }, matrix: null },
      perMunicipality: null,
      breakdown: {
        zones: [
          { id: 'z1', suppressed: true },
          { id: 'z2', suppressed: false, respondents: 3, result: { values: { o1: 1, o2: 0, o3: 2 }, matrix: null } },
          { id: 'z3', suppressed: true },
        ],
        municipalities: [],
      },
    });
  });

  it('BR1 closing a round with municipalities stores exactly what roundResults computes with the breakdown', () => {
    let s = regionSession();
    const members: [number, string, string | null][] = [
      [1, 'z1', 'z1m1'],
      [2, 'z1', 'z1m1'],
      [3, 'z1', 'z1m1'],
      [4, 'z1', 'z1m2'],
      [5, 'z1', null],
      [6, 'z2', null],
    ];
    for (const [n, zoneId, municipalityId] of members) s = join(s, n, zoneId, `P${n}`, municipalityId);
    s = startRound(addRound(s, 'r1', { kind: 'single-choice' }), 'r1');
    for (const n of [1, 2, 3, 4, 5, 6]) s = vote(s, n, n % 2 ? 'o1' : 'o2');
    expect(tableValues(s.rounds[0]!.ballots).map((b) => b.municipalityId)).toEqual(
      expect.arrayContaining(['z1m1', 'z1m2', null]),
    );
    deepFreeze(s);
    const { events } = accepted(closeRound(s, { roundId: 'r1' }));
    const expected = roundResults({
      config: { kind: 'single-choice' },
      options: s.rounds[0]!.options,
      ballots: tableValues(s.rounds[0]!.ballots),
      zones: s.zones,
      settings: s.settings,
      withBreakdown: true,
    });
    expect(events).toEqual([{ type: 'round:closed', roundId: 'r1', results: expected }]);
    expect(expected.breakdown).not.toBeNull();
    // Emmen has one voter (under k): the per-municipality tally is withheld (AN6).
    expect(expected.perMunicipality).toEqual({ withheld: true });
    expect(expected.breakdown?.municipalities.map((g) => g.id)).toEqual(['z1m1', 'z1m2', 'z1:?']);
  });

  it('RO3 only an open round closes: draft and closed rounds answer ROUND_STATE, unknown ROUND_NOT_FOUND', () => {
    const draft = deepFreeze(withDraftRound());
    expect(closeRound(draft, { roundId: 'r1' })).toEqual(
      refused('ROUND_STATE', 'a draft round cannot change this way'),
    );
    const open = withOpenRound();
    const closed = deepFreeze(run(open, closeRound(open, { roundId: 'r1' })));
    expect(closeRound(closed, { roundId: 'r1' })).toEqual(
      refused('ROUND_STATE', 'a closed round cannot change this way'),
    );
    expect(closeRound(closed, { roundId: 'r9' })).toEqual(refused('ROUND_NOT_FOUND', 'unknown round'));
  });
});

describe('RO5 timers', () => {
  const timed = () => addRound(withDraftRound(), 'r2', { kind: 'single-choice' }, { durationSeconds: 90 });

  it('RO5 a round created with durationSeconds gets closesAt = now + d when it opens, not before', () => {
    const s = deepFreeze(timed());
    expect(s.rounds[1]).toMatchObject({ durationSeconds: 90, closesAt: null });
    expect(nextDeadline(s)).toBeNull();
    const decision = openRound(s, { roundId: 'r2', now: NOW });
    expect(decision).toEqual({
      ok: true,
      events: [
        { type: 'session:status-changed', status: 'live' },
        { type: 'round:opened', roundId: 'r2', closesAt: NOW + 90_000 },
      ],
      value: {},
    });
    const next = run(s, decision);
    expect(next.rounds[1]?.closesAt).toBe(NOW + 90_000);
    expect(nextDeadline(next)).toBe(NOW + 90_000);
  });

  it('RO5 setTimer sets, moves and cancels the timer of an open round, counting from now', () => {
    let s = deepFreeze(withOpenRound());
    expect(nextDeadline(s)).toBeNull();
    const set = setTimer(s, { roundId: 'r1', seconds: 30, now: NOW + 5000 });
    expect(set).toEqual({
      ok: true,
      events: [{ type: 'round:timer-set', roundId: 'r1', closesAt: NOW + 35_000 }],
      value: {},
    });
    s = deepFreeze(run(s, set));
    expect(s.rounds[0]?.closesAt).toBe(NOW + 35_000);
    expect(nextDeadline(s)).toBe(NOW + 35_000);
    s = deepFreeze(run(s, setTimer(s, { roundId: 'r1', seconds: 600, now: NOW + 10_000 })));
    expect(nextDeadline(s)).toBe(NOW + 610_000);
    const cancel = setTimer(s, { roundId: 'r1', seconds: null, now: NOW + 20_000 });
    expect(cancel).toEqual({
      ok: true,
      events: [{ type: 'round:timer-set', roundId: 'r1', closesAt: null }],
      value: {},
    });
    s = run(s, cancel);
    expect(s.rounds[0]?.closesAt).toBeNull();
    expect(nextDeadline(s)).toBeNull();
  });

  it('RO5 a timer is only for an open round: draft and closed answer ROUND_STATE, unknown ROUND_NOT_FOUND', () => {
    const draft = deepFreeze(withDraftRound());
    expect(setTimer(draft, { roundId: 'r1', seconds: 10, now: NOW })).toEqual(
      refused('ROUND_STATE', 'a draft round cannot change this way'),
    );
    const closed = deepFreeze(endRound(withOpenRound(), 'r1'));
    expect(setTimer(closed, { roundId: 'r1', seconds: 10, now: NOW })).toEqual(
      refused('ROUND_STATE', 'a closed round cannot change this way'),
    );
    expect(setTimer(closed, { roundId: 'r0', seconds: null, now: NOW })).toEqual(
      refused('ROUND_NOT_FOUND', 'unknown round'),
    );
  });

  it('RO5 expireRounds closes a round whose time has come, with its results, and nothing before', () => {
    let s = startRound(timed(), 'r2');
    s = vote(s, 1, 'o2', 'r2');
    deepFreeze(s);
    const deadline = NOW + 90_000;
    expect(expireRounds(s, NOW)).toEqual({ ok: true, events: [], value: {} });
    expect(expireRounds(s, deadline - 1)).toEqual({ ok: true, events: [], value: {} });
    const due = expireRounds(s, deadline);
    // The same event as a facilitator's close at that moment.
    expect(due).toEqual({ ok: true, events: accepted(closeRound(s, { roundId: 'r2' })).events, value: {} });
    expect(accepted(due).events.map((e) => e.type)).toEqual(['round:closed']);
    // Late is as good as on time.
    expect(expireRounds(s, deadline + 60_000)).toEqual(due);
    const closed = run(s, due);
    expect(closed.rounds[1]).toMatchObject({ status: 'closed', closesAt: null, ballots: {} });
    expect(closed.rounds[1]?.closedResults?.respondents).toBe(1);
    expect(nextDeadline(closed)).toBeNull();
    expect(expireRounds(closed, deadline + 1)).toEqual({ ok: true, events: [], value: {} });
  });

  it('RO5 expireRounds leaves rounds without a timer, and drafts with a duration, alone', () => {
    let s = timed();
    s = startRound(s, 'r1'); // r1 has no timer; r2 (90 s) is still a draft
    deepFreeze(s);
    expect(expireRounds(s, NOW + 10 ** 12)).toEqual({ ok: true, events: [], value: {} });
    const withTimer = run(s, setTimer(s, { roundId: 'r1', seconds: 5, now: NOW }));
    const cancelled = deepFreeze(run(withTimer, setTimer(withTimer, { roundId: 'r1', seconds: null, now: NOW })));
    expect(expireRounds(cancelled, NOW + 10_000)).toEqual({ ok: true, events: [], value: {} });
  });
});

describe('RO6 lock', () => {
  it('RO6 a locked round refuses ballots with ROUND_LOCKED and keeps those cast; unlocked it takes them again', () => {
    let s = vote(withOpenRound(), 1, 'o1');
    const lock = lockRound(deepFreeze(s), { roundId: 'r1', locked: true });
    expect(lock).toEqual({ ok: true, events: [{ type: 'round:locked', roundId: 'r1', locked: true }], value: {} });
    s = deepFreeze(run(s, lock));
    expect(s.rounds[0]).toMatchObject({ status: 'open', locked: true });
    const ballot: Ballot = { kind: 'single-choice', optionId: 'o2' };
    const byTwo = { participantId: participantId(2), voterKey: voterKeyOf(2), roundId: 'r1', ballot };
    expect(castVote(s, byTwo)).toEqual(refused('ROUND_LOCKED', 'the facilitator has paused this round'));
    // A change of an earlier ballot is refused as well; the ballot stays.
    expect(castVote(s, { ...byTwo, participantId: participantId(1), voterKey: voterKeyOf(1) }).ok).toBe(false);
    expect(tableToRecord(s.rounds[0]?.ballots ?? {})).toEqual({
      [voterKeyOf(1)]: { zoneId: 'z1', municipalityId: null, ballot: { kind: 'single-choice', optionId: 'o1' } },
    });
    // Locking a locked round changes nothing.
    expect(lockRound(s, { roundId: 'r1', locked: true })).toEqual({ ok: true, events: [], value: {} });

    s = run(s, lockRound(s, { roundId: 'r1', locked: false }));
    expect(s.rounds[0]?.locked).toBe(false);
    s = run(s, castVote(s, byTwo));
    expect(Object.keys(tableToRecord(s.rounds[0]!.ballots))).toHaveLength(2);
  });

  it('RO6 only an open round locks; closing a locked round counts its ballots and clears the lock', () => {
    expect(lockRound(deepFreeze(withDraftRound()), { roundId: 'r1', locked: true })).toEqual(
      refused('ROUND_STATE', 'a draft round cannot change this way'),
    );
    expect(lockRound(deepFreeze(withOpenRound()), { roundId: 'rX', locked: true })).toEqual(
      refused('ROUND_NOT_FOUND', 'unknown round'),
    );
    let s = vote(vote(withOpenRound(), 1, 'o3'), 2, 'o3');
    s = run(s, lockRound(s, { roundId: 'r1', locked: true }));
    s = endRound(s, 'r1');
    expect(s.rounds[0]).toMatchObject({ status: 'closed', locked: false });
    expect(s.rounds[0]?.closedResults?.perPerson.values).toEqual({ o1: 0, o2: 0, o3: 2 });
    expect(lockRound(deepFreeze(s), { roundId: 'r1', locked: false })).toEqual(
      refused('ROUND_STATE', 'a closed round cannot change this way'),
    );
  });
});

describe('RO7 reveal', () => {
  it('RO7 a draft round has no results to reveal: ROUND_STATE; an unknown round ROUND_NOT_FOUND', () => {
    const s = deepFreeze(withDraftRound());
    expect(revealRound(s, { roundId: 'r1', revealed: true })).toEqual(
      refused('ROUND_STATE', 'a draft round has no results'),
    );
    expect(revealRound(s, { roundId: 'nope', revealed: true })).toEqual(refused('ROUND_NOT_FOUND', 'unknown round'));
  });

  it('RO7 an open or closed round is revealed and hidden again; a repeat changes nothing', () => {
    let s = deepFreeze(withOpenRound());
    expect(revealRound(s, { roundId: 'r1', revealed: false })).toEqual({ ok: true, events: [], value: {} });
    const reveal = revealRound(s, { roundId: 'r1', revealed: true });
    expect(reveal).toEqual({
      ok: true,
      events: [{ type: 'round:revealed', roundId: 'r1', revealed: true }],
      value: {},
    });
    s = deepFreeze(run(s, reveal));
    expect(s.rounds[0]?.revealed).toBe(true);
    expect(revealRound(s, { roundId: 'r1', revealed: true })).toEqual({ ok: true, events: [], value: {} });
    s = deepFreeze(endRound(s, 'r1'));
    // Closing keeps the choice; a closed round can still be hidden and shown.
    expect(s.rounds[0]?.revealed).toBe(true);
    s = run(s, revealRound(s, { roundId: 'r1', revealed: false }));
    expect(s.rounds[0]).toMatchObject({ status: 'closed', revealed: false });
  });
});

describe('RO8 re-run', () => {
  it('RO8 only a closed round runs again: draft and open answer ROUND_STATE, unknown ROUND_NOT_FOUND', () => {
    const message = refused('ROUND_STATE', 'only a closed round can be run again');
    expect(rerunRound(deepFreeze(withDraftRound()), { roundId: 'r1', newRoundId: 'r1b' })).toEqual(message);
    expect(rerunRound(deepFreeze(withOpenRound()), { roundId: 'r1', newRoundId: 'r1b' })).toEqual(message);
    expect(rerunRound(deepFreeze(withOpenRound()), { roundId: 'rX', newRoundId: 'r1b' })).toEqual(
      refused('ROUND_NOT_FOUND', 'unknown round'),
    );
  });

  it('RO8 TX6 a closed position text is not re-run: ROUND_KIND', () => {
    let s = addRound(withDraftRound(), 'text', { kind: 'position-text', zoneDrafts: true }, { options: [] });
    s = startRound(s, 'text');
    s = endRound(s, 'text');
    expect(rerunRound(deepFreeze(s), { roundId: 'text', newRoundId: 'text-b' })).toEqual(
      refused('ROUND_KIND', 'a position text has no votes to ask again'),
    );
  });

  it('RO8 the copy is a draft placed right after the original, remembering what it re-runs', () => {
    let s = vote(withOpenRound(), 1, 'o1');
    s = endRound(s, 'r1');
    s = addRound(s, 'r2', { kind: 'ranking' });
    s = addRound(s, 'r3', { kind: 'scale', labels: ['nee', 'ja'] }, { reveal: 'live', durationSeconds: 45 });
    s = startRound(s, 'r3');
    s = endRound(s, 'r3');
    deepFreeze(s);
    const decision = rerunRound(s, { roundId: 'r1', newRoundId: 'r1b' });
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'round:created',
          roundId: 'r1b',
          question: 'Gaan we door?',
          options: OPTIONS,
          config: { kind: 'single-choice' },
          reveal: 'manual',
          durationSeconds: null,
          rerunOf: 'r1',
          compareKey: null,
          position: 1,
        },
      ],
      value: { roundId: 'r1b' },
    });
    let next = run(s, decision);
    expect(next.rounds.map((r) => r.id)).toEqual(['r1', 'r1b', 'r2', 'r3']);
    expect(next.rounds[1]).toMatchObject({
      status: 'draft',
      revealed: false,
      locked: false,
      closesAt: null,
      rerunOf: 'r1',
      ballots: {},
      closedResults: null,
      points: {},
      submitted: {},
      versions: [],
    });
    // The original is untouched, and the current round stays what it was.
    expect(next.rounds[0]).toEqual(s.rounds[0]);
    expect(next.currentRoundId).toBe('r3');

    // The last round re-runs with its kind, reveal mode and timer length.
    next = run(next, rerunRound(next, { roundId: 'r3', newRoundId: 'r3b' }));
    expect(next.rounds.map((r) => r.id)).toEqual(['r1', 'r1b', 'r2', 'r3', 'r3b']);
    expect(next.rounds[4]).toMatchObject({
      config: { kind: 'scale', labels: ['nee', 'ja'] },
      reveal: 'live',
      durationSeconds: 45,
      rerunOf: 'r3',
      status: 'draft',
    });
  });
});

describe('votes', () => {
  it('VO1 a ballot is stored under the voter key with the voter’s zone and municipality; the ack names the round only', () => {
    const s = deepFreeze(withOpenRound());
    const ballot: Ballot = { kind: 'single-choice', optionId: 'o3' };
    const decision = castVote(s, { participantId: participantId(2), voterKey: 'k2', roundId: 'r1', ballot });
    expect(decision).toEqual({
      ok: true,
      events: [{ type: 'vote:cast', roundId: 'r1', voterKey: 'k2', zoneId: 'z2', municipalityId: null, ballot }],
      value: { roundId: 'r1' },
    });
    expect(tableToRecord(run(s, decision).rounds[0]?.ballots ?? {})).toEqual({
      k2: { zoneId: 'z2', municipalityId: null, ballot },
    });

    let r = join(regionSession(), 1, 'z1', 'P1', 'z1m2');
    r = startRound(addRound(r, 'r1', { kind: 'single-choice' }), 'r1');
    const inRegion = accepted(
      castVote(r, {
        participantId: participantId(1),
        voterKey: 'k1',
        roundId: 'r1',
        ballot: { kind: 'single-choice', optionId: 'o1' },
      }),
    );
    expect(inRegion.events[0]).toMatchObject({ zoneId: 'z1', municipalityId: 'z1m2' });
  });

  it('VO1 changing a ballot replaces it, so the voter is counted once', () => {
    let s = withOpenRound();
    s = vote(s, 1, 'o1');
    s = vote(s, 1, 'o2');
    expect(tableToRecord(s.rounds[0]?.ballots ?? {})).toEqual({
      [voterKeyOf(1)]: { zoneId: 'z1', municipalityId: null, ballot: { kind: 'single-choice', optionId: 'o2' } },
    });
    expect(endRound(s, 'r1').rounds[0]?.closedResults).toMatchObject({
      respondents: 1,
      paper: 0,
      perPerson: { values: { o1: 0, o2: 1, o3: 0 } },
    });
  });

  it('VO1 casting the same ballot again emits nothing and answers the same value', () => {
    const s = deepFreeze(vote(withOpenRound(), 1, 'o1'));
    expect(
      castVote(s, {
        participantId: participantId(1),
        voterKey: voterKeyOf(1),
        roundId: 'r1',
        ballot: { kind: 'single-choice', optionId: 'o1' },
      }),
    ).toEqual({ ok: true, events: [], value: { roundId: 'r1' } });
  });

  it('VO3 refusals change nothing: ROUND_NOT_OPEN, ROUND_NOT_FOUND, OPTION_NOT_FOUND, NOT_JOINED', () => {
    const draft = deepFreeze(withDraftRound());
    const base = {
      participantId: participantId(1),
      voterKey: 'k1',
      roundId: 'r1',
      ballot: { kind: 'single-choice', optionId: 'o1' } as Ballot,
    };
    const notOpen = refused('ROUND_NOT_OPEN', 'the round is not open');
    expect(castVote(draft, base)).toEqual(notOpen);

    const open = deepFreeze(vote(withOpenRound(), 1, 'o2'));
    const closed = deepFreeze(run(open, closeRound(open, { roundId: 'r1' })));
    expect(castVote(closed, base)).toEqual(notOpen);
    expect(castVote(open, { ...base, roundId: 'r404' })).toEqual(refused('ROUND_NOT_FOUND', 'unknown round'));
    expect(castVote(open, { ...base, ballot: { kind: 'single-choice', optionId: 'o4' } })).toEqual(
      refused('OPTION_NOT_FOUND', 'option o4 is not part of this round'),
    );
    expect(castVote(open, { ...base, participantId: 'stranger' })).toEqual(
      refused('NOT_JOINED', 'not a participant of this session'),
    );
    // The frozen states would have thrown on any mutation; the ballots are what they were.
    expect(tableToRecord(open.rounds[0]?.ballots ?? {})).toEqual({
      [voterKeyOf(1)]: { zoneId: 'z1', municipalityId: null, ballot: { kind: 'single-choice', optionId: 'o2' } },
    });
    expect(closed.rounds[0]?.closedResults?.perPerson.values).toEqual({ o1: 0, o2: 1, o3: 0 });
  });
});

describe('TA1-TA8 castVote checks every kind with validateBallot', () => {
  const kinds: Record<string, RoundConfig> = {
    single: { kind: 'single-choice' },
    multiple: { kind: 'multiple-choice', min: 1, max: 2 },
    dots: { kind: 'dot-voting', budget: 5, maxPerOption: 3 },
    ranking: { kind: 'ranking' },
    scale: { kind: 'scale', labels: ['oneens', 'neutraal', 'eens'] },
    agreement: { kind: 'agreement', preset: 'fist-of-five' },
  };
  /** Session with participants 1-4 and an open round `rk` of the kind, options o1 A, o2 B, o3 C. */
  const openKind = (config: RoundConfig) => deepFreeze(startRound(addRound(withDraftRound(), 'rk', config), 'rk'));
  const attempt = (s: SessionState, ballot: Ballot) =>
    castVote(s, { participantId: participantId(3), voterKey: voterKeyOf(3, 'rk'), roundId: 'rk', ballot });

  const good: [keyof typeof kinds, Ballot][] = [
    ['single', { kind: 'single-choice', optionId: 'o2' }],
    ['multiple', { kind: 'multiple-choice', optionIds: ['o1', 'o3'] }],
    ['dots', { kind: 'dot-voting', dots: { o1: 3, o3: 2 } }],
    ['ranking', { kind: 'ranking', order: ['o3', 'o1', 'o2'] }],
    ['scale', { kind: 'scale', answers: { o1: 0, o2: 2 } }],
    ['agreement', { kind: 'agreement', answers: { o3: 5 } }],
  ];
  for (const [kind, ballot] of good) {
    it(`a valid ${ballot.kind} ballot is stored as cast`, () => {
      const s = openKind(kinds[kind]!);
      const decision = attempt(s, ballot);
      expect(decision).toEqual({
        ok: true,
        events: [
          {
            type: 'vote:cast',
            roundId: 'rk',
            voterKey: voterKeyOf(3, 'rk'),
            zoneId: 'z3',
            municipalityId: null,
            ballot,
          },
        ],
        value: { roundId: 'rk' },
      });
      expect(tableGet(run(s, decision).rounds[1]?.ballots ?? {}, voterKeyOf(3, 'rk'))?.ballot).toEqual(ballot);
    });
  }

  const bad: [keyof typeof kinds, string, Ballot, string][] = [
    [
      'single',
      'BALLOT_KIND',
      { kind: 'ranking', order: ['o1', 'o2', 'o3'] },
      'a ranking ballot for a single-choice round',
    ],
    ['single', 'OPTION_NOT_FOUND', { kind: 'single-choice', optionId: 'o9' }, 'option o9 is not part of this round'],
    [
      'multiple',
      'CHOICE_COUNT',
      { kind: 'multiple-choice', optionIds: ['o1', 'o2', 'o3'] },
      'choose between 1 and 2 options, not 3',
    ],
    ['dots', 'MAX_PER_OPTION_EXCEEDED', { kind: 'dot-voting', dots: { o1: 4 } }, '4 dots on o1, at most 3'],
    ['dots', 'BUDGET_EXCEEDED', { kind: 'dot-voting', dots: { o1: 3, o2: 3 } }, '6 dots spent of 5'],
    ['dots', 'EMPTY_BALLOT', { kind: 'dot-voting', dots: { o1: 0 } }, 'a dot-voting ballot places at least one dot'],
    ['ranking', 'RANKING_INCOMPLETE', { kind: 'ranking', order: ['o1', 'o2'] }, 'rank every option exactly once'],
    ['scale', 'ANSWER_OUT_OF_RANGE', { kind: 'scale', answers: { o1: 3 } }, 'level 3 for o1; levels are 0 to 2'],
    [
      'agreement',
      'ANSWER_OUT_OF_RANGE',
      { kind: 'agreement', answers: { o2: 6 } },
      'level 6 for o2; levels are 0 to 5',
    ],
    ['agreement', 'EMPTY_BALLOT', { kind: 'agreement', answers: {} }, 'answer at least one option'],
  ];
  for (const [kind, code, ballot, message] of bad) {
    it(`${code}: a bad ${kinds[kind]!.kind} ballot is refused as validateBallot says, and nothing changes`, () => {
      const s = openKind(kinds[kind]!);
      const round = s.rounds[1]!;
      expect(validateBallot(round.config, round.options, ballot)).toEqual({ code, message });
      expect(attempt(s, ballot)).toEqual(refused(code, message));
      expect(tableToRecord(round.ballots)).toEqual({});
    });
  }
});
