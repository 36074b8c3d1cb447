/**
 * Which groups of one breakdown level to hide (AN4, AN5). A level is a parent whose result is shown
 * (the session total for zones, a zone for its municipalities) and its groups, whose respondents are
 * `sizes` (in display order). Returns, per group, whether it is suppressed.
 *
 * - AN4: a group with 0 < n < k is suppressed.
 * - AN5: the hidden part of the parent is what anyone can compute as parent − Σ shown groups. While
 *   that part holds between 1 and k−1 people it would give away those few, so the smallest shown
 *   non-empty group is suppressed too (the first one on a tie, to stay deterministic), until it holds
 *   at least k people or there is no group left to hide (then everything is hidden and the difference
 *   is the parent itself, which is shown anyway).
 * - People of the parent who are in no group (`parentSize` − Σ sizes, e.g. a ballot of a zone not in
 *   the session) are never shown, so they count as hidden from the start.
 * - An empty group (n = 0) is shown as 0 respondents: it reveals nobody. It is never chosen as a
 *   complement, because hiding it adds nobody to the hidden part and so protects no one.
 */
export function suppress(sizes: readonly number[], parentSize: number, k: number): boolean[] {
  const hidden = sizes.map((n) => n > 0 && n < k);
  const grouped = sizes.reduce((a, b) => a + b, 0);
  let hiddenSize = Math.max(0, parentSize - grouped);
  sizes.forEach((n, i) => {
    if (hidden[i]) hiddenSize += n;
  });
  while (hiddenSize > 0 && hiddenSize < k) {
    let pick = -1;
    sizes.forEach((n, i) => {
      if (!hidden[i] && n > 0 && (pick < 0 || n < sizes[pick]!)) pick = i;
    });
    if (pick < 0) break;
    hidden[pick] = true;
    hiddenSize += sizes[pick]!;
  }
  return hidden;
}
