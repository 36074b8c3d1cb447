import type { Ballot } from '@vrijuit/protocol';

/**
 * AN16: the zone of a phone's ballot loaded from the store after a restart, until its phone comes back
 * (`ballot:placed`); no zone of the session, so its ballot counts in the totals and in no group.
 */
export const UNPLACED = '';

/** A ballot as cast, with the groups of its voter (municipalityId null when the voter gave none). */
export interface CastBallot {
  /** The voter's zone, or UNPLACED. */
  readonly zoneId: string;
  readonly municipalityId: string | null;
  readonly ballot: Ballot;
  /** Entered from a paper form by the facilitator (PA1); absent on a phone's ballot. */
  readonly paper?: true;
}
