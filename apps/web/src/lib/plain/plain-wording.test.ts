import type { RoundView } from '@vrijuit/protocol';
import { describe, expect, it } from 'vitest';
import { mouthCurve, plainRound, readAloudText } from './plain-wording.ts';

const round: RoundView = {
  id: 'r1',
  question: 'Welke maatregel geniet uw voorkeur?',
  options: [
    { id: 'o1', label: 'Verkeersluwe schoolomgeving' },
    { id: 'o2', label: 'Fietsstraat' },
  ],
  config: { kind: 'single-choice' },
  status: 'open',
  reveal: 'manual',
  revealed: false,
  locked: false,
  closesAt: null,
  rerunOf: null,
  compareKey: null,
  results: null,
  wall: null,
  plain: { question: 'Wat wil je het liefst?', options: ['Minder auto’s aan de school'] },
};

describe('plain wording', () => {
  it('KT3: the plain question and labels come first, the original beside them, an empty one falls back', () => {
    const shown = plainRound(round, true);
    expect(shown.round.question).toBe('Wat wil je het liefst?');
    expect(shown.originalQuestion).toBe('Welke maatregel geniet uw voorkeur?');
    expect(shown.round.options).toEqual([
      { id: 'o1', label: 'Minder auto’s aan de school', original: 'Verkeersluwe schoolomgeving' },
      { id: 'o2', label: 'Fietsstraat' },
    ]);
  });

  it('KT3: with plain language off, or no plain wording, the round is shown as the facilitator wrote it', () => {
    expect(plainRound(round, false)).toEqual({ round, originalQuestion: null });
    const { plain: _plain, ...bare } = round;
    expect(plainRound(bare, true)).toEqual({ round: bare, originalQuestion: null });
  });

  it('KT4: read aloud is the question and each option as a sentence', () => {
    expect(readAloudText(plainRound(round, true).round)).toBe(
      'Wat wil je het liefst? Minder auto’s aan de school. Fietsstraat.',
    );
  });

  it('KT5: the face smiles at full support and frowns at block', () => {
    expect(mouthCurve(0, 6)).toBeGreaterThan(15);
    expect(mouthCurve(5, 6)).toBeLessThan(15);
    expect(mouthCurve(1, 6)).toBeLessThan(mouthCurve(0, 6));
  });
});
