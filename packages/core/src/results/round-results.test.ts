import { describe, expect, it } from 'vitest';
import { RoundResults, type Ballot, type RoundConfig } from '@vrijuit/protocol';
import type { CastBallot } from './cast-ballot.ts';
import { roundResults } from './round-results.ts';
import { DOTS, FIST, SINGLE, agreement, cast, deepFreeze, dots, options, single, zone } from './test-fixtures.ts';

const xy = options('x', 'y');
/** Every number anywhere in a value (NaN and Infinity would not survive JSON). */
const numbersIn = (value: unknown): number[] =>
  typeof value === 'number'
    ? [value]
    : value && typeof value === 'object'
      ? Object.values(value).flatMap(numbersIn)
      : [];
const zones = [zone('z1', [3, 1]), zone('z2')];
const settings = { anonymityThreshold: 3, weighted: false };
const results = (config: RoundConfig, ballots: CastBallot[], withBreakdown = false, weighted = false, k = 3) =>
  roundResults({
    config,
    options: deepFreeze(xy),
    ballots: deepFreeze(ballots),
    zones: deepFreeze(zones),
    settings: { ...settings, anonymityThreshold: k, weighted },
    withBreakdown,
  });

// Dot voting, budget 5, max 3. z1m1 (A): {x3}, {y1};  z1m2 (B): {x1,y1};  z2 (no municipality): {y2}
//   per person: x 3+1 = 4, y 1+1+2 = 4; respondents 4
//   per municipality: A voice x 1.5 y .5, B voice x 1 y 1 → x 2.5, y 1.5 (voices 2; z2's ballot no voice)
//   weighted A 3, B 1 → 1.5, .5: x 1.5·1.5 + .5·1 = 2.75, y 1.5·.5 + .5·1 = 1.25
const dotBallots = [
  cast('z1', 'z1m1', dots({ x: 3 })),
  cast('z1', 'z1m1', dots({ y: 1 })),
  cast('z1', 'z1m2', dots({ x: 1, y: 1 })),
  cast('z2', null, dots({ y: 2 })),
];

describe('roundResults', () => {
  it('TA3 TA7 per person and per municipality side by side, by hand (every ballot three times, so k = 3 withholds nothing)', () => {
    // Three of each ballot: per person three times the sums; each municipality's voice (a mean) stays the same.
    const thrice = dotBallots.flatMap((b) => [b, b, b]);
    expect(results(DOTS, thrice)).toEqual({
      respondents: 12,
      paper: 0,
      perPerson: { values: { x: 12, y: 12 }, matrix: null },
      perMunicipality: { withheld: false, voices: 2, result: { values: { x: 2.5, y: 1.5 }, matrix: null } },
      breakdown: null,
    });
    const weighted = results(DOTS, thrice, false, true).perMunicipality;
    if (!weighted || weighted.withheld) throw new Error('expected a shown per-municipality tally');
    expect(weighted.voices).toBe(2);
    expect(weighted.result.values.x).toBeCloseTo(2.75, 12);
    expect(weighted.result.values.y).toBeCloseTo(1.25, 12);
  });

  it('AN6 the per-municipality tally is withheld while a voting municipality has fewer than k voters', () => {
    // A has 2 voters, B 1: under k = 3 both are too small.
    expect(results(DOTS, dotBallots, false, false, 3).perMunicipality).toEqual({ withheld: true });
    expect(results(DOTS, dotBallots, true, true, 3).perMunicipality).toEqual({ withheld: true });
    // Three voters in A and three in B: shown at k = 3.
    const enough = [
      ...[1, 2, 3].map(() => cast('z1', 'z1m1', dots({ x: 1 }))),
      ...[1, 2, 3].map(() => cast('z1', 'z1m2', dots({ y: 1 }))),
    ];
    expect(results(DOTS, enough).perMunicipality).toEqual({
      withheld: false,
      voices: 2,
      result: { values: { x: 1, y: 1 }, matrix: null },
    });
  });

  it('BR1 an open round (withBreakdown false) has no breakdown; a closed one has it', () => {
    expect(results(DOTS, dotBallots, false).breakdown).toBeNull();
    // Zones [3, 1] of 4: z2 (1) hidden, and then z1 as its complement (AN5).
    // z1's groups [A 2, B 1] are hidden with their zone.
    expect(results(DOTS, dotBallots, true).breakdown).toEqual({
      zones: [
        { id: 'z1', suppressed: true },
        { id: 'z2', suppressed: true },
      ],
      municipalities: [
        { id: 'z1m1', suppressed: true },
        { id: 'z1m2', suppressed: true },
      ],
    });
  });

  it('TA9 a ballot that fails validation counts nowhere: not in respondents, tallies or breakdown', () => {
    const bad: CastBallot[] = [
      cast('z1', 'z1m1', single('x')), // wrong kind for a dot round
      cast('z1', 'z1m2', dots({ x: 9 })), // over the budget
      cast('z2', null, dots({ q: 1 })), // unknown option
    ];
    const clean = results(DOTS, dotBallots, true);
    expect(results(DOTS, [...dotBallots, ...bad], true)).toEqual(clean);
  });

  it('TA9 respondents is the number of ballots; no ballots gives zeros, no NaN anywhere', () => {
    const empty = results(FIST, [], true);
    expect(empty.respondents).toBe(0);
    expect(empty.perPerson).toEqual({ values: {}, matrix: { x: [0, 0, 0, 0, 0, 0], y: [0, 0, 0, 0, 0, 0] } });
    expect(empty.perMunicipality).toEqual({ withheld: false, voices: 0, result: empty.perPerson });
    expect(empty.breakdown?.zones).toEqual([
      { id: 'z1', suppressed: false, respondents: 0, result: empty.perPerson },
      { id: 'z2', suppressed: false, respondents: 0, result: empty.perPerson },
    ]);
    expect(empty.breakdown?.municipalities).toEqual([]);
    expect(numbersIn(empty).every(Number.isFinite)).toBe(true);
  });

  it('TA9 the results match the protocol schema and survive JSON unchanged, for every kind', () => {
    const ballots: [RoundConfig, Ballot][] = [
      [SINGLE, single('x')],
      [
        { kind: 'multiple-choice', min: 0, max: 2 },
        { kind: 'multiple-choice', optionIds: ['x', 'y'] },
      ],
      [DOTS, dots({ x: 2 })],
      [{ kind: 'ranking' }, { kind: 'ranking', order: ['y', 'x'] }],
      [
        { kind: 'scale', labels: ['no', 'yes'] },
        { kind: 'scale', answers: { x: 1 } },
      ],
      [FIST, agreement({ y: 4 })],
    ];
    for (const [config, ballot] of ballots) {
      const four = ['z1m1', 'z1m1', 'z1m2', 'z1m2'].map((m) => cast('z1', m, ballot));
      const out = results(config, four, true);
      expect(out.respondents).toBe(4);
      expect(RoundResults.parse(out)).toEqual(out);
      expect(JSON.parse(JSON.stringify(out))).toEqual(out);
      expect(numbersIn(out).every(Number.isFinite)).toBe(true);
    }
  });

  it('TA9 the same ballots in any order give the same results', () => {
    const forward = results(DOTS, dotBallots, true, true);
    expect(results(DOTS, [...dotBallots].reverse(), true, true)).toEqual(forward);
  });
});
