/** Helpers for the results unit tests only (not exported from the package). */
import type { Ballot, RoundConfig, VoteOption, Zone } from '@vrijuit/protocol';
import type { CastBallot } from './cast-ballot.ts';

export const options = (...ids: string[]): VoteOption[] => ids.map((id) => ({ id, label: id.toUpperCase() }));

export const cast = (zoneId: string, municipalityId: string | null, ballot: Ballot): CastBallot => ({
  zoneId,
  municipalityId,
  ballot,
});

export const single = (optionId: string): Ballot => ({ kind: 'single-choice', optionId });
export const multiple = (...optionIds: string[]): Ballot => ({ kind: 'multiple-choice', optionIds });
export const dots = (d: Record<string, number>): Ballot => ({ kind: 'dot-voting', dots: d });
export const ranking = (...order: string[]): Ballot => ({ kind: 'ranking', order });
export const scale = (answers: Record<string, number>): Ballot => ({ kind: 'scale', answers });
export const agreement = (answers: Record<string, number>): Ballot => ({ kind: 'agreement', answers });

export const SINGLE: RoundConfig = { kind: 'single-choice' };
export const MULTIPLE: RoundConfig = { kind: 'multiple-choice', min: 1, max: 2 };
export const DOTS: RoundConfig = { kind: 'dot-voting', budget: 5, maxPerOption: 3 };
export const RANKING: RoundConfig = { kind: 'ranking' };
export const SCALE: RoundConfig = { kind: 'scale', labels: ['no', 'neutral', 'yes'] };
export const FIST: RoundConfig = { kind: 'agreement', preset: 'fist-of-five' };

/** A zone with municipalities `${id}m1`, `${id}m2`, … of the given weights (the ids decide.ts makes). */
export const zone = (id: string, weights: number[] = []): Zone => ({
  id,
  name: id,
  municipalities: weights.map((weight, j) => ({ id: `${id}m${j + 1}`, name: `${id}m${j + 1}`, weight })),
});

/** Freezes a value and everything reachable from it, so any mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<string | symbol, unknown>)[key]);
  }
  return value;
}

/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same populations on every
 * run and machine, so a failing property case can be replayed from its seed.
 */
export function seeded(seed: number): { next: () => number; int: (lo: number, hi: number) => number } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** A whole number from lo to hi, both included. */
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int };
}
