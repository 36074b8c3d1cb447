import { FLOORS, hasWall, LIMITS, type HideReason, type ModerationLogEntry, type WallConfig } from '@vrijuit/protocol';
import type { DomainEvent } from './events.ts';
import { participantById } from './participants.ts';
import { accept, reject, type Decision } from './result.ts';
import type { PainPoint, Round, SessionState } from './state.ts';
import { tableGet, tableValues } from './table.ts';

/**
 * Pain points (core SPEC PP1-PP7, AN7-AN10). Ids, keys and the time come from the caller. No decision
 * takes or emits a participant id: the author of an entry is never known past its submission.
 */

type Done = Record<string, never>;

type Found = { ok: true; round: Round; config: WallConfig } | { ok: false; decision: Decision<never> };

/** The round `roundId` with a wall (pain points or questions, QA1) and its settings, or the refusal to answer. */
export function painRound(state: SessionState, roundId: string): Found {
  const round = state.rounds.find((r) => r.id === roundId);
  if (!round) return { ok: false, decision: reject('ROUND_NOT_FOUND', 'unknown round') };
  const { config } = round;
  if (!hasWall(config)) {
    return { ok: false, decision: reject('ROUND_KIND', 'this round does not take pain points') };
  }
  return { ok: true, round, config };
}

/** PP2, PP3: a participant may add to and support in an open, unlocked round only. */
function participantRound(state: SessionState, participantId: string, roundId: string): Found {
  if (!participantById(state.participants, participantId)) {
    return { ok: false, decision: reject('NOT_JOINED', 'not a participant of this session') };
  }
  const found = painRound(state, roundId);
  if (!found.ok) return found;
  if (found.round.status !== 'open') return { ok: false, decision: reject('ROUND_NOT_OPEN', 'the round is not open') };
  if (found.round.locked) {
    return { ok: false, decision: reject('ROUND_LOCKED', 'the facilitator has paused this round') };
  }
  return found;
}

/** An entry the facilitator or a participant can address: released (queue or wall), top level. */
function released(round: Round, pointId: string): PainPoint | undefined {
  const point = tableGet(round.points, pointId);
  return point && point.stage !== 'inbox' ? point : undefined;
}

/** ML1: the log line of a moderation step, committed with the step's own events. */
const logged = (round: Round, entry: ModerationLogEntry): DomainEvent => ({
  type: 'moderation:logged',
  roundId: round.id,
  entry,
});

const themeKnown = (round: Round, themeId: string | null) =>
  themeId === null || round.options.some((o) => o.id === themeId);

/**
 * PP1, PP2, AN7: a participant adds an entry to an open pain-point round, up to the round's limit. It
 * waits in the inbox, seen by nobody, until the next batch (AN8). The value names the entry for the
 * author's phone only; nothing stored links the two.
 */
export function submitPainPoint(
  state: SessionState,
  input: {
    participantId: string;
    voterKey: string;
    roundId: string;
    pointId: string;
    text: string;
    themeId: string | null;
  },
): Decision<{ pointId: string }> {
  const found = participantRound(state, input.participantId, input.roundId);
  if (!found.ok) return found.decision;
  const { round, config } = found;
  if (!themeKnown(round, input.themeId)) return reject('THEME_NOT_FOUND', 'the theme is not one of this round');
  if ((tableGet(round.submitted, input.voterKey) ?? 0) >= config.perParticipant) {
    return reject('PAIN_POINT_LIMIT', `at most ${config.perParticipant} pain points each in this round`);
  }
  return accept(
    [
      {
        type: 'painpoint:submitted',
        roundId: round.id,
        pointId: input.pointId,
        text: input.text,
        themeId: input.themeId,
        voterKey: input.voterKey,
      },
    ],
    { pointId: input.pointId },
  );
}

/**
 * AN8, AN13: releases these waiting entries of the round, `paper` of them typed in from paper: one slice
 * of a release tick's batch (the server cuts a big batch into slices, each a batch of its own, P3).
 */
export function releaseEntries(round: Round, pointIds: readonly string[], paper: number): DomainEvent[] {
  if (!hasWall(round.config)) return [];
  const waiting = pointIds.filter((id) => tableGet(round.points, id)?.stage === 'inbox').sort();
  if (waiting.length === 0) return [];
  return [
    {
      type: 'painpoints:released',
      roundId: round.id,
      pointIds: waiting,
      stage: round.config.premoderation ? 'queue' : 'wall',
      ...(paper > 0 ? { paper } : {}),
    },
  ];
}

/**
 * AN8, RO3: closing a pain-point round releases what still waits, whatever the batch size: the whole
 * inbox at once, with sorted (random) ids, so every paper entry waiting is in this batch (PA4).
 */
export function releaseOnClose(round: Round): DomainEvent[] {
  const waiting = tableValues(round.points).flatMap((p) => (p.stage === 'inbox' ? [p.id] : []));
  return releaseEntries(round, waiting, round.paperWaiting ?? 0);
}

/**
 * AN8: the server's release tick (every `releaseEverySeconds`, on the clock, not on an input). Each open
 * pain-point round with at least `releaseMinEntries` entries waiting releases all of them at once.
 */
export function releaseDue(state: SessionState): Decision<Done> {
  // AN24: a session stored before the floors may hold a smaller batch; none is released under the floor.
  const batch = Math.max(state.settings.releaseMinEntries, FLOORS.releaseMinEntries);
  const events = state.rounds
    .filter((r) => r.status === 'open')
    .filter((r) => waitingIn(r) >= batch)
    .flatMap(releaseOnClose);
  return accept(events, {});
}

/** Entries waiting for the next batch. */
export function waitingIn(round: Round): number {
  return tableValues(round.points).filter((p) => p.stage === 'inbox').length;
}

/** Whether any open round has entries waiting for a batch (the server then keeps its release tick). */
export function hasWaiting(state: SessionState): boolean {
  return state.rounds.some((r) => r.status === 'open' && waitingIn(r) > 0);
}

/**
 * PP3, AN10: a participant supports ("me too") an entry on the wall once, or withdraws that support.
 * Support for a merged duplicate goes to the entry it was merged into. Hidden entries take none.
 */
export function supportPainPoint(
  state: SessionState,
  input: { participantId: string; voterKey: string; roundId: string; pointId: string; supported: boolean },
): Decision<Done> {
  const found = participantRound(state, input.participantId, input.roundId);
  if (!found.ok) return found.decision;
  const { round } = found;
  let point = tableGet(round.points, input.pointId);
  if (point?.mergedInto) point = tableGet(round.points, point.mergedInto);
  if (!point || point.stage !== 'wall') return reject('POINT_NOT_FOUND', 'no such pain point on the wall');
  if (point.hidden) return reject('POINT_STATE', 'a hidden pain point takes no support');
  if (point.supporters.includes(input.voterKey) === input.supported) return accept([], {});
  return accept(
    [
      {
        type: 'painpoint:supported',
        roundId: round.id,
        pointId: point.id,
        supporterKey: input.voterKey,
        supported: input.supported,
      },
    ],
    {},
  );
}

type Moderated = { ok: true; round: Round; point: PainPoint } | { ok: false; decision: Decision<never> };

/** PP4-PP6: the facilitator moderates a released, top-level entry of a pain-point round (open or closed). */
export function moderated(state: SessionState, roundId: string, pointId: string): Moderated {
  const found = painRound(state, roundId);
  if (!found.ok) return found;
  const point = released(found.round, pointId);
  if (!point) return { ok: false, decision: reject('POINT_NOT_FOUND', 'no such released pain point') };
  if (point.mergedInto) {
    return { ok: false, decision: reject('POINT_STATE', 'this pain point was merged into another') };
  }
  return { ok: true, round: found.round, point };
}

/** PP4: hide an entry with a reason every screen shows instead of its text, or show it again (null). */
export function hidePainPoint(
  state: SessionState,
  input: { roundId: string; pointId: string; reason: HideReason | null },
): Decision<Done> {
  const m = moderated(state, input.roundId, input.pointId);
  if (!m.ok) return m.decision;
  if (m.point.hidden === input.reason && m.point.stage === 'wall') return accept([], {});
  if (m.point.stage === 'queue' && input.reason === null) {
    return reject('POINT_STATE', 'approve a queued pain point to show it');
  }
  return accept(
    [
      { type: 'painpoint:hidden', roundId: m.round.id, pointId: m.point.id, reason: input.reason },
      logged(
        m.round,
        input.reason === null
          ? { action: 'shown' }
          : { action: 'hidden', reason: input.reason, queued: m.point.stage === 'queue' },
      ),
    ],
    {},
  );
}

/** PP7: put queued entries on the wall. Entries already on the wall are left as they are. */
export function approvePainPoints(
  state: SessionState,
  input: { roundId: string; pointIds: readonly string[] },
): Decision<Done> {
  const found = painRound(state, input.roundId);
  if (!found.ok) return found.decision;
  const missing = input.pointIds.find((id) => !released(found.round, id));
  if (missing) return reject('POINT_NOT_FOUND', 'no such released pain point');
  const queued = [...new Set(input.pointIds)]
    .filter((id) => tableGet(found.round.points, id)?.stage === 'queue')
    .sort();
  if (queued.length === 0) return accept([], {});
  return accept(
    [
      { type: 'painpoints:approved', roundId: found.round.id, pointIds: queued },
      logged(found.round, { action: 'approved', entries: queued.length }),
    ],
    {},
  );
}

/**
 * PP5: merge a duplicate into another entry on the wall. The target lists its text; its support and
 * the duplicate itself count for the target: distinct supporters of both (while the round is open, so
 * nobody counts twice) plus one per merged entry.
 */
export function mergePainPoint(
  state: SessionState,
  input: { roundId: string; pointId: string; intoId: string },
): Decision<Done> {
  if (input.pointId === input.intoId) return reject('BAD_REQUEST', 'a pain point cannot be merged into itself');
  const source = moderated(state, input.roundId, input.pointId);
  if (!source.ok) return source.decision;
  const target = moderated(state, input.roundId, input.intoId);
  if (!target.ok) return target.decision;
  const [s, t] = [source.point, target.point];
  if (s.stage !== 'wall' || t.stage !== 'wall' || s.hidden || t.hidden) {
    return reject('POINT_STATE', 'only shown pain points on the wall can be merged');
  }
  const overlap = s.supporters.filter((k) => t.supporters.includes(k)).length;
  const supporters = [...t.supporters, ...s.supporters.filter((k) => !t.supporters.includes(k))];
  const duplicates = tableValues(source.round.points).filter((p) => p.mergedInto === s.id).length;
  return accept(
    [
      {
        type: 'painpoint:merged',
        roundId: source.round.id,
        pointId: s.id,
        intoId: t.id,
        support: t.support + s.support + 1 - overlap,
        supporters,
      },
      logged(source.round, { action: 'merged', entries: 1 + duplicates }),
    ],
    {},
  );
}

/** PP6: cluster an entry into one of the round's themes, or into none. */
export function themePainPoint(
  state: SessionState,
  input: { roundId: string; pointId: string; themeId: string | null },
): Decision<Done> {
  const m = moderated(state, input.roundId, input.pointId);
  if (!m.ok) return m.decision;
  // QA1: a question round has no themes.
  if (m.round.config.kind !== 'pain-points') return reject('ROUND_KIND', 'only a pain-point round has themes');
  if (!themeKnown(m.round, input.themeId)) return reject('THEME_NOT_FOUND', 'the theme is not one of this round');
  if (m.point.themeId === input.themeId) return accept([], {});
  return accept(
    [
      { type: 'painpoint:themed', roundId: m.round.id, pointId: m.point.id, themeId: input.themeId },
      logged(m.round, { action: 'themed', themeId: input.themeId }),
    ],
    {},
  );
}

/** A new theme, or the refusal when the round has as many as it may (tagged, so neither is mistaken). */
type NewTheme =
  | { readonly kind: 'made'; readonly theme: { id: string; label: string } }
  | { readonly kind: 'refused'; readonly refusal: Decision<never> };

/** PP6: a new theme for the round, with the next option id, or the refusal when it has the most it may. */
function newTheme(round: Round, label: string): NewTheme {
  if (round.options.length >= LIMITS.options)
    return { kind: 'refused', refusal: reject('BAD_REQUEST', `at most ${LIMITS.options} themes`) };
  const next = Math.max(0, ...round.options.map((o) => Number(/^o(\d+)$/.exec(o.id)?.[1] ?? 0))) + 1;
  return { kind: 'made', theme: { id: `o${next}`, label } };
}

/** PP6: add a theme to a pain-point round; it gets the next option id. */
export function addTheme(
  state: SessionState,
  input: { roundId: string; label: string },
): Decision<{ themeId: string }> {
  const found = painRound(state, input.roundId);
  if (!found.ok) return found.decision;
  if (found.round.config.kind !== 'pain-points') return reject('ROUND_KIND', 'only a pain-point round has themes');
  const made = newTheme(found.round, input.label);
  if (made.kind === 'refused') return made.refusal;
  const { theme } = made;
  return accept([{ type: 'round:theme-added', roundId: found.round.id, theme }], { themeId: theme.id });
}

/**
 * SU6, ML4: the facilitator accepts a suggested group: its entries go under one of the round's themes or
 * under a new one, in one step the log records once (ML4 marks the theme in the export). Entries that
 * were hidden or merged since the suggestion are left out, as are those already under that theme; an
 * entry that was never released is refused.
 */
export function acceptSuggestion(
  state: SessionState,
  input: { roundId: string; theme: { themeId: string } | { label: string }; pointIds: readonly string[] },
): Decision<{ themeId: string }> {
  const found = painRound(state, input.roundId);
  if (!found.ok) return found.decision;
  const { round } = found;
  if (round.config.kind !== 'pain-points') return reject('ROUND_KIND', 'only a pain-point round has themes');
  if (round.status === 'draft') return reject('ROUND_NOT_OPEN', 'the round has no wall yet');
  const points = [...new Set(input.pointIds)].sort().map((id) => released(round, id));
  if (points.some((p) => p === undefined)) return reject('POINT_NOT_FOUND', 'no such released pain point');
  // One of the round's themes, or a new one (added first, in the same step).
  let added: { id: string; label: string } | null = null;
  let themeId: string;
  if ('themeId' in input.theme) {
    themeId = input.theme.themeId;
    if (!themeKnown(round, themeId)) return reject('THEME_NOT_FOUND', 'the theme is not one of this round');
  } else {
    const made = newTheme(round, input.theme.label);
    if (made.kind === 'refused') return made.refusal;
    added = made.theme;
    themeId = added.id;
  }
  const filed = points.filter(
    (p): p is PainPoint =>
      p !== undefined && p.stage === 'wall' && !p.hidden && p.mergedInto === null && p.themeId !== themeId,
  );
  if (filed.length === 0) {
    // Nothing left to file: an existing theme stays as it is; a new theme is not made empty.
    return added ? reject('POINT_STATE', 'none of these pain points can be filed any more') : accept([], { themeId });
  }
  return accept(
    [
      ...(added ? [{ type: 'round:theme-added' as const, roundId: round.id, theme: added }] : []),
      ...filed.map((p) => ({ type: 'painpoint:themed' as const, roundId: round.id, pointId: p.id, themeId })),
      logged(round, { action: 'suggestion-accepted', themeId, entries: filed.length, newTheme: added !== null }),
    ],
    { themeId },
  );
}
