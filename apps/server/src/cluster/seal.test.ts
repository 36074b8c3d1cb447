import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ClusterSeal } from './seal.ts';

describe('CL4 the cluster seal', () => {
  const key = randomBytes(32);
  const message = { t: 'cmd', cmd: { identity: { participantId: 'p-1', secret: 's' }, input: { optionId: 'o1' } } };

  it('CL4 what one process sends another opens with the cluster key on its channel only, and shows nothing in clear', () => {
    const seal = new ClusterSeal(key);
    const sealed = seal.seal(message, 'vrijuit:process:a');
    expect(seal.open(sealed, 'vrijuit:process:a')).toEqual(message);
    expect(sealed).not.toMatch(/p-1|optionId|secret/);
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toMatch(/p-1|optionId|secret/);
    // The same message sealed twice differs (a fresh nonce each time).
    expect(seal.seal(message, 'vrijuit:process:a')).not.toBe(sealed);
  });

  it('CL4 a message sealed with another key, for another channel, or changed on the way does not open', () => {
    const seal = new ClusterSeal(key);
    const sealed = seal.seal(message, 'vrijuit:process:a');
    expect(() => new ClusterSeal(randomBytes(32)).open(sealed, 'vrijuit:process:a')).toThrow();
    expect(() => seal.open(sealed, 'vrijuit:process:b')).toThrow();
    const bytes = Buffer.from(sealed, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => seal.open(bytes.toString('base64'), 'vrijuit:process:a')).toThrow();
    expect(() => new ClusterSeal(randomBytes(16))).toThrow(/32 bytes/);
  });
});
