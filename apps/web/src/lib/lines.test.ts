import { describe, expect, it } from 'vitest';
import { firstDuplicate, parseLines } from './lines.ts';

describe('textarea lines', () => {
  it('keeps one trimmed entry per non-empty line', () => {
    expect(parseLines('  Baldemore \r\n\nNeteland\n   \nRIT')).toEqual(['Baldemore', 'Neteland', 'RIT']);
    expect(parseLines('')).toEqual([]);
  });

  it('finds a duplicate regardless of case', () => {
    expect(firstDuplicate(['RIT', 'Neteland', 'rit'])).toBe('rit');
    expect(firstDuplicate(['a', 'b'])).toBeNull();
  });
});
