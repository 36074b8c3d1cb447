import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { politeVoice } from './polite-voice.ts';

describe('A11Y7 a polite voice paces a running count', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const voice = () => {
    const said: string[] = [];
    return { said, voice: politeVoice((text) => said.push(text), 10_000) };
  };

  it('A11Y7 says the first count at once, then at most one count per pause, the latest', () => {
    const { said, voice: v } = voice();
    v.update('3 stemmen geteld.');
    expect(said).toEqual(['3 stemmen geteld.']);
    vi.advanceTimersByTime(2_000);
    v.update('6 stemmen geteld.');
    v.update('9 stemmen geteld.');
    expect(said).toEqual(['3 stemmen geteld.']);
    vi.advanceTimersByTime(7_999);
    expect(said).toEqual(['3 stemmen geteld.']);
    vi.advanceTimersByTime(1);
    expect(said).toEqual(['3 stemmen geteld.', '9 stemmen geteld.']);
    // Quiet for a whole pause: the next count is said at once again.
    vi.advanceTimersByTime(10_000);
    v.update('12 stemmen geteld.');
    expect(said).toEqual(['3 stemmen geteld.', '9 stemmen geteld.', '12 stemmen geteld.']);
  });

  it('A11Y7 says a moment that matters at once and drops the count that waited', () => {
    const { said, voice: v } = voice();
    v.update('3 stemmen geteld.');
    v.update('6 stemmen geteld.');
    v.now('Stemming gesloten: 6 stemmen geteld.');
    vi.advanceTimersByTime(60_000);
    expect(said).toEqual(['3 stemmen geteld.', 'Stemming gesloten: 6 stemmen geteld.']);
  });

  it('A11Y7 says nothing more once stopped', () => {
    const { said, voice: v } = voice();
    v.update('3 stemmen geteld.');
    v.update('6 stemmen geteld.');
    v.stop();
    vi.advanceTimersByTime(60_000);
    expect(said).toEqual(['3 stemmen geteld.']);
  });
});
