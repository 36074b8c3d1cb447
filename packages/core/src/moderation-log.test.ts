import { describe, expect, it } from 'vitest';
import { HIDE_REASONS, LIMITS, type ErrorCode } from '@vrijuit/protocol';
import {
  acceptSuggestion,
  approvePainPoints,
  hidePainPoint,
  mergePainPoint,
  themePainPoint,
} from './decide-pain-points.ts';
import type { DomainEvent } from './events.ts';
import { exportDocument } from './export/export-document.ts';
import { fixtureInput } from './export/export-fixture.ts';
import { facilitatorView, participantView, projectorView } from './projection.ts';
import { moderationOf } from './project-wall.ts';
import type { Decision } from './result.ts';
import type { SessionState } from './state.ts';
import { tableGet } from './table.ts';
import {
  A,
  accepted,
  B,
  C,
  D,
  endRound,
  NOW,
  PAIN,
  painRound,
  participantId,
  run,
  textOf,
  voterKeyOf,
  withPoints,
} from './test-fixtures.ts';

/*
 * The moderation log of a pain-point wall (SPEC ML1-ML5): each moderation step is logged once, with
 * its reason and counts, in the same decision as the step; the console sees it, the room does not, the
 * export publishes it summed; nothing in it names an author, an entry, a text or a time.
 */

const logOf = (s: SessionState) => moderationOf(painRound(s))?.log;
const logLines = <T>(decision: Decision<T>) =>
  accepted(decision).events.filter(
    (e): e is Extract<DomainEvent, { type: 'moderation:logged' }> => e.type === 'moderation:logged',
  );

function refused<T>(decision: Decision<T>, code: ErrorCode) {
  expect(decision).toEqual({ ok: false, error: { code, message: expect.any(String) } });
}

describe('ML1 every moderation step is logged once, after its own events', () => {
  it('ML1 hide, show, merge, theme: one line each, with reason and count', () => {
    let s = withPoints([A, B, C, D]);
    s = run(s, hidePainPoint(s, { roundId: PAIN, pointId: A, reason: 'offensive' }));
    s = run(s, hidePainPoint(s, { roundId: PAIN, pointId: A, reason: null }));
    s = run(s, mergePainPoint(s, { roundId: PAIN, pointId: C, intoId: B }));
    // B holds C now: merging B into D moves two entries.
    s = run(s, mergePainPoint(s, { roundId: PAIN, pointId: B, intoId: D }));
    s = run(s, themePainPoint(s, { roundId: PAIN, pointId: D, themeId: 'o2' }));
    s = run(s, themePainPoint(s, { roundId: PAIN, pointId: D, themeId: null }));
    expect(logOf(s)).toEqual([
      { action: 'hidden', reason: 'offensive', queued: false },
      { action: 'shown' },
      { action: 'merged', entries: 1 },
      { action: 'merged', entries: 2 },
      { action: 'themed', themeId: 'o2' },
      { action: 'themed', themeId: null },
    ]);
  });

  it('ML1 the line comes last in the step’s events; a step that changes nothing logs nothing', () => {
    const s = withPoints([A, B]);
    const events = accepted(hidePainPoint(s, { roundId: PAIN, pointId: A, reason: 'off-topic' })).events;
    expect(events.map((e) => e.type)).toEqual(['painpoint:hidden', 'moderation:logged']);
    expect(logLines(hidePainPoint(s, { roundId: PAIN, pointId: B, reason: null }))).toEqual([]);
    expect(logLines(themePainPoint(s, { roundId: PAIN, pointId: A, themeId: null }))).toEqual([]);
    const hidden = run(s, hidePainPoint(s, { roundId: PAIN, pointId: A, reason: 'off-topic' }));
    expect(logLines(hidePainPoint(hidden, { roundId: PAIN, pointId: A, reason: 'off-topic' }))).toEqual([]);
  });

  it('ML1 PP7 pre-moderation: approving logs how many; turning one down logs its reason as queued', () => {
    let s = withPoints([A, B, C], { premoderation: true });
    s = run(s, hidePainPoint(s, { roundId: PAIN, pointId: C, reason: 'names-someone' }));
    s = run(s, approvePainPoints(s, { roundId: PAIN, pointIds: [A, B, C] }));
    expect(logOf(s)).toEqual([
      { action: 'hidden', reason: 'names-someone', queued: true },
      { action: 'approved', entries: 2 },
    ]);
  });

  it('ML1 each hide reason is kept as given', () => {
    for (const reason of HIDE_REASONS) {
      const s = withPoints([A]);
      expect(logLines(hidePainPoint(s, { roundId: PAIN, pointId: A, reason })).map((e) => e.entry)).toEqual([
        { action: 'hidden', reason, queued: false },
      ]);
    }
  });
});

describe('ML4 SU6 accepting a suggested group', () => {
  it('ML4 files the group under an existing theme in one step, logged once', () => {
    let s = withPoints([A, B, C]);
    const decision = acceptSuggestion(s, { roundId: PAIN, theme: { themeId: 'o1' }, pointIds: [C, A] });
    expect(accepted(decision).value).toEqual({ themeId: 'o1' });
    expect(accepted(decision).events).toEqual([
      { type: 'painpoint:themed', roundId: PAIN, pointId: A, themeId: 'o1' },
      { type: 'painpoint:themed', roundId: PAIN, pointId: C, themeId: 'o1' },
      {
        type: 'moderation:logged',
        roundId: PAIN,
        entry: { action: 'suggestion-accepted', themeId: 'o1', entries: 2, newTheme: false },
      },
    ]);
    s = run(s, decision);
    expect([A, B, C].map((id) => tableGet(painRound(s).points, id)?.themeId)).toEqual(['o1', null, 'o1']);
  });

  it('ML4 a new theme is added first, with the next id, and the entries go under it', () => {
    let s = withPoints([A, B]);
    const decision = acceptSuggestion(s, { roundId: PAIN, theme: { label: 'Personeel' }, pointIds: [A, B] });
    expect(accepted(decision).value).toEqual({ themeId: 'o3' });
    s = run(s, decision);
    expect(painRound(s).options.at(-1)).toEqual({ id: 'o3', label: 'Personeel' });
    expect(logOf(s)).toEqual([{ action: 'suggestion-accepted', themeId: 'o3', entries: 2, newTheme: true }]);
  });

  it('ML4 entries hidden, merged or already under the theme since the suggestion are left out', () => {
    let s = withPoints([A, B, C, D]);
    s = run(s, hidePainPoint(s, { roundId: PAIN, pointId: A, reason: 'offensive' }));
    s = run(s, mergePainPoint(s, { roundId: PAIN, pointId: B, intoId: D }));
    s = run(s, themePainPoint(s, { roundId: PAIN, pointId: D, themeId: 'o2' }));
    const decision = acceptSuggestion(s, { roundId: PAIN, theme: { themeId: 'o2' }, pointIds: [A, B, C, D] });
    expect(accepted(decision).events.filter((e) => e.type === 'painpoint:themed')).toEqual([
      { type: 'painpoint:themed', roundId: PAIN, pointId: C, themeId: 'o2' },
    ]);
    expect(logLines(decision).map((e) => e.entry)).toEqual([
      { action: 'suggestion-accepted', themeId: 'o2', entries: 1, newTheme: false },
    ]);
    // Nothing left to file: an existing theme stays as it is; a new theme is not made empty.
    expect(accepted(acceptSuggestion(s, { roundId: PAIN, theme: { themeId: 'o2' }, pointIds: [A, D] })).events).toEqual(
      [],
    );
    refused(acceptSuggestion(s, { roundId: PAIN, theme: { label: 'Leeg' }, pointIds: [A, B] }), 'POINT_STATE');
  });

  it('ML4 refusals: unknown entry, unknown theme, a vote round, a draft, too many themes', () => {
    const s = withPoints([A]);
    refused(
      acceptSuggestion(s, { roundId: PAIN, theme: { themeId: 'o1' }, pointIds: ['point-zzz'] }),
      'POINT_NOT_FOUND',
    );
    refused(acceptSuggestion(s, { roundId: PAIN, theme: { themeId: 'o9' }, pointIds: [A] }), 'THEME_NOT_FOUND');
    refused(acceptSuggestion(s, { roundId: 'round-none', theme: { themeId: 'o1' }, pointIds: [A] }), 'ROUND_NOT_FOUND');
    const draft = withPoints([], { draft: true });
    refused(acceptSuggestion(draft, { roundId: PAIN, theme: { themeId: 'o1' }, pointIds: [A] }), 'ROUND_NOT_OPEN');
    const full = withPoints([A], { themes: Array.from({ length: LIMITS.options }, (_, i) => `Thema ${i}`) });
    refused(acceptSuggestion(full, { roundId: PAIN, theme: { label: 'Eén te veel' }, pointIds: [A] }), 'BAD_REQUEST');
  });
});

describe('ML2 the log names no one and shows the room nothing', () => {
  function moderated(): SessionState {
    let s = withPoints([A, B, C, D], { reveal: 'live' });
    s = run(s, hidePainPoint(s, { roundId: PAIN, pointId: A, reason: 'names-someone' }));
    s = run(s, mergePainPoint(s, { roundId: PAIN, pointId: B, intoId: C }));
    return run(s, acceptSuggestion(s, { roundId: PAIN, theme: { label: 'Personeel' }, pointIds: [C, D] }));
  }

  it('ML2 the log holds no entry id, text, participant, voter key or time', () => {
    const s = moderated();
    const json = JSON.stringify(painRound(s).moderation);
    expect(painRound(s).moderation).toHaveLength(3);
    for (const id of [A, B, C, D]) {
      expect(json).not.toContain(id);
      expect(json).not.toContain(textOf(id));
    }
    for (const n of [1, 2, 3, 4, 5, 6]) {
      expect(json).not.toContain(participantId(n));
      expect(json).not.toContain(voterKeyOf(n, PAIN));
    }
    expect(json).not.toContain(String(NOW).slice(0, 6));
  });

  it('ML2 the console sees the log; phones and the projector do not', () => {
    const s = moderated();
    expect(facilitatorView(s, 0, NOW).rounds[0]?.moderation?.log).toHaveLength(3);
    for (const view of [participantView(s, NOW), projectorView(s, NOW)]) {
      expect(JSON.stringify(view)).not.toContain('suggestion-accepted');
      expect(JSON.stringify(view)).not.toContain('"log"');
    }
  });

  it('ML3 the export sums the log per action and detail, in order of first use, with theme names', () => {
    let s = moderated();
    s = run(s, hidePainPoint(s, { roundId: PAIN, pointId: D, reason: 'names-someone' }));
    s = endRound(s, PAIN);
    const pain = exportDocument(s, fixtureInput()).rounds[0];
    if (pain?.kind !== 'pain-points') throw new Error('no pain-point round');
    expect(pain.moderation).toEqual([
      { action: 'hidden', reason: 'names-someone', theme: null, times: 2, entries: 2 },
      { action: 'merged', reason: null, theme: null, times: 1, entries: 1 },
      { action: 'suggestion-accepted', reason: null, theme: 'Personeel', times: 1, entries: 2 },
    ]);
    expect(pain.themes.find((t) => t.name === 'Personeel')?.suggested).toBe(true);
    expect(pain.themes.filter((t) => t.name !== 'Personeel').every((t) => !t.suggested)).toBe(true);
  });
});
