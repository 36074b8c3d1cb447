import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LABELLED_NL, SEED_THEMES } from '../fixtures/labelled-nl.ts';
import { suggestThemes, type SuggestEntry, type Suggestions } from './index.ts';
import { wordsOf } from './words.ts';

const themes = SEED_THEMES.map((label, i) => ({ id: String(i + 1), label }));
const entry = (id: string, text: string, themeId: string | null = null): SuggestEntry => ({ id, text, themeId });

/** Every entry id in the suggestions, with how often it appears. */
function idsIn(s: Suggestions): string[] {
  return [...s.themes.flatMap((t) => t.pointIds), ...s.newThemes.flatMap((g) => g.pointIds)];
}

describe('suggested themes (SU)', () => {
  it('SU2: an entry that shares a theme label’s words is proposed for that theme', () => {
    const s = suggestThemes({
      entries: [entry('a', 'Geen betaalbare sociale woningen'), entry('b', 'Huisarts neemt geen patiënten aan')],
      themes: [
        { id: '1', label: 'Sociale woningen' },
        { id: '2', label: 'Huisartsen' },
      ],
      language: 'nl-BE',
    });
    expect(s.themes).toEqual([
      { themeId: '1', pointIds: ['a'] },
      { themeId: '2', pointIds: ['b'] },
    ]);
  });

  it('SU2: entries filed under a theme teach it their words, and are not proposed again', () => {
    const entries = [
      entry('a', 'Psycholoog is te duur', '1'),
      entry('b', 'Wachtlijst bij de psycholoog'),
      entry('c', 'Geen plek bij de psychiater'),
    ];
    const s = suggestThemes({ entries, themes: [{ id: '1', label: 'Geestelijke gezondheid' }], language: 'nl-BE' });
    expect(s.themes).toEqual([{ themeId: '1', pointIds: ['b'] }]);
    expect(idsIn(s)).not.toContain('a');
  });

  it('SU3: stems and pieces of words meet across plural, compound and typo', () => {
    const stems = (t: string) => wordsOf(t, 'nl-BE').map((w) => w.stem);
    expect(stems('wachtlijsten')).toEqual(stems('wachtlijst'));
    expect(stems('Ouderen en de ouder')).toEqual(['ouder', 'ouder']);
    expect(stems('te weinig plaatsen')).toEqual(['plaats']);
    expect(wordsOf('Les logements sont trop chers', 'fr').map((w) => w.stem)).toEqual(['log', 'cher']);
    expect(wordsOf('Housing is too expensive', 'en').map((w) => w.stem)).toEqual(['hous', 'expens']);
    // A compound and a typo still reach the theme through the four-letter pieces of their stems.
    const s = suggestThemes({
      entries: [entry('a', 'huurwoningen zijn schaars'), entry('b', 'lange wachtlijstn')],
      themes: [
        { id: '1', label: 'Woningen' },
        { id: '2', label: 'Wachtlijsten' },
      ],
      language: 'nl-BE',
    });
    expect(s.themes).toEqual([
      { themeId: '1', pointIds: ['a'] },
      { themeId: '2', pointIds: ['b'] },
    ]);
  });

  it('SU4: entries no theme takes are grouped into new themes labelled with their shared words', () => {
    const s = suggestThemes({
      entries: [
        entry('a', 'Geen bus naar het ziekenhuis'),
        entry('b', 'De bus rijdt niet naar het ziekenhuis na 18 uur'),
        entry('c', 'Ziekenhuis enkel bereikbaar met de bus of auto'),
        entry('d', 'Speelplein is gesloten'),
      ],
      themes: [{ id: '1', label: 'Tewerkstelling' }],
      language: 'nl-BE',
    });
    expect(s.themes).toEqual([]);
    expect(s.newThemes).toEqual([{ label: 'Bus, ziekenhuis', pointIds: ['a', 'b', 'c'] }]);
  });

  it('SU4: with no themes at all the wall is only grouped', () => {
    const s = suggestThemes({
      entries: [entry('x', 'Lange wachtlijst kinderopvang'), entry('y', 'kinderopvang te duur'), entry('z', 'Niets')],
      themes: [],
      language: 'nl-BE',
    });
    expect(s).toEqual({ themes: [], newThemes: [{ label: 'Kinderopvang', pointIds: ['x', 'y'] }] });
  });

  it('SU5: on the labelled set every entry is in at most one group, and only entries that were given', () => {
    const entries = LABELLED_NL.map((e, i) => entry(`p${String(i).padStart(3, '0')}`, e.text));
    const s = suggestThemes({ entries, themes, language: 'nl-BE' });
    const ids = idsIn(s);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => entries.some((e) => e.id === id))).toBe(true);
    expect(ids.length).toBeGreaterThan(0);
  });

  const arbitraryWall = fc.uniqueArray(
    fc.record({
      id: fc.stringMatching(/^[A-Za-z0-9_-]{6}$/),
      text: fc.constantFrom(...LABELLED_NL.map((e) => e.text), 'x', '!!!', 'wonen wonen'),
      themeId: fc.constantFrom(null, null, '1', '5', 'gone'),
    }),
    { selector: (e) => e.id, maxLength: 60 },
  );

  it('SU5: every entry in at most one group, only unfiled entries, whatever the wall (property)', () => {
    fc.assert(
      fc.property(arbitraryWall, (entries) => {
        const s = suggestThemes({ entries, themes, language: 'nl-BE' });
        const ids = idsIn(s);
        expect(new Set(ids).size).toBe(ids.length);
        const unfiled = new Set(entries.filter((e) => e.themeId === null || e.themeId === 'gone').map((e) => e.id));
        expect(ids.every((id) => unfiled.has(id))).toBe(true);
        expect(s.themes.every((t) => themes.some((th) => th.id === t.themeId) && t.pointIds.length > 0)).toBe(true);
        expect(s.newThemes.every((g) => g.pointIds.length >= 2 && g.label.length > 0 && g.label.length <= 120)).toBe(
          true,
        );
      }),
      { numRuns: 60 },
    );
  });

  it('SU5: the order of the entries and the themes changes nothing (property)', () => {
    fc.assert(
      fc.property(arbitraryWall, fc.integer(), (entries, seed) => {
        const shuffle = <T>(xs: readonly T[]) =>
          xs
            .map((x, i) => ({ x, k: Math.sin(seed + i * 7919) }))
            .sort((a, b) => a.k - b.k)
            .map((p) => p.x);
        const a = suggestThemes({ entries, themes, language: 'nl-BE' });
        const b = suggestThemes({ entries: shuffle(entries), themes: shuffle(themes), language: 'nl-BE' });
        expect(b).toEqual(a);
      }),
      { numRuns: 40 },
    );
  });
});
