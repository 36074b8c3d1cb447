import { describe, expect, it } from 'vitest';
import type { Round } from './state.ts';
import { tallyOf, zoneTallyOf } from './tally.ts';

const round = (over: Partial<Round>): Round => ({
  id: 'r1',
  kind: 'single-choice',
  question: 'Q',
  options: [
    { id: 'a', label: 'A' },
    { id: 'b', label: 'B' },
    { id: 'c', label: 'C' },
    { id: 'd', label: 'D' },
  ],
  status: 'open',
  voterSecret: 's',
  ballots: {},
  closedTally: null,
  ...over,
});

// Seven voters in three zones, counted by hand:
//   z1: a a b     z2: b b c     z3: a
//   per zone: z1 {a:2,b:1}  z2 {b:2,c:1}  z3 {a:1}
//   overall:  a 3, b 3, c 1, d 0; ballots 7
const ballots = {
  k1: { zoneId: 'z1', optionId: 'a' },
  k2: { zoneId: 'z1', optionId: 'a' },
  k3: { zoneId: 'z1', optionId: 'b' },
  k4: { zoneId: 'z2', optionId: 'b' },
  k5: { zoneId: 'z2', optionId: 'b' },
  k6: { zoneId: 'z2', optionId: 'c' },
  k7: { zoneId: 'z3', optionId: 'a' },
};

describe('tallies', () => {
  it('VO2 zoneTallyOf counts per zone per option by hand', () => {
    expect(zoneTallyOf(ballots)).toEqual({ z1: { a: 2, b: 1 }, z2: { b: 2, c: 1 }, z3: { a: 1 } });
    expect(zoneTallyOf({})).toEqual({});
  });

  it('VO2 tallyOf an open round lists every option with zeros and counts voters', () => {
    expect(tallyOf(round({ ballots }))).toEqual({ ballots: 7, counts: { a: 3, b: 3, c: 1, d: 0 } });
    expect(tallyOf(round({}))).toEqual({ ballots: 0, counts: { a: 0, b: 0, c: 0, d: 0 } });
  });

  it('RO3 tallyOf a closed round sums the kept aggregate per zone, not the (dropped) ballots', () => {
    const closed = round({
      status: 'closed',
      voterSecret: null,
      ballots: {},
      closedTally: { z1: { a: 4, d: 1 }, z2: { d: 2 }, z3: {} },
    });
    expect(tallyOf(closed)).toEqual({ ballots: 7, counts: { a: 4, b: 0, c: 0, d: 3 } });
  });

  it('VO2 the options keep their agenda order in the counts', () => {
    expect(Object.keys(tallyOf(round({ ballots })).counts)).toEqual(['a', 'b', 'c', 'd']);
  });
});
