import { describe, expect, it } from 'vitest';
import type { Ballot, RoundConfig } from '@vrijuit/protocol';
import { validateBallot, validateConfig } from './validate.ts';
import {
  DOTS,
  FIST,
  MULTIPLE,
  RANKING,
  SCALE,
  SINGLE,
  agreement,
  dots,
  multiple,
  options,
  ranking,
  scale,
  single,
} from './test-fixtures.ts';

const abc = options('a', 'b', 'c');
const codeOf = (config: RoundConfig, ballot: Ballot) => validateBallot(config, abc, ballot)?.code ?? null;

describe('validateBallot', () => {
  it('TA8 a ballot of another kind than the round is BALLOT_KIND, for every pair of kinds', () => {
    const ballots = [
      single('a'),
      multiple('a'),
      dots({ a: 1 }),
      ranking('a', 'b', 'c'),
      scale({ a: 0 }),
      agreement({ a: 0 }),
    ];
    const configs = [SINGLE, MULTIPLE, DOTS, RANKING, SCALE, FIST];
    configs.forEach((config, i) =>
      ballots.forEach((ballot, j) => expect(codeOf(config, ballot)).toBe(i === j ? null : 'BALLOT_KIND')),
    );
  });

  it('TA8 an option id that is not the round’s is OPTION_NOT_FOUND, in every kind', () => {
    expect(codeOf(SINGLE, single('z'))).toBe('OPTION_NOT_FOUND');
    expect(codeOf(MULTIPLE, multiple('a', 'z'))).toBe('OPTION_NOT_FOUND');
    expect(codeOf(DOTS, dots({ z: 1 }))).toBe('OPTION_NOT_FOUND');
    expect(codeOf(RANKING, ranking('a', 'b', 'z'))).toBe('OPTION_NOT_FOUND');
    expect(codeOf(SCALE, scale({ z: 1 }))).toBe('OPTION_NOT_FOUND');
    expect(codeOf(FIST, agreement({ z: 1 }))).toBe('OPTION_NOT_FOUND');
    // An unknown option is reported before any rule of the kind (here: also too many choices).
    expect(codeOf({ kind: 'multiple-choice', min: 0, max: 1 }, multiple('a', 'z'))).toBe('OPTION_NOT_FOUND');
  });

  it('TA8 an inherited property name is not an option (no prototype lookups)', () => {
    expect(codeOf(SINGLE, single('__proto__'))).toBe('OPTION_NOT_FOUND');
    expect(codeOf(SINGLE, single('toString'))).toBe('OPTION_NOT_FOUND');
  });

  it('TA1 single choice: one option of the round is valid', () => {
    expect(codeOf(SINGLE, single('c'))).toBeNull();
  });

  it('TA2 multiple choice: distinct ids, min <= count <= max, else CHOICE_COUNT', () => {
    // MULTIPLE is min 1, max 2.
    expect(codeOf(MULTIPLE, multiple('a'))).toBeNull();
    expect(codeOf(MULTIPLE, multiple('a', 'c'))).toBeNull();
    expect(codeOf(MULTIPLE, multiple())).toBe('CHOICE_COUNT');
    expect(codeOf(MULTIPLE, multiple('a', 'b', 'c'))).toBe('CHOICE_COUNT');
    expect(codeOf(MULTIPLE, multiple('a', 'a'))).toBe('CHOICE_COUNT');
    // min 0 lets a voter take part while choosing nothing.
    expect(codeOf({ kind: 'multiple-choice', min: 0, max: 3 }, multiple())).toBeNull();
  });

  it('TA3 dot voting: at most maxPerOption per option, at most the budget, at least one dot', () => {
    // DOTS is budget 5, max 3 per option.
    expect(codeOf(DOTS, dots({ a: 3, b: 2 }))).toBeNull();
    expect(codeOf(DOTS, dots({ a: 1, b: 0 }))).toBeNull();
    expect(codeOf(DOTS, dots({ a: 4 }))).toBe('MAX_PER_OPTION_EXCEEDED');
    expect(codeOf(DOTS, dots({ a: 3, b: 2, c: 1 }))).toBe('BUDGET_EXCEEDED'); // 6 > 5
    expect(codeOf(DOTS, dots({}))).toBe('EMPTY_BALLOT');
    expect(codeOf(DOTS, dots({ a: 0 }))).toBe('EMPTY_BALLOT');
    expect(codeOf(DOTS, dots({ a: 1.5 }))).toBe('BAD_REQUEST');
    expect(codeOf(DOTS, dots({ a: -1, b: 2 }))).toBe('BAD_REQUEST');
  });

  it('TA4 ranking: every option exactly once, else RANKING_INCOMPLETE', () => {
    expect(codeOf(RANKING, ranking('c', 'a', 'b'))).toBeNull();
    expect(codeOf(RANKING, ranking('c', 'a'))).toBe('RANKING_INCOMPLETE');
    expect(codeOf(RANKING, ranking('c', 'a', 'a'))).toBe('RANKING_INCOMPLETE');
    expect(codeOf(RANKING, ranking('c', 'a', 'b', 'a'))).toBe('RANKING_INCOMPLETE');
    expect(codeOf(RANKING, ranking())).toBe('RANKING_INCOMPLETE');
  });

  it('TA5 scale: a level is below the number of labels, at least one answer', () => {
    // SCALE has 3 labels: levels 0, 1, 2.
    expect(codeOf(SCALE, scale({ a: 0, c: 2 }))).toBeNull();
    expect(codeOf(SCALE, scale({ a: 3 }))).toBe('ANSWER_OUT_OF_RANGE');
    expect(codeOf(SCALE, scale({ a: -1 }))).toBe('ANSWER_OUT_OF_RANGE');
    expect(codeOf(SCALE, scale({ a: 0.5 }))).toBe('ANSWER_OUT_OF_RANGE');
    expect(codeOf(SCALE, scale({}))).toBe('EMPTY_BALLOT');
  });

  it('TA6 agreement: levels per preset (fist of five 0-5, gradients 0-7), at least one answer', () => {
    expect(codeOf(FIST, agreement({ a: 5 }))).toBeNull();
    expect(codeOf(FIST, agreement({ a: 6 }))).toBe('ANSWER_OUT_OF_RANGE');
    const gradients: RoundConfig = { kind: 'agreement', preset: 'gradients' };
    expect(codeOf(gradients, agreement({ a: 7 }))).toBeNull();
    expect(codeOf(gradients, agreement({ a: 8 }))).toBe('ANSWER_OUT_OF_RANGE');
    expect(codeOf(FIST, agreement({}))).toBe('EMPTY_BALLOT');
  });

  it('TA8 an error carries a message for the log, and a valid ballot gives null', () => {
    expect(validateBallot(DOTS, abc, dots({ a: 4 }))).toEqual({
      code: 'MAX_PER_OPTION_EXCEEDED',
      message: expect.stringContaining('4 dots on a'),
    });
    expect(validateBallot(SINGLE, abc, single('a'))).toBeNull();
  });
});

describe('validateConfig', () => {
  it('TA2 multiple choice needs 0 <= min <= max <= options', () => {
    expect(validateConfig({ kind: 'multiple-choice', min: 0, max: 3 }, 3)).toBeNull();
    expect(validateConfig({ kind: 'multiple-choice', min: 2, max: 2 }, 3)).toBeNull();
    expect(validateConfig({ kind: 'multiple-choice', min: 3, max: 2 }, 3)?.code).toBe('BAD_REQUEST');
    expect(validateConfig({ kind: 'multiple-choice', min: 1, max: 4 }, 3)?.code).toBe('BAD_REQUEST');
    expect(validateConfig({ kind: 'multiple-choice', min: -1, max: 2 }, 3)?.code).toBe('BAD_REQUEST');
  });

  it('TA3 dot voting needs maxPerOption <= budget', () => {
    expect(validateConfig({ kind: 'dot-voting', budget: 5, maxPerOption: 5 }, 3)).toBeNull();
    expect(validateConfig({ kind: 'dot-voting', budget: 5, maxPerOption: 6 }, 3)?.code).toBe('BAD_REQUEST');
  });

  it('TA8 the other kinds have nothing to check against the options', () => {
    for (const config of [SINGLE, RANKING, SCALE, FIST]) expect(validateConfig(config, 3)).toBeNull();
  });
});
