import type { FacilitatorRound } from '@vrijuit/protocol';
import { paragraphAgreement } from '@vrijuit/core/text';

/*
 * Paragraphs of a position text put to an agreement check: the text's paragraphs (core's
 * `paragraphTexts`, the same the export uses) as statements of an agreement round, and back, each
 * paragraph's result found by its (shortened) statement.
 */
export { agreementStatements, paragraphTexts, shortenLabel } from '@vrijuit/core/text';

export interface ParagraphResult {
  roundId: string;
  /** Answers per level (0 full support … 7 veto). */
  counts: number[];
  /** People who answered this statement. */
  respondents: number;
}

/** Per paragraph, the result of the latest agreement round with its statement (core's `paragraphAgreement`). */
export function paragraphResults(
  paragraphs: readonly string[],
  rounds: readonly FacilitatorRound[],
): (ParagraphResult | null)[] {
  return paragraphs.map((paragraph) => {
    const found = paragraphAgreement(paragraph, rounds);
    return found && { roundId: found.round.id, counts: found.counts, respondents: found.respondents };
  });
}
