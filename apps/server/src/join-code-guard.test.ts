import { describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITS } from '@vrijuit/protocol';
import { JoinCodeGuard } from './join-code-guard.ts';
import { SignInGuard } from './auth/sign-in-guard.ts';

const limits = { burst: 4, perMinute: 30, perJoin: 3, max: 10 };

describe('NE6 the budget of wrong join codes', () => {
  it('NE6 a burst, then one code per 2 s; each new participant adds tokens and room, up to the maximum', () => {
    let now = 0;
    const guard = new JoinCodeGuard(limits, () => now);
    for (let i = 0; i < 4; i++) {
      expect(guard.waitMs('a')).toBe(0);
      guard.wrong('a');
    }
    expect(guard.waitMs('a')).toBe(2000);
    expect(guard.waitMs('b')).toBe(0);
    now += 2000;
    expect(guard.waitMs('a')).toBe(0);
    guard.wrong('a');
    // Four joins: +12 tokens and +12 room, but the bucket holds at most `max`.
    for (let i = 0; i < 4; i++) guard.joined('a');
    for (let i = 0; i < limits.max; i++) {
      expect(guard.waitMs('a'), `code ${i}`).toBe(0);
      guard.wrong('a');
    }
    expect(guard.waitMs('a')).toBeGreaterThan(0);
  });

  it('NE6 NE5 memory stays bounded however many addresses come', () => {
    const guard = new JoinCodeGuard();
    const signIns = new SignInGuard(SIGN_IN_LIMITS);
    for (let i = 0; i < 60_000; i++) {
      const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      guard.wrong(address);
      signIns.failed('x@test.invalid', address);
    }
    expect(guard.size).toBe(50_000);
    expect(signIns.size).toEqual({ pairs: 50_000, addresses: 50_000, known: 0 });
  });

  it('NE5 the wait doubles per failure past the free ones, up to the cap; a success forgives the pair only', () => {
    let now = 0;
    const guard = new SignInGuard({ ...SIGN_IN_LIMITS, freePerPair: 2, freePerAddress: 100 }, () => now);
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      guard.failed('ann@test.invalid', 'a');
      waits.push(guard.waitMs('ann@test.invalid', 'a'));
    }
    expect(waits.slice(0, 6)).toEqual([0, 0, 1000, 2000, 4000, 8000]);
    expect(waits.at(-1)).toBe(SIGN_IN_LIMITS.backoffMaxMs);
    expect(guard.waitMs('ann@test.invalid', 'b')).toBe(0);
    guard.succeeded('ann@test.invalid', 'a');
    expect(guard.waitMs('ann@test.invalid', 'a')).toBe(0);
    now += SIGN_IN_LIMITS.forgetAfterMs + 1;
    expect(guard.waitMs('bob@test.invalid', 'a')).toBe(0);
  });
});
