import type { Municipality, RoundConfig, VoteOption, Zone } from '@vrijuit/protocol';
import type { CastBallot } from './cast-ballot.ts';
import { groupTallies, type GroupTally } from './running-tally.ts';
import { addScaled, emptySums, isLevelKind, type Sums } from './sums.ts';

/**
 * A group's one voice (TA7): the mean of its members' contributions, so a municipality that sends
 * five people weighs as much as one that sends one. For scale and agreement the mean is taken per
 * option over the members who answered it: each matrix row becomes a distribution summing to 1 and the
 * value the group's mean level, so a member skipping an option does not pull the group towards level 0.
 * An empty group has no voice (n = 0, all zeros).
 */
export function oneVoice(config: RoundConfig, sums: Sums): Sums {
  if (sums.n === 0) return emptySums(config, sums.values.length);
  if (!isLevelKind(config)) {
    const f = 1 / sums.n;
    return {
      n: 1,
      values: sums.values.map((v) => v * f),
      matrix: sums.matrix?.map((row) => row.map((v) => v * f)) ?? null,
    };
  }
  const answered = (sums.matrix ?? []).map((row) => row.reduce((a, b) => a + b, 0));
  const per = (i: number, v: number) => ((answered[i] ?? 0) > 0 ? v / answered[i]! : 0);
  return {
    n: 1,
    values: sums.values.map((v, i) => per(i, v)),
    matrix: sums.matrix?.map((row, i) => row.map((v) => per(i, v))) ?? null,
  };
}

/** Municipalities in session order (zone by zone), each found by its zone and its own id. */
function municipalitiesOf(zones: readonly Zone[]): Map<string, Map<string, Municipality>> {
  return new Map(zones.map((z) => [z.id, new Map(z.municipalities.map((m) => [m.id, m]))]));
}

/**
 * The per-municipality tally (TA7): each municipality with at least one ballot is one voice, and the
 * session result is Σ w_m·voice_m with the weights scaled to sum to `voices` (the number of voting
 * municipalities), so an unweighted tally reads as "municipalities voting X" and a weighted one keeps
 * the same total. w_m is the municipality's weight when `weighted`, else 1. A ballot without a
 * municipality, or with one that is not in its zone, has no municipality to speak for and is left out.
 * Null when no zone has municipalities. `fewestPhoneVoters` is the fewest phone ballots any voting
 * municipality has (AN6, AN23: paper ballots do not count towards k; a municipality voting on paper only has 0).
 */
export function municipalityTally(
  config: RoundConfig,
  options: readonly VoteOption[],
  ballots: readonly CastBallot[],
  zones: readonly Zone[],
  weighted: boolean,
): { voices: number; fewestPhoneVoters: number; sums: Sums } | null {
  return municipalityTallyOf(config, options, groupTallies(config, options, ballots), zones, weighted);
}

/** `municipalityTally` from the groups of a running tally (SE7): options x municipalities, not per ballot. */
export function municipalityTallyOf(
  config: RoundConfig,
  options: readonly VoteOption[],
  groups: readonly GroupTally[],
  zones: readonly Zone[],
  weighted: boolean,
): { voices: number; fewestPhoneVoters: number; sums: Sums } | null {
  if (!zones.some((z) => z.municipalities.length > 0)) return null;
  const lookup = municipalitiesOf(zones);
  const groupOf = new Map<Municipality, GroupTally>();
  for (const g of groups) {
    const m = g.municipalityId === null ? undefined : lookup.get(g.zoneId)?.get(g.municipalityId);
    if (m) groupOf.set(m, g);
  }
  // Session order, not arrival order, so the floating-point sum does not depend on who voted first.
  const voting = zones.flatMap((z) => z.municipalities).filter((m) => groupOf.has(m));
  const weightOf = (m: Municipality) => (weighted ? m.weight : 1);
  const totalWeight = voting.reduce((sum, m) => sum + weightOf(m), 0);
  let sums = emptySums(config, options.length);
  for (const m of voting) {
    sums = addScaled(sums, oneVoice(config, groupOf.get(m)!.sums), (weightOf(m) * voting.length) / totalWeight);
  }
  const fewest = Math.min(...voting.map((m) => groupOf.get(m)!.phone));
  return { voices: voting.length, fewestPhoneVoters: voting.length ? fewest : 0, sums };
}
