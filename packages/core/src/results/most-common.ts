/**
 * The one most common answer of a scale or agreement statement (TA10): the level with the most answers,
 * when exactly one level has the most. `null` when nobody answered, `'tie'` when two or more levels share
 * the most answers (a 1-1-1-1-1 split has no most common answer: naming the first would mislead).
 */
export function mostCommonLevel(counts: readonly number[] | null | undefined): number | 'tie' | null {
  let best: number | null = null;
  let tied = false;
  (counts ?? []).forEach((count, level) => {
    if (!(count > 0)) return;
    const top = best === null ? 0 : counts![best]!;
    // Shares per municipality are fractions: equal up to rounding is equal.
    if (best !== null && Math.abs(count - top) <= 1e-9 * top) tied = true;
    else if (best === null || count > top) {
      best = level;
      tied = false;
    }
  });
  return tied ? 'tie' : best;
}
