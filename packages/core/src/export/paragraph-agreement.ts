import type { RoundConfig, RoundResults, VoteOption } from '@vrijuit/protocol';
import { AGREEMENT_LEVELS } from '@vrijuit/protocol/constants';
import { shortenLabel } from './text-nodes.ts';

/** What a paragraph's agreement result needs of a round (a console's round or core's own). */
export interface AgreementRoundLike {
  readonly id: string;
  readonly config: RoundConfig;
  readonly options: readonly VoteOption[];
  readonly results: RoundResults | null;
}

export interface ParagraphAgreementOf<R extends AgreementRoundLike> {
  readonly round: R;
  /** Answers per level (0 full support … the preset's last level). */
  readonly counts: number[];
  /** People who answered this statement. */
  readonly respondents: number;
}

/**
 * A paragraph's result: that of the latest agreement round (in agenda order) with results and a
 * statement equal to the paragraph shortened; null when no round has one.
 */
export function paragraphAgreement<R extends AgreementRoundLike>(
  paragraph: string,
  rounds: readonly R[],
): ParagraphAgreementOf<R> | null {
  const label = shortenLabel(paragraph);
  if (label.length === 0) return null;
  for (let i = rounds.length - 1; i >= 0; i--) {
    const round = rounds[i];
    if (!round || round.config.kind !== 'agreement' || !round.results) continue;
    const option = round.options.find((o) => o.label === label);
    if (!option) continue;
    const row = round.results.perPerson.matrix?.[option.id] ?? [];
    const counts = Array.from({ length: AGREEMENT_LEVELS[round.config.preset] }, (_, l) => row[l] ?? 0);
    return { round, counts, respondents: counts.reduce((a, b) => a + b, 0) };
  }
  return null;
}
