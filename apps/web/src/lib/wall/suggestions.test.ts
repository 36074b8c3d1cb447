import { describe, expect, it } from 'vitest';
import type { WallPoint } from '@vrijuit/protocol';
import { suggestedGroups } from './suggestions.ts';

const pt = (id: string, more: Partial<WallPoint> = {}): WallPoint => ({
  id,
  text: `tekst ${id}`,
  themeId: null,
  hidden: null,
  support: 0,
  merged: [],
  ...more,
});

describe('suggested groups on the console (SU6)', () => {
  const themes = [
    { id: 'o1', label: 'Wonen' },
    { id: 'o2', label: 'Kinderopvang' },
  ];

  it('SU6 only entries still on the wall, shown and without a theme; an emptied group goes', () => {
    const points = [pt('a'), pt('b', { themeId: 'o2' }), pt('c', { hidden: 'facilitator' }), pt('d')];
    const groups = suggestedGroups(
      {
        themes: [
          { themeId: 'o1', pointIds: ['a', 'b', 'gone'] },
          { themeId: 'o2', pointIds: ['c'] },
        ],
        newThemes: [{ label: 'Bus, ziekenhuis', pointIds: ['d', 'x'] }],
      },
      points,
      themes,
    );
    expect(groups.map((g) => [g.key, g.themeId, g.label, g.points.map((p) => p.id)])).toEqual([
      ['theme:o1', 'o1', 'Wonen', ['a']],
      ['new:Bus, ziekenhuis', null, 'Bus, ziekenhuis', ['d']],
    ]);
  });

  it('SU6 a new theme named like a theme of the round goes to that theme', () => {
    const groups = suggestedGroups(
      { themes: [], newThemes: [{ label: 'kinderopvang', pointIds: ['a', 'b'] }] },
      [pt('a'), pt('b')],
      themes,
    );
    expect(groups.map((g) => [g.themeId, g.label])).toEqual([['o2', 'Kinderopvang']]);
  });
});
