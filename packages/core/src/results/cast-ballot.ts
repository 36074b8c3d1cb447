import type { Ballot } from '@vrijuit/protocol';

/** A ballot as cast, with the groups of its voter (municipalityId null when the voter gave none). */
export interface CastBallot {
  readonly zoneId: string;
  readonly municipalityId: string | null;
  readonly ballot: Ballot;
  /** Entered from a paper form by the facilitator (PA1); absent on a phone's ballot. */
  readonly paper?: true;
}
