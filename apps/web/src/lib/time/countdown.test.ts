import { describe, expect, it } from 'vitest';
import { clockOffset, countdownParts, crossedMark, formatCountdown, remainingMs } from './countdown.ts';

describe('countdown', () => {
  it('follows the server clock when the phone clock is wrong', () => {
    // The phone is 2 minutes behind: it received serverTime 1_000_000 at local 880_000.
    const offset = clockOffset(1_000_000, 880_000);
    expect(offset).toBe(120_000);
    // The round closes 60 s after that server moment; 15 s later on the phone, 45 s are left.
    expect(remainingMs(1_060_000, 895_000, offset)).toBe(45_000);
  });

  it('handles a phone that runs ahead, and never goes below zero', () => {
    const offset = clockOffset(1_000_000, 1_300_000);
    expect(remainingMs(1_030_000, 1_310_000, offset)).toBe(20_000);
    expect(remainingMs(1_030_000, 1_400_000, offset)).toBe(0);
    expect(remainingMs(null, 0, 0)).toBeNull();
  });

  it('formats like a kitchen timer, rounding up to the next second', () => {
    expect(formatCountdown(245_000)).toBe('4:05');
    expect(formatCountdown(244_001)).toBe('4:05');
    expect(formatCountdown(999)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(countdownParts(125_000)).toEqual({ minutes: 2, seconds: 5 });
  });

  it('announces the last minute and the last ten seconds once each', () => {
    expect(crossedMark(61, 60)).toBe(60);
    expect(crossedMark(60, 59)).toBeNull();
    expect(crossedMark(11, 10)).toBe(10);
    expect(crossedMark(200, 5)).toBe(60);
    expect(crossedMark(5, 4)).toBeNull();
  });
});
