import { describe, expect, it } from 'vitest';
import type { WallPoint } from '@vrijuit/protocol';
import { LIMITS } from '@vrijuit/protocol/constants';
import { checkThemeLabel, mergeTargets, releaseNote, shorten } from './moderation.ts';

const point = (id: string, themeId: string | null, support = 0, hidden: WallPoint['hidden'] = null): WallPoint => ({
  id,
  text: `tekst ${id}`,
  themeId,
  hidden,
  support,
  merged: [],
});

describe('moderation', () => {
  const settings = { releaseEverySeconds: 15, releaseMinEntries: 3 };

  it('explains when waiting entries appear', () => {
    expect(releaseNote(0, settings)).toEqual({ kind: 'none' });
    expect(releaseNote(2, settings)).toEqual({ kind: 'more', waiting: 2, min: 3 });
    expect(releaseNote(3, settings)).toEqual({ kind: 'soon', waiting: 3, seconds: 15 });
    // At the floors (core AN21): 10 s, 3 entries.
    expect(releaseNote(4, { releaseEverySeconds: 10, releaseMinEntries: 3 })).toEqual({
      kind: 'soon',
      waiting: 4,
      seconds: 10,
    });
  });

  it('merges only shown entries, into other shown ones, the same theme first', () => {
    const a = point('aaaaaaaa', 'o1');
    const b = point('bbbbbbbb', 'o2', 5);
    const c = point('cccccccc', 'o1', 1);
    const hidden = point('hhhhhhhh', 'o1', 9, 'offensive');
    const points = [a, b, c, hidden];
    expect(mergeTargets(points, a).map((p) => p.id)).toEqual(['cccccccc', 'bbbbbbbb']);
    expect(mergeTargets(points, hidden)).toEqual([]);
    expect(mergeTargets([a], a)).toEqual([]);
  });

  it('checks a new theme name', () => {
    const themes = [{ id: 'o1', label: 'Wonen' }];
    expect(checkThemeLabel('  Zorg ', themes)).toEqual({ label: 'Zorg', problem: null });
    expect(checkThemeLabel('  ', themes).problem).toEqual({ code: 'missing' });
    expect(checkThemeLabel('wonen', themes).problem).toEqual({ code: 'duplicate', label: 'Wonen' });
    expect(checkThemeLabel('x'.repeat(LIMITS.optionLabel + 1), themes).problem?.code).toBe('too-long');
    const full = Array.from({ length: LIMITS.options }, (_, i) => ({ id: `o${i}`, label: `t${i}` }));
    expect(checkThemeLabel('Nieuw', full).problem).toEqual({ code: 'too-many', max: LIMITS.options });
  });

  it('shortens long texts on a word boundary', () => {
    expect(shorten('kort')).toBe('kort');
    expect(shorten('een  tekst\nmet  witruimte')).toBe('een tekst met witruimte');
    expect(shorten('woord '.repeat(30), 20)).toBe('woord woord woord…');
  });
});
