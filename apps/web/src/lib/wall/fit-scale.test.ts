import { describe, expect, it } from 'vitest';
import { fitCount, fitScale } from './fit-scale.ts';

describe('fitScale', () => {
  it('takes the largest scale when everything fits', () => {
    expect(fitScale(() => true, 0.4, 1.2)).toEqual({ scale: 1.2, fits: true });
  });

  it('finds the largest scale that fits, never one that does not', () => {
    const tried: number[] = [];
    const result = fitScale(
      (s) => {
        tried.push(s);
        return s <= 0.73;
      },
      0.4,
      1.2,
    );
    expect(result.fits).toBe(true);
    expect(result.scale).toBeLessThanOrEqual(0.73);
    expect(result.scale).toBeGreaterThan(0.7);
    expect(tried.length).toBeLessThan(12);
  });

  it('says so when even the smallest type does not fit', () => {
    expect(fitScale(() => false, 0.4, 1.2)).toEqual({ scale: 0.4, fits: false });
  });

  it('finds how many entries per theme fit, at least one', () => {
    expect(fitCount((n) => n <= 7, 40)).toBe(7);
    expect(fitCount(() => true, 40)).toBe(40);
    expect(fitCount(() => false, 40)).toBe(1);
    expect(fitCount((n) => n <= 1, 2)).toBe(1);
  });
});
