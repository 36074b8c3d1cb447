import type {
  HideReason,
  ModerationLogEntry,
  RevealMode,
  RoundConfig,
  ResultsPageSettings,
  RoundPlain,
  RoundResults,
  RoundStatus,
  SessionLanguage,
  SessionStatus,
  TextVersion,
  VoteOption,
  Zone,
} from '@vrijuit/protocol';
import type { CastBallot, RunningTally } from './results/index.ts';
import type { RunningCloud } from './running-cloud.ts';
import type { Participants } from './participants.ts';
import type { Table } from './table.ts';

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
  /** AN8: pain points are released at most once per this many seconds… */
  readonly releaseEverySeconds: number;
  /** …and only when at least this many wait. */
  readonly releaseMinEntries: number;
  /** DO2: once this many have joined, new phones wait at the door; null or absent: no limit. */
  readonly expectedParticipants?: number | null;
  /** KT1: phones show each round's plain-language wording first; absent: off. */
  readonly plainLanguage?: boolean;
}

/**
 * DO1: a join waiting at the door. It is a join, nothing more: the zone (and municipality) the phone
 * picked, for the per-zone count on the console, and its name for when it is let in. The store keeps
 * the token hash and the zone, never the name (DO9).
 */
export interface WaitingJoin {
  readonly tokenHash: string;
  readonly zoneId: string;
  readonly municipalityId: string | null;
  readonly name: string;
}

/** DO1-DO5: the session's door; a session without one has it open with nobody waiting. */
export interface DoorState {
  readonly closed: boolean;
  /** Waiting joins by token hash (random, so the order means nothing). */
  readonly waiting: Table<WaitingJoin>;
}

/**
 * Where a pain point is: `inbox` (submitted, waiting for the next batch, seen by nobody), `queue`
 * (released, waiting for the facilitator's approval), `wall` (released to the screens).
 */
export type PainPointStage = 'inbox' | 'queue' | 'wall';

/** One pain point. Nothing here names its author or a time (AN7). */
export interface PainPoint {
  /** Random, never time-ordered. */
  readonly id: string;
  readonly text: string;
  readonly themeId: string | null;
  readonly stage: PainPointStage;
  readonly hidden: HideReason | null;
  /** The entry this duplicate was merged into, or null. */
  readonly mergedInto: string | null;
  /** "Me too": distinct supporters plus the duplicates merged into it; kept when the round closes. */
  readonly support: number;
  /** Support keys (voter keys of the round) while the round is open; empty once closed (AN10). */
  readonly supporters: readonly string[];
  /** QA2: a question the facilitator marked answered; absent (false) on a pain point. */
  readonly answered?: boolean;
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
  /** Ties rounds asking the same across sessions (DE7); null when none. */
  readonly compareKey: string | null;
  /** KT2: the plain-language question and options; absent or null when none. */
  readonly plain?: RoundPlain | null;
  /**
   * Open round: ballots by voter key (AN1, AN11: made by the server from the phone's token, which no
   * file holds). Closed round: empty.
   */
  readonly ballots: Table<CastBallot>;
  /**
   * SE7: the open round's ballots counted per group, kept up to date with every ballot cast, changed
   * or placed, so a view does not recount them; equal to `tallyOf` the ballots. Closed round: empty.
   */
  readonly tally: RunningTally;
  /**
   * WC6: an open word-cloud round's words counted per stem, kept up to date with every ballot, so a view
   * does not recount the ballots (running-cloud.ts); absent means none. Closed round: absent.
   */
  readonly cloud?: RunningCloud;
  /** Closed round: the results with their suppressed breakdowns, all that is kept (AN1, AN4). */
  readonly closedResults: RoundResults | null;
  /** A pain-point round's entries by id (the table's order means nothing; views sort by id, AN9). */
  readonly points: Table<PainPoint>;
  /**
   * Pain points added per voter key while the round is open, to hold each participant to the round's
   * limit. The server keeps this in memory only, never on disk (AN7); it is empty once closed.
   */
  readonly submitted: Table<number>;
  /**
   * PA4: pain points from paper still in the inbox (memory only, like `submitted`) and released so far
   * (stored as a count on the round). Counts only: no entry is marked as paper. Absent means 0.
   */
  readonly paperWaiting?: number;
  readonly paperPoints?: number;
  /**
   * ML1: a pain-point round's moderation log, oldest first; absent means empty. It grows with the
   * facilitator's clicks, not with the room's input, so it is a plain list.
   */
  readonly moderation?: readonly ModerationLogEntry[];
  /** A position-text round's saved versions (their content is in the store only, TX3). */
  readonly versions: readonly TextVersion[];
}

export interface SessionState {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The day of the workshop, `YYYY-MM-DD`, or null. */
  readonly date: string | null;
  readonly language: SessionLanguage;
  readonly joinCode: string;
  /** LC1: draft → live → closed → archived (and back one step); see decide-lifecycle.ts. */
  readonly status: SessionStatus;
  readonly zones: readonly Zone[];
  readonly settings: SessionSettings;
  /**
   * The facilitator account that made the session (access is checked on the server against it and the
   * shares); null for sessions made before accounts existed.
   */
  readonly ownerAccountId: string | null;
  /** By id, by token hash, and counted (participants.ts): a join costs one bucket, not every participant. */
  readonly participants: Participants;
  readonly rounds: readonly Round[];
  readonly currentRoundId: string | null;
  /** The door (decide-door.ts); absent while it was never closed and nobody waited. */
  readonly door?: DoorState;
  /**
   * RP2, RP3: the results page after the session (decide-results-page.ts); absent until it was first
   * set or the session first closed: then the defaults (30 days, no note, not closed).
   */
  readonly resultsPage?: ResultsPageSettings;
}
