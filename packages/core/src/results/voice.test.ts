import { describe, expect, it } from 'vitest';
import type { CastBallot } from './cast-ballot.ts';
import type { KindResult, RoundConfig, Zone } from '@vrijuit/protocol';
import { presentResult } from './present.ts';
import { tallyBallots } from './sums.ts';
import { municipalityTally, oneVoice } from './voice.ts';
import { RANKING, SCALE, SINGLE, cast, deepFreeze, options, ranking, scale, single, zone } from './test-fixtures.ts';

const xy = options('x', 'y');
const ab = options('a', 'b');

/** The per-municipality tally as the protocol shows it. */
function perMunicipality(
  config: RoundConfig,
  ballots: CastBallot[],
  zones: Zone[],
  weighted: boolean,
  opts = xy,
): { voices: number; result: KindResult } | null {
  const tally = municipalityTally(config, opts, deepFreeze(ballots), deepFreeze(zones), weighted);
  return tally && { voices: tally.voices, result: presentResult(config, opts, tally.sums) };
}

// Municipality A (z1m1, weight 3): three people voting x, x, y. Municipality B (z1m2, weight 1): one y.
const zonesAB = [zone('z1', [3, 1])];
const ballotsAB = [
  cast('z1', 'z1m1', single('x')),
  cast('z1', 'z1m1', single('x')),
  cast('z1', 'z1m1', single('y')),
  cast('z1', 'z1m2', single('y')),
];

describe('oneVoice', () => {
  it('TA7 a group’s voice is the mean of its members: x,x,y → x 2/3, y 1/3', () => {
    const voice = oneVoice(SINGLE, tallyBallots(SINGLE, xy, [single('x'), single('x'), single('y')]));
    expect(voice.n).toBe(1);
    expect(voice.values[0]).toBeCloseTo(2 / 3, 12);
    expect(voice.values[1]).toBeCloseTo(1 / 3, 12);
  });

  it('TA7 scale: each option’s answers become a distribution over those who answered it', () => {
    // a: levels 2, 0 → row [1,0,1]/2 = [.5,0,.5], level sum 2/2 = mean 1;  b: level 1 once → [0,1,0], mean 1
    const voice = oneVoice(SCALE, tallyBallots(SCALE, ab, [scale({ a: 2, b: 1 }), scale({ a: 0 })]));
    expect(voice).toEqual({
      n: 1,
      values: [1, 1],
      matrix: [
        [0.5, 0, 0.5],
        [0, 1, 0],
      ],
    });
  });

  it('TA7 an empty group has no voice (n 0, zeros)', () => {
    expect(oneVoice(SCALE, tallyBallots(SCALE, ab, []))).toEqual(tallyBallots(SCALE, ab, []));
  });
});

describe('municipalityTally', () => {
  it('TA7 unweighted, each municipality one voice: A x 2/3 y 1/3 + B y 1 → x 0.667, y 1.333', () => {
    const tally = perMunicipality(SINGLE, ballotsAB, zonesAB, false);
    expect(tally?.voices).toBe(2);
    expect(tally?.result.values.x).toBeCloseTo(2 / 3, 12);
    expect(tally?.result.values.y).toBeCloseTo(4 / 3, 12);
    expect(tally?.result.matrix).toBeNull();
  });

  it('TA7 weighted A=3, B=1: weights scaled to sum to voices 2 (1.5, 0.5) → x 1, y 1', () => {
    // x = 1.5·2/3 = 1;  y = 1.5·1/3 + 0.5·1 = 1
    const tally = perMunicipality(SINGLE, ballotsAB, zonesAB, true);
    expect(tally?.voices).toBe(2);
    expect(tally?.result.values.x).toBeCloseTo(1, 12);
    expect(tally?.result.values.y).toBeCloseTo(1, 12);
  });

  it('TA7 ballots without a municipality, or naming one outside their zone, are no voice', () => {
    const extra = [
      ...ballotsAB,
      cast('z1', null, single('x')),
      cast('z2', 'z1m1', single('x')), // z1m1 is not a municipality of z2
      cast('z9', 'z1m1', single('x')), // nor of an unknown zone
    ];
    const tally = perMunicipality(SINGLE, extra, [...zonesAB, zone('z2', [1])], false);
    expect(tally?.voices).toBe(2);
    expect(tally?.result.values.x).toBeCloseTo(2 / 3, 12);
  });

  it('TA7 null when no zone has municipalities; voices 0 when nobody named one', () => {
    expect(perMunicipality(SINGLE, [cast('z1', null, single('x'))], [zone('z1')], false)).toBeNull();
    expect(perMunicipality(SINGLE, [cast('z1', null, single('x'))], [zone('z1', [1])], false)).toEqual({
      voices: 0,
      result: { values: { x: 0, y: 0 }, matrix: null },
    });
  });

  it('TA7 scale: the mean of municipality distributions, per option over the municipalities that answered', () => {
    // A (3 people): a 2, a 0 with b 0, a 1 → a row [1/3,1/3,1/3] mean 1; b row [1,0,0] mean 0
    // B (1 person): a 2 → a row [0,0,1] mean 2; b unanswered
    // unweighted: a row [1/3,1/3,4/3], mean (1+2)/2 = 1.5;  b row [1,0,0], mean 0/1 = 0
    // (per person a would be (2+0+1+2)/4 = 1.25: one voice per municipality moves it)
    const ballots = [
      cast('z1', 'z1m1', scale({ a: 2 })),
      cast('z1', 'z1m1', scale({ a: 0, b: 0 })),
      cast('z1', 'z1m1', scale({ a: 1 })),
      cast('z1', 'z1m2', scale({ a: 2 })),
    ];
    const plain = perMunicipality(SCALE, ballots, zonesAB, false, ab);
    expect(plain?.result.values.a).toBeCloseTo(1.5, 12);
    expect(plain?.result.values.b).toBe(0);
    [1 / 3, 1 / 3, 4 / 3].forEach((v, l) => expect(plain?.result.matrix?.a?.[l]).toBeCloseTo(v, 12));
    expect(plain?.result.matrix?.b).toEqual([1, 0, 0]);
    // weighted 3:1 → 1.5, 0.5: a row 1.5·[1/3,1/3,1/3] + 0.5·[0,0,1] = [.5,.5,1], mean (1.5·1 + .5·2)/2 = 1.25
    // b row 1.5·[1,0,0] = [1.5,0,0], mean 0
    const weighted = perMunicipality(SCALE, ballots, zonesAB, true, ab);
    expect(weighted?.result.values.a).toBeCloseTo(1.25, 12);
    [0.5, 0.5, 1].forEach((v, l) => expect(weighted?.result.matrix?.a?.[l]).toBeCloseTo(v, 12));
    [1.5, 0, 0].forEach((v, l) => expect(weighted?.result.matrix?.b?.[l]).toBeCloseTo(v, 12));
  });

  it('TA7 ranking: Borda points and places averaged per municipality', () => {
    // A: a>b, b>a → a 0.5, b 0.5 points; places a [.5,.5], b [.5,.5].  B: a>b → a 1, b 0; a [1,0], b [0,1]
    // unweighted: a 1.5, b 0.5; places a [1.5,.5], b [.5,1.5]
    const ballots = [
      cast('z1', 'z1m1', ranking('a', 'b')),
      cast('z1', 'z1m1', ranking('b', 'a')),
      cast('z1', 'z1m2', ranking('a', 'b')),
    ];
    expect(perMunicipality(RANKING, ballots, zonesAB, false, ab)).toEqual({
      voices: 2,
      result: { values: { a: 1.5, b: 0.5 }, matrix: { a: [1.5, 0.5], b: [0.5, 1.5] } },
    });
  });

  it('TA7 municipalities of several zones each count once, whatever order the ballots came in', () => {
    // z1m1: x;  z2m1: y, y;  z2m2: x → x 1 + 0 + 1 = 2, y 0 + 1 + 0 = 1
    const zones = [zone('z1', [1]), zone('z2', [1, 1])];
    const ballots = [
      cast('z2', 'z2m1', single('y')),
      cast('z1', 'z1m1', single('x')),
      cast('z2', 'z2m2', single('x')),
      cast('z2', 'z2m1', single('y')),
    ];
    const forward = perMunicipality(SINGLE, ballots, zones, false);
    expect(forward).toEqual({ voices: 3, result: { values: { x: 2, y: 1 }, matrix: null } });
    expect(perMunicipality(SINGLE, [...ballots].reverse(), zones, false)).toEqual(forward);
  });
});
