import { describe, expect, it } from 'vitest';
import { castVote, closeRound, createRound, createSession, joinParticipant, openRound } from './decide.ts';
import { evolveAll } from './evolve.ts';
import { tallyOf } from './tally.ts';
import {
  accepted,
  deepFreeze,
  FACILITATOR_HASH,
  join,
  participantId,
  run,
  session,
  tokenHash,
  vote,
  VOTER_SECRET,
  voterKeyOf,
  withDraftRound,
  withOpenRound,
} from './test-fixtures.ts';

describe('sessions', () => {
  it('createSession numbers the zones z1.. and emits one session:created event', () => {
    const decision = createSession({
      sessionId: 'session-1',
      joinCode: 'ABCD23',
      title: 'Retro',
      zones: ['Noord', 'Zuid'],
      facilitatorTokenHash: FACILITATOR_HASH,
    });
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'session:created',
          sessionId: 'session-1',
          title: 'Retro',
          joinCode: 'ABCD23',
          zones: [
            { id: 'z1', name: 'Noord' },
            { id: 'z2', name: 'Zuid' },
          ],
          facilitatorTokenHash: FACILITATOR_HASH,
        },
      ],
      value: { sessionId: 'session-1', joinCode: 'ABCD23' },
    });
    expect(evolveAll(null, accepted(decision).events)).toEqual({
      id: 'session-1',
      title: 'Retro',
      joinCode: 'ABCD23',
      zones: [
        { id: 'z1', name: 'Noord' },
        { id: 'z2', name: 'Zuid' },
      ],
      facilitatorTokenHash: FACILITATOR_HASH,
      participants: {},
      rounds: [],
      currentRoundId: null,
    });
  });

  it('a join adds the participant with its zone and name', () => {
    const s = deepFreeze(session());
    const decision = joinParticipant(s, { participantId: 'p1', tokenHash: 'h1', zoneId: 'z2', name: 'Ann' });
    const participant = { id: 'p1', tokenHash: 'h1', zoneId: 'z2', name: 'Ann' };
    expect(decision).toEqual({ ok: true, events: [{ type: 'participant:joined', participant }], value: participant });
    expect(run(s, decision).participants).toEqual({ p1: participant });
  });

  it('SE1 joining again with the same token is the same participant: no event, first zone and name kept', () => {
    const s = deepFreeze(join(session(), 1, 'z1', 'Ann'));
    const again = joinParticipant(s, {
      participantId: 'another-id',
      tokenHash: tokenHash(1),
      zoneId: 'z3',
      name: 'Someone else',
    });
    expect(again).toEqual({
      ok: true,
      events: [],
      value: { id: participantId(1), tokenHash: tokenHash(1), zoneId: 'z1', name: 'Ann' },
    });
    expect(Object.keys(run(s, again).participants)).toEqual([participantId(1)]);
  });

  it('SE1 a retried join is recognised by its token even when it names an unknown zone', () => {
    const s = deepFreeze(join(session(), 1, 'z2'));
    const again = joinParticipant(s, { participantId: 'x', tokenHash: tokenHash(1), zoneId: 'z99', name: '' });
    expect(again.ok && again.value.id).toBe(participantId(1));
    expect(again.ok && again.events).toEqual([]);
  });

  it('SE1 a different token is a different participant', () => {
    const s = join(join(session(), 1, 'z1'), 2, 'z1');
    expect(Object.keys(s.participants).sort()).toEqual([participantId(1), participantId(2)]);
  });

  it('SE2 an unknown zone is refused with ZONE_NOT_FOUND and no event', () => {
    const s = deepFreeze(session());
    expect(joinParticipant(s, { participantId: 'p1', tokenHash: 'h1', zoneId: 'z4', name: '' })).toEqual({
      ok: false,
      error: { code: 'ZONE_NOT_FOUND', message: 'unknown zone' },
    });
    expect(joinParticipant(s, { participantId: 'p1', tokenHash: 'h1', zoneId: '', name: '' }).ok).toBe(false);
  });
});

describe('rounds', () => {
  it('RO1 a round is created as a draft with options o1.. at the end of the agenda', () => {
    let s = withDraftRound();
    s = run(s, createRound(s, { roundId: 'r2', question: 'En nu?', options: ['A', 'B'] }));
    expect(s.rounds.map((r) => [r.id, r.status])).toEqual([
      ['r1', 'draft'],
      ['r2', 'draft'],
    ]);
    expect(s.rounds[1]).toEqual({
      id: 'r2',
      kind: 'single-choice',
      question: 'En nu?',
      options: [
        { id: 'o1', label: 'A' },
        { id: 'o2', label: 'B' },
      ],
      status: 'draft',
      voterSecret: null,
      ballots: {},
      closedTally: null,
    });
    expect(s.currentRoundId).toBeNull();
  });

  it('RO1 a draft round opens: it becomes current and gets its voter secret', () => {
    const s = deepFreeze(withDraftRound());
    const decision = openRound(s, { roundId: 'r1', voterSecret: VOTER_SECRET });
    expect(decision).toEqual({
      ok: true,
      events: [{ type: 'round:opened', roundId: 'r1', voterSecret: VOTER_SECRET }],
      value: {},
    });
    const next = run(s, decision);
    expect(next.currentRoundId).toBe('r1');
    expect(next.rounds[0]?.status).toBe('open');
    expect(next.rounds[0]?.voterSecret).toBe(VOTER_SECRET);
  });

  it('RO1 only a draft round opens: open and closed rounds answer ROUND_STATE, unknown ROUND_NOT_FOUND', () => {
    const open = deepFreeze(withOpenRound());
    expect(openRound(open, { roundId: 'r1', voterSecret: 'other' })).toEqual({
      ok: false,
      error: { code: 'ROUND_STATE', message: 'a open round cannot be opened' },
    });
    const closed = deepFreeze(run(open, closeRound(open, { roundId: 'r1' })));
    expect(openRound(closed, { roundId: 'r1', voterSecret: 'other' })).toEqual({
      ok: false,
      error: { code: 'ROUND_STATE', message: 'a closed round cannot be opened' },
    });
    expect(openRound(open, { roundId: 'nope', voterSecret: 'other' })).toEqual({
      ok: false,
      error: { code: 'ROUND_NOT_FOUND', message: 'unknown round' },
    });
  });

  it('RO2 opening a round closes the open one, with its tally per zone, and makes the new one current', () => {
    let s = withOpenRound();
    s = vote(s, 1, 'o1');
    s = vote(s, 2, 'o2');
    s = run(s, createRound(s, { roundId: 'r2', question: 'Q2', options: ['A', 'B'] }));
    deepFreeze(s);
    const decision = openRound(s, { roundId: 'r2', voterSecret: 'secret-2' });
    expect(decision).toEqual({
      ok: true,
      events: [
        { type: 'round:closed', roundId: 'r1', tally: { z1: { o1: 1 }, z2: { o2: 1 } } },
        { type: 'round:opened', roundId: 'r2', voterSecret: 'secret-2' },
      ],
      value: {},
    });
    const next = run(s, decision);
    expect(next.rounds.map((r) => [r.id, r.status])).toEqual([
      ['r1', 'closed'],
      ['r2', 'open'],
    ]);
    expect(next.rounds.filter((r) => r.status === 'open')).toHaveLength(1);
    expect(next.currentRoundId).toBe('r2');
    expect(tallyOf(next.rounds[0]!)).toEqual({ ballots: 2, counts: { o1: 1, o2: 1, o3: 0 } });
  });

  it('RO3 closing keeps the aggregate per zone and drops every ballot and the voter secret', () => {
    let s = withOpenRound();
    s = vote(s, 1, 'o1');
    s = vote(s, 2, 'o1');
    s = vote(s, 3, 'o3');
    s = vote(s, 4, 'o2');
    deepFreeze(s);
    const decision = closeRound(s, { roundId: 'r1' });
    expect(decision).toEqual({
      ok: true,
      events: [{ type: 'round:closed', roundId: 'r1', tally: { z1: { o1: 1, o2: 1 }, z2: { o1: 1 }, z3: { o3: 1 } } }],
      value: {},
    });
    const round = run(s, decision).rounds[0]!;
    expect(round.status).toBe('closed');
    expect(round.ballots).toEqual({});
    expect(round.voterSecret).toBeNull();
    expect(round.closedTally).toEqual({ z1: { o1: 1, o2: 1 }, z2: { o1: 1 }, z3: { o3: 1 } });
    expect(tallyOf(round)).toEqual({ ballots: 4, counts: { o1: 2, o2: 1, o3: 1 } });
  });

  it('RO3 only an open round closes: draft and closed rounds answer ROUND_STATE, unknown ROUND_NOT_FOUND', () => {
    const draft = deepFreeze(withDraftRound());
    expect(closeRound(draft, { roundId: 'r1' })).toEqual({
      ok: false,
      error: { code: 'ROUND_STATE', message: 'a draft round cannot be closed' },
    });
    const open = withOpenRound();
    const closed = deepFreeze(run(open, closeRound(open, { roundId: 'r1' })));
    expect(closeRound(closed, { roundId: 'r1' })).toEqual({
      ok: false,
      error: { code: 'ROUND_STATE', message: 'a closed round cannot be closed' },
    });
    expect(closeRound(closed, { roundId: 'r9' })).toEqual({
      ok: false,
      error: { code: 'ROUND_NOT_FOUND', message: 'unknown round' },
    });
  });
});

describe('votes', () => {
  it('VO1 a vote is stored under the voter key with the voter’s zone; the ack names the round only', () => {
    const s = deepFreeze(withOpenRound());
    const decision = castVote(s, { participantId: participantId(2), voterKey: 'k2', roundId: 'r1', optionId: 'o3' });
    expect(decision).toEqual({
      ok: true,
      events: [{ type: 'vote:cast', roundId: 'r1', voterKey: 'k2', zoneId: 'z2', optionId: 'o3' }],
      value: { roundId: 'r1' },
    });
    expect(run(s, decision).rounds[0]?.ballots).toEqual({ k2: { zoneId: 'z2', optionId: 'o3' } });
  });

  it('VO1 changing a vote replaces the ballot, so the voter is counted once', () => {
    let s = withOpenRound();
    s = vote(s, 1, 'o1');
    s = vote(s, 1, 'o2');
    expect(s.rounds[0]?.ballots).toEqual({ [voterKeyOf(1)]: { zoneId: 'z1', optionId: 'o2' } });
    expect(tallyOf(s.rounds[0]!)).toEqual({ ballots: 1, counts: { o1: 0, o2: 1, o3: 0 } });
  });

  it('VO1 casting the same choice again emits nothing and answers the same value', () => {
    const s = deepFreeze(vote(withOpenRound(), 1, 'o1'));
    expect(
      castVote(s, { participantId: participantId(1), voterKey: voterKeyOf(1), roundId: 'r1', optionId: 'o1' }),
    ).toEqual({ ok: true, events: [], value: { roundId: 'r1' } });
  });

  it('VO2 the tally lists every option, zeros included, and ballots is the number of voters', () => {
    let s = withOpenRound();
    expect(tallyOf(s.rounds[0]!)).toEqual({ ballots: 0, counts: { o1: 0, o2: 0, o3: 0 } });
    s = vote(s, 1, 'o3');
    s = vote(s, 2, 'o3');
    s = vote(s, 3, 'o1');
    s = vote(s, 3, 'o3');
    expect(tallyOf(s.rounds[0]!)).toEqual({ ballots: 3, counts: { o1: 0, o2: 0, o3: 3 } });
  });

  it('VO3 refusals change nothing: ROUND_NOT_OPEN, ROUND_NOT_FOUND, OPTION_NOT_FOUND, NOT_JOINED', () => {
    const draft = deepFreeze(withDraftRound());
    const base = { participantId: participantId(1), voterKey: 'k1', roundId: 'r1', optionId: 'o1' };
    expect(castVote(draft, base)).toEqual({
      ok: false,
      error: { code: 'ROUND_NOT_OPEN', message: 'the round is not open' },
    });

    const open = deepFreeze(vote(withOpenRound(), 1, 'o2'));
    const closed = deepFreeze(run(open, closeRound(open, { roundId: 'r1' })));
    expect(castVote(closed, base)).toEqual({
      ok: false,
      error: { code: 'ROUND_NOT_OPEN', message: 'the round is not open' },
    });
    expect(castVote(open, { ...base, roundId: 'r404' })).toEqual({
      ok: false,
      error: { code: 'ROUND_NOT_FOUND', message: 'unknown round' },
    });
    expect(castVote(open, { ...base, optionId: 'o4' })).toEqual({
      ok: false,
      error: { code: 'OPTION_NOT_FOUND', message: 'unknown option' },
    });
    expect(castVote(open, { ...base, participantId: 'stranger' })).toEqual({
      ok: false,
      error: { code: 'NOT_JOINED', message: 'not a participant of this session' },
    });
    // The frozen states would have thrown on any mutation; the ballots are what they were.
    expect(open.rounds[0]?.ballots).toEqual({ [voterKeyOf(1)]: { zoneId: 'z1', optionId: 'o2' } });
    expect(tallyOf(closed.rounds[0]!)).toEqual({ ballots: 1, counts: { o1: 0, o2: 1, o3: 0 } });
  });
});
