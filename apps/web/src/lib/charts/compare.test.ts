import { describe, expect, it } from 'vitest';
import type { RoundResults } from '@vrijuit/protocol';
import { compareRounds, compareUnit } from './compare.ts';

const options = [
  { id: 'o1', label: 'A' },
  { id: 'o2', label: 'B' },
];
const results = (respondents: number, values: Record<string, number>): RoundResults => ({
  respondents,
  paper: 0,
  perPerson: { values, matrix: null },
  perMunicipality: null,
  breakdown: null,
});

describe('before and after', () => {
  it('compares choices as percent of respondents', () => {
    const rows = compareRounds(
      { kind: 'single-choice' },
      options,
      results(4, { o1: 1, o2: 3 }),
      options,
      results(5, { o1: 4, o2: 1 }),
    );
    expect(rows.map((r) => [r.before, r.after, r.shift])).toEqual([
      [25, 80, 55],
      [75, 20, -55],
    ]);
    expect(compareUnit({ kind: 'single-choice' })).toBe('percent');
  });

  it('compares rankings as average Borda points and levels as means', () => {
    const rows = compareRounds(
      { kind: 'ranking' },
      options,
      results(2, { o1: 2, o2: 0 }),
      options,
      results(4, { o1: 1, o2: 3 }),
    );
    expect(rows.map((r) => r.shift)).toEqual([-0.75, 0.75]);
    const agreement = compareRounds(
      { kind: 'agreement', preset: 'gradients' },
      options,
      results(3, { o1: 4 }),
      options,
      results(3, { o1: 1, o2: 2 }),
    );
    expect(agreement.map((r) => [r.before, r.after, r.shift])).toEqual([
      [4, 1, -3],
      [null, 2, null],
    ]);
  });

  it('matches options by label when the ids differ', () => {
    const renamed = [
      { id: 'x2', label: 'B' },
      { id: 'x1', label: 'A' },
    ];
    const rows = compareRounds(
      { kind: 'dot-voting', budget: 5, maxPerOption: 3 },
      options,
      results(1, { o1: 1, o2: 3 }),
      renamed,
      results(1, { x1: 2, x2: 2 }),
    );
    expect(rows.map((r) => [r.option.label, r.before, r.after])).toEqual([
      ['B', 75, 50],
      ['A', 25, 50],
    ]);
  });

  it('compares nothing of a pain-point round: it has a wall, not results', () => {
    const config = { kind: 'pain-points', perParticipant: 3, premoderation: false } as const;
    const rows = compareRounds(config, options, results(2, { o1: 1 }), options, results(2, { o1: 2 }));
    expect(rows.map((r) => r.shift)).toEqual([null, null]);
  });
});
