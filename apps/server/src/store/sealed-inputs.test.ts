import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROUND_KEYS_FILE, RoundKeyring } from './round-keys.ts';
import { RoundSeal } from './sealed-inputs.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('AN25 sealed inputs and the round keys', () => {
  it('AN25 a ballot row keeps its key for a voter (so a changed ballot replaces it), its sealed ballot never repeats; each opens only with its round key, session, round and use', () => {
    const key = randomBytes(32);
    const seal = new RoundSeal(key, 's1', 'r1');
    const voterKey = randomBytes(32).toString('base64url');
    expect(seal.voterRow(voterKey)).toBe(seal.voterRow(voterKey));
    expect(seal.voterRow(voterKey)).not.toBe(new RoundSeal(key, 's1', 'r2').voterRow(voterKey));
    expect(seal.voterRow(voterKey)).not.toContain(voterKey);
    const ballot = JSON.stringify({ kind: 'single-choice', optionId: 'o1' });
    const [a, b] = [seal.ballot(voterKey, ballot), seal.ballot(voterKey, ballot)];
    expect(a).not.toBe(b);
    expect(seal.openBallot(a)).toEqual({ voterKey, ballot });
    // Padded: a short and a longer ballot seal to the same length.
    expect(seal.ballot(voterKey, '{"kind":"ranking","order":["o1"]}').length).toBe(
      seal.ballot(voterKey, '{"kind":"ranking","order":["o1","o2","o3"]}').length,
    );
    // A support is sealed per entry: two supports of one phone share nothing.
    expect(seal.supporterKey(voterKey, 'p1')).toBe(seal.supporterKey(voterKey, 'p1'));
    expect(seal.supporterKey(voterKey, 'p1')).not.toBe(seal.supporterKey(voterKey, 'p2'));
    expect(seal.openSupporterKey(seal.supporterKey(voterKey, 'p2'))).toEqual({ supporterKey: voterKey, pointId: 'p2' });
    // Another key, session, round or use opens nothing.
    expect(() => new RoundSeal(randomBytes(32), 's1', 'r1').openBallot(a)).toThrow();
    expect(() => new RoundSeal(key, 's2', 'r1').openBallot(a)).toThrow();
    expect(() => new RoundSeal(key, 's1', 'r2').openBallot(a)).toThrow();
    expect(() => seal.openBallot(seal.supporterKey(voterKey, 'p1'))).toThrow();
  });

  it('AN25 a round key is in the file once made (and after reopening); destroyed, its slot holds zeros in place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrijuit-keys-'));
    dirs.push(dir);
    const file = join(dir, ROUND_KEYS_FILE);
    const ring = RoundKeyring.open(dir);
    const k1 = Buffer.from(ring.keyFor('s1', 'r1'));
    const k2 = Buffer.from(ring.keyFor('s1', 'r2'));
    const k3 = Buffer.from(ring.keyFor('s2', 'r1'));
    expect(ring.keyFor('s1', 'r1')).toEqual(k1);
    expect(readFileSync(file).includes(k1)).toBe(true);
    ring.close();

    const again = RoundKeyring.open(dir);
    expect(again.key('s1', 'r2')).toEqual(k2);
    const size = readFileSync(file).length;
    again.destroy('s1', 'r1');
    again.destroySession('s2');
    const bytes = readFileSync(file);
    expect(bytes.includes(k1)).toBe(false);
    expect(bytes.includes(k3)).toBe(false);
    expect(bytes.includes(Buffer.from('s2'))).toBe(false);
    expect(bytes.includes(k2)).toBe(true);
    expect(again.rounds()).toEqual([{ sessionId: 's1', roundId: 'r2' }]);
    // A destroyed slot stays zeros (never used again, PL8); a new key goes at the end, nothing moves.
    again.keyFor('s3', 'r1');
    const grown = readFileSync(file);
    expect(grown.length).toBe(size + 160);
    expect(grown.subarray(0, size).equals(bytes)).toBe(true);
    again.close();
    expect(RoundKeyring.open(dir).key('s1', 'r1')).toBeUndefined();
  });

  it('AN25 PL8 two processes sharing the folder: each finds the keys the other made, and a key destroyed by one is gone for both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrijuit-keys-'));
    dirs.push(dir);
    const a = RoundKeyring.open(dir);
    const b = RoundKeyring.open(dir);
    const ka = Buffer.from(a.keyFor('s1', 'r1'));
    const kb = Buffer.from(b.keyFor('s2', 'r1'));
    expect(b.key('s1', 'r1')).toEqual(ka);
    expect(a.keyFor('s2', 'r1')).toEqual(kb);
    b.destroy('s1', 'r1');
    const bytes = readFileSync(join(dir, ROUND_KEYS_FILE));
    expect(bytes.includes(ka)).toBe(false);
    expect(bytes.includes(kb)).toBe(true);
    expect(b.rounds()).toEqual([{ sessionId: 's2', roundId: 'r1' }]);
    a.close();
    b.close();
  });
});
