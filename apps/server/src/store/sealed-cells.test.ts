import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MissingSeal, SessionSeal } from './sealed-cells.ts';
import { clearParams, sealed, sealedKey } from './sql-steps.ts';

describe('LC7 AN27 a session’s sealed cells', () => {
  it('LC7 a sealed text or bytes cell opens only with its session’s key; a cell never seals the same twice, a lookup cell always', () => {
    const key = randomBytes(32);
    const cells = new SessionSeal(key, 's1');
    const name = 'Marie Peeters';
    const [a, b] = [cells.seal(name), cells.seal(name)];
    expect(a).not.toBe(b);
    expect(String(a)).not.toContain('Marie');
    expect(SessionSeal.isSealed(a)).toBe(true);
    expect(cells.open(a)).toBe(name);
    expect(cells.seal('t-hash', true)).toBe(cells.seal('t-hash', true));
    expect(cells.seal('t-hash', true)).not.toBe(new SessionSeal(key, 's2').seal('t-hash', true));
    const bytes = Buffer.from([0, 1, 2, 250]);
    const sealedBytes = cells.seal(bytes);
    expect(Buffer.isBuffer(sealedBytes)).toBe(true);
    expect(cells.open(sealedBytes)).toEqual(bytes);
    // Another key, or the same key bound to another session, opens nothing.
    expect(() => new SessionSeal(randomBytes(32), 's1').open(a)).toThrow();
    expect(() => new SessionSeal(key, 's2').open(a)).toThrow();
    expect(() => new SessionSeal(key, 's2').open(sealedBytes)).toThrow();
  });

  it('LC7 rows read back are opened cell by cell; clear cells (ids, numbers, rows of an older build) stay as they are', () => {
    const cells = new SessionSeal(randomBytes(32), 's1');
    const rows = [
      { id: 'p1', name: cells.seal('Jan'), zone_id: 'z1', support: 3, data: cells.seal(Buffer.from('yjs')) },
    ];
    expect(cells.openRows(rows)).toEqual([
      { id: 'p1', name: 'Jan', zone_id: 'z1', support: 3, data: Buffer.from('yjs') },
    ]);
    expect(cells.param(sealed('Jan'))).not.toBe('Jan');
    expect(cells.open(cells.param(sealed('Jan')))).toBe('Jan');
    expect(cells.param(sealedKey('t1'))).toBe(cells.param(sealedKey('t1')));
    expect(cells.param(7)).toBe(7);
    expect(sealed(null)).toBeNull();
  });

  it('LC7 SQLite stores marked cells in clear; without the session’s key a sealed cell is neither written nor read', () => {
    const params = ['s1', 3, null];
    expect(clearParams(params)).toBe(params);
    expect(clearParams(['s1', sealed('Jan'), sealedKey('t1')])).toEqual(['s1', 'Jan', 't1']);
    const missing = new MissingSeal('s1');
    expect(() => missing.param(sealed('Jan'))).toThrow(/no session key for s1/);
    expect(missing.param('clear')).toBe('clear');
    const other = new SessionSeal(randomBytes(32), 's1');
    expect(() => missing.openRows([{ name: other.seal('Jan') }])).toThrow(/no session key for s1/);
    expect(missing.openRows([{ name: 'Jan' }])).toEqual([{ name: 'Jan' }]);
  });
});
