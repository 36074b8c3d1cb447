import { ExportDocument, type ExportRound } from '@vrijuit/protocol';
import { describe, expect, it } from 'vitest';
import {
  addRound,
  deepFreeze,
  endRound,
  join,
  regionSession,
  release,
  run,
  startRound,
  submit,
  vote,
  withPainRound,
} from '../test-fixtures.ts';
import { closeRound } from '../decide.ts';
import { exportDocument } from './export-document.ts';
import { DUTCH_WORDS, FIXTURE_IDS, fixtureInput, fixtureSession } from './export-fixture.ts';

const doc = () => exportDocument(deepFreeze(fixtureSession()), fixtureInput());
const roundOf = <K extends ExportRound['kind']>(d: ExportDocument, n: number, kind: K) => {
  const round = d.rounds[n - 1];
  if (round?.kind !== kind) throw new Error(`round ${n} is not ${kind}`);
  return round as Extract<ExportRound, { kind: K }>;
};

describe('exportDocument (EX)', () => {
  it('EX1: gives a document the protocol schema accepts, the same for the same session', () => {
    const first = doc();
    expect(ExportDocument.parse(first)).toEqual(first);
    expect(doc()).toEqual(first);
  });

  it('EX2: holds no secret, id, join code or time of the session', () => {
    const json = JSON.stringify(doc());
    expect(json).not.toMatch(/SECRET/);
    for (const id of [FIXTURE_IDS.session, FIXTURE_IDS.joinCode, ...FIXTURE_IDS.rounds, ...FIXTURE_IDS.points]) {
      expect(json).not.toContain(id);
    }
    expect(json).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
    expect(json).not.toMatch(/(?<![.\d])\d{13}(?!\d)/);
    expect(doc().session.facilitator).toBe(DUTCH_WORDS.facilitator);
  });

  it('EX3: attendance per zone, with the municipalities present only', () => {
    const { attendance } = doc();
    expect(attendance.participants).toBe(12);
    expect(attendance.zones.map((z) => [z.name, z.participants, z.municipalities.map((m) => m.name)])).toEqual([
      ['Neteland', 6, ['Herentals', 'Grobbendonk', 'Olen']],
      ['Kempen Noord', 4, []],
      ['Zuiderkempen', 2, []],
    ]);
  });

  it('EX4: rounds that ran, numbered in agenda order; breakdowns suppressed under k; a re-run compared', () => {
    const d = doc();
    expect(d.rounds.map((r) => r.question)).not.toContain('Nooit gestart');
    expect(d.rounds.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const dots = roundOf(d, 2, 'vote');
    expect(dots.results.options.map((o) => [o.label, o.value])).toEqual([
      ['Werkdruk', 18],
      ['Communicatie', 6],
      ['Financiering', 12],
    ]);
    // Zuiderkempen has 2 < k respondents, so Kempen Noord goes too (it would follow from the total).
    expect(dots.results.zones.map((z) => [z.name, z.suppressed, z.respondents])).toEqual([
      ['Neteland', false, 6],
      ['Kempen Noord', true, null],
      ['Zuiderkempen', true, null],
    ]);
    expect(dots.results.zones[1]?.values).toBeNull();
    const rerun = roundOf(d, 3, 'vote');
    expect(rerun.rerunOf).toBe(2);
    expect(rerun.results.paper).toBe(1);
    expect(rerun.comparison?.rows.map((r) => [r.label, r.before, r.after])).toEqual([
      ['Werkdruk', 18, 16],
      ['Communicatie', 6, 12],
      ['Financiering', 12, 10],
    ]);
    const open = roundOf(d, 8, 'vote');
    expect(open.status).toBe('open');
    expect(open.results.zones).toEqual([]);
    expect(open.results.options.map((o) => o.value)).toEqual([2, 1]);
  });

  it('EX5: pain points by theme, most supported first, hidden ones left out, merged ones under theirs', () => {
    const pain = roundOf(doc(), 1, 'pain-points');
    expect(pain.entries).toBe(5);
    expect(pain.themes.map((t) => [t.name, t.support, t.points.map((p) => [p.text, p.support, p.merged])])).toEqual([
      ['Werkdruk', 4, [['Wachtlijsten zijn te lang', 4, ['Wachttijden veel te lang']]]],
      ['Communicatie', 0, [['Te veel overleg zonder besluit', 0, []]]],
      [
        'Financiering',
        3,
        [
          ['De bijdrage per inwoner stijgt elk jaar', 2, []],
          ['We horen beslissingen pas achteraf', 1, []],
        ],
      ],
    ]);
    expect(JSON.stringify(pain)).not.toContain(DUTCH_WORDS.points[4]);
  });

  it('ML3 ML4: the moderation log summed per action and detail; the theme a suggestion filled is marked', () => {
    const pain = roundOf(doc(), 1, 'pain-points');
    expect(pain.moderation).toEqual([
      { action: 'merged', reason: null, theme: null, times: 1, entries: 1 },
      { action: 'hidden', reason: 'names-someone', theme: null, times: 1, entries: 1 },
      { action: 'suggestion-accepted', reason: null, theme: 'Communicatie', times: 1, entries: 1 },
    ]);
    expect(pain.themes.map((t) => [t.name, t.suggested])).toEqual([
      ['Werkdruk', false],
      ['Communicatie', true],
      ['Financiering', false],
    ]);
    // ML2: the log names no text, hidden or shown, and no entry id.
    const log = JSON.stringify(pain.moderation);
    for (const text of DUTCH_WORDS.points) expect(log).not.toContain(text);
    expect(log).not.toContain('point-');
  });

  it('EX5/A2: equal support follows the random ids, not the order people typed in', () => {
    let s = withPainRound({ people: 6 });
    const ids = ['point-zzz', 'point-mmm', 'point-aaa', 'point-ttt', 'point-ccc', 'point-kkk'];
    ids.forEach((id, i) => (s = submit(s, i + 1, id, { text: `entry ${i}` })));
    s = run(release(s), closeRound(release(s), { roundId: 'round-pain' }));
    const pain = exportDocument(s, fixtureInput()).rounds[0];
    if (pain?.kind !== 'pain-points') throw new Error('no pain-point round');
    const texts = pain.themes.flatMap((t) => t.points.map((p) => p.text));
    const byId = [...ids].sort().map((id) => `entry ${ids.indexOf(id)}`);
    expect(texts).toEqual(byId);
    expect(texts).not.toEqual(ids.map((_, i) => `entry ${i}`));
  });

  it('EX6: the plenary text and non-empty zone drafts as plain blocks, paragraphs with their agreement', () => {
    const text = roundOf(doc(), 6, 'position-text');
    expect(text.text).toEqual([
      { type: 'heading', level: 2, text: 'Visie' },
      { type: 'paragraph', text: DUTCH_WORDS.text.paragraphs[0] },
      { type: 'paragraph', text: DUTCH_WORDS.text.paragraphs[1] },
      {
        type: 'list',
        ordered: false,
        items: DUTCH_WORDS.text.items.map((t) => ({ text: t, depth: 0 })),
      },
    ]);
    expect(text.drafts).toEqual([
      { zoneId: 'z1', zone: 'Neteland', text: [{ type: 'paragraph', text: DUTCH_WORDS.zoneDraft }] },
    ]);
    expect(text.agreement.map((a) => [a.paragraph, a.round, a.respondents, a.counts])).toEqual([
      [DUTCH_WORDS.text.paragraphs[0], 7, 12, [9, 0, 3, 0, 0, 0, 0, 0]],
      [DUTCH_WORDS.text.paragraphs[1], 7, 12, [0, 11, 0, 0, 0, 0, 0, 1]],
    ]);
    expect(text.agreement[0]?.levels).toHaveLength(8);
  });

  it('EX4/BR3: the members of a zone who named no municipality are a group with a name of its own', () => {
    let s = regionSession();
    for (const n of [1, 2, 3]) s = join(s, n, 'z1', `P${n}`, null);
    for (const n of [4, 5, 6]) s = join(s, n, 'z1', `P${n}`, 'z1m1');
    for (const n of [7, 8, 9]) s = join(s, n, 'z2');
    s = startRound(addRound(s, 'round-one', { kind: 'single-choice' }), 'round-one');
    for (let n = 1; n <= 9; n++) s = vote(s, n, n % 2 ? 'o1' : 'o2', 'round-one');
    const d = exportDocument(endRound(s, 'round-one'), fixtureInput());
    expect(ExportDocument.parse(d)).toEqual(d);
    const round = roundOf(d, 1, 'vote');
    expect(round.results.municipalities.map((g) => [g.id, g.name, g.suppressed])).toEqual([
      ['z1m1', 'Assen', false],
      ['z1:?', 'Noord, zonder gemeente', false],
    ]);
  });
});
