import type {
  HideReason,
  ModerationLogEntry,
  RevealMode,
  RoundConfig,
  RoundPlain,
  ResultsPageSettings,
  RoundResults,
  SessionLanguage,
  SessionStatus,
  TextVersion,
  VoteOption,
  Zone,
} from '@vrijuit/protocol';
import type { CastBallot } from './results/index.ts';
import type { Participant, SessionSettings, WaitingJoin } from './state.ts';

/** A session's details beside its title (DE1). */
export interface SessionDetails {
  description: string;
  date: string | null;
  language: SessionLanguage;
}

/** Changes to a session's design (DE1-DE6); none touches people, input or results. */
export type DesignEvent =
  /** The session's details, zones and settings as they are after the change (all of them). */
  | ({
      type: 'session:updated';
      title: string;
      zones: Zone[];
      settings: SessionSettings;
    } & SessionDetails)
  | {
      type: 'round:updated';
      roundId: string;
      question: string;
      options: VoteOption[];
      config: RoundConfig;
      reveal: RevealMode;
      durationSeconds: number | null;
      compareKey: string | null;
      /** KT2: the round's plain-language wording; absent or null when none. */
      plain?: RoundPlain | null;
    }
  /** `position` is the round's index in the agenda after the move. */
  | { type: 'round:moved'; roundId: string; position: number }
  | { type: 'round:deleted'; roundId: string };

/** What happened to pain points (AN7-AN10, PP1-PP7). No event carries a participant id. */
export type PainPointEvent =
  | {
      type: 'painpoint:submitted';
      roundId: string;
      pointId: string;
      text: string;
      themeId: string | null;
      /** Counts against the limit in memory; the store does not keep it (AN7). Empty for paper. */
      voterKey: string;
      /** PA3: typed in from paper; counts against no limit, only in the round's paper count. */
      paper?: true;
    }
  /** Every waiting entry at once, ids sorted (random order, AN8, AN9). */
  | {
      type: 'painpoints:released';
      roundId: string;
      pointIds: string[];
      stage: 'queue' | 'wall';
      /** PA4: how many of the batch came from paper (a count; which ones is not kept). */
      paper?: number;
    }
  | { type: 'painpoint:supported'; roundId: string; pointId: string; supporterKey: string; supported: boolean }
  | { type: 'painpoint:hidden'; roundId: string; pointId: string; reason: HideReason | null }
  | { type: 'painpoints:approved'; roundId: string; pointIds: string[] }
  | {
      type: 'painpoint:merged';
      roundId: string;
      pointId: string;
      intoId: string;
      /** The target's support and supporters after the merge. */
      support: number;
      supporters: string[];
    }
  | { type: 'painpoint:themed'; roundId: string; pointId: string; themeId: string | null }
  /** QA2: a question marked answered, or not answered again. */
  | { type: 'question:answered'; roundId: string; pointId: string; answered: boolean }
  | { type: 'round:theme-added'; roundId: string; theme: VoteOption }
  /** ML1: a line of the wall's moderation log, after the events of the step it records. */
  | { type: 'moderation:logged'; roundId: string; entry: ModerationLogEntry };

/** The door (DO1-DO5, decide-door.ts). No event carries a time or a participant id. */
export type DoorEvent =
  | { type: 'door:changed'; closed: boolean }
  /** A join waits (again, or with what the phone sent after a restart: the store keeps no name). */
  | { type: 'door:waiting'; join: WaitingJoin }
  /** Waiting joins leave the door: let in (each followed by its `participant:joined`) or turned away. */
  | { type: 'door:cleared'; tokenHashes: string[] };

/**
 * What happened, as decided by core. The store turns each event into writes; the server's in-memory
 * state evolves by the same events, so both always agree. Events are not kept as a log: a log would
 * keep the order of inputs, which anonymity forbids.
 */
export type DomainEvent =
  | ({
      type: 'session:created';
      sessionId: string;
      title: string;
      joinCode: string;
      zones: Zone[];
      settings: SessionSettings;
      ownerAccountId: string;
    } & SessionDetails)
  | { type: 'participant:joined'; participant: Participant }
  /** LC1: the session moved to another status (decide-lifecycle.ts). */
  | { type: 'session:status-changed'; status: SessionStatus }
  /** RP2, RP3: the results page's settings as they now are, whole (decide-results-page.ts). */
  | { type: 'session:results-page-set'; resultsPage: ResultsPageSettings }
  | {
      type: 'round:created';
      roundId: string;
      question: string;
      options: VoteOption[];
      config: RoundConfig;
      reveal: RevealMode;
      durationSeconds: number | null;
      rerunOf: string | null;
      compareKey: string | null;
      /** KT2: the round's plain-language wording; absent or null when none. */
      plain?: RoundPlain | null;
      /** Index in the agenda; later rounds move down one. */
      position: number;
    }
  | { type: 'round:opened'; roundId: string; closesAt: number | null }
  | { type: 'round:timer-set'; roundId: string; closesAt: number | null }
  | { type: 'round:locked'; roundId: string; locked: boolean }
  | { type: 'round:revealed'; roundId: string; revealed: boolean }
  /** ST3: an open or closed round becomes the current round again; no round changes. */
  | { type: 'round:shown'; roundId: string }
  /** `results` null for a pain-point round (its outcome is the wall). */
  | { type: 'round:closed'; roundId: string; results: RoundResults | null }
  | ({ type: 'vote:cast'; roundId: string; voterKey: string } & CastBallot)
  /**
   * AN16: a phone's ballot is stored without its zone and municipality; after a restart the server puts
   * the groups back, in memory only, as each phone comes back. The store writes nothing for it.
   */
  | { type: 'ballot:placed'; roundId: string; voterKey: string; zoneId: string; municipalityId: string | null }
  /** TX3: the text's Yjs state goes to the store; the state keeps the version's name only. */
  | { type: 'text:version-saved'; roundId: string; version: TextVersion; snapshot: Uint8Array }
  | PainPointEvent
  | DesignEvent
  | DoorEvent;

export type DomainEventType = DomainEvent['type'];
