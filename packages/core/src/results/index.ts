/** The pure tally engine of voting rounds: validation, tallies, breakdowns and their suppression. */
export type { CastBallot } from './cast-ballot.ts';
export { UNPLACED } from './cast-ballot.ts';
export { validateBallot, validateConfig } from './validate.ts';
export { resultsOfTally, roundResults } from './round-results.ts';
export { NO_TALLY, tallyOf, tallyWith, type GroupTally, type RunningTally } from './running-tally.ts';
export { addBallot, emptySums, addScaled, isLevelKind, matrixWidth, tallyBallots, type Sums } from './sums.ts';
export { presentResult } from './present.ts';
export { municipalityTally, oneVoice } from './voice.ts';
export { suppress } from './suppress.ts';
export { breakdown, withoutMunicipalityId, type Breakdown } from './breakdown.ts';
export { mostCommonLevel } from './most-common.ts';
