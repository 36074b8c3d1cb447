import { describe, expect, it } from 'vitest';
import { suppress } from './suppress.ts';

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
/** One level whose parent holds exactly its groups. */
const level = (sizes: number[], k: number) => suppress(sizes, sum(sizes), k);

describe('suppress', () => {
  it('AN4 nothing is hidden when every group has at least k respondents (or none)', () => {
    expect(level([3, 4, 0, 10], 3)).toEqual([false, false, false, false]);
  });

  it('AN4 groups with 0 < n < k are hidden; two of them together reach k, so no complement is needed', () => {
    // k 3: 1 and 2 hidden → hidden part 1 + 2 = 3 ≥ 3
    expect(level([1, 2, 5, 6], 3)).toEqual([true, true, false, false]);
  });

  it('AN5 one small group alone is recoverable by subtraction, so the smallest shown group is hidden too', () => {
    // k 3: [5, 2, 4] → 2 hidden (hidden part 2 < 3) → smallest shown is 4 → hidden part 6
    expect(level([5, 2, 4], 3)).toEqual([false, true, true]);
  });

  it('AN5 small groups that together stay under k take a complement as well', () => {
    // k 5: 1, 1, 2 hidden → 4 < 5 → smallest shown 9 → 13
    expect(level([1, 1, 2, 9, 12], 5)).toEqual([true, true, true, true, false]);
  });

  it('AN5 an empty group is shown (0 respondents) and never serves as the complement: it hides nobody', () => {
    // k 3: [0, 2, 5] → 2 hidden → the complement is 5, not the empty group
    expect(level([0, 2, 5], 3)).toEqual([false, true, true]);
  });

  it('AN5 on a tie the first smallest group is the complement, so the result is deterministic', () => {
    expect(level([4, 4, 1], 3)).toEqual([true, false, true]);
  });

  it('AN5 when no group is left to hide, everything non-empty is hidden (the difference is the parent itself)', () => {
    expect(level([2, 0], 3)).toEqual([true, false]);
    expect(level([1, 1], 3)).toEqual([true, true]);
  });

  it('AN5 people of the parent in no group count as hidden: 1 stray ballot takes a complement', () => {
    // parent 8, groups 3 + 4 → 1 stray, hidden part 1 < 3 → smallest shown (3) hidden → 4
    expect(suppress([3, 4], 8, 3)).toEqual([true, false]);
    // parent 10 → 3 strays: already k, nothing more to hide
    expect(suppress([3, 4], 10, 3)).toEqual([false, false]);
  });

  it('AN4 k = 1 hides nothing', () => {
    expect(level([1, 1, 0], 1)).toEqual([false, false, false]);
  });

  it('AN5 the sizes given are left untouched', () => {
    const sizes = Object.freeze([5, 2, 4]);
    suppress(sizes, 11, 3);
    expect(sizes).toEqual([5, 2, 4]);
  });
});
