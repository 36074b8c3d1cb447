import { describe, expect, it } from 'vitest';
import { suppress, type GroupSize } from './suppress.ts';

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
/** Groups whose respondents all voted on a phone. */
const phones = (ns: readonly number[]): GroupSize[] => ns.map((n) => ({ respondents: n, phone: n }));
const all = (n: number): GroupSize => ({ respondents: n, phone: n });
/** One level whose parent holds exactly its groups (phone voters only). */
const level = (sizes: number[], k: number) => suppress(phones(sizes), all(sum(sizes)), k);
/** Groups as [phone, paper] pairs; the parent holds exactly them. */
const mixed = (groups: [number, number][], k: number) => {
  const sizes = groups.map(([phone, paper]) => ({ respondents: phone + paper, phone }));
  const parent = {
    respondents: sum(sizes.map((g) => g.respondents)),
    phone: sum(sizes.map((g) => g.phone)),
  };
  return suppress(sizes, parent, k);
};

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
    expect(suppress(phones([3, 4]), all(8), 3)).toEqual([true, false]);
    // parent 10 → 3 strays: already k, nothing more to hide
    expect(suppress(phones([3, 4]), all(10), 3)).toEqual([false, false]);
  });

  it('AN4 k = 1 hides nothing', () => {
    expect(level([1, 1, 0], 1)).toEqual([false, false, false]);
  });

  it('AN5 the sizes given are left untouched', () => {
    const sizes = Object.freeze(phones([5, 2, 4]).map((g) => Object.freeze(g)));
    suppress(sizes, all(11), 3);
    expect(sizes).toEqual(phones([5, 2, 4]));
  });

  it('AN23 a group of 1 phone voter and 2 paper ballots stays hidden at k 3; so does a group of paper only', () => {
    // [phone, paper]: z1 1+2 (3 respondents, 1 phone) and z2 0+4 are hidden. Their hidden part holds 1
    // phone voter (< 3), so z3 (5) is the complement and everything non-empty is hidden.
    expect(
      mixed(
        [
          [1, 2],
          [0, 4],
          [5, 0],
        ],
        3,
      ),
    ).toEqual([true, true, true]);
    expect(
      mixed(
        [
          [1, 2],
          [3, 0],
          [4, 1],
        ],
        3,
      ),
    ).toEqual([true, true, false]);
  });

  it('AN23 a group with at least k phone voters is shown, paper ballots and all', () => {
    expect(
      mixed(
        [
          [3, 5],
          [4, 0],
          [0, 0],
        ],
        3,
      ),
    ).toEqual([false, false, false]);
  });

  it('AN5 AN23 a hidden part of k respondents but fewer than k phone voters takes a complement (the facilitator knows the paper)', () => {
    // z1 1 phone + 2 paper hidden: 3 respondents ≥ k, yet 1 phone voter < k → smallest shown (z2, 3) hidden too.
    expect(
      mixed(
        [
          [1, 2],
          [3, 0],
          [5, 0],
        ],
        3,
      ),
    ).toEqual([true, true, false]);
  });

  it('AN5 AN23 a hidden part of paper ballots only, fewer than k, still takes a complement (the room does not know them)', () => {
    // z1 0 phone + 2 paper: hidden, 0 phone voters but 2 respondents < k → smallest shown hidden too.
    expect(
      mixed(
        [
          [0, 2],
          [4, 0],
          [3, 0],
        ],
        3,
      ),
    ).toEqual([true, false, true]);
  });

  it('AN23 strays count as hidden in phone voters too: 1 stray phone ballot next to 3 paper strays takes a complement', () => {
    expect(suppress(phones([3, 4]), { respondents: 11, phone: 8 }, 3)).toEqual([true, false]);
  });
});
