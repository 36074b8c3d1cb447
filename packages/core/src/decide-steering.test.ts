import { describe, expect, it } from 'vitest';
import { nextRound, showRound } from './decide-steering.ts';
import { participantView, projectorView, facilitatorView } from './projection.ts';
import { revealRound, lockRound, setTimer, expireRounds } from './decide.ts';
import type { SessionState } from './state.ts';
import {
  accepted,
  addRound,
  deepFreeze,
  endRound,
  NOW,
  run,
  startRound,
  vote,
  withDraftRound,
} from './test-fixtures.ts';
import { tableToRecord } from './table.ts';

const choice = { kind: 'single-choice' } as const;

/** Participants 1-4; rounds r1 (draft, "Gaan we door?"), r2, r3 drafts after it. */
function agenda(): SessionState {
  let s = withDraftRound();
  s = addRound(s, 'r2', choice);
  s = addRound(s, 'r3', choice);
  return s;
}

const next = (s: SessionState, now = NOW) => nextRound(s, { now });
const status = (s: SessionState) => s.rounds.map((r) => `${r.id}:${r.status}`).join(' ');

describe('phones know whether a question is left (PH3)', () => {
  it('PH3 moreRounds: true while a draft waits after where the room is (as next would open it), false after the last', () => {
    let s = agenda();
    expect(participantView(s, NOW).moreRounds).toBe(true);
    s = run(s, next(s));
    s = run(s, next(s));
    expect(participantView(s, NOW).moreRounds).toBe(true);
    s = run(s, next(s));
    expect(status(s)).toBe('r1:closed r2:closed r3:open');
    expect(participantView(s, NOW).moreRounds).toBe(false);
    s = run(s, next(s));
    expect(status(s)).toBe('r1:closed r2:closed r3:closed');
    expect(participantView(s, NOW).moreRounds).toBe(false);
    // Looking back at an earlier round (ST3) while r3 is closed: still nothing left to open.
    s = run(s, showRound(s, { roundId: 'r1' }));
    expect(participantView(s, NOW).moreRounds).toBe(false);
    // A draft added at the end is a question left again.
    expect(participantView(addRound(s, 'r4', choice), NOW).moreRounds).toBe(true);
  });
});

describe('live steering: next', () => {
  it('ST1 with nothing open or current, next opens the first draft of the agenda (LC: the draft session goes live)', () => {
    const s = deepFreeze(agenda());
    const { events, value } = accepted(next(s));
    expect(value).toEqual({ roundId: 'r1' });
    expect(events).toEqual([
      { type: 'session:status-changed', status: 'live' },
      { type: 'round:opened', roundId: 'r1', closesAt: null },
    ]);
    const after = run(s, next(s));
    expect(after.currentRoundId).toBe('r1');
    expect(status(after)).toBe('r1:open r2:draft r3:draft');
  });

  it('ST1 next closes the open round, keeping its results as a close would (RO3), and opens the following draft', () => {
    let s = startRound(agenda(), 'r1');
    s = vote(s, 1, 'o1');
    s = vote(s, 2, 'o2');
    const closedByHand = endRound(s, 'r1').rounds[0];
    const after = run(s, next(deepFreeze(s)));
    expect(status(after)).toBe('r1:closed r2:open r3:draft');
    expect(after.currentRoundId).toBe('r2');
    expect(after.rounds[0]).toEqual(closedByHand);
  });

  it('ST1 the opened round starts its timer (RO5)', () => {
    let s = withDraftRound();
    s = addRound(s, 'r2', choice, { durationSeconds: 60 });
    s = startRound(s, 'r1');
    const after = run(s, next(s, NOW + 5000));
    expect(after.rounds[1]?.closesAt).toBe(NOW + 5000 + 60_000);
  });

  it('ST1 drafts before where the room is are skipped; next continues after the open round, not after a shown one', () => {
    let s = agenda();
    s = startRound(s, 'r2'); // r1 stays a draft, skipped
    s = run(s, showRound(s, { roundId: 'r2' }));
    expect(accepted(next(s)).value).toEqual({ roundId: 'r3' });
    s = endRound(startRound(agenda(), 'r1'), 'r1');
    s = startRound(s, 'r2');
    s = run(s, showRound(s, { roundId: 'r1' })); // looking back at r1 while r2 is open
    const after = run(s, next(s));
    expect(status(after)).toBe('r1:closed r2:closed r3:open');
    expect(after.currentRoundId).toBe('r3');
  });

  it('ST1 with no open round, next continues after the current (shown) round', () => {
    let s = agenda();
    s = endRound(startRound(s, 'r1'), 'r1');
    const after = run(s, next(s));
    expect(after.currentRoundId).toBe('r2');
  });

  it('ST2 with nothing left, next only closes the open round and answers null', () => {
    let s = agenda();
    s = startRound(s, 'r3');
    s = vote(s, 1, 'o1', 'r3');
    const { events, value } = accepted(next(s));
    expect(value).toEqual({ roundId: null });
    expect(events.map((e) => e.type)).toEqual(['round:closed']);
    const after = run(s, next(s));
    expect(status(after)).toBe('r1:draft r2:draft r3:closed');
    expect(after.currentRoundId).toBe('r3');
  });

  it('ST2 with nothing left and nothing open, next changes nothing', () => {
    const s = endRound(startRound(agenda(), 'r3'), 'r3');
    expect(accepted(next(s))).toEqual({ events: [], value: { roundId: null } });
  });
});

describe('live steering: show', () => {
  it('ST3 a closed round becomes current again; no round changes', () => {
    let s = startRound(agenda(), 'r1');
    s = vote(s, 1, 'o1');
    s = run(s, revealRound(s, { roundId: 'r1', revealed: true }));
    s = run(s, next(s));
    const before = s.rounds;
    const { events } = accepted(showRound(deepFreeze(s), { roundId: 'r1' }));
    expect(events).toEqual([{ type: 'round:shown', roundId: 'r1' }]);
    const after = run(s, showRound(s, { roundId: 'r1' }));
    expect(after.currentRoundId).toBe('r1');
    expect(after.rounds).toEqual(before);
  });

  it('ST3 phones and projector see a shown closed round with its results only when revealed (RO7)', () => {
    let s = startRound(agenda(), 'r1');
    s = vote(s, 1, 'o1');
    s = run(s, next(s));
    s = run(s, showRound(s, { roundId: 'r1' }));
    expect(participantView(s, NOW).round?.id).toBe('r1');
    expect(participantView(s, NOW).round?.results).toBeNull();
    expect(projectorView(s, NOW).round?.results).toBeNull();
    const kept = facilitatorView(s, 0, NOW).rounds[0]?.results;
    s = run(s, revealRound(s, { roundId: 'r1', revealed: true }));
    expect(participantView(s, NOW).round?.results).toEqual(kept);
    expect(projectorView(s, NOW).round?.results).toEqual(kept);
  });

  it('ST3 a draft cannot be shown (ROUND_STATE), an unknown round is ROUND_NOT_FOUND, the current round again is a no-op', () => {
    const s = startRound(agenda(), 'r1');
    const draft = showRound(s, { roundId: 'r2' });
    expect(draft.ok ? null : draft.error.code).toBe('ROUND_STATE');
    const unknown = showRound(s, { roundId: 'nope' });
    expect(unknown.ok ? null : unknown.error.code).toBe('ROUND_NOT_FOUND');
    expect(accepted(showRound(s, { roundId: 'r1' })).events).toEqual([]);
  });

  it('ST4 an open round that is not shown keeps its ballots, lock and timer; showing it again brings it back as it was', () => {
    let s = endRound(startRound(agenda(), 'r1'), 'r1');
    s = startRound(s, 'r2');
    s = run(s, setTimer(s, { roundId: 'r2', seconds: 120, now: NOW }));
    s = vote(s, 1, 'o2', 'r2');
    s = run(s, lockRound(s, { roundId: 'r2', locked: true }));
    const open = s.rounds[1];
    s = run(s, showRound(s, { roundId: 'r1' }));
    expect(s.rounds[1]).toEqual(open);
    expect(participantView(s, NOW).round?.id).toBe('r1');
    s = run(s, showRound(s, { roundId: 'r2' }));
    expect(s.rounds[1]).toEqual(open);
    expect(participantView(s, NOW).round).toMatchObject({ id: 'r2', status: 'open', locked: true });
  });

  it('ST4 a ballot for the open round still counts while an earlier round is shown (VO1)', () => {
    let s = endRound(startRound(agenda(), 'r1'), 'r1');
    s = startRound(s, 'r2');
    s = run(s, showRound(s, { roundId: 'r1' }));
    s = vote(s, 3, 'o3', 'r2');
    expect(Object.keys(tableToRecord(s.rounds[1]?.ballots ?? {}))).toHaveLength(1);
  });

  it('ST4 the open round’s timer closes it without moving the room (RO5)', () => {
    let s = endRound(startRound(agenda(), 'r1'), 'r1');
    s = startRound(s, 'r2');
    s = run(s, setTimer(s, { roundId: 'r2', seconds: 10, now: NOW }));
    s = run(s, showRound(s, { roundId: 'r1' }));
    s = run(s, expireRounds(s, NOW + 10_000));
    expect(status(s)).toBe('r1:closed r2:closed r3:draft');
    expect(s.currentRoundId).toBe('r1');
  });
});
