import type { RoundConfig, VoteOption } from '@vrijuit/protocol';
import type { CastBallot } from './cast-ballot.ts';
import { addBallot, addBallotInPlace, ownSums, tallyBallots, type OwnSums, type Sums } from './sums.ts';
import { validateBallot } from './validate.ts';

/**
 * The counted ballots (TA9) of one group of voters: one zone (or UNPLACED, AN16) and one municipality
 * (or none, or one outside the zone: the breakdown and the per-municipality tally decide what that
 * means, against the session's zones as they are when a view is built).
 */
export interface GroupTally {
  readonly zoneId: string;
  readonly municipalityId: string | null;
  /** Their sums (TA1-TA6); `n` is how many ballots. */
  readonly sums: Sums;
  /** How many of them voted on a phone, not on paper (AN23). */
  readonly phone: number;
}

/**
 * SE7: an open round's results kept up to date as ballots come, change and move, so a view costs
 * options x groups and not every ballot (issue 17, P2). Only sums per group: everything that decides
 * what may be shown (AN4-AN6, AN23, RO7) stays in the one projection, which reads these.
 */
export interface RunningTally {
  /** Ballots held, counted or not: the console's respondents while the round is open. */
  readonly held: number;
  /** Counted ballots by group (`groupKey`); a group with no ballot left is not there. */
  readonly groups: Readonly<Record<string, GroupTally>>;
}

export const NO_TALLY: RunningTally = { held: 0, groups: {} };

/** JSON of the pair: a municipality id can hold any character, and no key can be `__proto__`. */
export const groupKey = (zoneId: string, municipalityId: string | null): string =>
  JSON.stringify([zoneId, municipalityId]);

export const groupsOf = (tally: RunningTally): GroupTally[] => Object.values(tally.groups);

/** `tally` with `cast` added (`sign` 1) or taken out (-1); a ballot TA9 does not count changes no group. */
function counted(
  groups: Readonly<Record<string, GroupTally>>,
  config: RoundConfig,
  options: readonly VoteOption[],
  cast: CastBallot,
  sign: 1 | -1,
): Readonly<Record<string, GroupTally>> {
  if (validateBallot(config, options, cast.ballot) !== null) return groups;
  const key = groupKey(cast.zoneId, cast.municipalityId);
  const group = groups[key] ?? {
    zoneId: cast.zoneId,
    municipalityId: cast.municipalityId,
    sums: tallyBallots(config, options, []),
    phone: 0,
  };
  const sums = addBallot(group.sums, config, options, cast.ballot, sign);
  const next = { ...groups };
  if (sums.n === 0) delete next[key];
  else next[key] = { ...group, sums, phone: group.phone + (cast.paper ? 0 : sign) };
  return next;
}

/**
 * The tally after a voter's ballot became `next` (a first ballot: `previous` undefined; a changed one
 * or one placed in its zone again, AN16: the old ballot is taken out first, so nobody counts twice).
 */
export function tallyWith(
  tally: RunningTally,
  config: RoundConfig,
  options: readonly VoteOption[],
  previous: CastBallot | undefined,
  next: CastBallot,
): RunningTally {
  const without = previous ? counted(tally.groups, config, options, previous, -1) : tally.groups;
  return { held: tally.held + (previous ? 0 : 1), groups: counted(without, config, options, next, 1) };
}

/** A group of a draft's own tally (SE8), changed in place. */
interface OwnGroup {
  readonly zoneId: string;
  readonly municipalityId: string | null;
  sums: OwnSums;
  phone: number;
}
/** A draft's own tally (SE8), changed in place. */
interface OwnTally {
  held: number;
  groups: Record<string, OwnGroup>;
}

/** As `counted`, into a tally the draft owns: a group not yet its own is copied once (into `mine`). */
function countedInPlace(
  tally: OwnTally,
  config: RoundConfig,
  options: readonly VoteOption[],
  cast: CastBallot,
  sign: 1 | -1,
  mine: Set<object>,
): void {
  if (validateBallot(config, options, cast.ballot) !== null) return;
  const key = groupKey(cast.zoneId, cast.municipalityId);
  let group = tally.groups[key];
  if (!group || !mine.has(group)) {
    group = {
      zoneId: cast.zoneId,
      municipalityId: cast.municipalityId,
      sums: group ? ownSums(group.sums) : ownSums(tallyBallots(config, options, [])),
      phone: group?.phone ?? 0,
    };
    mine.add(group);
    tally.groups[key] = group;
  }
  addBallotInPlace(group.sums, config, options, cast.ballot, sign);
  group.phone += cast.paper ? 0 : sign;
  if (group.sums.n === 0) delete tally.groups[key];
}

/**
 * SE8: `tallyWith` for a turn's draft: the tally, its groups and their sums are copied the first time the
 * draft changes them (and added to `mine`, what the draft owns), then changed in place. Equal to `tallyWith`.
 */
export function tallyWithInPlace(
  tally: RunningTally,
  config: RoundConfig,
  options: readonly VoteOption[],
  previous: CastBallot | undefined,
  next: CastBallot,
  mine: Set<object>,
): RunningTally {
  let own = tally as OwnTally;
  if (!mine.has(tally)) {
    own = { held: tally.held, groups: { ...tally.groups } as Record<string, OwnGroup> };
    mine.add(own);
  }
  if (previous) countedInPlace(own, config, options, previous, -1, mine);
  else own.held += 1;
  countedInPlace(own, config, options, next, 1, mine);
  return own;
}

/**
 * The groups of `ballots`, all of them counted (the caller leaves out what TA9 does not count): the
 * recount, for a round loaded from the store and for results computed from a list of ballots.
 */
export function groupTallies(
  config: RoundConfig,
  options: readonly VoteOption[],
  ballots: readonly CastBallot[],
): GroupTally[] {
  const byKey = new Map<string, CastBallot[]>();
  for (const cast of ballots) {
    const key = groupKey(cast.zoneId, cast.municipalityId);
    const members = byKey.get(key);
    if (members) members.push(cast);
    else byKey.set(key, [cast]);
  }
  return [...byKey.values()].map((members) => ({
    zoneId: members[0]!.zoneId,
    municipalityId: members[0]!.municipalityId,
    sums: tallyBallots(
      config,
      options,
      members.map((c) => c.ballot),
    ),
    phone: members.filter((c) => !c.paper).length,
  }));
}

/** The running tally of `ballots` counted from scratch (TA9: ballots that fail validation held, not counted). */
export function tallyOf(
  config: RoundConfig,
  options: readonly VoteOption[],
  ballots: readonly CastBallot[],
): RunningTally {
  const valid = ballots.filter((c) => validateBallot(config, options, c.ballot) === null);
  const groups = groupTallies(config, options, valid);
  return {
    held: ballots.length,
    groups: Object.fromEntries(groups.map((g) => [groupKey(g.zoneId, g.municipalityId), g])),
  };
}
