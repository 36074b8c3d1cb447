import { FLOORS, type RoundConfig, type RoundResults, type VoteOption, type Zone } from '@vrijuit/protocol';
import { breakdown } from './breakdown.ts';
import type { CastBallot } from './cast-ballot.ts';
import { presentResult } from './present.ts';
import { tallyBallots } from './sums.ts';
import { validateBallot } from './validate.ts';
import { municipalityTally } from './voice.ts';

/** PA2: how many of the counted ballots came from paper (one pass, no copy: the phone path stays as fast). */
function paperCount(ballots: readonly CastBallot[]): number {
  let n = 0;
  for (const c of ballots) if (c.paper) n += 1;
  return n;
}

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
  const { config, options, zones, settings } = input;
  // AN24: a session stored before the floors may hold a lower k; results never use less than the floor.
  const k = Math.max(settings.anonymityThreshold, FLOORS.anonymityThreshold);
  const ballots = input.ballots.filter((c) => validateBallot(config, options, c.ballot) === null);
  const total = tallyBallots(
    config,
    options,
    ballots.map((c) => c.ballot),
  );
  const municipal = municipalityTally(config, options, ballots, zones, settings.weighted);
  return {
    respondents: total.n,
    // PA2: per person only; the breakdowns count paper ballots in their figures, not towards k (AN23).
    paper: paperCount(ballots),
    perPerson: presentResult(config, options, total),
    // AN6: a second, differently weighted sum of the same ballots next to the per-person tally can
    // single out a small municipality's ballots by subtraction; it is shown only when every voting
    // municipality has at least k voters on a phone (AN23: the facilitator can take out the paper ones).
    perMunicipality: !municipal
      ? null
      : municipal.voices > 0 && municipal.fewestPhoneVoters < k
        ? { withheld: true }
        : { withheld: false, voices: municipal.voices, result: presentResult(config, options, municipal.sums) },
    breakdown: input.withBreakdown ? breakdown({ config, options, ballots, zones, threshold: k }) : null,
  };
}
