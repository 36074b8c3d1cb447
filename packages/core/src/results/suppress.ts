/** A group (or a parent) of one breakdown level: how many respondents, and how many of them voted on a phone. */
export interface GroupSize {
  readonly respondents: number;
  /** Respondents who voted on a phone (the rest came from paper forms, PA1). */
  readonly phone: number;
}

/**
 * Which groups of one breakdown level to hide (AN4, AN5, AN23). A level is a parent whose result is
 * shown (the session total for zones, a zone for its municipalities) and its groups, whose sizes are
 * `sizes` (in display order). Returns, per group, whether it is suppressed.
 *
 * - AN4, AN23: a non-empty group with fewer than k phone respondents is suppressed, however many paper
 *   ballots it has. The facilitator typed those ballots, knows them and can take them out of a group's
 *   figures; what is left must still be k people (and invented ballots must lift nobody over k). Since
 *   phone ≤ respondents, every shown group has at least k respondents too.
 * - AN5: the hidden part of the parent is what anyone can compute as parent − Σ shown groups. While it
 *   holds between 1 and k−1 respondents (the room's view) or between 1 and k−1 phone respondents (the
 *   facilitator's view, paper taken out), it would give away those few, so the smallest shown non-empty
 *   group is suppressed too (the first one on a tie, to stay deterministic), until both are 0 or at least
 *   k, or there is no group left to hide (then everything is hidden and the difference is the parent
 *   itself, which is shown anyway). Every shown non-empty group has at least k of both, so one is enough.
 * - People of the parent who are in no group (`parent` − Σ sizes, e.g. a ballot of a zone not in the
 *   session) are never shown, so they count as hidden from the start.
 * - An empty group (0 respondents) is shown as 0: it reveals nobody. It is never chosen as a complement,
 *   because hiding it adds nobody to the hidden part and so protects no one.
 */
export function suppress(sizes: readonly GroupSize[], parent: GroupSize, k: number): boolean[] {
  const hidden = sizes.map((g) => g.respondents > 0 && g.phone < k);
  let hiddenAll = Math.max(0, parent.respondents - sizes.reduce((sum, g) => sum + g.respondents, 0));
  let hiddenPhone = Math.max(0, parent.phone - sizes.reduce((sum, g) => sum + g.phone, 0));
  sizes.forEach((g, i) => {
    if (!hidden[i]) return;
    hiddenAll += g.respondents;
    hiddenPhone += g.phone;
  });
  const exposes = (n: number) => n > 0 && n < k;
  while (exposes(hiddenAll) || exposes(hiddenPhone)) {
    let pick = -1;
    sizes.forEach((g, i) => {
      if (!hidden[i] && g.respondents > 0 && (pick < 0 || g.respondents < sizes[pick]!.respondents)) pick = i;
    });
    if (pick < 0) break;
    hidden[pick] = true;
    hiddenAll += sizes[pick]!.respondents;
    hiddenPhone += sizes[pick]!.phone;
  }
  return hidden;
}
