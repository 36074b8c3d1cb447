import type { KindResult, RoundConfig, VoteOption } from '@vrijuit/protocol';
import { isLevelKind, type Sums } from './sums.ts';

const rowSum = (row: readonly number[] | undefined): number => (row ?? []).reduce((a, b) => a + b, 0);

/**
 * Turns sums into the protocol's KindResult, keyed by option id in the round's option order.
 * - single, multiple, dots, ranking: `values` are the sums themselves, every option listed, zeros included.
 * - scale, agreement (TA5, TA6): `values[option]` is the mean level over those who answered that option;
 *   an option nobody answered has NO key in `values` (a mean of nothing is not 0, and NaN is not JSON),
 *   while its `matrix` row is listed with zeros.
 * Full precision is kept: rounding is the screen's business.
 */
export function presentResult(config: RoundConfig, options: readonly VoteOption[], sums: Sums): KindResult {
  const values: [string, number][] = [];
  options.forEach((o, i) => {
    const sum = sums.values[i] ?? 0;
    if (!isLevelKind(config)) values.push([o.id, sum]);
    else {
      // The row holds how many answered at each level (possibly weighted): its sum is who answered.
      const answered = rowSum(sums.matrix?.[i]);
      if (answered > 0) values.push([o.id, sum / answered]);
    }
  });
  // Object.fromEntries defines own properties, so an option id like `__proto__` stays a plain key.
  return {
    values: Object.fromEntries(values),
    matrix: sums.matrix ? Object.fromEntries(options.map((o, i) => [o.id, [...(sums.matrix?.[i] ?? [])]])) : null,
  };
}
