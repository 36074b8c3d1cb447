import type { Ballot, ErrorCode, RoundConfig, VoteOption } from '@vrijuit/protocol';
import { AGREEMENT_LEVELS } from '@vrijuit/protocol/constants';
import { spentDots } from './dot-budget.ts';
import { startingOrder } from './ranking-order.ts';

/**
 * The phone's ballot per round kind: what an untouched form holds, whether it may be sent, and
 * whether it differs from what was sent. A ballot the phone sends passes the server's checks, so a
 * refusal only happens when the round changed meanwhile.
 */

/**
 * The settings of a round people vote in: every kind but a pain-point round and a position text, which
 * take no ballot.
 */
export type VoteConfig = Exclude<RoundConfig, { kind: 'pain-points' | 'questions' | 'position-text' | 'word-cloud' }>;

/** Whether a round takes a ballot (a pain-point round takes entries, a position text co-written text). */
export function isVoteConfig(config: RoundConfig): config is VoteConfig {
  return (
    config.kind !== 'pain-points' &&
    config.kind !== 'questions' &&
    config.kind !== 'position-text' &&
    config.kind !== 'word-cloud'
  );
}

/** How many levels a scale or agreement round offers per option. */
export function levelCount(config: RoundConfig): number {
  if (config.kind === 'scale') return config.labels.length;
  if (config.kind === 'agreement') return AGREEMENT_LEVELS[config.preset];
  return 0;
}

/** The form as it starts: the earlier ballot of this round when there is one of the right kind. */
export function startingBallot(config: VoteConfig, options: readonly VoteOption[], earlier: Ballot | null): Ballot {
  const ids = options.map((o) => o.id);
  const same = earlier?.kind === config.kind ? earlier : null;
  switch (config.kind) {
    case 'single-choice':
      return same ?? { kind: 'single-choice', optionId: '' };
    case 'multiple-choice':
      return same ?? { kind: 'multiple-choice', optionIds: [] };
    case 'dot-voting':
      return same ?? { kind: 'dot-voting', dots: {} };
    case 'ranking':
      return { kind: 'ranking', order: startingOrder(ids, same?.kind === 'ranking' ? same.order : null) };
    case 'scale':
    case 'agreement':
      return same ?? { kind: config.kind, answers: {} };
  }
}

/** Why the ballot may not be sent yet (the server's code for it), or null. */
export type BallotProblem =
  Extract<ErrorCode, 'CHOICE_COUNT' | 'BUDGET_EXCEEDED' | 'MAX_PER_OPTION_EXCEEDED'> | 'EMPTY';

export function ballotProblem(config: RoundConfig, ballot: Ballot): BallotProblem | null {
  switch (ballot.kind) {
    case 'single-choice':
      return ballot.optionId ? null : 'EMPTY';
    case 'multiple-choice': {
      if (config.kind !== 'multiple-choice') return null;
      const n = ballot.optionIds.length;
      return n < config.min || n > config.max ? 'CHOICE_COUNT' : null;
    }
    case 'dot-voting': {
      if (config.kind !== 'dot-voting') return null;
      const spent = spentDots(ballot.dots);
      if (spent === 0) return 'EMPTY';
      if (Object.values(ballot.dots).some((n) => n > config.maxPerOption)) return 'MAX_PER_OPTION_EXCEEDED';
      return spent > config.budget ? 'BUDGET_EXCEEDED' : null;
    }
    case 'ranking':
      return null;
    case 'scale':
    case 'agreement':
      return Object.keys(ballot.answers).length === 0 ? 'EMPTY' : null;
    case 'word-cloud':
      return ballot.answers.length === 0 ? 'EMPTY' : null;
  }
}

/** Multiple choice: ticks an option on or off; ids stay in the round's order so equal ballots compare equal. */
export function toggleChoice(options: readonly VoteOption[], chosen: readonly string[], optionId: string): string[] {
  const set = new Set(chosen);
  if (set.has(optionId)) set.delete(optionId);
  else set.add(optionId);
  return options.map((o) => o.id).filter((id) => set.has(id));
}

/** A record as sorted entries; `dropZeros` for dots, where 0 on an option is the same as none. */
const sortedEntries = (record: Readonly<Record<string, number>>, dropZeros = false) =>
  JSON.stringify(
    Object.entries(record)
      .filter(([, n]) => !dropZeros || n !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );

/** Whether two ballots say the same (zero dots count as absent), to tell "changed, not sent yet". */
export function sameBallot(a: Ballot | null, b: Ballot | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'single-choice':
      return a.optionId === (b as typeof a).optionId;
    case 'multiple-choice':
      return [...a.optionIds].sort().join('\n') === [...(b as typeof a).optionIds].sort().join('\n');
    case 'ranking':
      return a.order.join('\n') === (b as typeof a).order.join('\n');
    case 'dot-voting':
      return sortedEntries(a.dots, true) === sortedEntries((b as typeof a).dots, true);
    case 'scale':
    case 'agreement':
      return sortedEntries(a.answers) === sortedEntries((b as typeof a).answers);
    case 'word-cloud':
      return JSON.stringify(a) === JSON.stringify(b);
  }
}
