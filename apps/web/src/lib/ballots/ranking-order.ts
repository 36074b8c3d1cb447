/** Ranking as an ordered list of option ids, moved one place at a time (buttons) or dropped (drag). */

/** The order to start from: the phone's earlier ranking if it still names every option once, else the round's order. */
export function startingOrder(optionIds: readonly string[], earlier: readonly string[] | null | undefined): string[] {
  if (earlier && earlier.length === optionIds.length && new Set(earlier).size === earlier.length) {
    const known = new Set(optionIds);
    if (earlier.every((id) => known.has(id))) return [...earlier];
  }
  return [...optionIds];
}

/** Moves the item at `from` to `to` (both clamped to the list); the others keep their order. */
export function moveTo(order: readonly string[], from: number, to: number): string[] {
  if (from < 0 || from >= order.length) return [...order];
  const target = Math.max(0, Math.min(order.length - 1, to));
  const next = [...order];
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item!);
  return next;
}

/** One place up (delta -1) or down (+1); at either end nothing moves. */
export const moveBy = (order: readonly string[], index: number, delta: -1 | 1): string[] =>
  moveTo(order, index, index + delta);
