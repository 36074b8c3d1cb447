import { describe, expect, it } from 'vitest';
import { ResultsPageView, type ResultsPageRound, type SessionStatus } from '@vrijuit/protocol';
import { revealRound } from './decide.ts';
import { setSessionStatus } from './decide-lifecycle.ts';
import { DEFAULT_RESULTS_PAGE, resultsPageOf, setResultsPage } from './decide-results-page.ts';
import { exportDocument } from './export/export-document.ts';
import { DUTCH_WORDS, FIXTURE_IDS, fixtureInput, fixtureSession, participantName } from './export/export-fixture.ts';
import { facilitatorView } from './projection.ts';
import { resultsPageView, type ResultsPageInput } from './project-results-page.ts';
import type { SessionState } from './state.ts';
import { accepted, deepFreeze, NOW, run, session } from './test-fixtures.ts';

const DAY = 24 * 60 * 60 * 1000;
const to = (s: SessionState, status: SessionStatus, now = NOW) => run(s, setSessionStatus(s, { status, now }));
const input = (now: number): ResultsPageInput => ({ ...fixtureInput(), now });

/** The export fixture with every run round shown to the room, closed at NOW. */
function revealedAndClosed(): SessionState {
  let s = fixtureSession();
  for (const id of FIXTURE_IDS.rounds.slice(0, -1)) s = run(s, revealRound(s, { roundId: id, revealed: true }));
  return to(s, 'closed');
}
const open = (view: ResultsPageView) => {
  if (view.state !== 'open') throw new Error(`the page is ${view.state}`);
  return view;
};
const roundOf = <K extends ResultsPageRound['kind']>(rounds: readonly ResultsPageRound[], n: number, kind: K) => {
  const round = rounds.find((r) => r.number === n);
  if (round?.kind !== kind) throw new Error(`round ${n} is not ${kind}`);
  return round as Extract<ResultsPageRound, { kind: K }>;
};

describe('the results page after the session (RP)', () => {
  it('RP1: a draft or live session has no page (running); a closed and an archived one have', () => {
    const s = deepFreeze(fixtureSession());
    expect(s.status).toBe('live');
    expect(resultsPageView(s, input(NOW))).toEqual({ state: 'running' });
    expect(resultsPageView(session(), input(NOW))).toEqual({ state: 'running' });
    const closed = revealedAndClosed();
    expect(resultsPageView(closed, input(NOW + 1)).state).toBe('open');
    expect(resultsPageView(to(closed, 'archived'), input(NOW + 1)).state).toBe('open');
  });

  it('RP1: the view matches the protocol schema and is the same for the same session', () => {
    const view = resultsPageView(deepFreeze(revealedAndClosed()), input(NOW + 1));
    expect(ResultsPageView.parse(view)).toEqual(view);
    expect(resultsPageView(revealedAndClosed(), input(NOW + 1))).toEqual(view);
  });

  it('RP2: open for 30 days by default, counted from the close; then over, with the title only', () => {
    const s = deepFreeze(revealedAndClosed());
    expect(resultsPageOf(s)).toEqual({ days: 30, note: '', closedAt: NOW });
    expect(open(resultsPageView(s, input(NOW + 30 * DAY - 1))).openUntil).toBe(
      new Date(NOW + 30 * DAY - 1).toISOString().slice(0, 10),
    );
    expect(resultsPageView(s, input(NOW + 30 * DAY))).toEqual({
      state: 'over',
      title: DUTCH_WORDS.title,
      language: 'nl-BE',
    });
  });

  it('RP2: reopening ends the period, the next close starts a new one; archiving keeps it', () => {
    const first = revealedAndClosed();
    const reopened = to(first, 'live', NOW + DAY);
    expect(resultsPageOf(reopened).closedAt).toBeNull();
    expect(resultsPageView(reopened, input(NOW + DAY))).toEqual({ state: 'running' });
    const again = to(reopened, 'closed', NOW + 2 * DAY);
    expect(resultsPageOf(again).closedAt).toBe(NOW + 2 * DAY);
    expect(resultsPageView(again, input(NOW + 31 * DAY)).state).toBe('open');
    const archived = to(to(again, 'archived', NOW + 5 * DAY), 'closed', NOW + 6 * DAY);
    expect(resultsPageOf(archived).closedAt).toBe(NOW + 2 * DAY);
    expect(resultsPageView(archived, input(NOW + 32 * DAY)).state).toBe('over');
  });

  it('RP2: changing the days counts from the same close; 0 ends the page at once', () => {
    const s = revealedAndClosed();
    const longer = run(s, setResultsPage(s, { days: 90, note: '', now: NOW + 40 * DAY }));
    expect(resultsPageOf(longer)).toEqual({ days: 90, note: '', closedAt: NOW });
    expect(resultsPageView(longer, input(NOW + 89 * DAY)).state).toBe('open');
    const none = run(s, setResultsPage(s, { days: 0, note: '', now: NOW + 1 }));
    expect(resultsPageView(none, input(NOW + 1)).state).toBe('over');
  });

  it('RP2: a session that ended without a closing time has no page until the facilitator sets it', () => {
    const s = deepFreeze({ ...revealedAndClosed(), resultsPage: { ...DEFAULT_RESULTS_PAGE } });
    expect(resultsPageView(s, input(NOW)).state).toBe('over');
    const set = run(s, setResultsPage(s, { days: 30, note: '', now: NOW + 5 * DAY }));
    expect(resultsPageOf(set).closedAt).toBe(NOW + 5 * DAY);
    expect(resultsPageView(set, input(NOW + 34 * DAY)).state).toBe('open');
  });

  it('RP3: the facilitator sets the period and a trimmed note; the same again changes nothing', () => {
    const s = deepFreeze(revealedAndClosed());
    const note = '  We nemen de drie thema’s mee naar de gemeenteraad van maart.\n';
    const set = run(s, setResultsPage(s, { days: 14, note, now: NOW + DAY }));
    expect(resultsPageOf(set)).toEqual({ days: 14, note: note.trim(), closedAt: NOW });
    expect(open(resultsPageView(set, input(NOW + DAY))).note).toBe(note.trim());
    expect(facilitatorView(set, 0, NOW).session.resultsPage).toEqual({ days: 14, note: note.trim(), closedAt: NOW });
    expect(accepted(setResultsPage(set, { days: 14, note, now: NOW + 2 * DAY })).events).toEqual([]);
    // Before the close too: the period starts when the session closes.
    const early = run(session(), setResultsPage(session(), { days: 7, note: 'Later meer.', now: NOW }));
    expect(resultsPageOf(early)).toEqual({ days: 7, note: 'Later meer.', closedAt: null });
  });

  it('RP3: days outside 0-365 or a note too long are BAD_REQUEST', () => {
    const s = revealedAndClosed();
    for (const days of [-1, 366, 1.5]) {
      expect(setResultsPage(s, { days, note: '', now: NOW })).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    expect(setResultsPage(s, { days: 30, note: 'x'.repeat(4001), now: NOW })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('RP4: results only of rounds the room saw; the others by their question (not-shared)', () => {
    const s = to(fixtureSession(), 'closed');
    const { rounds } = open(resultsPageView(s, input(NOW + 1)));
    expect(rounds.map((r) => r.kind)).toEqual([
      'not-shared',
      'not-shared',
      'not-shared',
      'not-shared',
      'not-shared',
      'position-text',
      'not-shared',
      'not-shared',
    ]);
    expect(JSON.stringify(rounds)).not.toContain(DUTCH_WORDS.points[0]);
    expect(rounds[0]).toEqual({ number: 1, question: DUTCH_WORDS.questions.pain, kind: 'not-shared' });
  });

  it('RP4, RP5: every figure is the export’s, zones suppressed under k exactly as there', () => {
    const s = revealedAndClosed();
    const exported = exportDocument(s, fixtureInput());
    const { rounds } = open(resultsPageView(s, input(NOW + 1)));
    let votes = 0;
    for (const r of exported.rounds) {
      if (r.kind !== 'vote') continue;
      votes++;
      const shown = roundOf(rounds, r.number, 'vote');
      expect(shown.respondents).toBe(r.results.respondents);
      expect(shown.options).toEqual(
        r.results.options.map((o) => ({ label: o.label, value: o.value, share: o.share, counts: o.counts })),
      );
      expect(shown.zones).toEqual(r.results.zones);
    }
    expect(votes).toBe(6);
    // Zone z3 (two people) is suppressed in every closed round, with no respondents and no values.
    const ranking = roundOf(rounds, 4, 'vote');
    const z3 = ranking.zones.find((z) => z.id === 'z3');
    expect(z3).toEqual({ id: 'z3', name: DUTCH_WORDS.zones[2], suppressed: true, respondents: null, values: null });
    expect(JSON.stringify(rounds)).not.toMatch(/perMunicipality|municipalities/);
  });

  it('RP6 ML3 ML4: the wall as the export (no hidden entry, its moderation log, the suggested theme marked), the final plenary text without zone drafts', () => {
    const { rounds } = open(resultsPageView(revealedAndClosed(), input(NOW + 1)));
    const wall = roundOf(rounds, 1, 'pain-points');
    const texts = wall.themes.flatMap((t) => t.points.map((p) => p.text));
    expect(texts).toContain(DUTCH_WORDS.points[0]);
    expect(texts).not.toContain(DUTCH_WORDS.points[4]);
    // ML3, ML4: what moderation did, as the export publishes it, and the theme a suggestion filled.
    const pain = exportDocument(revealedAndClosed(), fixtureInput()).rounds[0];
    if (pain?.kind !== 'pain-points') throw new Error('no pain-point round');
    expect(wall.moderation).toEqual(pain.moderation);
    expect(wall.moderation.map((row) => row.action)).toEqual(['merged', 'hidden', 'suggestion-accepted']);
    expect(wall.themes.map((t) => t.suggested)).toEqual(pain.themes.map((t) => t.suggested));
    expect(wall.themes.some((t) => t.suggested)).toBe(true);
    const text = roundOf(rounds, 6, 'position-text');
    expect(JSON.stringify(text.text)).toContain(DUTCH_WORDS.text.heading);
    expect(JSON.stringify(rounds)).not.toContain(DUTCH_WORDS.zoneDraft);
  });

  it('RP7: nothing about who: no names, ids, join code, facilitator, attendance or times', () => {
    const json = JSON.stringify(resultsPageView(revealedAndClosed(), input(NOW + 1)));
    expect(json).not.toMatch(/SECRET/);
    for (const n of [1, 7, 12]) expect(json).not.toContain(participantName(n));
    for (const id of [FIXTURE_IDS.session, FIXTURE_IDS.joinCode, ...FIXTURE_IDS.rounds, ...FIXTURE_IDS.points]) {
      expect(json).not.toContain(id);
    }
    expect(json).not.toContain(DUTCH_WORDS.facilitator);
    expect(json).not.toMatch(/attendance|participants/);
    expect(json).not.toMatch(/(?<![.\d])\d{13}(?!\d)/);
    expect(json).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
  });
});
