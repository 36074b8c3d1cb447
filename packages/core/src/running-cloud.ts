import { FLOORS, type Ballot } from '@vrijuit/protocol';
import { tableGet, tableSet, tableSetInPlace, type Table } from './table.ts';

/**
 * WC6: an open word-cloud round's words counted as ballots come and are replaced, so a view does not go
 * through every ballot (SE7's rule for the tally, here for the cloud). Per stem: how many participants
 * sent it and how many typed each form. `frequent` holds the stems at least FLOORS.anonymityThreshold
 * participants sent: no k is lower (AN20), so a view looks at these only, whatever the session's k.
 * A stem nobody sends any more keeps an entry with count 0 (the table has no delete); no view shows it.
 */
export interface StemCount {
  readonly count: number;
  /** Participants per form as typed (lower case); a form nobody types any more has 0. */
  readonly forms: Readonly<Record<string, number>>;
}

export interface RunningCloud {
  /** By `stemKey(stem)`. */
  readonly stems: Table<StemCount>;
  readonly frequent: Readonly<Record<string, true>>;
}

export const NO_CLOUD: RunningCloud = { stems: {}, frequent: {} };

/**
 * A stem's key in `stems`: two characters of its FNV-1a hash, then the stem. A table buckets by a key's
 * first two characters (SE6), which for words would crowd whole vocabularies into a few buckets (every
 * "fiets…" together), and a bucket is copied whole on each change.
 */
export function stemKey(stem: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < stem.length; i++) h = Math.imul(h ^ stem.charCodeAt(i), 0x01000193);
  return String.fromCharCode(48 + (h & 63), 48 + ((h >>> 6) & 63)) + stem;
}

const wordsOf = (ballot: Ballot | undefined) => (ballot?.kind === 'word-cloud' ? ballot.words : []);

/** `forms` with `form` moved by `sign`; a key such as "constructor" is an own property like any. */
function formsWith(forms: Readonly<Record<string, number>>, form: string, sign: 1 | -1): Record<string, number> {
  const next = { ...forms };
  Object.defineProperty(next, form, {
    value: (Object.hasOwn(forms, form) ? forms[form]! : 0) + sign,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return next;
}

/**
 * The cloud after a participant's ballot went from `previous` (undefined: a first ballot) to `next`: the
 * old words out, the new in; each stem once per ballot (WC3 makes them so). `mine`: SE8, the turn's draft
 * (the stems' table written in place where the draft owns it); without it nothing is changed.
 */
export function cloudWith(
  cloud: RunningCloud | undefined,
  previous: Ballot | undefined,
  next: Ballot,
  mine?: Set<object>,
): RunningCloud {
  if (previous === next) return cloud ?? NO_CLOUD;
  const before = wordsOf(previous);
  const after = wordsOf(next);
  if (before.length === 0 && after.length === 0) return cloud ?? NO_CLOUD;
  let stems = cloud?.stems ?? {};
  let frequent = cloud?.frequent ?? {};
  let copied = false;
  const move = (stem: string, form: string, sign: 1 | -1) => {
    const key = stemKey(stem);
    const was = tableGet(stems, key) ?? { count: 0, forms: {} };
    const now = { count: was.count + sign, forms: formsWith(was.forms, form, sign) };
    stems = mine ? tableSetInPlace(stems, key, now, mine) : tableSet(stems, key, now);
    const floor = FLOORS.anonymityThreshold;
    if (was.count < floor && now.count >= floor) {
      if (!copied) [frequent, copied] = [{ ...frequent }, true];
      Object.defineProperty(frequent, stem, { value: true, enumerable: true, writable: true, configurable: true });
    } else if (was.count >= floor && now.count < floor) {
      if (!copied) [frequent, copied] = [{ ...frequent }, true];
      delete (frequent as Record<string, true>)[stem];
    }
  };
  for (const word of before) move(word.stem, word.form, -1);
  for (const word of after) move(word.stem, word.form, 1);
  return { stems, frequent };
}

/** The running cloud of `ballots` counted from scratch: a round loaded from the store, a design change. */
export function cloudCountsOf(ballots: Iterable<Ballot>): RunningCloud {
  let cloud = NO_CLOUD;
  const mine = new Set<object>();
  for (const ballot of ballots) cloud = cloudWith(cloud, undefined, ballot, mine);
  return cloud;
}
