import { describe, expect, it } from 'vitest';
import type { Ballot, RoundConfig, VoteOption } from '@vrijuit/protocol';
import { presentResult } from './present.ts';
import { emptySums, tallyBallots } from './sums.ts';
import {
  DOTS,
  FIST,
  MULTIPLE,
  RANKING,
  SCALE,
  SINGLE,
  agreement,
  deepFreeze,
  dots,
  multiple,
  options,
  ranking,
  scale,
  single,
} from './test-fixtures.ts';

const abc = options('a', 'b', 'c');
const perPerson = (config: RoundConfig, ballots: Ballot[], opts: VoteOption[] = abc) =>
  presentResult(config, opts, tallyBallots(config, opts, deepFreeze(ballots)));

describe('per-person tally (tallyBallots + presentResult)', () => {
  it('TA1 single choice counts votes per option, every option listed with zeros', () => {
    // a, a, b → a 2, b 1, c 0
    expect(perPerson(SINGLE, [single('a'), single('a'), single('b')])).toEqual({
      values: { a: 2, b: 1, c: 0 },
      matrix: null,
    });
    expect(perPerson(SINGLE, [])).toEqual({ values: { a: 0, b: 0, c: 0 }, matrix: null });
  });

  it('TA1 the values follow the round’s option order, not the order votes came in', () => {
    expect(Object.keys(perPerson(SINGLE, [single('c'), single('a')]).values)).toEqual(['a', 'b', 'c']);
  });

  it('TA2 multiple choice counts each chosen option once per voter', () => {
    // {a,b}, {b,c}, {b} → a 1, b 3, c 1; an empty choice (min 0) adds nothing
    const ballots = [multiple('a', 'b'), multiple('b', 'c'), multiple('b'), multiple()];
    expect(perPerson(MULTIPLE, ballots)).toEqual({ values: { a: 1, b: 3, c: 1 }, matrix: null });
  });

  it('TA3 dot voting sums the dots per option', () => {
    // {a3,b2}, {b1,c1}, {c3} → a 3, b 3, c 4
    const ballots = [dots({ a: 3, b: 2 }), dots({ b: 1, c: 1 }), dots({ c: 3 })];
    expect(perPerson(DOTS, ballots)).toEqual({ values: { a: 3, b: 3, c: 4 }, matrix: null });
  });

  it('TA4 ranking: Borda points (first n-1 … last 0) and how often each option took each place', () => {
    // 3 options → 2, 1, 0 points.
    // c>a>b: c2 a1 b0;  a>c>b: a2 c1 b0;  a>b>c: a2 b1 c0  → a 5, b 1, c 3
    // places (1st, 2nd, 3rd): a [2,1,0], b [0,1,2], c [1,1,1]
    const ballots = [ranking('c', 'a', 'b'), ranking('a', 'c', 'b'), ranking('a', 'b', 'c')];
    expect(perPerson(RANKING, ballots)).toEqual({
      values: { a: 5, b: 1, c: 3 },
      matrix: { a: [2, 1, 0], b: [0, 1, 2], c: [1, 1, 1] },
    });
  });

  it('TA5 scale: answers per level and the mean level over those who answered that option', () => {
    // levels 0 no, 1 neutral, 2 yes.
    // a: 2, 1, 2 → [0,1,2], mean 5/3;  b: 0 (one answer) → [1,0,0], mean 0;  c: nobody → no value
    const ballots = [scale({ a: 2, b: 0 }), scale({ a: 1 }), scale({ a: 2 })];
    const result = perPerson(SCALE, ballots);
    expect(result.matrix).toEqual({ a: [0, 1, 2], b: [1, 0, 0], c: [0, 0, 0] });
    expect(result.values.a).toBeCloseTo(5 / 3, 12);
    expect(result.values.b).toBe(0);
    expect('c' in result.values).toBe(false);
    expect(Object.keys(result.values)).toEqual(['a', 'b']);
  });

  it('TA6 agreement: a row per option as wide as the preset (fist of five: 6 levels)', () => {
    // a: 0, 5 → mean 2.5;  b: 1 → mean 1
    const result = perPerson(FIST, [agreement({ a: 0, b: 1 }), agreement({ a: 5 })]);
    expect(result).toEqual({
      values: { a: 2.5, b: 1 },
      matrix: { a: [1, 0, 0, 0, 0, 1], b: [0, 1, 0, 0, 0, 0], c: [0, 0, 0, 0, 0, 0] },
    });
    const gradients = perPerson({ kind: 'agreement', preset: 'gradients' }, [agreement({ a: 7 })]);
    expect(gradients.matrix?.a).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('TA9 a tally counts its ballots and starts from zeros in every kind', () => {
    expect(tallyBallots(SINGLE, abc, [single('a'), single('b')]).n).toBe(2);
    expect(emptySums(RANKING, 3)).toEqual({
      n: 0,
      values: [0, 0, 0],
      matrix: [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
    });
    expect(emptySums(SCALE, 2).matrix).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('TA9 an option id like __proto__ stays a plain key of the result', () => {
    const odd = options('__proto__', 'constructor');
    const result = perPerson(SINGLE, [single('__proto__'), single('__proto__')], odd);
    expect(Object.getPrototypeOf(result.values)).toBe(Object.prototype);
    expect(Object.entries(result.values)).toEqual([
      ['__proto__', 2],
      ['constructor', 0],
    ]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('TA9 what a ballot names outside the round is skipped, never thrown, if validation was bypassed', () => {
    // Only the known parts count: a 1 (single), b 2 (dots; z dropped), a level off the scale dropped.
    expect(perPerson(SINGLE, [single('a'), single('z')]).values).toEqual({ a: 1, b: 0, c: 0 });
    expect(perPerson(DOTS, [dots({ b: 2, z: 9 })]).values).toEqual({ a: 0, b: 2, c: 0 });
    expect(perPerson(SCALE, [scale({ a: 9, b: 1 })]).matrix).toEqual({ a: [0, 0, 0], b: [0, 1, 0], c: [0, 0, 0] });
  });
});
