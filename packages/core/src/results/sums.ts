import { AGREEMENT_LEVELS } from '@vrijuit/protocol';
import type { Ballot, RoundConfig, VoteOption } from '@vrijuit/protocol';

/**
 * Running sums of a group's ballots (TA1-TA6), indexed like the round's options (index i = options[i]).
 * Arrays rather than records keyed by option id: ids come from people, and an id such as `__proto__`
 * must not be able to reach an object's prototype; records are built once, in `presentResult`.
 */
export interface Sums {
  /** Ballots summed (in a per-municipality tally: voices). */
  readonly n: number;
  /** Per option: votes, dots, Borda points, or (scale, agreement) the sum of the levels answered. */
  readonly values: readonly number[];
  /** Per option, per position (ranking) or level (scale, agreement): how many; null for other kinds. */
  readonly matrix: readonly (readonly number[])[] | null;
}

/** Levels of a scale or agreement round, positions of a ranking; null for kinds without a matrix. */
export function matrixWidth(config: RoundConfig, optionCount: number): number | null {
  switch (config.kind) {
    case 'ranking':
      return optionCount;
    case 'scale':
      return config.labels.length;
    case 'agreement':
      return AGREEMENT_LEVELS[config.preset];
    default:
      return null;
  }
}

/** Kinds whose value per option is a mean over those who answered that option (TA5, TA6). */
export const isLevelKind = (config: RoundConfig): boolean => config.kind === 'scale' || config.kind === 'agreement';

export function emptySums(config: RoundConfig, optionCount: number): Sums {
  const width = matrixWidth(config, optionCount);
  return {
    n: 0,
    values: new Array<number>(optionCount).fill(0),
    matrix: width === null ? null : Array.from({ length: optionCount }, () => new Array<number>(width).fill(0)),
  };
}

const indexes = new WeakMap<readonly VoteOption[], ReadonlyMap<string, number>>();
/** Where each option id sits in the round's option list: built once per list (a round's is kept). */
const indexOf = (options: readonly VoteOption[]): ReadonlyMap<string, number> => {
  let index = indexes.get(options);
  if (!index) {
    index = new Map(options.map((o, i) => [o.id, i]));
    indexes.set(options, index);
  }
  return index;
};

/**
 * Adds one ballot into mutable sums (`w` -1 takes it out again). Expects a ballot `validateBallot`
 * accepted; anything it cannot place (unknown option, level out of range) is skipped rather than
 * thrown, so a tally never fails.
 */
function addInto(
  values: number[],
  matrix: number[][] | null,
  index: ReadonlyMap<string, number>,
  ballot: Ballot,
  w: 1 | -1 = 1,
): void {
  const at = (id: string) => index.get(id);
  switch (ballot.kind) {
    case 'single-choice': {
      const i = at(ballot.optionId);
      if (i !== undefined) values[i]! += w;
      return;
    }
    case 'multiple-choice':
      // A Set, so a repeated id cannot vote twice even if validation was skipped.
      for (const id of new Set(ballot.optionIds)) {
        const i = at(id);
        if (i !== undefined) values[i]! += w;
      }
      return;
    case 'dot-voting':
      for (const [id, dots] of Object.entries(ballot.dots)) {
        const i = at(id);
        if (i !== undefined) values[i]! += w * dots;
      }
      return;
    case 'ranking': {
      // Borda: of L options, first place earns L-1 points, last place 0 (TA4).
      const last = values.length - 1;
      ballot.order.forEach((id, place) => {
        const i = at(id);
        const row = i === undefined ? undefined : matrix?.[i];
        if (i === undefined || row === undefined || place > last) return;
        values[i]! += w * (last - place);
        row[place]! += w;
      });
      return;
    }
    case 'scale':
    case 'agreement':
      for (const [id, level] of Object.entries(ballot.answers)) {
        const i = at(id);
        const row = i === undefined ? undefined : matrix?.[i];
        if (i === undefined || row === undefined || level >= row.length) continue;
        values[i]! += w * level;
        row[level]! += w;
      }
  }
}

/** The sums of a group's ballots; the inputs are left untouched (core is pure). */
export function tallyBallots(config: RoundConfig, options: readonly VoteOption[], ballots: readonly Ballot[]): Sums {
  const empty = emptySums(config, options.length);
  const values = [...empty.values];
  const matrix = empty.matrix?.map((row) => [...row]) ?? null;
  const index = indexOf(options);
  for (const ballot of ballots) addInto(values, matrix, index, ballot);
  return { n: ballots.length, values, matrix };
}

/**
 * SE7: `sums` with one ballot added (`sign` 1) or taken out (-1), for a running tally; `sums` itself is
 * not changed. Every figure is a whole number, so taking a ballot out leaves exactly what a recount gives.
 */
export function addBallot(
  sums: Sums,
  config: RoundConfig,
  options: readonly VoteOption[],
  ballot: Ballot,
  sign: 1 | -1,
): Sums {
  const values = [...sums.values];
  const matrix = sums.matrix?.map((row) => [...row]) ?? null;
  addInto(values, matrix, indexOf(options), ballot, sign);
  return { n: sums.n + sign, values, matrix };
}

/** Sums a draft may change in place (SE8): its own copy, never a state's. */
export interface OwnSums {
  n: number;
  values: number[];
  matrix: number[][] | null;
}

/** A copy of `sums` that its holder may change in place (`addBallotInPlace`). */
export const ownSums = (sums: Sums): OwnSums => ({
  n: sums.n,
  values: sums.values.slice(),
  matrix: sums.matrix?.map((row) => row.slice()) ?? null,
});

/** SE8: as `addBallot`, into sums the caller owns (`ownSums`), which it changes. */
export function addBallotInPlace(
  sums: OwnSums,
  config: RoundConfig,
  options: readonly VoteOption[],
  ballot: Ballot,
  sign: 1 | -1,
): void {
  addInto(sums.values, sums.matrix, indexOf(options), ballot, sign);
  sums.n += sign;
}

/** a + f·b, figure by figure: how voices are weighted and summed (TA7). */
export function addScaled(a: Sums, b: Sums, f: number): Sums {
  return {
    n: a.n + f * b.n,
    values: a.values.map((v, i) => v + f * (b.values[i] ?? 0)),
    matrix: a.matrix?.map((row, i) => row.map((v, l) => v + f * (b.matrix?.[i]?.[l] ?? 0))) ?? null,
  };
}
