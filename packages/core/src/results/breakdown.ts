import type { GroupResult, RoundConfig, VoteOption, Zone } from '@vrijuit/protocol';
import type { CastBallot } from './cast-ballot.ts';
import { presentResult } from './present.ts';
import { groupTallies, type GroupTally } from './running-tally.ts';
import { addScaled, emptySums, type Sums } from './sums.ts';
import { suppress, type GroupSize } from './suppress.ts';

export interface Breakdown {
  readonly zones: GroupResult[];
  readonly municipalities: GroupResult[];
}

/** The id of the group of a zone's ballots that name no municipality of that zone (BR3). */
export const withoutMunicipalityId = (zoneId: string): string => `${zoneId}:?`;

/** One group of the breakdown: its sums (`n` respondents) and its size against k (AN23). */
interface Group {
  readonly id: string;
  readonly sums: Sums;
  readonly size: GroupSize;
}

/** The groups of a running tally taken together (whole numbers, so exactly what a recount gives). */
function combined(config: RoundConfig, optionCount: number, id: string, members: readonly GroupTally[]): Group {
  let sums = emptySums(config, optionCount);
  let phone = 0;
  for (const g of members) {
    sums = addScaled(sums, g.sums, 1);
    phone += g.phone;
  }
  return { id, sums, size: { respondents: sums.n, phone } };
}

/** Sorts the tally's groups into zones (session order) and, per zone, municipalities then the rest (BR2, BR3). */
function groupsOf(config: RoundConfig, optionCount: number, zones: readonly Zone[], groups: readonly GroupTally[]) {
  const join = (id: string, members: readonly GroupTally[]) => combined(config, optionCount, id, members);
  return zones.map((z) => {
    const members = groups.filter((g) => g.zoneId === z.id);
    const ids = new Set(z.municipalities.map((m) => m.id));
    const municipalities = z.municipalities
      .map((m) =>
        join(
          m.id,
          members.filter((g) => g.municipalityId === m.id),
        ),
      )
      .filter((g) => g.size.respondents > 0);
    const rest = members.filter((g) => g.municipalityId === null || !ids.has(g.municipalityId));
    // A zone without municipalities gets no such group: it would only repeat the zone's own row.
    if (rest.length > 0 && z.municipalities.length > 0) municipalities.push(join(withoutMunicipalityId(z.id), rest));
    return { zone: join(z.id, members), municipalities };
  });
}

/**
 * The breakdown of a closed round (BR1-BR3) with AN4/AN5/AN23 applied: zones against the session total,
 * each zone's municipalities against that zone, and every municipality of a suppressed zone suppressed
 * (otherwise its shown municipalities would add up to most of the hidden zone). `ballots` are the
 * ballots counted in the total, so that total − Σ shown zones is exactly the hidden part. Groups are
 * held to k in phone respondents (AN23); paper ballots still count in a shown group's figures.
 */
export function breakdown(input: {
  config: RoundConfig;
  options: readonly VoteOption[];
  ballots: readonly CastBallot[];
  zones: readonly Zone[];
  threshold: number;
}): Breakdown {
  const { ballots, ...rest } = input;
  return breakdownOf({ ...rest, groups: groupTallies(input.config, input.options, ballots) });
}

/** `breakdown` from the groups of a running tally (SE7): the same rules, options x groups of work. */
export function breakdownOf(input: {
  config: RoundConfig;
  options: readonly VoteOption[];
  groups: readonly GroupTally[];
  zones: readonly Zone[];
  threshold: number;
}): Breakdown {
  const { config, options, groups, zones, threshold: k } = input;
  const present = (g: Group, hidden: boolean): GroupResult =>
    hidden
      ? { id: g.id, suppressed: true }
      : {
          id: g.id,
          suppressed: false,
          respondents: g.size.respondents,
          result: presentResult(config, options, g.sums),
        };
  const sorted = groupsOf(config, options.length, zones, groups);
  const zoneHidden = suppress(
    sorted.map((g) => g.zone.size),
    combined(config, options.length, '', groups).size,
    k,
  );
  return {
    zones: sorted.map((g, i) => present(g.zone, zoneHidden[i]!)),
    municipalities: sorted.flatMap((g, i) => {
      const hidden = zoneHidden[i]
        ? g.municipalities.map(() => true)
        : suppress(
            g.municipalities.map((m) => m.size),
            g.zone.size,
            k,
          );
      return g.municipalities.map((m, j) => present(m, hidden[j]!));
    }),
  };
}
