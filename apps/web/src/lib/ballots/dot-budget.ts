/**
 * Dot voting arithmetic for the phone's steppers. The server refuses a ballot over the budget or
 * over the maximum per option; the phone never builds one, and says why a + did nothing.
 */
export interface DotRules {
  budget: number;
  maxPerOption: number;
}

export type Dots = Readonly<Record<string, number>>;

/** Why one more dot cannot go on an option: the budget is spent, or the option is full. */
export type DotRefusal = 'budget' | 'max-per-option';

export const dotsOn = (dots: Dots, optionId: string): number =>
  Object.hasOwn(dots, optionId) ? (dots[optionId] ?? 0) : 0;

export function spentDots(dots: Dots): number {
  return Object.values(dots).reduce((sum, n) => sum + n, 0);
}

export function remainingDots(rules: DotRules, dots: Dots): number {
  return Math.max(0, rules.budget - spentDots(dots));
}

/** Null when one more dot may go on the option; otherwise the reason it may not (option cap first). */
export function refuseDot(rules: DotRules, dots: Dots, optionId: string): DotRefusal | null {
  if (dotsOn(dots, optionId) >= rules.maxPerOption) return 'max-per-option';
  if (remainingDots(rules, dots) <= 0) return 'budget';
  return null;
}

/** One more dot on the option, or the same dots when the rules refuse it. */
export function addDot(rules: DotRules, dots: Dots, optionId: string): Dots {
  if (refuseDot(rules, dots, optionId)) return dots;
  return { ...dots, [optionId]: dotsOn(dots, optionId) + 1 };
}

/** One dot less on the option; an option at zero disappears from the ballot. */
export function removeDot(dots: Dots, optionId: string): Dots {
  const now = dotsOn(dots, optionId);
  if (now <= 0) return dots;
  const next = { ...dots };
  if (now === 1) delete next[optionId];
  else next[optionId] = now - 1;
  return next;
}
