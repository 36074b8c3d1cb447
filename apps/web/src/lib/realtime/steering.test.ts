import { describe, expect, it } from 'vitest';
import type { FacilitatorRound } from '@vrijuit/protocol';
import { shiftedSeconds, upcoming } from './steering.ts';

const round = (id: string, status: FacilitatorRound['status']) => ({ id, status }) as FacilitatorRound;

describe('steering helpers', () => {
  it('ST1 the button names the round next opens: after the open round, else the current one, else the first draft', () => {
    const rounds = [round('a', 'closed'), round('b', 'draft'), round('c', 'open'), round('d', 'draft')];
    expect(upcoming(rounds, 'a')?.id).toBe('d');
    const none = [round('a', 'closed'), round('b', 'draft'), round('c', 'closed'), round('d', 'draft')];
    expect(upcoming(none, 'a')?.id).toBe('b');
    expect(upcoming(none, null)?.id).toBe('b');
    expect(upcoming(none, 'd')).toBeNull();
  });

  it('RO5 ±1 min moves the deadline by a minute from the time left, never below one second', () => {
    expect(shiftedSeconds(90_400, 60)).toBe(150);
    expect(shiftedSeconds(90_400, -60)).toBe(30);
    expect(shiftedSeconds(20_000, -60)).toBe(1);
  });
});
