import { describe, expect, it } from 'vitest';
import type { RoundConfig } from '@vrijuit/protocol';
import { ballotProblem, isVoteConfig, levelCount, sameBallot, startingBallot, toggleChoice } from './build-ballot.ts';

const options = [
  { id: 'o1', label: 'Opgroeien' },
  { id: 'o2', label: 'Ouder worden' },
  { id: 'o3', label: 'Tewerkstelling' },
];
const multiple: RoundConfig = { kind: 'multiple-choice', min: 1, max: 2 };
const dots: RoundConfig = { kind: 'dot-voting', budget: 5, maxPerOption: 3 };

describe('building a ballot', () => {
  it('starts empty, or from the earlier ballot of the same kind', () => {
    expect(startingBallot(multiple, options, null)).toEqual({ kind: 'multiple-choice', optionIds: [] });
    expect(startingBallot({ kind: 'ranking' }, options, null)).toEqual({ kind: 'ranking', order: ['o1', 'o2', 'o3'] });
    const earlier = { kind: 'dot-voting' as const, dots: { o2: 2 } };
    expect(startingBallot(dots, options, earlier)).toBe(earlier);
    expect(startingBallot(multiple, options, earlier)).toEqual({ kind: 'multiple-choice', optionIds: [] });
  });

  it('checks the number of choices against min and max', () => {
    expect(ballotProblem(multiple, { kind: 'multiple-choice', optionIds: [] })).toBe('CHOICE_COUNT');
    expect(ballotProblem(multiple, { kind: 'multiple-choice', optionIds: ['o1'] })).toBeNull();
    expect(ballotProblem(multiple, { kind: 'multiple-choice', optionIds: ['o1', 'o2', 'o3'] })).toBe('CHOICE_COUNT');
    const none: RoundConfig = { kind: 'multiple-choice', min: 0, max: 2 };
    expect(ballotProblem(none, { kind: 'multiple-choice', optionIds: [] })).toBeNull();
  });

  it('refuses an empty or overspent dot ballot', () => {
    expect(ballotProblem(dots, { kind: 'dot-voting', dots: {} })).toBe('EMPTY');
    expect(ballotProblem(dots, { kind: 'dot-voting', dots: { o1: 4 } })).toBe('MAX_PER_OPTION_EXCEEDED');
    expect(ballotProblem(dots, { kind: 'dot-voting', dots: { o1: 3, o2: 3 } })).toBe('BUDGET_EXCEEDED');
    expect(ballotProblem(dots, { kind: 'dot-voting', dots: { o1: 3, o2: 1 } })).toBeNull();
  });

  it('needs at least one answer on a scale or agreement', () => {
    const agreement: RoundConfig = { kind: 'agreement', preset: 'gradients' };
    expect(ballotProblem(agreement, { kind: 'agreement', answers: {} })).toBe('EMPTY');
    expect(ballotProblem(agreement, { kind: 'agreement', answers: { o1: 0 } })).toBeNull();
    expect(levelCount(agreement)).toBe(8);
    expect(levelCount({ kind: 'agreement', preset: 'fist-of-five' })).toBe(6);
    expect(levelCount({ kind: 'scale', labels: ['ja', 'neutraal', 'nee'] })).toBe(3);
  });

  it('has no ballot for a pain-point round', () => {
    const painPoints: RoundConfig = { kind: 'pain-points', perParticipant: 3, premoderation: false };
    expect(isVoteConfig(painPoints)).toBe(false);
    expect(isVoteConfig(multiple)).toBe(true);
    expect(levelCount(painPoints)).toBe(0);
    expect(ballotProblem(painPoints, { kind: 'single-choice', optionId: 'o1' })).toBeNull();
  });

  it('keeps ticked options in the round order', () => {
    expect(toggleChoice(options, ['o3'], 'o1')).toEqual(['o1', 'o3']);
    expect(toggleChoice(options, ['o1', 'o3'], 'o1')).toEqual(['o3']);
  });

  it('tells a changed ballot from the one sent', () => {
    expect(sameBallot({ kind: 'dot-voting', dots: { o1: 1, o2: 0 } }, { kind: 'dot-voting', dots: { o1: 1 } })).toBe(
      true,
    );
    expect(sameBallot({ kind: 'dot-voting', dots: { o1: 1 } }, { kind: 'dot-voting', dots: { o1: 2 } })).toBe(false);
    // Level 0 (wholehearted support) is an answer, not the absence of one.
    expect(sameBallot({ kind: 'agreement', answers: { o1: 0 } }, { kind: 'agreement', answers: {} })).toBe(false);
    expect(sameBallot({ kind: 'ranking', order: ['a', 'b'] }, { kind: 'ranking', order: ['b', 'a'] })).toBe(false);
    expect(
      sameBallot(
        { kind: 'multiple-choice', optionIds: ['a', 'b'] },
        { kind: 'multiple-choice', optionIds: ['b', 'a'] },
      ),
    ).toBe(true);
    expect(sameBallot(null, null)).toBe(true);
    expect(sameBallot({ kind: 'single-choice', optionId: 'a' }, null)).toBe(false);
  });
});
