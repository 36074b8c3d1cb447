import { describe, expect, it } from 'vitest';
import { mostCommonLevel } from './most-common.ts';

describe('the most common answer (TA10)', () => {
  it('TA10: names the level with the most answers when exactly one has the most', () => {
    expect(mostCommonLevel([0, 2, 3, 1])).toBe(2);
    expect(mostCommonLevel([4])).toBe(0);
    expect(mostCommonLevel([0, 0, 0, 0, 1])).toBe(4);
  });

  it('TA10: a split with equal tops has no single most common answer', () => {
    expect(mostCommonLevel([1, 1, 1, 1, 1])).toBe('tie');
    expect(mostCommonLevel([0, 2, 2, 1])).toBe('tie');
    expect(mostCommonLevel([3, 0, 0, 3])).toBe('tie');
    // A tie below the top is no tie at the top.
    expect(mostCommonLevel([1, 1, 5])).toBe(2);
  });

  it('TA10: nobody answered: none', () => {
    expect(mostCommonLevel([0, 0])).toBeNull();
    expect(mostCommonLevel([])).toBeNull();
    expect(mostCommonLevel(null)).toBeNull();
    expect(mostCommonLevel(undefined)).toBeNull();
  });

  it('TA10: per-municipality shares (fractions) compare the same way', () => {
    expect(mostCommonLevel([0.5, 0.5])).toBe('tie');
    expect(mostCommonLevel([1 / 3, 2 / 3])).toBe(1);
  });
});
