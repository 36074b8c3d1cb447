import { describe, expect, it } from 'vitest';
import type { WallPoint } from '@vrijuit/protocol';
import { LIMITS } from '@vrijuit/protocol/constants';
import { batchSize, checkThemeLabel, mergeTargets, releaseNote, shorten } from './moderation.ts';

const point = (id: string, themeId: string | null, support = 0, hidden: WallPoint['hidden'] = null): WallPoint => ({
  id,
  text: `tekst ${id}`,
  themeId,
  hidden,
  support,
  merged: [],
});

describe('moderation', () => {
  const settings = { anonymityThreshold: 3, releaseEverySeconds: 15, releaseMinEntries: 3 };

  it('stores anonymous inputs in batches of k participants, never fewer than 3', () => {
    expect(batchSize({ anonymityThreshold: 3 })).toBe(3);
    expect(batchSize({ anonymityThreshold: 7 })).toBe(7);
    expect(batchSize({ anonymityThreshold: 1 })).toBe(3);
  });

  it('explains when new entries appear, without saying how many wait', () => {
    expect(releaseNote(settings)).toEqual({ kind: 'participants', k: 3, seconds: 15 });
    // A higher k: the batch waits for more people, whatever the minimum of entries.
    expect(releaseNote({ ...settings, anonymityThreshold: 5, releaseMinEntries: 4 })).toEqual({
      kind: 'participants',
      k: 5,
      seconds: 15,
    });
    // k is never below the floor, so a k of 1 still means 3 people.
    expect(releaseNote({ anonymityThreshold: 1, releaseEverySeconds: 1, releaseMinEntries: 1 })).toEqual({
      kind: 'participants',
      k: 3,
      seconds: 1,
    });
    // More entries than k people surely wrote: the note says both.
    expect(releaseNote({ ...settings, releaseMinEntries: 10 })).toEqual({
      kind: 'participants-and-entries',
      k: 3,
      min: 10,
      seconds: 15,
    });
    // Nothing in it depends on what waits: the same note before and after entries arrive.
    expect(Object.keys(releaseNote(settings))).not.toContain('waiting');
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
