import { describe, expect, it } from 'vitest';
import { hashToken, randomId, voterKey, voterKeysOf } from './secrets.ts';

describe('AN1 random ids', () => {
  it('AN1 ids are 128 random bits in base64url, distinct across many refills of the pool', () => {
    const ids = Array.from({ length: 10_000 }, () => randomId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    }
    // Every bit position varies (a pool read wrongly, e.g. the same slice or zeroes, would not).
    const bytes = ids.map((id) => Buffer.from(id, 'base64url'));
    for (let bit = 0; bit < 128; bit++) {
      const ones = bytes.filter((b) => (b[bit >> 3]! >> (bit & 7)) & 1).length;
      expect(ones).toBeGreaterThan(4_500);
      expect(ones).toBeLessThan(5_500);
    }
  });
});

describe('AN3 token hashes', () => {
  it('AN3 a token is stored as its sha-256 in base64url: the same hash every store already holds', () => {
    // FIPS 180-2's test vector: sha-256("abc") = ba7816bf…15ad.
    expect(hashToken('abc')).toBe(
      Buffer.from('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 'hex').toString('base64url'),
    );
    expect(hashToken('€ token')).toBe(hashToken('€ token'));
    expect(hashToken('€ token')).not.toBe(hashToken('€ tokem'));
    expect(hashToken('')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('AN1 AN11 voter keys', () => {
  it('AN11 voterKeysOf gives each round the key voterKey makes: one per round, another per session and secret', () => {
    const keyOf = voterKeysOf('secret-a', 's1');
    expect(keyOf('r1')).toBe(voterKey('secret-a', 's1', 'r1'));
    expect(keyOf('r1')).toBe(keyOf('r1'));
    expect(keyOf('r2')).toBe(voterKey('secret-a', 's1', 'r2'));
    expect(keyOf('r2')).not.toBe(keyOf('r1'));
    expect(voterKeysOf('secret-b', 's1')('r1')).not.toBe(keyOf('r1'));
    expect(voterKeysOf('secret-a', 's2')('r1')).not.toBe(keyOf('r1'));
  });
});
