import { describe, expect, it } from 'vitest';
import { commands, HIDE_REASONS, LIMITS, RoundConfig, type ErrorCode } from '@vrijuit/protocol';
import {
  addTheme,
  approvePainPoints,
  hasWaiting,
  hidePainPoint,
  mergePainPoint,
  releaseDue,
  submitPainPoint,
  supportPainPoint,
  themePainPoint,
  waitingIn,
} from './decide-pain-points.ts';
import {
  castVote,
  closeRound,
  createRound,
  expireRounds,
  lockRound,
  openRound,
  rerunRound,
  revealRound,
} from './decide.ts';
import type { DomainEvent } from './events.ts';
import { evolve, evolveAll } from './evolve.ts';
import { facilitatorView, participantView, projectorView, resultsOf } from './projection.ts';
import { moderationOf, wallOf } from './project-wall.ts';
import type { Decision } from './result.ts';
import type { PainPoint, SessionState } from './state.ts';
import { tableGet, tableToRecord, tableValues } from './table.ts';
import {
  A,
  accepted,
  addRound,
  B,
  C,
  D,
  E,
  endRound,
  join,
  NOW,
  PAIN,
  painRound,
  participantId,
  release,
  run,
  session,
  startRound,
  submit,
  support,
  textOf,
  tokenHash,
  mulberry32,
  voterKeyOf,
  withPainRound,
  withPoints,
} from './test-fixtures.ts';
import { participantList } from './participants.ts';

/** A refusal: the code and a message, and no events (so nothing changes). */
function expectRefused(decision: Decision<unknown>, code: ErrorCode): void {
  expect(decision).toEqual({ ok: false, error: { code, message: expect.any(String) } });
  expect(decision).not.toHaveProperty('events');
}

/** The events of an accepted decision. */
const eventsOf = <T>(decision: Decision<T>) => accepted(decision).events;
/** A moderation step's own events, without its log line (ML1, tested on its own in moderation-log.test.ts). */
const actionsOf = <T>(decision: Decision<T>) => eventsOf(decision).filter((e) => e.type !== 'moderation:logged');

const pointOf = (s: SessionState, id: string, roundId = PAIN): PainPoint => {
  const point = tableGet(painRound(s, roundId).points, id);
  if (!point) throw new Error(`no point ${id}`);
  return point;
};

const key = (n: number) => voterKeyOf(n, PAIN);

const submitInput = (n: number, pointId: string, extra: { roundId?: string; themeId?: string | null } = {}) => ({
  participantId: participantId(n),
  voterKey: key(n),
  roundId: extra.roundId ?? PAIN,
  pointId,
  text: textOf(pointId),
  themeId: extra.themeId ?? null,
});

const supportInput = (n: number, pointId: string, supported = true, roundId = PAIN) => ({
  participantId: participantId(n),
  voterKey: key(n),
  roundId,
  pointId,
  supported,
});

const hide = (s: SessionState, pointId: string, reason: (typeof HIDE_REASONS)[number] | null = 'off-topic') =>
  run(s, hidePainPoint(s, { roundId: PAIN, pointId, reason }));
const merge = (s: SessionState, pointId: string, intoId: string) =>
  run(s, mergePainPoint(s, { roundId: PAIN, pointId, intoId }));

/** `withPainRound` plus a single-choice draft round `round-vote` (for ROUND_KIND). */
const withVoteRound = (s: SessionState) => addRound(s, 'round-vote', { kind: 'single-choice' });

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const randomId = (rand: () => number) =>
  Array.from({ length: 12 }, () => ID_ALPHABET[Math.floor(rand() * ID_ALPHABET.length)]).join('');

describe('PP1 pain-point rounds', () => {
  it('PP1 a pain-point round takes no themes or any number of them; a vote round needs at least two options (BAD_REQUEST)', () => {
    const s = session();
    const create = (config: RoundConfig, options: string[]) =>
      createRound(s, { roundId: 'round-new', question: 'Q', options, config, reveal: 'manual', durationSeconds: null });
    const pain: RoundConfig = { kind: 'pain-points', perParticipant: 3, premoderation: false };
    for (const options of [[], ['Werkdruk'], ['Werkdruk', 'Overleg', 'Geld']]) {
      const [event] = eventsOf(create(pain, options));
      expect(event).toMatchObject({
        type: 'round:created',
        config: pain,
        options: options.map((label, i) => ({ id: `o${i + 1}`, label })),
      });
    }
    expectRefused(create({ kind: 'single-choice' }, []), 'BAD_REQUEST');
    expectRefused(create({ kind: 'single-choice' }, ['Ja']), 'BAD_REQUEST');
  });

  it('RO1 a scale or agreement check asks about each statement on its own: one is enough, none is not', () => {
    const s = session();
    const create = (config: RoundConfig, options: string[]) =>
      createRound(s, { roundId: 'round-new', question: 'Q', options, config, reveal: 'manual', durationSeconds: null });
    for (const config of [
      { kind: 'agreement', preset: 'gradients' },
      { kind: 'scale', labels: ['Ja', 'Nee'] },
    ] satisfies RoundConfig[]) {
      const [event] = eventsOf(create(config, ['Akkoord met dit voorstel?']));
      expect(event).toMatchObject({
        type: 'round:created',
        options: [{ id: 'o1', label: 'Akkoord met dit voorstel?' }],
      });
      expectRefused(create(config, []), 'BAD_REQUEST');
    }
    for (const kind of ['multiple-choice', 'ranking'] as const)
      expectRefused(create(kind === 'ranking' ? { kind } : { kind, min: 0, max: 1 }, ['Eén']), 'BAD_REQUEST');
  });

  it('PP1 settings: perParticipant 1-20 (default 3), premoderation default off', () => {
    expect(RoundConfig.parse({ kind: 'pain-points' })).toEqual({
      kind: 'pain-points',
      perParticipant: 3,
      premoderation: false,
    });
    for (const perParticipant of [1, 20]) {
      expect(RoundConfig.safeParse({ kind: 'pain-points', perParticipant }).success).toBe(true);
    }
    for (const perParticipant of [0, 21, 2.5]) {
      expect(RoundConfig.safeParse({ kind: 'pain-points', perParticipant }).success).toBe(false);
    }
    expect(RoundConfig.parse({ kind: 'pain-points', premoderation: true })).toMatchObject({ premoderation: true });
  });

  it('PP1 it opens, locks, reveals and closes like any round; it has no results, closing sends results null', () => {
    let s = withPainRound({ draft: true });
    expect(resultsOf(s, painRound(s))).toBeNull();
    s = startRound(s, PAIN);
    expect(painRound(s)).toMatchObject({ status: 'open' });
    expect(s.currentRoundId).toBe(PAIN);
    s = run(s, lockRound(s, { roundId: PAIN, locked: true }));
    expect(painRound(s).locked).toBe(true);
    s = run(s, lockRound(s, { roundId: PAIN, locked: false }));
    s = run(s, revealRound(s, { roundId: PAIN, revealed: true }));
    expect(painRound(s).revealed).toBe(true);
    s = submit(s, 1, A);
    expect(resultsOf(s, painRound(s))).toBeNull();
    s = run(s, lockRound(s, { roundId: PAIN, locked: true }));
    const events = eventsOf(closeRound(s, { roundId: PAIN }));
    expect(events.at(-1)).toEqual({ type: 'round:closed', roundId: PAIN, results: null });
    s = evolveAll(s, events)!;
    expect(painRound(s)).toMatchObject({ status: 'closed', locked: false, closedResults: null });
    expect(resultsOf(s, painRound(s))).toBeNull();
    expect(wallOf(painRound(s), true)?.points.map((p) => p.id)).toEqual([A]);
  });

  it('PP1 RO5 AN8 a timed-out pain-point round closes as a facilitator’s close: what waits is released first', () => {
    let s = join(session(), 1, 'z1');
    s = addRound(s, PAIN, RoundConfig.parse({ kind: 'pain-points' }), { options: [], durationSeconds: 60 });
    s = startRound(s, PAIN, NOW);
    expect(painRound(s).closesAt).toBe(NOW + 60_000);
    s = submit(s, 1, A);
    expect(eventsOf(expireRounds(s, NOW + 59_999))).toEqual([]);
    const expired = eventsOf(expireRounds(s, NOW + 60_000));
    expect(expired).toEqual(eventsOf(closeRound(s, { roundId: PAIN })));
    expect(expired).toEqual([
      { type: 'painpoints:released', roundId: PAIN, pointIds: [A], stage: 'wall' },
      { type: 'round:closed', roundId: PAIN, results: null },
    ]);
  });

  it('PP1 RO2 AN8 opening another round closes the pain-point round, releasing what waits before round:closed', () => {
    let s = withPainRound({ releaseMinEntries: 3 });
    s = addRound(s, 'round-next', { kind: 'single-choice' });
    s = submit(submit(s, 1, B), 2, A);
    const events = eventsOf(openRound(s, { roundId: 'round-next', now: NOW }));
    expect(events.map((e) => e.type)).toEqual(['painpoints:released', 'round:closed', 'round:opened']);
    expect(events[0]).toEqual({ type: 'painpoints:released', roundId: PAIN, pointIds: [A, B], stage: 'wall' });
    expect(events[1]).toEqual({ type: 'round:closed', roundId: PAIN, results: null });
  });

  it('PP1 RO8 a re-run is a fresh, empty round with the same question and themes (added ones included)', () => {
    let s = withPainRound({ perParticipant: 1 });
    s = run(s, addTheme(s, { roundId: PAIN, label: 'Nieuw' }));
    s = submit(s, 1, A, { themeId: 'o3' });
    s = support(release(s), 2, A);
    s = endRound(s, PAIN);
    s = run(s, rerunRound(s, { roundId: PAIN, newRoundId: 'round-again' }));
    const original = painRound(s);
    const again = painRound(s, 'round-again');
    expect(s.rounds.map((r) => r.id)).toEqual([PAIN, 'round-again']);
    expect(again).toEqual({
      ...original,
      id: 'round-again',
      status: 'draft',
      revealed: false,
      rerunOf: PAIN,
      points: {},
      submitted: {},
    });
    expect(again.options.map((o) => o.label)).toEqual(['Werkdruk', 'Overleg', 'Nieuw']);
    // The original keeps its wall.
    expect(Object.keys(tableToRecord(original.points))).toEqual([A]);
    // The limit starts again in the re-run: participant 1 (limit 1) may add one more there.
    s = startRound(s, 'round-again');
    s = submit(s, 1, B, { roundId: 'round-again' });
    expect(waitingIn(painRound(s, 'round-again'))).toBe(1);
  });
});

describe('PP2 adding an entry', () => {
  it('PP2 an entry waits in the inbox with its text and theme; the ack names it (pointId)', () => {
    const s = withPainRound();
    const decision = submitPainPoint(s, submitInput(1, A, { themeId: 'o2' }));
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'painpoint:submitted',
          roundId: PAIN,
          pointId: A,
          text: textOf(A),
          themeId: 'o2',
          voterKey: key(1),
        },
      ],
      value: { pointId: A },
    });
    const next = run(s, decision);
    expect(pointOf(next, A)).toEqual({
      id: A,
      text: textOf(A),
      themeId: 'o2',
      stage: 'inbox',
      hidden: null,
      mergedInto: null,
      support: 0,
      supporters: [],
    });
    expect(tableToRecord(painRound(next).submitted)).toEqual({ [key(1)]: 1 });
    expect(waitingIn(painRound(next))).toBe(1);
  });

  it('PP2 an entry may have no theme, or a theme the facilitator added later', () => {
    let s = withPainRound({ themes: [] });
    expectRefused(submitPainPoint(s, submitInput(1, A, { themeId: 'o1' })), 'THEME_NOT_FOUND');
    s = submit(s, 1, A);
    s = run(s, addTheme(s, { roundId: PAIN, label: 'Later toegevoegd' }));
    s = submit(s, 1, B, { themeId: 'o1' });
    expect([pointOf(s, A).themeId, pointOf(s, B).themeId]).toEqual([null, 'o1']);
  });

  it('PP2 refusals change nothing: NOT_JOINED, ROUND_NOT_FOUND, ROUND_KIND, ROUND_NOT_OPEN, ROUND_LOCKED, THEME_NOT_FOUND', () => {
    const open = withVoteRound(withPainRound());
    const locked = run(open, lockRound(open, { roundId: PAIN, locked: true }));
    const draft = withPainRound({ draft: true });
    const closed = endRound(withPainRound(), PAIN);
    const cases: [string, SessionState, ReturnType<typeof submitInput>, ErrorCode][] = [
      ['unknown participant', open, { ...submitInput(1, A), participantId: participantId(99) }, 'NOT_JOINED'],
      ['unknown round', open, submitInput(1, A, { roundId: 'round-none' }), 'ROUND_NOT_FOUND'],
      ['vote round', open, submitInput(1, A, { roundId: 'round-vote' }), 'ROUND_KIND'],
      ['draft round', draft, submitInput(1, A), 'ROUND_NOT_OPEN'],
      ['closed round', closed, submitInput(1, A), 'ROUND_NOT_OPEN'],
      ['locked round', locked, submitInput(1, A), 'ROUND_LOCKED'],
      ['unknown theme', open, submitInput(1, A, { themeId: 'o9' }), 'THEME_NOT_FOUND'],
    ];
    for (const [name, state, input, code] of cases) {
      const decision = submitPainPoint(state, input);
      expect(decision.ok ? 'accepted' : decision.error.code, name).toBe(code);
      expectRefused(decision, code);
    }
  });

  it('PP2 VO3 a ballot for a pain-point round is BALLOT_KIND and changes nothing', () => {
    const s = withPainRound();
    const decision = castVote(s, {
      participantId: participantId(1),
      voterKey: key(1),
      roundId: PAIN,
      ballot: { kind: 'single-choice', optionId: 'o1' },
    });
    expectRefused(decision, 'BALLOT_KIND');
  });

  it('PP2 PAIN_POINT_LIMIT once a participant added perParticipant entries; others still may', () => {
    let s = withPainRound({ perParticipant: 2 });
    s = submit(submit(s, 1, A), 1, B);
    expect(tableToRecord(painRound(s).submitted)).toEqual({ [key(1)]: 2 });
    expectRefused(submitPainPoint(s, submitInput(1, C)), 'PAIN_POINT_LIMIT');
    // Released or not, hidden or not: what counts is how many that participant added.
    s = hide(release(s), A);
    expectRefused(submitPainPoint(s, submitInput(1, C)), 'PAIN_POINT_LIMIT');
    s = submit(s, 2, C);
    expect(tableToRecord(painRound(s).submitted)).toEqual({ [key(1)]: 2, [key(2)]: 1 });
  });

  it('PP2 the text is 1-280 characters, trimmed (protocol); the theme defaults to none', () => {
    const request = commands['painpoint:submit'].request;
    const base = { commandId: 'command-1', roundId: PAIN };
    expect(request.parse({ ...base, text: '  te veel vergaderen  ' })).toEqual({
      ...base,
      text: 'te veel vergaderen',
      themeId: null,
    });
    expect(request.safeParse({ ...base, text: 'x'.repeat(LIMITS.painPointText) }).success).toBe(true);
    for (const text of ['', '   ', 'x'.repeat(LIMITS.painPointText + 1)]) {
      expect(request.safeParse({ ...base, text }).success, JSON.stringify(text)).toBe(false);
    }
  });
});

describe('AN8 batches', () => {
  it('AN8 a new entry waits; the tick releases nothing while fewer than releaseMinEntries wait', () => {
    let s = withPainRound({ releaseMinEntries: 3 });
    expect(hasWaiting(s)).toBe(false);
    s = submit(submit(s, 1, A), 2, B);
    expect(hasWaiting(s)).toBe(true);
    expect(releaseDue(s)).toEqual({ ok: true, events: [], value: {} });
    expect(moderationOf(painRound(s))).toEqual({ waiting: 2, queue: [], log: [] });
    expect(wallOf(painRound(s), true)).toEqual({ points: [], paper: 0 });
  });

  it('AN8 AN9 at releaseMinEntries the tick releases every waiting entry at once, ids sorted, not in the order typed', () => {
    let s = withPainRound({ releaseMinEntries: 3 });
    s = submit(s, 1, D);
    s = submit(s, 2, B);
    s = submit(s, 3, A);
    s = submit(s, 4, C);
    expect(eventsOf(releaseDue(s))).toEqual([
      { type: 'painpoints:released', roundId: PAIN, pointIds: [A, B, C, D], stage: 'wall' },
    ]);
    s = release(s);
    expect(tableValues(painRound(s).points).map((p) => p.stage)).toEqual(['wall', 'wall', 'wall', 'wall']);
    expect(hasWaiting(s)).toBe(false);
    expect(eventsOf(releaseDue(s))).toEqual([]);
    // Entries already out are not released again with the next batch.
    s = submit(submit(submit(s, 1, E), 2, 'point-abc'), 3, 'point-zzz');
    expect(eventsOf(releaseDue(s))).toEqual([
      { type: 'painpoints:released', roundId: PAIN, pointIds: ['point-abc', E, 'point-zzz'], stage: 'wall' },
    ]);
  });

  it('AN8 the tick releases only the open rounds with at least releaseMinEntries waiting, each all at once', () => {
    // Two open pain-point rounds at once (not reachable by commands, RO2; built from events) and a closed one.
    let s = withPainRound({ releaseMinEntries: 3 });
    s = addRound(s, 'round-two', RoundConfig.parse({ kind: 'pain-points', premoderation: true }));
    s = evolve(s, { type: 'round:opened', roundId: 'round-two', closesAt: null });
    s = submit(submit(submit(s, 1, C), 2, A), 3, B);
    s = submit(submit(s, 1, E, { roundId: 'round-two' }), 2, D, { roundId: 'round-two' });
    expect(eventsOf(releaseDue(s))).toEqual([
      { type: 'painpoints:released', roundId: PAIN, pointIds: [A, B, C], stage: 'wall' },
    ]);
    s = submit(s, 3, 'point-bbc', { roundId: 'round-two' });
    s = submit(s, 4, 'point-ddc');
    expect(eventsOf(releaseDue(s))).toEqual([
      { type: 'painpoints:released', roundId: PAIN, pointIds: [A, B, C, 'point-ddc'], stage: 'wall' },
      { type: 'painpoints:released', roundId: 'round-two', pointIds: ['point-bbc', D, E], stage: 'queue' },
    ]);
    // A closed round's inbox (only reachable by events) is no business of the tick, nor of hasWaiting.
    let closed = evolve(s, { type: 'round:closed', roundId: 'round-two', results: null });
    closed = evolve(closed, { type: 'round:closed', roundId: PAIN, results: null });
    expect(eventsOf(releaseDue(closed))).toEqual([]);
    expect(hasWaiting(closed)).toBe(false);
  });

  it('AN8 closing releases whatever waits, whatever its number, then round:closed with results null', () => {
    let s = withPainRound({ releaseMinEntries: 3 });
    s = submit(s, 1, B);
    expect(eventsOf(releaseDue(s))).toEqual([]);
    expect(eventsOf(closeRound(s, { roundId: PAIN }))).toEqual([
      { type: 'painpoints:released', roundId: PAIN, pointIds: [B], stage: 'wall' },
      { type: 'round:closed', roundId: PAIN, results: null },
    ]);
    s = endRound(s, PAIN);
    expect(pointOf(s, B).stage).toBe('wall');
    expect(hasWaiting(s)).toBe(false);
    // Nothing waiting: closing is round:closed alone.
    expect(eventsOf(closeRound(release(withPainRound()), { roundId: PAIN }))).toEqual([
      { type: 'round:closed', roundId: PAIN, results: null },
    ]);
  });

  it('AN8 PP7 when the round pre-moderates, batches go to the queue, at the tick and at closing', () => {
    let s = withPainRound({ releaseMinEntries: 3, premoderation: true });
    s = submit(submit(submit(s, 1, C), 2, A), 4, D);
    expect(eventsOf(releaseDue(s))).toEqual([
      { type: 'painpoints:released', roundId: PAIN, pointIds: [A, C, D], stage: 'queue' },
    ]);
    s = release(s);
    s = submit(s, 3, B);
    expect(eventsOf(closeRound(s, { roundId: PAIN }))[0]).toEqual({
      type: 'painpoints:released',
      roundId: PAIN,
      pointIds: [B],
      stage: 'queue',
    });
    s = endRound(s, PAIN);
    expect(moderationOf(painRound(s))?.queue.map((q) => q.id)).toEqual([A, B, C, D]);
    expect(wallOf(painRound(s), true)).toEqual({ points: [], paper: 0 });
  });

  it('AN8 hasWaiting: only while an open round has entries waiting', () => {
    let s = withPainRound({ releaseMinEntries: 5 });
    expect(hasWaiting(s)).toBe(false);
    s = submit(s, 1, A);
    expect(hasWaiting(s)).toBe(true);
    s = endRound(s, PAIN);
    expect(hasWaiting(s)).toBe(false);
    // Vote rounds never wait.
    const vote = startRound(addRound(session(), 'round-vote', { kind: 'single-choice' }), 'round-vote');
    expect(hasWaiting(vote)).toBe(false);
    expect(eventsOf(releaseDue(vote))).toEqual([]);
  });
});

describe('PP3 support', () => {
  it('PP3 AN10 supporting adds the voter key once; support counts distinct supporters', () => {
    let s = withPoints([A, B]);
    expect(supportPainPoint(s, supportInput(3, A))).toEqual({
      ok: true,
      events: [{ type: 'painpoint:supported', roundId: PAIN, pointId: A, supporterKey: key(3), supported: true }],
      value: {},
    });
    s = support(support(support(s, 3, A), 4, A), 1, A);
    expect(pointOf(s, A)).toMatchObject({ support: 3, supporters: [key(3), key(4), key(1)] });
    expect(pointOf(s, B)).toMatchObject({ support: 0, supporters: [] });
  });

  it('PP3 supporting twice changes nothing', () => {
    const s = support(withPoints([A]), 2, A);
    expect(supportPainPoint(s, supportInput(2, A))).toEqual({ ok: true, events: [], value: {} });
    expect(pointOf(s, A).support).toBe(1);
  });

  it('PP3 withdrawing takes the support back; withdrawing what was not given changes nothing', () => {
    let s = support(support(withPoints([A]), 2, A), 3, A);
    expect(eventsOf(supportPainPoint(s, supportInput(2, A, false)))).toEqual([
      { type: 'painpoint:supported', roundId: PAIN, pointId: A, supporterKey: key(2), supported: false },
    ]);
    s = support(s, 2, A, false);
    expect(pointOf(s, A)).toMatchObject({ support: 1, supporters: [key(3)] });
    expect(eventsOf(supportPainPoint(s, supportInput(2, A, false)))).toEqual([]);
    expect(eventsOf(supportPainPoint(s, supportInput(5, A, false)))).toEqual([]);
    // And supporting again counts again.
    s = support(s, 2, A);
    expect(pointOf(s, A)).toMatchObject({ support: 2, supporters: [key(3), key(2)] });
  });

  it('PP3 PP5 support for a merged duplicate goes to the entry it was merged into', () => {
    let s = support(withPoints([A, B]), 3, A);
    s = merge(s, B, A);
    expect(pointOf(s, A).support).toBe(2);
    expect(eventsOf(supportPainPoint(s, supportInput(4, B)))).toEqual([
      { type: 'painpoint:supported', roundId: PAIN, pointId: A, supporterKey: key(4), supported: true },
    ]);
    s = support(s, 4, B);
    expect(pointOf(s, A)).toMatchObject({ support: 3, supporters: [key(3), key(4)] });
    expect(pointOf(s, B)).toMatchObject({ supporters: [] });
    // Who already supports the target supports the duplicate already: nothing changes.
    expect(eventsOf(supportPainPoint(s, supportInput(3, B)))).toEqual([]);
    // Withdrawing through the duplicate withdraws from the target.
    s = support(s, 3, B, false);
    expect(pointOf(s, A)).toMatchObject({ support: 2, supporters: [key(4)] });
  });

  it('PP3 an entry waiting, queued or unknown is POINT_NOT_FOUND, a hidden one POINT_STATE; each changes nothing', () => {
    let queued = withPoints([A, B], { premoderation: true });
    queued = submit(queued, 3, C);
    let wall = withPoints([A, B]);
    wall = hide(submit(wall, 3, C), B);
    const cases: [string, SessionState, ReturnType<typeof supportInput>, ErrorCode][] = [
      ['waiting', wall, supportInput(4, C), 'POINT_NOT_FOUND'],
      ['queued', queued, supportInput(4, A), 'POINT_NOT_FOUND'],
      ['unknown', wall, supportInput(4, 'point-none'), 'POINT_NOT_FOUND'],
      ['hidden', wall, supportInput(4, B), 'POINT_STATE'],
      ['hidden, withdrawing', wall, supportInput(4, B, false), 'POINT_STATE'],
      ['rejected from the queue', hide(queued, A), supportInput(4, A), 'POINT_STATE'],
    ];
    for (const [name, state, input, code] of cases) {
      const decision = supportPainPoint(state, input);
      expect(decision.ok ? 'accepted' : decision.error.code, name).toBe(code);
      expectRefused(decision, code);
    }
  });

  it('PP3 support refusals: NOT_JOINED, ROUND_NOT_FOUND, ROUND_KIND, ROUND_NOT_OPEN, ROUND_LOCKED', () => {
    const open = withVoteRound(withPoints([A]));
    const locked = run(open, lockRound(open, { roundId: PAIN, locked: true }));
    const closed = endRound(withPoints([A]), PAIN);
    const cases: [string, SessionState, ReturnType<typeof supportInput>, ErrorCode][] = [
      ['unknown participant', open, { ...supportInput(1, A), participantId: participantId(99) }, 'NOT_JOINED'],
      ['unknown round', open, supportInput(1, A, true, 'round-none'), 'ROUND_NOT_FOUND'],
      ['vote round', open, supportInput(1, A, true, 'round-vote'), 'ROUND_KIND'],
      ['closed round', closed, supportInput(1, A), 'ROUND_NOT_OPEN'],
      ['locked round', locked, supportInput(1, A), 'ROUND_LOCKED'],
    ];
    for (const [name, state, input, code] of cases) {
      const decision = supportPainPoint(state, input);
      expect(decision.ok ? 'accepted' : decision.error.code, name).toBe(code);
      expectRefused(decision, code);
    }
  });

  it('PP3 PP5 over 100 seeded random sessions, support = distinct supporters + duplicates merged in, while open', () => {
    const rand = mulberry32(20240607);
    const ids = [A, B, C, D, E, 'point-fff', 'point-ggg', 'point-hhh'];
    for (let run_ = 0; run_ < 100; run_++) {
      let s = withPoints(ids, { people: 8 });
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
      for (let step = 0; step < 40; step++) {
        const r = rand();
        const id = pick(ids);
        let decision: Decision<unknown>;
        if (r < 0.6) decision = supportPainPoint(s, supportInput(1 + Math.floor(rand() * 8), id, rand() < 0.75));
        else if (r < 0.85) decision = mergePainPoint(s, { roundId: PAIN, pointId: id, intoId: pick(ids) });
        else decision = hidePainPoint(s, { roundId: PAIN, pointId: id, reason: rand() < 0.5 ? 'facilitator' : null });
        if (decision.ok) s = run(s, decision);
        for (const p of tableValues(painRound(s).points)) {
          const duplicates = tableValues(painRound(s).points).filter((q) => q.mergedInto === p.id).length;
          if (p.mergedInto) {
            // Duplicates hang directly under a top-level entry and hold no supporters of their own.
            expect(pointOf(s, p.mergedInto).mergedInto).toBeNull();
            expect(p.supporters).toEqual([]);
            expect(duplicates).toBe(0);
          } else {
            expect(new Set(p.supporters).size).toBe(p.supporters.length);
            expect(p.support).toBe(p.supporters.length + duplicates);
          }
        }
      }
    }
  });
});

describe('PP4 hiding', () => {
  it('PP4 the facilitator hides a released entry with each reason, and shows it again with null', () => {
    let s = support(withPoints([A]), 2, A);
    for (const reason of HIDE_REASONS) {
      expect(actionsOf(hidePainPoint(s, { roundId: PAIN, pointId: A, reason }))).toEqual([
        { type: 'painpoint:hidden', roundId: PAIN, pointId: A, reason },
      ]);
      s = hide(s, A, reason);
      expect(pointOf(s, A)).toMatchObject({ hidden: reason, stage: 'wall', text: textOf(A), support: 1 });
    }
    s = hide(s, A, null);
    expect(pointOf(s, A)).toMatchObject({ hidden: null, stage: 'wall', support: 1, supporters: [key(2)] });
  });

  it('PP4 hiding with the same reason, or showing a shown entry, changes nothing', () => {
    const s = hide(withPoints([A, B]), A, 'offensive');
    expect(actionsOf(hidePainPoint(s, { roundId: PAIN, pointId: A, reason: 'offensive' }))).toEqual([]);
    expect(actionsOf(hidePainPoint(s, { roundId: PAIN, pointId: B, reason: null }))).toEqual([]);
    expect(actionsOf(hidePainPoint(s, { roundId: PAIN, pointId: A, reason: 'names-someone' }))).toHaveLength(1);
  });

  it('PP4 PP7 hiding a queued entry rejects it: it goes on the wall hidden; it can be shown again from there', () => {
    let s = withPoints([A, B], { premoderation: true });
    expect(actionsOf(hidePainPoint(s, { roundId: PAIN, pointId: A, reason: 'names-someone' }))).toEqual([
      { type: 'painpoint:hidden', roundId: PAIN, pointId: A, reason: 'names-someone' },
    ]);
    s = hide(s, A, 'names-someone');
    expect(pointOf(s, A)).toMatchObject({ stage: 'wall', hidden: 'names-someone' });
    expect(moderationOf(painRound(s))?.queue.map((q) => q.id)).toEqual([B]);
    s = hide(s, A, null);
    expect(pointOf(s, A)).toMatchObject({ stage: 'wall', hidden: null });
  });

  it('PP4 refusals change nothing: showing a queued entry POINT_STATE, waiting or unknown POINT_NOT_FOUND, merged POINT_STATE', () => {
    let s = withVoteRound(withPoints([A, B, C], { premoderation: true }));
    s = run(s, approvePainPoints(s, { roundId: PAIN, pointIds: [B, C] }));
    s = merge(s, C, B);
    s = submit(s, 4, D);
    const cases: [string, Parameters<typeof hidePainPoint>[1], ErrorCode][] = [
      ['showing a queued entry', { roundId: PAIN, pointId: A, reason: null }, 'POINT_STATE'],
      ['a waiting entry', { roundId: PAIN, pointId: D, reason: 'facilitator' }, 'POINT_NOT_FOUND'],
      ['showing a waiting entry', { roundId: PAIN, pointId: D, reason: null }, 'POINT_NOT_FOUND'],
      ['an unknown entry', { roundId: PAIN, pointId: 'point-none', reason: 'facilitator' }, 'POINT_NOT_FOUND'],
      ['a merged duplicate', { roundId: PAIN, pointId: C, reason: 'facilitator' }, 'POINT_STATE'],
      ['an unknown round', { roundId: 'round-none', pointId: A, reason: 'facilitator' }, 'ROUND_NOT_FOUND'],
      ['a vote round', { roundId: 'round-vote', pointId: A, reason: 'facilitator' }, 'ROUND_KIND'],
    ];
    for (const [name, input, code] of cases) {
      const decision = hidePainPoint(s, input);
      expect(decision.ok ? 'accepted' : decision.error.code, name).toBe(code);
      expectRefused(decision, code);
    }
  });
});

describe('PP5 merging', () => {
  it('PP5 the target lists the duplicate; support = target + duplicate + 1 without overlap', () => {
    let s = withPoints([A, B]);
    s = support(support(s, 3, A), 4, B);
    expect(actionsOf(mergePainPoint(s, { roundId: PAIN, pointId: B, intoId: A }))).toEqual([
      { type: 'painpoint:merged', roundId: PAIN, pointId: B, intoId: A, support: 3, supporters: [key(3), key(4)] },
    ]);
    s = merge(s, B, A);
    expect(pointOf(s, B)).toMatchObject({ mergedInto: A, supporters: [] });
    expect(pointOf(s, A)).toMatchObject({ mergedInto: null, support: 3, supporters: [key(3), key(4)] });
    expect(wallOf(painRound(s), true)?.points).toEqual([
      { id: A, text: textOf(A), themeId: null, hidden: null, support: 3, merged: [textOf(B)] },
    ]);
  });

  it('PP5 while the round is open, people who supported both count once', () => {
    let s = withPoints([A, B]);
    for (const n of [1, 2, 3]) s = support(s, n, A);
    for (const n of [3, 4]) s = support(s, n, B);
    const [event] = actionsOf(mergePainPoint(s, { roundId: PAIN, pointId: B, intoId: A }));
    // 3 + 2 + 1 - 1: people 1, 2, 3, 4 and the duplicate.
    expect(event).toMatchObject({ support: 5, supporters: [key(1), key(2), key(3), key(4)] });
    s = merge(s, B, A);
    expect(pointOf(s, A).support).toBe(5);
  });

  it('PP5 AN10 after closing only counts remain, so the same supports are added', () => {
    let s = withPoints([A, B]);
    for (const n of [1, 2, 3]) s = support(s, n, A);
    for (const n of [3, 4]) s = support(s, n, B);
    s = endRound(s, PAIN);
    expect(actionsOf(mergePainPoint(s, { roundId: PAIN, pointId: B, intoId: A }))).toEqual([
      { type: 'painpoint:merged', roundId: PAIN, pointId: B, intoId: A, support: 6, supporters: [] },
    ]);
    s = merge(s, B, A);
    expect(pointOf(s, A)).toMatchObject({ support: 6, supporters: [] });
  });

  it('PP5 duplicates merged into the duplicate move to the target', () => {
    let s = withPoints([A, B, C, D]);
    s = support(support(s, 5, A), 6, C);
    s = merge(s, C, B);
    expect(pointOf(s, B).support).toBe(2);
    s = merge(s, D, B);
    expect(pointOf(s, B).support).toBe(3);
    s = merge(s, B, A);
    // People 5, 6 and the duplicates B, C, D.
    expect(pointOf(s, A)).toMatchObject({ support: 5, supporters: [key(5), key(6)] });
    for (const id of [B, C, D]) expect(pointOf(s, id).mergedInto).toBe(A);
    expect(wallOf(painRound(s), true)?.points).toEqual([
      { id: A, text: textOf(A), themeId: null, hidden: null, support: 5, merged: [textOf(B), textOf(C), textOf(D)] },
    ]);
  });

  it('PP5 refusals change nothing: into itself BAD_REQUEST; hidden, queued or merged POINT_STATE; waiting POINT_NOT_FOUND', () => {
    let s = withVoteRound(withPoints([A, B, C, D, E], { premoderation: true }));
    s = run(s, approvePainPoints(s, { roundId: PAIN, pointIds: [A, B, C, D] }));
    s = hide(s, D, 'offensive');
    s = merge(s, C, B);
    s = submit(s, 1, 'point-new');
    const cases: [string, Parameters<typeof mergePainPoint>[1], ErrorCode][] = [
      ['into itself', { roundId: PAIN, pointId: A, intoId: A }, 'BAD_REQUEST'],
      ['a hidden duplicate', { roundId: PAIN, pointId: D, intoId: A }, 'POINT_STATE'],
      ['into a hidden entry', { roundId: PAIN, pointId: A, intoId: D }, 'POINT_STATE'],
      ['a queued duplicate', { roundId: PAIN, pointId: E, intoId: A }, 'POINT_STATE'],
      ['into a queued entry', { roundId: PAIN, pointId: A, intoId: E }, 'POINT_STATE'],
      ['a merged duplicate (a merge is final)', { roundId: PAIN, pointId: C, intoId: A }, 'POINT_STATE'],
      ['into a merged duplicate', { roundId: PAIN, pointId: A, intoId: C }, 'POINT_STATE'],
      ['a waiting duplicate', { roundId: PAIN, pointId: 'point-new', intoId: A }, 'POINT_NOT_FOUND'],
      ['into a waiting entry', { roundId: PAIN, pointId: A, intoId: 'point-new' }, 'POINT_NOT_FOUND'],
      ['into an unknown entry', { roundId: PAIN, pointId: A, intoId: 'point-none' }, 'POINT_NOT_FOUND'],
      ['an unknown round', { roundId: 'round-none', pointId: A, intoId: B }, 'ROUND_NOT_FOUND'],
      ['a vote round', { roundId: 'round-vote', pointId: A, intoId: B }, 'ROUND_KIND'],
    ];
    for (const [name, input, code] of cases) {
      const decision = mergePainPoint(s, input);
      expect(decision.ok ? 'accepted' : decision.error.code, name).toBe(code);
      expectRefused(decision, code);
    }
  });

  it('PP5 a merge is final: the duplicate cannot be hidden, themed or merged again', () => {
    let s = merge(withPoints([A, B, C]), B, A);
    expectRefused(hidePainPoint(s, { roundId: PAIN, pointId: B, reason: 'facilitator' }), 'POINT_STATE');
    expectRefused(themePainPoint(s, { roundId: PAIN, pointId: B, themeId: 'o1' }), 'POINT_STATE');
    expectRefused(mergePainPoint(s, { roundId: PAIN, pointId: B, intoId: C }), 'POINT_STATE');
    // Hiding the target later keeps the merge.
    s = hide(s, A, 'facilitator');
    expect(pointOf(s, B).mergedInto).toBe(A);
    expectRefused(supportPainPoint(s, supportInput(3, B)), 'POINT_STATE');
  });
});

describe('PP6 themes', () => {
  it('PP6 the facilitator clusters a released entry into a theme or none; the same theme changes nothing', () => {
    let s = withPoints([A]);
    expect(actionsOf(themePainPoint(s, { roundId: PAIN, pointId: A, themeId: 'o2' }))).toEqual([
      { type: 'painpoint:themed', roundId: PAIN, pointId: A, themeId: 'o2' },
    ]);
    s = run(s, themePainPoint(s, { roundId: PAIN, pointId: A, themeId: 'o2' }));
    expect(pointOf(s, A).themeId).toBe('o2');
    expect(actionsOf(themePainPoint(s, { roundId: PAIN, pointId: A, themeId: 'o2' }))).toEqual([]);
    s = run(s, themePainPoint(s, { roundId: PAIN, pointId: A, themeId: null }));
    expect(pointOf(s, A).themeId).toBeNull();
  });

  it('PP6 PP7 a queued entry can be clustered too (the queue shows its theme)', () => {
    let s = withPoints([A], { premoderation: true });
    s = run(s, themePainPoint(s, { roundId: PAIN, pointId: A, themeId: 'o1' }));
    expect(moderationOf(painRound(s))?.queue).toEqual([{ id: A, text: textOf(A), themeId: 'o1' }]);
  });

  it('PP6 theme refusals change nothing: THEME_NOT_FOUND, POINT_NOT_FOUND, POINT_STATE, ROUND_NOT_FOUND, ROUND_KIND', () => {
    let s = withVoteRound(merge(withPoints([A, B]), B, A));
    s = submit(s, 3, C);
    const cases: [string, Parameters<typeof themePainPoint>[1], ErrorCode][] = [
      ['an unknown theme', { roundId: PAIN, pointId: A, themeId: 'o3' }, 'THEME_NOT_FOUND'],
      ['a waiting entry', { roundId: PAIN, pointId: C, themeId: 'o1' }, 'POINT_NOT_FOUND'],
      ['an unknown entry', { roundId: PAIN, pointId: 'point-none', themeId: 'o1' }, 'POINT_NOT_FOUND'],
      ['a merged duplicate', { roundId: PAIN, pointId: B, themeId: 'o1' }, 'POINT_STATE'],
      ['an unknown round', { roundId: 'round-none', pointId: A, themeId: 'o1' }, 'ROUND_NOT_FOUND'],
      ['a vote round', { roundId: 'round-vote', pointId: A, themeId: 'o1' }, 'ROUND_KIND'],
    ];
    for (const [name, input, code] of cases) {
      const decision = themePainPoint(s, input);
      expect(decision.ok ? 'accepted' : decision.error.code, name).toBe(code);
      expectRefused(decision, code);
    }
  });

  it('PP6 addTheme gives the next option id: o1 for a round without themes, then o2, …', () => {
    let s = withPainRound({ themes: [] });
    expect(addTheme(s, { roundId: PAIN, label: 'Eerste' })).toEqual({
      ok: true,
      events: [{ type: 'round:theme-added', roundId: PAIN, theme: { id: 'o1', label: 'Eerste' } }],
      value: { themeId: 'o1' },
    });
    s = run(s, addTheme(s, { roundId: PAIN, label: 'Eerste' }));
    s = run(s, addTheme(s, { roundId: PAIN, label: 'Tweede' }));
    expect(painRound(s).options).toEqual([
      { id: 'o1', label: 'Eerste' },
      { id: 'o2', label: 'Tweede' },
    ]);
    expect(accepted(addTheme(withPainRound(), { roundId: PAIN, label: 'Derde' })).value).toEqual({ themeId: 'o3' });
  });

  it('PP6 addTheme takes the number after the highest option id, not after the count', () => {
    const s = evolve(withPainRound({ draft: true }), {
      type: 'round:created',
      roundId: 'round-gaps',
      question: 'Q',
      options: [
        { id: 'o7', label: 'Zeven' },
        { id: 'o2', label: 'Twee' },
        { id: 'x', label: 'Geen nummer' },
      ],
      config: { kind: 'pain-points', perParticipant: 3, premoderation: false },
      reveal: 'manual',
      durationSeconds: null,
      rerunOf: null,
      compareKey: null,
      position: 1,
    });
    expect(accepted(addTheme(s, { roundId: 'round-gaps', label: 'Nieuw' })).value).toEqual({ themeId: 'o8' });
  });

  it('PP6 addTheme: at most 30 themes (BAD_REQUEST), ROUND_KIND on a vote round, ROUND_NOT_FOUND; each changes nothing', () => {
    const labels = (n: number) => Array.from({ length: n }, (_, i) => `Thema ${i + 1}`);
    const almost = withPainRound({ themes: labels(LIMITS.options - 1) });
    expect(accepted(addTheme(almost, { roundId: PAIN, label: 'Laatste' })).value).toEqual({ themeId: 'o30' });
    const full = withVoteRound(withPainRound({ themes: labels(LIMITS.options) }));
    expectRefused(addTheme(full, { roundId: PAIN, label: 'Te veel' }), 'BAD_REQUEST');
    expectRefused(addTheme(full, { roundId: 'round-vote', label: 'Thema' }), 'ROUND_KIND');
    expectRefused(addTheme(full, { roundId: 'round-none', label: 'Thema' }), 'ROUND_NOT_FOUND');
  });

  it('PP6 moderation works on a closed round: approve, hide, show, theme, merge, add a theme', () => {
    let s = withPoints([A, B, C, D], { premoderation: true });
    s = endRound(s, PAIN);
    expect(painRound(s).status).toBe('closed');
    s = run(s, approvePainPoints(s, { roundId: PAIN, pointIds: [A, B, C] }));
    s = hide(s, D, 'offensive');
    s = hide(s, D, null);
    s = run(s, addTheme(s, { roundId: PAIN, label: 'Achteraf' }));
    s = run(s, themePainPoint(s, { roundId: PAIN, pointId: A, themeId: 'o3' }));
    s = merge(s, B, A);
    expect(wallOf(painRound(s), true)?.points).toEqual([
      { id: A, text: textOf(A), themeId: 'o3', hidden: null, support: 1, merged: [textOf(B)] },
      { id: C, text: textOf(C), themeId: null, hidden: null, support: 0, merged: [] },
      { id: D, text: textOf(D), themeId: null, hidden: null, support: 0, merged: [] },
    ]);
  });
});

describe('PP7 pre-moderation', () => {
  it('PP7 released entries wait in the queue; approving puts them on the wall (ids sorted, each once)', () => {
    let s = withPoints([A, B, C], { premoderation: true });
    expect(tableValues(painRound(s).points).map((p) => p.stage)).toEqual(['queue', 'queue', 'queue']);
    expect(actionsOf(approvePainPoints(s, { roundId: PAIN, pointIds: [C, A, C] }))).toEqual([
      { type: 'painpoints:approved', roundId: PAIN, pointIds: [A, C] },
    ]);
    s = run(s, approvePainPoints(s, { roundId: PAIN, pointIds: [C, A, C] }));
    expect([A, B, C].map((id) => pointOf(s, id).stage)).toEqual(['wall', 'queue', 'wall']);
    expect(moderationOf(painRound(s))?.queue.map((q) => q.id)).toEqual([B]);
  });

  it('PP7 approving is idempotent: entries already on the wall are left alone', () => {
    let s = withPoints([A, B, C], { premoderation: true });
    s = run(s, approvePainPoints(s, { roundId: PAIN, pointIds: [A] }));
    s = support(s, 4, A);
    expect(approvePainPoints(s, { roundId: PAIN, pointIds: [A] })).toEqual({ ok: true, events: [], value: {} });
    expect(actionsOf(approvePainPoints(s, { roundId: PAIN, pointIds: [A, B] }))).toEqual([
      { type: 'painpoints:approved', roundId: PAIN, pointIds: [B] },
    ]);
    // A rejected entry (hidden from the queue) stays hidden; a merged one stays merged.
    s = hide(s, C, 'offensive');
    s = run(s, approvePainPoints(s, { roundId: PAIN, pointIds: [B] }));
    s = merge(s, B, A);
    expect(actionsOf(approvePainPoints(s, { roundId: PAIN, pointIds: [A, B, C] }))).toEqual([]);
    expect(pointOf(s, C)).toMatchObject({ stage: 'wall', hidden: 'offensive' });
    expect(pointOf(s, A).support).toBe(2);
  });

  it('PP7 approving a waiting or unknown entry is POINT_NOT_FOUND and approves nothing; ROUND_KIND, ROUND_NOT_FOUND', () => {
    let s = withVoteRound(withPoints([A], { premoderation: true }));
    s = submit(s, 2, B);
    expectRefused(approvePainPoints(s, { roundId: PAIN, pointIds: [A, B] }), 'POINT_NOT_FOUND');
    expectRefused(approvePainPoints(s, { roundId: PAIN, pointIds: ['point-none'] }), 'POINT_NOT_FOUND');
    expectRefused(approvePainPoints(s, { roundId: 'round-vote', pointIds: [A] }), 'ROUND_KIND');
    expectRefused(approvePainPoints(s, { roundId: 'round-none', pointIds: [A] }), 'ROUND_NOT_FOUND');
    expect(pointOf(s, A).stage).toBe('queue');
  });
});

describe('AN7 no author', () => {
  /** Every pain-point decision once, collecting the events, through closing and moderation afterwards. */
  function everything(): { state: SessionState; events: DomainEvent[] } {
    const events: DomainEvent[] = [];
    let s = withPainRound({ premoderation: true, releaseMinEntries: 3 });
    const step = <T>(decision: Decision<T>) => {
      events.push(...accepted(decision).events);
      s = run(s, decision);
    };
    [C, A, E, B, D].forEach((id, i) =>
      step(submitPainPoint(s, submitInput(i + 1, id, { themeId: i % 2 ? 'o1' : null }))),
    );
    step(releaseDue(s));
    step(approvePainPoints(s, { roundId: PAIN, pointIds: [A, B, C, D] }));
    step(hidePainPoint(s, { roundId: PAIN, pointId: E, reason: 'names-someone' }));
    for (const n of [1, 2, 3]) step(supportPainPoint(s, supportInput(n, A)));
    step(supportPainPoint(s, supportInput(6, B)));
    step(supportPainPoint(s, supportInput(2, A, false)));
    step(mergePainPoint(s, { roundId: PAIN, pointId: B, intoId: A }));
    step(addTheme(s, { roundId: PAIN, label: 'Nieuw' }));
    step(themePainPoint(s, { roundId: PAIN, pointId: C, themeId: 'o3' }));
    step(hidePainPoint(s, { roundId: PAIN, pointId: D, reason: 'off-topic' }));
    step(hidePainPoint(s, { roundId: PAIN, pointId: D, reason: null }));
    step(submitPainPoint(s, submitInput(4, 'point-last')));
    step(closeRound(s, { roundId: PAIN }));
    step(approvePainPoints(s, { roundId: PAIN, pointIds: ['point-last'] }));
    step(mergePainPoint(s, { roundId: PAIN, pointId: 'point-last', intoId: A }));
    return { state: s, events };
  }

  it('AN7 no event of any pain-point decision carries a participant id, token hash or name', () => {
    const { state, events } = everything();
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set([
        'painpoint:submitted',
        'painpoints:released',
        'painpoints:approved',
        'painpoint:hidden',
        'painpoint:supported',
        'painpoint:merged',
        'round:theme-added',
        'painpoint:themed',
        'moderation:logged',
        'round:closed',
      ]),
    );
    const json = JSON.stringify(events);
    expect(participantList(state.participants).map((p) => p.id)).toHaveLength(6);
    for (const n of [1, 2, 3, 4, 5, 6]) {
      expect(json).not.toContain(participantId(n));
      expect(json).not.toContain(tokenHash(n));
      expect(json).not.toContain(`"P${n}"`);
    }
    expect(json).not.toContain('participant');
    expect(json).not.toContain(String(NOW).slice(0, 6));
  });

  it('AN7 entries hold only id, text, theme, stage, hide reason, merge target, support (and supporters while open): no time, no author', () => {
    const fields = {
      id: true,
      text: true,
      themeId: true,
      stage: true,
      hidden: true,
      mergedInto: true,
      support: true,
      supporters: true,
      answered: true,
    } satisfies Record<keyof PainPoint, true>;
    // QA2: `answered` is set only on a question marked answered, never on a pain point.
    const painFields = Object.keys(fields).filter((k) => k !== 'answered');
    const { state } = everything();
    const points = tableValues(painRound(state).points);
    expect(points).toHaveLength(6);
    for (const point of points) {
      expect(Object.keys(point).sort()).toEqual(painFields.sort());
      expect(point.supporters).toEqual([]);
    }
    const open = withPoints([A, B]);
    for (const point of tableValues(painRound(open).points)) {
      expect(Object.keys(point).sort()).toEqual(painFields.sort());
    }
    // The only per-participant fact: how many entries a voter key added, gone once the round closes.
    expect(tableToRecord(painRound(open).submitted)).toEqual({ [key(1)]: 1, [key(2)]: 1 });
    expect(JSON.stringify(tableToRecord(painRound(open).points))).not.toContain('participant');
    expect(tableToRecord(painRound(state).submitted)).toEqual({});
  });

  it('AN7 the ack of an entry names only the entry', () => {
    const s = withPainRound();
    expect(accepted(submitPainPoint(s, submitInput(1, A))).value).toEqual({ pointId: A });
  });
});

describe('AN9 order', () => {
  /** Spearman's rank correlation of two orders of the same distinct ids. */
  function spearman(first: readonly string[], second: readonly string[]): number {
    const n = first.length;
    const rank = new Map(second.map((id, i) => [id, i]));
    const d2 = first.reduce((sum, id, i) => sum + (i - (rank.get(id) ?? NaN)) ** 2, 0);
    return 1 - (6 * d2) / (n * (n * n - 1));
  }

  /**
   * One random session: n entries with random ids typed in a known order, released in random batches
   * (and the rest at closing, sometimes); the orders every view lists them in.
   */
  function orders(rand: () => number, ids: (i: number) => string, premoderation: boolean) {
    const n = 5 + Math.floor(rand() * 26);
    let s = withPainRound({ people: n, premoderation, reveal: 'live', releaseMinEntries: 3 + Math.floor(rand() * 4) });
    const tick = (state: SessionState) => run(state, releaseDue(state));
    const typed: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = ids(i);
      typed.push(id);
      s = submit(s, i + 1, id);
      if (rand() < 0.3) s = tick(s);
    }
    s = rand() < 0.5 ? endRound(s, PAIN) : tick(s);
    if (waitingIn(painRound(s)) > 0) s = endRound(s, PAIN);
    const console_ = facilitatorView(s, 0, NOW).rounds[0]!;
    const views = premoderation
      ? [console_.moderation!.queue.map((q) => q.id)]
      : [
          console_.wall!.points.map((p) => p.id),
          participantView(s, NOW).round!.wall!.points.map((p) => p.id),
          projectorView(s, NOW).round!.wall!.points.map((p) => p.id),
        ];
    for (const view of views) expect([...view].sort()).toEqual([...typed].sort());
    return { typed, views };
  }

  it('AN9 over 200 seeded random sessions the wall and queue orders are uncorrelated with the typing order (|mean Spearman ρ| < 0.1)', () => {
    const rand = mulberry32(0x5eed);
    const rhos: number[] = [];
    for (let i = 0; i < 200; i++) {
      const { typed, views } = orders(rand, () => randomId(rand), i % 2 === 1);
      for (const view of views) rhos.push(spearman(typed, view));
    }
    const mean = rhos.reduce((a, b) => a + b, 0) / rhos.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
    // Not a constant order either: some lists agree with the typing order, some run against it.
    expect(Math.max(...rhos)).toBeGreaterThan(0.3);
    expect(Math.min(...rhos)).toBeLessThan(-0.3);
  });

  it('AN9 the measure would catch a leak: ids that grow with time give ρ = 1 (why ids must be random)', () => {
    const rand = mulberry32(7);
    const { typed, views } = orders(rand, (i) => `point-${String(i).padStart(4, '0')}`, false);
    for (const view of views) expect(spearman(typed, view)).toBe(1);
  });
});

describe('AN10 support keys', () => {
  it('AN10 closing drops supporters and submitted counts but keeps the support counts', () => {
    let s = withPoints([A, B, C]);
    s = support(support(support(s, 4, A), 5, A), 4, B);
    s = merge(s, C, A);
    const open = painRound(s);
    expect(tableToRecord(open.submitted)).toEqual({ [key(1)]: 1, [key(2)]: 1, [key(3)]: 1 });
    expect(tableGet(open.points, A)).toMatchObject({ support: 3, supporters: [key(4), key(5)] });
    s = endRound(s, PAIN);
    const closed = painRound(s);
    expect(tableToRecord(closed.submitted)).toEqual({});
    expect(tableValues(closed.points).map((p) => [p.id, p.support, p.supporters])).toEqual([
      [A, 3, []],
      [B, 1, []],
      [C, 0, []],
    ]);
    expect(JSON.stringify(closed)).not.toContain('SECRET');
    // The wall as it was, support counts included.
    expect(wallOf(closed, true)?.points.map((p) => [p.id, p.support])).toEqual([
      [A, 3],
      [B, 1],
    ]);
  });

  it('AN10 support keys are the voter keys of the round the server passes in, nothing else', () => {
    let s = withPoints([A]);
    s = run(
      s,
      supportPainPoint(s, {
        participantId: participantId(2),
        voterKey: 'key-x',
        roundId: PAIN,
        pointId: A,
        supported: true,
      }),
    );
    expect(pointOf(s, A).supporters).toEqual(['key-x']);
    // The same participant under another key (another round's) is someone else to this round.
    s = support(s, 2, A);
    expect(pointOf(s, A)).toMatchObject({ support: 2, supporters: ['key-x', key(2)] });
  });
});
