import { describe, expect, it } from 'vitest';
import {
  FacilitatorView,
  ParticipantSelf,
  ParticipantView,
  ProjectorView,
  type RoundPublic,
  type Wall,
} from '@vrijuit/protocol';
import { approvePainPoints, hidePainPoint, mergePainPoint, themePainPoint } from './decide-pain-points.ts';
import { rerunRound, revealRound } from './decide.ts';
import { facilitatorView, participantSelf, participantView, projectorView } from './projection.ts';
import { moderationOf, releasedCount, supportedBy, wallOf } from './project-wall.ts';
import type { SessionState } from './state.ts';
import {
  A,
  addRound,
  B,
  C,
  D,
  E,
  endRound,
  NOW,
  PAIN,
  painRound,
  release,
  participantId,
  run,
  startRound,
  submit,
  support,
  textOf,
  voterKeyOf,
  withPainRound,
  withPoints,
  type PainOptions,
} from './test-fixtures.ts';
import { participantById } from './participants.ts';

const key = (n: number) => voterKeyOf(n, PAIN);
const WAITING = 'point-wait';
const WAITING_TEXT = 'Nog niet vrijgegeven';

const hide = (s: SessionState, pointId: string, reason: 'names-someone' | 'offensive' | null) =>
  run(s, hidePainPoint(s, { roundId: PAIN, pointId, reason }));
const merge = (s: SessionState, pointId: string, intoId: string) =>
  run(s, mergePainPoint(s, { roundId: PAIN, pointId, intoId }));
const approve = (s: SessionState, pointIds: string[]) => run(s, approvePainPoints(s, { roundId: PAIN, pointIds }));

/**
 * A pre-moderated round with everything at once: A (supported by 1 and 2, C by 3 merged into it), B
 * (theme o1, supported by 2), D hidden, E still queued, and one entry still waiting.
 */
function richState(o: PainOptions = {}): SessionState {
  let s = withPoints([A, B, C, D, E], { premoderation: true, ...o });
  s = approve(s, [A, B, C, D]);
  s = support(support(support(support(s, 1, A), 2, A), 3, C), 2, B);
  s = merge(s, C, A);
  s = hide(s, D, 'names-someone');
  s = run(s, themePainPoint(s, { roundId: PAIN, pointId: B, themeId: 'o1' }));
  return submit(s, 6, WAITING, { text: WAITING_TEXT });
}

const roomWall: Wall = {
  points: [
    { id: A, text: textOf(A), themeId: null, hidden: null, support: 4, merged: [textOf(C)] },
    { id: B, text: textOf(B), themeId: 'o1', hidden: null, support: 1, merged: [] },
    { id: D, text: null, themeId: null, hidden: 'names-someone', support: 0, merged: [] },
  ],
  // PA5: the room gets the paper count only once the round is closed.
  paper: null,
};
const closedRoomWall: Wall = { ...roomWall, paper: 0 };
const consoleWall: Wall = {
  points: roomWall.points.map((p) => (p.id === D ? { ...p, text: textOf(D) } : p)),
  paper: 0,
};

const painPublic: RoundPublic = {
  id: PAIN,
  question: 'Wat zit je dwars?',
  options: [
    { id: 'o1', label: 'Werkdruk' },
    { id: 'o2', label: 'Overleg' },
  ],
  config: { kind: 'pain-points', perParticipant: 3, premoderation: true },
  status: 'open',
  reveal: 'manual',
  revealed: false,
  locked: false,
  closesAt: null,
  rerunOf: null,
  compareKey: null,
};

/** A view checked against its protocol schema: parsing strips unknown keys, so equality means nothing extra. */
function expectExact(schema: { parse(value: unknown): unknown }, view: unknown): void {
  expect(schema.parse(view)).toEqual(view);
}

/** Every view of a state (participant 1 for the phone's own view), each checked against its schema. */
function views(s: SessionState) {
  const all = {
    facilitator: facilitatorView(s, 2, NOW),
    participant: participantView(s, NOW),
    projector: projectorView(s, NOW),
    self: participantSelf(s, participantById(s.participants, participantId(1))!, key(1)),
  };
  expectExact(FacilitatorView, all.facilitator);
  expectExact(ParticipantView, all.participant);
  expectExact(ProjectorView, all.projector);
  expectExact(ParticipantSelf, all.self);
  return all;
}

/** ML1: the log of richState's moderation: four approved, one merged, one hidden, one filed under o1. */
const richLog = [
  { action: 'approved', entries: 4 },
  { action: 'merged', entries: 1 },
  { action: 'hidden', reason: 'names-someone', queued: false },
  { action: 'themed', themeId: 'o1' },
];

const reveal = (s: SessionState, revealed = true) => run(s, revealRound(s, { roundId: PAIN, revealed }));

describe('wallOf, moderationOf, releasedCount, supportedBy', () => {
  it('AN9 PP4 PP5 wallOf lists the released top-level entries by id; the room gets a hidden one’s reason, not its text', () => {
    const s = richState();
    expect(wallOf(painRound(s), false)).toEqual(closedRoomWall);
    expect(wallOf(painRound(s), true)).toEqual(consoleWall);
  });

  it('PP1 wallOf and moderationOf are null for a vote round and for a draft pain-point round', () => {
    let s = withPainRound({ draft: true });
    s = startRound(addRound(s, 'round-vote', { kind: 'single-choice' }), 'round-vote');
    for (const round of s.rounds) {
      expect(wallOf(round, true)).toBeNull();
      expect(wallOf(round, false)).toBeNull();
      expect(moderationOf(round)).toBeNull();
    }
    expect(wallOf(painRound(withPainRound()), false)).toEqual({ points: [], paper: 0 });
    expect(moderationOf(painRound(withPainRound()))).toEqual({ waiting: 0, queue: [], log: [] });
  });

  it('AN8 PP7 moderationOf: how many wait (a count) and the queue by id, text and theme only', () => {
    let s = richState();
    s = submit(s, 5, 'point-aab', { text: 'Ook nog', themeId: 'o2' });
    expect(moderationOf(painRound(s))).toEqual({
      waiting: 2,
      queue: [{ id: E, text: textOf(E), themeId: null }],
      log: richLog,
    });
    s = release(s);
    expect(moderationOf(painRound(s))).toEqual({
      waiting: 0,
      log: richLog,
      queue: [
        { id: 'point-aab', text: 'Ook nog', themeId: 'o2' },
        { id: E, text: textOf(E), themeId: null },
        { id: WAITING, text: WAITING_TEXT, themeId: null },
      ],
    });
  });

  it('AN8 releasedCount counts released entries (queued, on the wall, hidden or merged), not the waiting ones', () => {
    expect(releasedCount(painRound(withPainRound()))).toBe(0);
    expect(releasedCount(painRound(submit(withPainRound(), 1, A)))).toBe(0);
    expect(releasedCount(painRound(richState()))).toBe(5);
  });

  it('AN10 supportedBy lists the entries a voter key supports, by id; a merged duplicate’s support is the target’s', () => {
    const round = painRound(richState());
    expect(supportedBy(round, key(2))).toEqual([A, B]);
    expect(supportedBy(round, key(3))).toEqual([A]);
    expect(supportedBy(round, key(6))).toEqual([]);
    expect(supportedBy(painRound(endRound(richState(), PAIN)), key(2))).toEqual([]);
  });
});

describe('PP8 views of a pain-point round', () => {
  it('PP8 RO7 a manual round: the room sees the round without its wall until revealed; the console always has it and moderation', () => {
    const s = richState();
    const v = views(s);
    expect(v.participant.round).toEqual({ ...painPublic, results: null, wall: null });
    expect(v.projector.round).toEqual({ ...painPublic, results: null, wall: null, respondents: 5 });
    expect(v.facilitator.rounds).toEqual([
      {
        ...painPublic,
        results: null,
        wall: consoleWall,
        respondents: 5,
        moderation: { waiting: 1, queue: [{ id: E, text: textOf(E), themeId: null }], log: richLog },
        versions: null,
        durationSeconds: null,
      },
    ]);
  });

  it('PP8 RO7 once revealed the room gets the wall (hidden text null), also after closing, and loses it when hidden again', () => {
    let s = reveal(richState());
    let v = views(s);
    expect(v.participant.round).toEqual({ ...painPublic, revealed: true, results: null, wall: roomWall });
    expect(v.projector.round).toEqual({ ...painPublic, revealed: true, results: null, wall: roomWall, respondents: 5 });

    s = endRound(s, PAIN);
    v = views(s);
    // Closing released the waiting entry into the queue: the room's wall is unchanged.
    expect(v.participant.round).toMatchObject({ status: 'closed', results: null, wall: closedRoomWall });
    expect(v.projector.round).toMatchObject({ status: 'closed', wall: closedRoomWall, respondents: 6 });
    expect(v.facilitator.rounds[0]?.moderation).toEqual({
      waiting: 0,
      log: richLog,
      queue: [
        { id: E, text: textOf(E), themeId: null },
        { id: WAITING, text: WAITING_TEXT, themeId: null },
      ],
    });

    s = reveal(s, false);
    v = views(s);
    expect(v.participant.round?.wall).toBeNull();
    expect(v.projector.round?.wall).toBeNull();
    expect(v.facilitator.rounds[0]?.wall).toEqual(consoleWall);
  });

  it('PP8 RO7 a live round shows the room its wall while open, without a reveal', () => {
    const s = richState({ reveal: 'live' });
    const v = views(s);
    expect(v.participant.round).toMatchObject({ reveal: 'live', revealed: false, wall: roomWall });
    expect(v.projector.round?.wall).toEqual(roomWall);
  });

  it('PP1 PP8 a draft pain-point round has no wall and no moderation, even on the console', () => {
    const v = views(withPainRound({ draft: true }));
    expect(v.participant.round).toBeNull();
    expect(v.facilitator.rounds[0]).toMatchObject({ status: 'draft', wall: null, moderation: null, respondents: 0 });
  });

  it('PP4 a hidden entry: reason and no text on phones and projector, the text on the console', () => {
    const v = views(reveal(richState()));
    for (const wall of [v.participant.round?.wall, v.projector.round?.wall]) {
      expect(wall?.points.find((p) => p.id === D)).toEqual({
        id: D,
        text: null,
        themeId: null,
        hidden: 'names-someone',
        support: 0,
        merged: [],
      });
    }
    expect(v.facilitator.rounds[0]?.wall?.points.find((p) => p.id === D)?.text).toBe(textOf(D));
    const room = JSON.stringify([v.participant, v.projector]);
    expect(room).not.toContain(textOf(D));
  });

  // SPEC PP4: phones and the projector get a hidden entry's reason instead of its text; PP5: the texts of
  // the duplicates merged into an entry are listed under its text, so they are hidden with it.
  it('PP4 PP5 a hidden entry shows phones and the projector none of the texts merged into it', () => {
    let s = withPoints([A, B], { reveal: 'live' });
    s = merge(s, B, A);
    s = hide(s, A, 'names-someone');
    const v = views(s);
    expect(v.facilitator.rounds[0]?.wall?.points).toEqual([
      { id: A, text: textOf(A), themeId: null, hidden: 'names-someone', support: 1, merged: [textOf(B)] },
    ]);
    for (const wall of [v.participant.round?.wall, v.projector.round?.wall]) {
      expect(wall?.points.map((p) => [p.text, p.hidden])).toEqual([[null, 'names-someone']]);
      expect(JSON.stringify(wall)).not.toContain(textOf(B));
    }
  });

  it('AN8 waiting entries appear nowhere but as the console’s count (moderation.waiting)', () => {
    const s = reveal(richState({ reveal: 'live' }));
    const v = views(s);
    for (const [name, view] of Object.entries(v)) {
      const json = JSON.stringify(view);
      expect(json, name).not.toContain(WAITING);
      expect(json, name).not.toContain(WAITING_TEXT);
    }
    expect(v.facilitator.rounds[0]?.moderation?.waiting).toBe(1);
    // Not even counted among the released entries.
    expect(v.facilitator.rounds[0]?.respondents).toBe(5);
    expect(v.projector.round?.respondents).toBe(5);
  });

  it('PP7 queued entries are on the console only, in moderation.queue and not on its wall', () => {
    const v = views(richState({ reveal: 'live' }));
    for (const view of [v.participant, v.projector, v.self]) {
      expect(JSON.stringify(view)).not.toContain(E);
      expect(JSON.stringify(view)).not.toContain(textOf(E));
    }
    const round = v.facilitator.rounds[0]!;
    expect(round.moderation?.queue.map((q) => q.id)).toEqual([E]);
    expect(round.wall?.points.map((p) => p.id)).toEqual([A, B, D]);
  });

  it('PP5 a merged duplicate is not an entry of its own: its text is listed under the target, in every view', () => {
    const v = views(richState({ reveal: 'live' }));
    for (const wall of [v.participant.round?.wall, v.projector.round?.wall, v.facilitator.rounds[0]?.wall]) {
      expect(wall?.points.map((p) => p.id)).not.toContain(C);
      expect(wall?.points.find((p) => p.id === A)).toMatchObject({ merged: [textOf(C)], support: 4 });
    }
  });

  it('AN10 participantSelf tells a phone only which entries it supports itself', () => {
    const s = richState();
    const self = (n: number, voterKey: string | null) =>
      participantSelf(s, participantById(s.participants, participantId(n))!, voterKey);
    expect(self(2, key(2))).toEqual({
      zoneId: 'z2',
      municipalityId: null,
      name: 'P2',
      ballot: null,
      supported: [A, B],
    });
    expect(self(3, key(3)).supported).toEqual([A]);
    expect(self(6, key(6)).supported).toEqual([]);
    expect(self(2, null).supported).toEqual([]);
    for (const n of [2, 3, 6]) expectExact(ParticipantSelf, self(n, key(n)));
    // Closed: the keys are gone (AN10), so nothing is remembered.
    const closed = endRound(s, PAIN);
    expect(participantSelf(closed, participantById(closed.participants, participantId(2))!, key(2)).supported).toEqual(
      [],
    );
  });

  it('AN2 AN7 AN10 no view carries a voter key, voter secret, participant id or an author', () => {
    const s = reveal(richState({ reveal: 'live' }));
    expect(JSON.stringify(painRound(s))).toContain(key(2));
    for (const [name, view] of Object.entries(views(s))) {
      const json = JSON.stringify(view);
      expect(json, name).not.toContain('SECRET');
      expect(json, name).not.toContain('voter');
      expect(json, name).not.toContain('supporters');
      expect(json, name).not.toContain('submitted');
      for (const n of [1, 2, 3, 4, 5, 6]) expect(json, name).not.toContain(participantId(n));
    }
  });

  it('PP1 RO8 the projector’s `previous` for a re-run pain-point round is the original’s wall as the room may see it', () => {
    let s = reveal(richState());
    s = endRound(s, PAIN);
    s = run(s, rerunRound(s, { roundId: PAIN, newRoundId: 'round-again' }));
    s = startRound(s, 'round-again');
    const v = views(s);
    expect(v.projector.round).toMatchObject({ id: 'round-again', rerunOf: PAIN, wall: null, respondents: 0 });
    expect(v.projector.previous).toMatchObject({ id: PAIN, status: 'closed', results: null, wall: closedRoomWall });
    expect(v.facilitator.rounds[1]).toMatchObject({
      wall: { points: [], paper: 0 },
      moderation: { waiting: 0, queue: [] },
    });
    const hidden = reveal(s, false);
    expect(projectorView(hidden, NOW).previous?.wall).toBeNull();
  });
});
