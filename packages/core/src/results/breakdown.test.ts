import { describe, expect, it } from 'vitest';
import { breakdown, withoutMunicipalityId } from './breakdown.ts';
import { SCALE, SINGLE, cast, deepFreeze, options, scale, single, zone } from './test-fixtures.ts';

const xy = options('x', 'y');
const votes = (zoneId: string, municipalityId: string | null, ...picks: string[]) =>
  picks.map((p) => cast(zoneId, municipalityId, single(p)));

// k 3. z1 has municipalities z1m1-3, z2 has z2m1, z3 has none, z4 nobody.
//   z1m1: x x y (3)   z1m2: y y x (3)   z1m3: y (1)   z1 without municipality: x x x (3)   → z1: 10, x 6 y 4
//   z2m1: y y y x (4)                                                                    → z2: 4
//   z3: x x (2)                                                                          → z3: 2
// Zones [10, 4, 2, 0] of 16: z3 < 3 hidden (AN4); alone it is total − the rest, so the smallest
//   shown non-empty zone, z2 (4), is hidden too (AN5); z4 shows 0. Hidden part 6.
// z1's groups [z1m1 3, z1m2 3, z1m3 1, z1:? 3] of 10: z1m3 hidden; complement z1m1 (first of the 3s).
//   Shown: z1m2 x1 y2, z1:? x3 y0; hidden part z1m1 + z1m3 = 4 people.
// z2m1 is hidden because its zone is. z3 has no municipalities, so no group of its own.
const zones = [zone('z1', [1, 1, 1]), zone('z2', [1]), zone('z3'), zone('z4')];
const ballots = [
  ...votes('z1', 'z1m1', 'x', 'x', 'y'),
  ...votes('z1', 'z1m2', 'y', 'y', 'x'),
  ...votes('z1', 'z1m3', 'y'),
  ...votes('z1', null, 'x', 'x', 'x'),
  ...votes('z2', 'z2m1', 'y', 'y', 'y', 'x'),
  ...votes('z3', null, 'x', 'x'),
];
const run = (k: number) =>
  breakdown({ config: SINGLE, options: xy, ballots: deepFreeze(ballots), zones: deepFreeze(zones), threshold: k });

describe('breakdown', () => {
  it('BR2 AN4 AN5 zones in session order: shown, hidden, hidden as complement, empty as 0', () => {
    expect(run(3).zones).toEqual([
      { id: 'z1', suppressed: false, respondents: 10, result: { values: { x: 6, y: 4 }, matrix: null } },
      { id: 'z2', suppressed: true },
      { id: 'z3', suppressed: true },
      { id: 'z4', suppressed: false, respondents: 0, result: { values: { x: 0, y: 0 }, matrix: null } },
    ]);
  });

  it('BR3 AN4 AN5 municipalities with ballots in session order, the rest of a zone as `zone:?`', () => {
    expect(run(3).municipalities).toEqual([
      { id: 'z1m1', suppressed: true },
      { id: 'z1m2', suppressed: false, respondents: 3, result: { values: { x: 1, y: 2 }, matrix: null } },
      { id: 'z1m3', suppressed: true },
      { id: 'z1:?', suppressed: false, respondents: 3, result: { values: { x: 3, y: 0 }, matrix: null } },
      { id: 'z2m1', suppressed: true },
    ]);
    expect(withoutMunicipalityId('z1')).toBe('z1:?');
  });

  it('AN5 the hidden parts left by subtraction hold at least k people (hand check of the example)', () => {
    // total x 9 y 7 − z1 (x 6 y 4) = x 3 y 3: 6 people.  z1 − z1m2 − z1:? = x 2 y 2: 4 people.
    const { zones: z, municipalities: m } = run(3);
    const shown = [...z, ...m].filter((g) => !g.suppressed);
    expect(shown.map((g) => g.id)).toEqual(['z1', 'z4', 'z1m2', 'z1:?']);
  });

  it('AN4 with k 1 every group is shown, and the zones add up to the total', () => {
    const { zones: z, municipalities: m } = run(1);
    expect(z.map((g) => (g.suppressed ? null : g.respondents))).toEqual([10, 4, 2, 0]);
    expect(m.map((g) => (g.suppressed ? null : g.respondents))).toEqual([3, 3, 1, 3, 4]);
  });

  it('AN4 a municipality of a suppressed zone is suppressed even when it is large enough itself', () => {
    // k 5: zones [10, 4, 2, 0] → z2 and z3 hidden (6 ≥ 5); z2m1 (4) is hidden with its zone.
    // z1's groups [3, 3, 1, 3] all < 5 → all hidden.
    const { zones: z, municipalities: m } = run(5);
    expect(z.map((g) => g.suppressed)).toEqual([false, true, true, false]);
    expect(m.every((g) => g.suppressed)).toBe(true);
  });

  it('BR3 a ballot naming a municipality outside its zone is counted in the zone’s `:?` group', () => {
    const odd = [...votes('z2', 'z1m1', 'x', 'x', 'x'), ...votes('z2', 'z2m1', 'y', 'y', 'y')];
    const { municipalities } = breakdown({ config: SINGLE, options: xy, ballots: odd, zones, threshold: 3 });
    expect(municipalities).toEqual([
      { id: 'z2m1', suppressed: false, respondents: 3, result: { values: { x: 0, y: 3 }, matrix: null } },
      { id: 'z2:?', suppressed: false, respondents: 3, result: { values: { x: 3, y: 0 }, matrix: null } },
    ]);
  });

  it('AN5 ballots of a zone unknown to the session are in no group but count as hidden', () => {
    // zones z1 3 + z2 3 shown would leave total − z1 − z2 = the one stray ballot → z1 hidden as complement
    const some = [...votes('z1', null, 'x', 'x', 'x'), ...votes('z2', null, 'y', 'y', 'y'), ...votes('zX', null, 'y')];
    const result = breakdown({ config: SINGLE, options: xy, ballots: some, zones, threshold: 3 });
    expect(result.zones.map((g) => g.suppressed)).toEqual([true, false, false, false]);
  });

  it('BR2 a group’s result has the shape of its kind: scale means and level counts', () => {
    // z1 (3 people): a 2, 1, 2 → [0,1,2], mean 5/3
    const answers = [scale({ a: 2 }), scale({ a: 1 }), scale({ a: 2 })].map((b) => cast('z1', null, b));
    const ab = options('a', 'b');
    const [z1] = breakdown({ config: SCALE, options: ab, ballots: answers, zones: [zone('z1')], threshold: 3 }).zones;
    expect(z1).toMatchObject({ suppressed: false, respondents: 3, result: { matrix: { a: [0, 1, 2], b: [0, 0, 0] } } });
    expect(z1?.suppressed === false && z1.result.values.a).toBeCloseTo(5 / 3, 12);
  });
});
