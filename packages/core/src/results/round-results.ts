import { FLOORS, type RoundConfig, type RoundResults, type VoteOption, type Zone } from '@vrijuit/protocol';
import { breakdownOf } from './breakdown.ts';
import type { CastBallot } from './cast-ballot.ts';
import { presentResult } from './present.ts';
import { groupsOf, tallyOf, type RunningTally } from './running-tally.ts';
import { addScaled, emptySums } from './sums.ts';
import { municipalityTallyOf } from './voice.ts';

/**
 * Everything about a round's results, for the projection and for the aggregate kept when a round
 * closes: the per-person tally (TA1-TA6), the per-municipality tally (TA7, withheld under AN6) and, for a closed round
 * only, the breakdown by zone and municipality with small groups suppressed (BR1-BR3, AN4, AN5).
 * A ballot that `validateBallot` refuses is not counted anywhere (TA9): every figure then comes from
 * the same set of ballots, so the breakdown adds up to the total it is suppressed against.
 */
export function roundResults(input: {
  config: RoundConfig;
  options: readonly VoteOption[];
  ballots: readonly CastBallot[];
  zones: readonly Zone[];
  settings: { anonymityThreshold: number; weighted: boolean };
  /** Breakdowns are only computed for closed rounds. */
  withBreakdown: boolean;
}): RoundResults {
  const { ballots, ...rest } = input;
  return resultsOfTally({ ...rest, tally: tallyOf(input.config, input.options, ballots) });
}

/**
 * SE7: `roundResults` from a round's running tally, the ballots already counted per group: options x
 * groups of work, however many ballots. The same rules: this is where they are applied.
 */
export function resultsOfTally(input: {
  config: RoundConfig;
  options: readonly VoteOption[];
  tally: RunningTally;
  zones: readonly Zone[];
  settings: { anonymityThreshold: number; weighted: boolean };
  withBreakdown: boolean;
}): RoundResults {
  const { config, options, zones, settings } = input;
  // AN24: a session stored before the floors may hold a lower k; results never use less than the floor.
  const k = Math.max(settings.anonymityThreshold, FLOORS.anonymityThreshold);
  const groups = groupsOf(input.tally);
  let total = emptySums(config, options.length);
  let phone = 0;
  for (const g of groups) {
    total = addScaled(total, g.sums, 1);
    phone += g.phone;
  }
  const municipal = municipalityTallyOf(config, options, groups, zones, settings.weighted);
  return {
    respondents: total.n,
    // PA2: per person only; the breakdowns count paper ballots in their figures, not towards k (AN23).
    paper: total.n - phone,
    perPerson: presentResult(config, options, total),
    // AN6: a second, differently weighted sum of the same ballots next to the per-person tally can
    // single out a small municipality's ballots by subtraction; it is shown only when every voting
    // municipality has at least k voters on a phone (AN23: the facilitator can take out the paper ones).
    perMunicipality: !municipal
      ? null
      : municipal.voices > 0 && municipal.fewestPhoneVoters < k
        ? { withheld: true }
        : { withheld: false, voices: municipal.voices, result: presentResult(config, options, municipal.sums) },
    breakdown: input.withBreakdown ? breakdownOf({ config, options, groups, zones, threshold: k }) : null,
  };
}
