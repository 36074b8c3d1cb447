import type { Ballot, ErrorCode, RoundConfig, VoteOption } from '@vrijuit/protocol';
import { minOptions } from '@vrijuit/protocol/constants';
import type { DomainError } from '../result.ts';
import { matrixWidth } from './sums.ts';

const error = (code: ErrorCode, message: string): DomainError => ({ code, message });

const isCount = (n: number) => Number.isInteger(n) && n >= 0;

/** The first id of `ids` that is not an option of the round (TA8). */
function unknownOption(options: readonly VoteOption[], ids: readonly string[]): DomainError | null {
  const known = new Set(options.map((o) => o.id));
  const bad = ids.find((id) => !known.has(id));
  return bad === undefined ? null : error('OPTION_NOT_FOUND', `option ${bad} is not part of this round`);
}

/**
 * Checks a ballot against its round (TA1-TA6, TA8); null when it may be counted. The kind must be the
 * round's (BALLOT_KIND) and every option id one of the round's (OPTION_NOT_FOUND) before any check of
 * the kind itself, so a client learns the most basic thing it got wrong first.
 * A ballot that says nothing (no dot, no answer) is refused with EMPTY_BALLOT: a voter who wants to
 * abstain does not cast one.
 */
export function validateBallot(
  config: RoundConfig,
  options: readonly VoteOption[],
  ballot: Ballot,
): DomainError | null {
  if (ballot.kind !== config.kind) return error('BALLOT_KIND', `a ${ballot.kind} ballot for a ${config.kind} round`);
  switch (ballot.kind) {
    case 'single-choice':
      return unknownOption(options, [ballot.optionId]);
    case 'multiple-choice': {
      // Always true after the kind check above; it only tells the compiler which config this is.
      if (config.kind !== 'multiple-choice') return null;
      const ids = ballot.optionIds;
      const count = new Set(ids).size;
      return (
        unknownOption(options, ids) ??
        (count !== ids.length ? error('CHOICE_COUNT', 'an option is chosen twice') : null) ??
        (count < config.min || count > config.max
          ? error('CHOICE_COUNT', `choose between ${config.min} and ${config.max} options, not ${count}`)
          : null)
      );
    }
    case 'dot-voting': {
      if (config.kind !== 'dot-voting') return null;
      const entries = Object.entries(ballot.dots);
      const spent = entries.reduce((sum, [, dots]) => sum + dots, 0);
      const tooMany = entries.find(([, dots]) => dots > config.maxPerOption);
      return (
        unknownOption(
          options,
          entries.map(([id]) => id),
        ) ??
        (entries.every(([, dots]) => isCount(dots)) ? null : error('BAD_REQUEST', 'dots are whole numbers')) ??
        (tooMany
          ? error('MAX_PER_OPTION_EXCEEDED', `${tooMany[1]} dots on ${tooMany[0]}, at most ${config.maxPerOption}`)
          : null) ??
        (spent > config.budget ? error('BUDGET_EXCEEDED', `${spent} dots spent of ${config.budget}`) : null) ??
        (spent === 0 ? error('EMPTY_BALLOT', 'a dot-voting ballot places at least one dot') : null)
      );
    }
    case 'ranking': {
      const complete = ballot.order.length === options.length && new Set(ballot.order).size === options.length;
      return (
        unknownOption(options, ballot.order) ??
        (complete ? null : error('RANKING_INCOMPLETE', 'rank every option exactly once'))
      );
    }
    case 'scale':
    case 'agreement': {
      const levels = matrixWidth(config, options.length) ?? 0;
      const entries = Object.entries(ballot.answers);
      const out = entries.find(([, level]) => !isCount(level) || level >= levels);
      return (
        unknownOption(
          options,
          entries.map(([id]) => id),
        ) ??
        (out ? error('ANSWER_OUT_OF_RANGE', `level ${out[1]} for ${out[0]}; levels are 0 to ${levels - 1}`) : null) ??
        (entries.length === 0 ? error('EMPTY_BALLOT', 'answer at least one option') : null)
      );
    }
    case 'word-cloud':
      // WC2: as sent, one to `answers` answers (castVote refuses none); as kept, its words only (WC4).
      if (config.kind !== 'word-cloud') return null;
      return ballot.answers.length > config.answers
        ? error('CHOICE_COUNT', `at most ${config.answers} answers, not ${ballot.answers.length}`)
        : null;
  }
}

/**
 * Checks a round's settings against its options when it is created (TA2, TA3); null when valid.
 * Zod has checked each number alone; this checks them against each other and the option count.
 */
export function validateConfig(config: RoundConfig, optionCount: number): DomainError | null {
  // RO1: a choice needs something to choose between, a scale or agreement check one statement; a
  // pain-point round's options are optional themes; a position-text round has none (TX1).
  if (config.kind === 'position-text' || config.kind === 'word-cloud') {
    return optionCount === 0 ? null : error('BAD_REQUEST', `a ${config.kind} round has no options`);
  }
  // QA1: a question round has no themes.
  if (config.kind === 'questions') {
    return optionCount === 0 ? null : error('BAD_REQUEST', 'a question round has no options');
  }
  const min = minOptions(config.kind);
  if (optionCount < min) {
    return error('BAD_REQUEST', `a ${config.kind} round needs at least ${min} option(s), not ${optionCount}`);
  }
  switch (config.kind) {
    case 'multiple-choice':
      return 0 <= config.min && config.min <= config.max && config.max <= optionCount
        ? null
        : error('BAD_REQUEST', `need 0 <= min (${config.min}) <= max (${config.max}) <= options (${optionCount})`);
    case 'dot-voting':
      return config.maxPerOption <= config.budget
        ? null
        : error('BAD_REQUEST', `max per option (${config.maxPerOption}) exceeds the budget (${config.budget})`);
    default:
      return null;
  }
}
