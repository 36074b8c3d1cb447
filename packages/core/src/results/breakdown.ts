import type { GroupResult, RoundConfig, VoteOption, Zone } from '@vrijuit/protocol';
import type { CastBallot } from './cast-ballot.ts';
import { presentResult } from './present.ts';
import { tallyBallots } from './sums.ts';
import { suppress, type GroupSize } from './suppress.ts';

export interface Breakdown {
  readonly zones: GroupResult[];
  readonly municipalities: GroupResult[];
}

/** The id of the group of a zone's ballots that name no municipality of that zone (BR3). */
export const withoutMunicipalityId = (zoneId: string): string => `${zoneId}:?`;

interface Group {
  readonly id: string;
  readonly ballots: readonly CastBallot[];
}

/** AN23: a group's respondents and how many of them voted on a phone (paper ballots carry `paper`). */
function sizeOf(ballots: readonly CastBallot[]): GroupSize {
  let phone = 0;
  for (const c of ballots) if (!c.paper) phone += 1;
  return { respondents: ballots.length, phone };
}

/** Sorts the ballots into zones (session order) and, per zone, municipalities then the rest (BR2, BR3). */
function groupsOf(zones: readonly Zone[], ballots: readonly CastBallot[]) {
  const byZone = new Map(zones.map((z) => [z.id, [] as CastBallot[]]));
  for (const cast of ballots) byZone.get(cast.zoneId)?.push(cast);
  return zones.map((z) => {
    const members = byZone.get(z.id) ?? [];
    const byMunicipality = new Map(z.municipalities.map((m) => [m.id, [] as CastBallot[]]));
    const rest: CastBallot[] = [];
    for (const cast of members) {
      const list = cast.municipalityId === null ? undefined : byMunicipality.get(cast.municipalityId);
      (list ?? rest).push(cast);
    }
    const municipalities: Group[] = z.municipalities
      .map((m) => ({ id: m.id, ballots: byMunicipality.get(m.id) ?? [] }))
      .filter((g) => g.ballots.length > 0);
    // A zone without municipalities gets no such group: it would only repeat the zone's own row.
    if (rest.length > 0 && z.municipalities.length > 0) {
      municipalities.push({ id: withoutMunicipalityId(z.id), ballots: rest });
    }
    return { zone: { id: z.id, ballots: members } satisfies Group, municipalities };
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
  const { config, options, ballots, zones, threshold: k } = input;
  const present = (g: Group, hidden: boolean): GroupResult =>
    hidden
      ? { id: g.id, suppressed: true }
      : {
          id: g.id,
          suppressed: false,
          respondents: g.ballots.length,
          result: presentResult(
            config,
            options,
            tallyBallots(
              config,
              options,
              g.ballots.map((c) => c.ballot),
            ),
          ),
        };
  const groups = groupsOf(zones, ballots);
  const zoneHidden = suppress(
    groups.map((g) => sizeOf(g.zone.ballots)),
    sizeOf(ballots),
    k,
  );
  return {
    zones: groups.map((g, i) => present(g.zone, zoneHidden[i]!)),
    municipalities: groups.flatMap((g, i) => {
      const hidden = zoneHidden[i]
        ? g.municipalities.map(() => true)
        : suppress(
            g.municipalities.map((m) => sizeOf(m.ballots)),
            sizeOf(g.zone.ballots),
            k,
          );
      return g.municipalities.map((m, j) => present(m, hidden[j]!));
    }),
  };
}
