import type { RoundView, VoteOption } from '@vrijuit/protocol';

/** An option as a phone shows it: in plain language (KT3) its plain label, with the original beneath. */
export type ShownOption = VoteOption & { original?: string };

/** A round as a phone in plain language shows it (KT3): plain wording first, the original kept beside it. */
export interface PlainRound {
  round: RoundView & { options: ShownOption[] };
  /** The facilitator's own question, when a plain one is shown above it; null otherwise. */
  originalQuestion: string | null;
}

/**
 * KT3: with plain language on, the round's plain question and option labels take the original's place
 * and the original goes beneath; a missing or empty plain text falls back to the original.
 */
export function plainRound(round: RoundView, on: boolean): PlainRound {
  const plain = on ? round.plain : undefined;
  if (!plain) return { round, originalQuestion: null };
  const question = plain.question.trim();
  return {
    round: {
      ...round,
      question: question || round.question,
      options: round.options.map((option, i) => {
        const label = plain.options[i]?.trim();
        return label && label !== option.label ? { ...option, label, original: option.label } : option;
      }),
    },
    originalQuestion: question && question !== round.question ? round.question : null,
  };
}

/** KT4: what "Lees voor" reads: the question, then each option, one sentence each. */
export function readAloudText(round: { question: string; options: readonly VoteOption[] }): string {
  const sentence = (s: string) => (/[.!?…]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);
  return [round.question, ...round.options.map((o) => o.label)].map(sentence).join(' ');
}

/**
 * KT5: the mouth of a level's face, from a smile (level 0, full support) to a frown (the last level,
 * block): the y of the curve's control point in a 24×24 box (the mouth's ends sit at y 15).
 */
export function mouthCurve(level: number, levels: number): number {
  const t = levels > 1 ? level / (levels - 1) : 0;
  return Math.round((20 - 10 * t) * 10) / 10;
}
