import { describe, expect, it } from 'vitest';
import { moveBy, moveTo, startingOrder } from './ranking-order.ts';

describe('ranking order', () => {
  it('starts from an earlier complete ranking, else from the round order', () => {
    expect(startingOrder(['a', 'b', 'c'], ['c', 'a', 'b'])).toEqual(['c', 'a', 'b']);
    expect(startingOrder(['a', 'b', 'c'], ['c', 'a'])).toEqual(['a', 'b', 'c']);
    expect(startingOrder(['a', 'b', 'c'], ['c', 'a', 'x'])).toEqual(['a', 'b', 'c']);
    expect(startingOrder(['a', 'b', 'c'], ['a', 'a', 'b'])).toEqual(['a', 'b', 'c']);
    expect(startingOrder(['a', 'b'], null)).toEqual(['a', 'b']);
  });

  it('moves one place up or down, and not past either end', () => {
    expect(moveBy(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveBy(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveBy(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveBy(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('drops an item at another place (drag)', () => {
    expect(moveTo(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveTo(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveTo(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
  });
});
