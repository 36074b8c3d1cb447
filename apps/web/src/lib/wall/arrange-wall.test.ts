import { describe, expect, it } from 'vitest';
import type { WallPoint } from '@vrijuit/protocol';
import { arrangeWall } from './arrange-wall.ts';

const point = (id: string, themeId: string | null, support = 0, hidden: WallPoint['hidden'] = null): WallPoint => ({
  id,
  text: hidden ? null : `tekst ${id}`,
  themeId,
  hidden,
  support,
  merged: [],
});

const themes = [
  { id: 'o1', label: 'Financiën' },
  { id: 'o2', label: 'Personeel' },
];

describe('arrangeWall', () => {
  it('groups by theme in the round order, keeps empty themes, puts entries without a theme last', () => {
    const groups = arrangeWall(themes, [point('cccccccc', null), point('bbbbbbbb', 'o1'), point('aaaaaaaa', 'o9')]);
    expect(groups.map((g) => [g.themeId, g.points.map((p) => p.id)])).toEqual([
      ['o1', ['bbbbbbbb']],
      ['o2', []],
      [null, ['aaaaaaaa', 'cccccccc']],
    ]);
  });

  it('AN9 orders by support, hidden last, then by the random id, never by arrival', () => {
    const groups = arrangeWall(
      [],
      [
        point('zzzzzzzz', null, 1),
        point('hhhhhhhh', null, 9, 'offensive'),
        point('aaaaaaaa', null, 1),
        point('mmmmmmmm', null, 4),
      ],
    );
    expect(groups[0]?.points.map((p) => p.id)).toEqual(['mmmmmmmm', 'aaaaaaaa', 'zzzzzzzz', 'hhhhhhhh']);
  });

  it('has no group at all for an empty wall without themes', () => {
    expect(arrangeWall([], [])).toEqual([]);
  });
});
