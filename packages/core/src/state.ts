import type { RevealMode, RoundConfig, RoundResults, RoundStatus, VoteOption, Zone } from '@vrijuit/protocol';
import type { CastBallot } from './results/index.ts';

export interface Participant {
  readonly id: string;
  /** sha-256 of the phone's bearer token; the token itself is never stored. */
  readonly tokenHash: string;
  readonly zoneId: string;
  readonly municipalityId: string | null;
  readonly name: string;
}

export interface SessionSettings {
  readonly anonymityThreshold: number;
  readonly weighted: boolean;
}

export interface Round {
  readonly id: string;
  readonly question: string;
  readonly options: readonly VoteOption[];
  readonly config: RoundConfig;
  readonly status: RoundStatus;
  readonly reveal: RevealMode;
  readonly revealed: boolean;
  readonly locked: boolean;
  /** Timer length set at creation; it starts when the round opens. */
  readonly durationSeconds: number | null;
  /** When the open round closes by itself (epoch ms), or null. */
  readonly closesAt: number | null;
  readonly rerunOf: string | null;
  /**
   * Secret the server derives voter keys from (HMAC of the participant id); dropped when the round
   * closes so nothing that remains can be tied back to anyone (AN1).
   */
  readonly voterSecret: string | null;
  /** Open round: ballots by voter key. Closed round: empty. */
  readonly ballots: Readonly<Record<string, CastBallot>>;
  /** Closed round: the results with their suppressed breakdowns, all that is kept (AN1, AN4). */
  readonly closedResults: RoundResults | null;
}

export interface SessionState {
  readonly id: string;
  readonly title: string;
  readonly joinCode: string;
  readonly zones: readonly Zone[];
  readonly settings: SessionSettings;
  readonly facilitatorTokenHash: string;
  readonly participants: Readonly<Record<string, Participant>>;
  readonly rounds: readonly Round[];
  readonly currentRoundId: string | null;
}
