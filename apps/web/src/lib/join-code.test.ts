import { describe, expect, it } from 'vitest';
import { JoinCode } from '@vrijuit/protocol';
import { formatJoinCode, normaliseJoinCode, parseJoinCode } from './join-code.ts';

describe('join code input', () => {
  it('accepts lower case, spaces and dashes (SE3)', () => {
    expect(parseJoinCode('ab3k9x')).toBe('AB3K9X');
    expect(parseJoinCode(' ab3 k9x ')).toBe('AB3K9X');
    expect(parseJoinCode('AB3-K9X')).toBe('AB3K9X');
    expect(parseJoinCode('a-b 3\tk9x')).toBe('AB3K9X');
  });

  it('refuses wrong lengths and look-alike characters', () => {
    expect(parseJoinCode('AB3K9')).toBeNull();
    expect(parseJoinCode('AB3K9XY')).toBeNull();
    expect(parseJoinCode('AB0K9X')).toBeNull(); // zero is not in the alphabet
    expect(parseJoinCode('ABIK9X')).toBeNull(); // nor I
    expect(parseJoinCode('')).toBeNull();
  });

  it('agrees with the protocol schema', () => {
    for (const raw of ['ab3k9x', 'AB3-K9X', 'AB0K9X', 'zz zz zz', '234567', 'abc', 'a b-c d e f']) {
      const server = JoinCode.safeParse(raw);
      expect(parseJoinCode(raw)).toBe(server.success ? server.data : null);
    }
  });

  it('normalises without validating', () => {
    expect(normaliseJoinCode('ab-c d')).toBe('ABCD');
  });

  it('formats as two groups of three', () => {
    expect(formatJoinCode('AB3K9X')).toBe('AB3 K9X');
  });
});
