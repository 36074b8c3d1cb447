/*
 * A module of its own (subpath `@vrijuit/protocol/question-order`): only the question screens use it,
 * which load lazily, so it stays out of the phone's first chunk with the constants (P6, PH9).
 */

/**
 * QA4: a question round's wall as screens list it: questions not yet answered first, then answered ones;
 * within each, most votes first, equal votes by id (random, so never the order people asked in: AN9).
 */
export function questionOrder<P extends { id: string; support: number; answered?: boolean }>(
  points: readonly P[],
): P[] {
  return [...points].sort(
    (a, b) =>
      Number(a.answered ?? false) - Number(b.answered ?? false) ||
      b.support - a.support ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
