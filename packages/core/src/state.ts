import type { RoundKind, RoundStatus, VoteOption, Zone } from '@vrijuit/protocol';

export interface Participant {
  readonly id: string;
  /** sha-256 of the phone's bearer token; the token itself is never stored. */
  readonly tokenHash: string;
  readonly zoneId: string;
  readonly name: string;
}

/** One person's ballot while a round is open, keyed by a voter key that is unlinkable across rounds. */
export interface Ballot {
  readonly zoneId: string;
  readonly optionId: string;
}

/** Counts per zone per option: what remains of a round once it is closed. */
export type ZoneTally = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface Round {
  readonly id: string;
  readonly kind: RoundKind;
  readonly question: string;
  readonly options: readonly VoteOption[];
  readonly status: RoundStatus;
  /**
   * Secret the server derives voter keys from (HMAC of the participant id); dropped when the round
   * closes so the remaining aggregate cannot be tied back to anyone.
   */
  readonly voterSecret: string | null;
  /** Open round: ballots by voter key. Closed round: empty. */
  readonly ballots: Readonly<Record<string, Ballot>>;
  /** Closed round: the aggregate. Open or draft round: null. */
  readonly closedTally: ZoneTally | null;
}

export interface SessionState {
  readonly id: string;
  readonly title: string;
  readonly joinCode: string;
  readonly zones: readonly Zone[];
  readonly facilitatorTokenHash: string;
  readonly participants: Readonly<Record<string, Participant>>;
  readonly rounds: readonly Round[];
  readonly currentRoundId: string | null;
}
