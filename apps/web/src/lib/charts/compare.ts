import type { RoundConfig, RoundResults, VoteOption } from '@vrijuit/protocol';

/**
 * Before/after for a re-run round. The two rounds may have had different numbers of respondents, so
 * raw counts do not compare; each kind gets one figure that does:
 * - single and multiple choice: percent of respondents who chose the option;
 * - dots: percent of all dots placed;
 * - ranking: average Borda points per respondent;
 * - scale and agreement: the mean level (lower = more support for agreement).
 * A pain-point round has a wall, not results: nothing of it compares (a re-run starts empty).
 */
export type CompareUnit = 'percent' | 'points' | 'level';

export function compareUnit(config: RoundConfig): CompareUnit {
  switch (config.kind) {
    case 'single-choice':
    case 'multiple-choice':
    case 'dot-voting':
      return 'percent';
    case 'ranking':
      return 'points';
    case 'scale':
    case 'agreement':
      return 'level';
    case 'pain-points':
    case 'questions':
    case 'position-text':
    case 'word-cloud':
      return 'percent';
  }
}

/** The comparable figure of one option, or null when it cannot be said (nobody answered it). */
export function comparable(config: RoundConfig, results: RoundResults, optionId: string): number | null {
  const { values } = results.perPerson;
  const value = Object.hasOwn(values, optionId) ? values[optionId]! : null;
  const n = results.respondents;
  switch (config.kind) {
    case 'single-choice':
    case 'multiple-choice':
      return n > 0 ? ((value ?? 0) / n) * 100 : null;
    case 'dot-voting': {
      const all = Object.values(values).reduce((a, b) => a + b, 0);
      return all > 0 ? ((value ?? 0) / all) * 100 : null;
    }
    case 'ranking':
      return n > 0 ? (value ?? 0) / n : null;
    case 'scale':
    case 'agreement':
      return value;
    case 'pain-points':
    case 'questions':
    case 'position-text':
    case 'word-cloud':
      return null;
  }
}

export interface CompareRow {
  option: VoteOption;
  before: number | null;
  after: number | null;
  /** after − before, null when either is unknown. */
  shift: number | null;
}

/**
 * One row per option of the re-run, matched to the original by id (a re-run copies the options) or,
 * failing that, by label.
 */
export function compareRounds(
  config: RoundConfig,
  beforeOptions: readonly VoteOption[],
  before: RoundResults,
  afterOptions: readonly VoteOption[],
  after: RoundResults,
): CompareRow[] {
  return afterOptions.map((option) => {
    const match = beforeOptions.find((o) => o.id === option.id) ?? beforeOptions.find((o) => o.label === option.label);
    const b = match ? comparable(config, before, match.id) : null;
    const a = comparable(config, after, option.id);
    return { option, before: b, after: a, shift: a !== null && b !== null ? a - b : null };
  });
}
