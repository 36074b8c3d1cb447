import { describe, expect, it } from 'vitest';
import { bordaBars, choiceBars, percentOf, roundTo, rowTotal, stackRow } from './chart-scale.ts';

const options = [
  { id: 'o1', label: 'A' },
  { id: 'o2', label: 'B' },
  { id: 'o3', label: 'C' },
];

describe('chart scaling', () => {
  it('clamps percentages and survives an empty reference', () => {
    expect(percentOf(1, 4)).toBe(25);
    expect(percentOf(5, 4)).toBe(100);
    expect(percentOf(1, 0)).toBe(0);
    expect(percentOf(Number.NaN, 4)).toBe(0);
  });

  it('draws choice bars against the respondents', () => {
    const bars = choiceBars(
      { kind: 'multiple-choice', min: 1, max: 2 },
      options,
      { values: { o1: 4, o2: 2, o3: 0 }, matrix: null },
      4,
    );
    expect(bars.map((b) => b.width)).toEqual([100, 50, 0]);
    expect(bars.map((b) => b.share)).toEqual([1, 0.5, 0]);
  });

  it('draws dot bars against the largest option, shares against all dots', () => {
    const bars = choiceBars(
      { kind: 'dot-voting', budget: 5, maxPerOption: 3 },
      options,
      { values: { o1: 6, o2: 3, o3: 1 }, matrix: null },
      2,
    );
    expect(bars.map((b) => b.width)).toEqual([100, 50, expect.closeTo(100 / 6, 6)]);
    expect(bars.map((b) => b.share)).toEqual([0.6, 0.3, 0.1]);
  });

  it('sorts Borda bars, full when everyone ranked the option first', () => {
    const bars = bordaBars(options, { values: { o1: 1, o2: 4, o3: 1 }, matrix: null }, 2);
    expect(bars.map((b) => b.option.id)).toEqual(['o2', 'o1', 'o3']);
    expect(bars[0]!.width).toBe(100);
    expect(bars[1]!.width).toBe(25);
  });

  it('stacks a row into segments that add up to 100', () => {
    const segments = stackRow([1, 0, 3]);
    expect(segments.map((s) => s.percent)).toEqual([25, 0, 75]);
    expect(segments.map((s) => s.start)).toEqual([0, 25, 25]);
    expect(stackRow([0, 0]).every((s) => s.percent === 0)).toBe(true);
    expect(rowTotal([1, 2, 3])).toBe(6);
    expect(rowTotal(undefined)).toBe(0);
  });

  it('rounds weighted means to one decimal', () => {
    expect(roundTo(2.46)).toBe(2.5);
    expect(roundTo(2)).toBe(2);
    expect(roundTo(1 / 3, 2)).toBe(0.33);
  });
});
