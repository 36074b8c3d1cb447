import { z } from 'zod';
import {
  FLOORS,
  LIMITS,
  PROTOCOL_VERSION,
  raiseToFloors,
  RESULTS_NOTE_MAX,
  RESULTS_PAGE_DAYS,
  SESSION_STATUSES,
} from './constants.ts';
import { LocalId, PointId, RoundId, SessionId } from './ids.ts';
import { Moderation, Wall } from './pain-points.ts';
import { Ballot, RoundPublic, RoundResults } from './rounds.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const Municipality = z.object({ id: LocalId, name: z.string(), weight: z.number().positive() });
export type Municipality = z.infer<typeof Municipality>;

export const Zone = z.object({ id: LocalId, name: z.string(), municipalities: z.array(Municipality) });
export type Zone = z.infer<typeof Zone>;

export const SessionTitle = text(LIMITS.title);
export const ZoneName = text(LIMITS.zoneName);
export const Question = text(LIMITS.question);
export const OptionLabel = text(LIMITS.optionLabel);
export const ParticipantName = z.string().trim().max(LIMITS.participantName);

/** The languages a session (its phones, projector and export) can run in. */
export const SessionLanguage = z.enum(['nl-BE', 'en', 'fr']);
export type SessionLanguage = z.infer<typeof SessionLanguage>;

/** A calendar day, `YYYY-MM-DD`, that exists (no 2026-02-30). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine((s) => {
    const day = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(s);
  }, 'no such day');
export type IsoDate = z.infer<typeof IsoDate>;

export const SessionDescription = z.string().trim().max(LIMITS.description);

/** A zone as the facilitator enters it: a name, or a name with its municipalities (and their weights). */
export const ZoneInput = z.union([
  ZoneName,
  z.object({
    name: ZoneName,
    municipalities: z
      .array(z.object({ name: ZoneName, weight: z.number().positive().max(1e9).optional() }))
      .max(LIMITS.municipalities)
      .default([]),
  }),
]);
export type ZoneInput = z.input<typeof ZoneInput>;

/** Where a session is in its life (core LC1-LC7). */
export const SessionStatus = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof SessionStatus>;

/** What anyone with the join code may see before joining. */
export const SessionInfo = z.object({
  sessionId: SessionId,
  title: z.string(),
  zones: z.array(Zone),
  /** Phones show a thank-you screen instead of the round once the session is closed or archived. */
  status: SessionStatus,
  /** The session's language: the projector's, and a phone's when its browser asks for none Vrijuit has. */
  language: SessionLanguage,
  /** KT1: present (true) only when the session runs in plain language: phones show the plain wording first. */
  plainLanguage: z.literal(true).optional(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/**
 * A round with what the viewer may see of its outcome, null while hidden (RO7): a vote round's
 * `results`, a pain-point round's `wall` (the other is always null).
 */
export const RoundView = RoundPublic.extend({ results: RoundResults.nullable(), wall: Wall.nullable() });
export type RoundView = z.infer<typeof RoundView>;

/** Broadcast to every phone of a session: the current round, its results once revealed, nothing about people. */
export const ParticipantView = z.object({
  protocolVersion: z.literal(PROTOCOL_VERSION),
  /** The server's clock when the view was made, so countdowns survive a phone's wrong clock. */
  serverTime: z.number().int(),
  session: SessionInfo.extend({
    /**
     * WC10: the session's threshold k, as the projector has it: a word-cloud phone says a word shows only
     * once at least k people sent it. The room may know it; it reveals no one.
     */
    anonymityThreshold: z.number().int(),
  }),
  round: RoundView.nullable(),
  /**
   * Whether a draft round waits after the current one ("next" would open it, ST1): without one, a phone
   * on a closed round says no question is left instead of "wait for the next question" (PH3). Only the
   * agenda's shape, nothing about people; a server that does not send it means "maybe more".
   */
  moreRounds: z.boolean().default(true),
});
export type ParticipantView = z.infer<typeof ParticipantView>;

/** What one phone knows of itself: its zone and municipality, its name, its ballot in the current round. */
export const ParticipantSelf = z.object({
  zoneId: LocalId,
  municipalityId: LocalId.nullable(),
  name: z.string(),
  /** This participant's ballot in the current round, while it is open. */
  ballot: Ballot.nullable(),
  /**
   * The pain points of the current round this participant supports ("me too"), while it is open.
   * Its own entries are not here: the server does not know them (the phone keeps them, AN7).
   */
  supported: z.array(PointId),
});
export type ParticipantSelf = z.infer<typeof ParticipantSelf>;

export const Attendance = z.object({
  /** People who joined the session. */
  joined: z.number().int().nonnegative(),
  /** Phones connected right now. */
  online: z.number().int().nonnegative(),
  joinedByZone: z.record(z.string(), z.number().int().nonnegative()),
  /** ST6: phones connected right now per zone (every zone of the session, 0 when none). */
  onlineByZone: z.record(z.string(), z.number().int().nonnegative()),
});
export type Attendance = z.infer<typeof Attendance>;

/** A setting with a floor (AN20, AN21): a whole number from `floor` to `max`. */
export const floored = (floor: number, max: number) => z.number().int().min(floor).max(max);

export const AnonymityThreshold = floored(FLOORS.anonymityThreshold, LIMITS.anonymityThreshold);
export const ReleaseEverySeconds = floored(FLOORS.releaseEverySeconds, LIMITS.releaseEverySeconds);
export const ReleaseMinEntries = floored(FLOORS.releaseMinEntries, LIMITS.releaseMinEntries);

export const SessionSettings = z.object({
  /** AN4: the smallest group a breakdown shows (AN20: at least 3, and AN23: counted in phone voters). */
  anonymityThreshold: AnonymityThreshold,
  /** Whether municipalities count by their weight (e.g. population) in the per-municipality tally. */
  weighted: z.boolean(),
  /** AN8: new pain points are released at most once per this many seconds (AN21: at least 10)… */
  releaseEverySeconds: ReleaseEverySeconds,
  /** …and only when at least this many wait (AN21: at least 3; closing the round releases the rest). */
  releaseMinEntries: ReleaseMinEntries,
  /**
   * DO2: how many people the facilitator expects; once that many have joined, new phones wait at the
   * door. Null or absent: no such limit. A setting of the day, never part of a design (DE8).
   */
  expectedParticipants: z.number().int().min(1).max(LIMITS.expectedParticipants).nullable().optional(),
  /** KT1: phones show each round's plain-language wording first, with pictograms and read-aloud. Absent: off. */
  plainLanguage: z.boolean().optional(),
});
export type SessionSettings = z.infer<typeof SessionSettings>;

export const ResultsPageDays = z.number().int().min(0).max(RESULTS_PAGE_DAYS.max);
export const ResultsNote = z.string().max(RESULTS_NOTE_MAX);

/**
 * The session's results-page settings (RP2, RP3), kept with the session: the period, the note, and when
 * the session last closed (epoch ms; null while it has not, or closed before this existed).
 */
export const ResultsPageSettings = z.object({
  days: ResultsPageDays,
  note: ResultsNote,
  closedAt: z.number().int().nullable(),
});
export type ResultsPageSettings = z.infer<typeof ResultsPageSettings>;

/**
 * AN24: the settings of a design (a built-in or saved template) as read: any value an older build
 * allowed (from 1) is accepted and raised to the floors, so an old template still loads and never
 * starts a session below them.
 */
export const DesignSettings = z
  .object({
    anonymityThreshold: z.number().int().min(1).max(LIMITS.anonymityThreshold),
    weighted: z.boolean(),
    releaseEverySeconds: z.number().int().min(1).max(LIMITS.releaseEverySeconds),
    releaseMinEntries: z.number().int().min(1).max(LIMITS.releaseMinEntries),
    /** KT1: plain language on; absent in older designs (off). */
    plainLanguage: z.boolean().optional(),
  })
  .transform((settings) => raiseToFloors(settings));

/**
 * DO1-DO5: the session's door on the console: whether it is closed, and the joins waiting to be let in,
 * counted per zone (every zone of the session, 0 when none). Counts only: never a name or a token.
 */
export const DoorView = z.object({
  closed: z.boolean(),
  waiting: z.number().int().nonnegative(),
  waitingByZone: z.record(z.string(), z.number().int().nonnegative()),
});
export type DoorView = z.infer<typeof DoorView>;

/** A saved version of a position-text round's text (TX3); its content is fetched with text:get-version. */
export const TextVersion = z.object({
  id: RoundId,
  /** 1, 2, … in the order they were saved. */
  number: z.number().int().positive(),
  label: z.string(),
  /** The zone whose draft this is, or null for the plenary text. */
  zoneId: LocalId.nullable(),
});
export type TextVersion = z.infer<typeof TextVersion>;

/**
 * A round on the console: live results always (breakdowns only once closed), the response count (for a
 * pain-point round: entries released), and for a pain-point round what waits for release or approval.
 */
export const FacilitatorRound = RoundView.extend({
  respondents: z.number().int().nonnegative(),
  moderation: Moderation.nullable(),
  /** A position-text round's saved versions; null for other kinds. */
  versions: z.array(TextVersion).nullable(),
  /** The timer a round starts with when it opens (seconds), so editing a draft keeps it. */
  durationSeconds: z.number().int().nullable(),
});
export type FacilitatorRound = z.infer<typeof FacilitatorRound>;

/** Sent to the facilitator's console: live tallies and attendance, never who voted what. */
export const FacilitatorView = z.object({
  protocolVersion: z.literal(PROTOCOL_VERSION),
  serverTime: z.number().int(),
  session: SessionInfo.extend({
    joinCode: z.string(),
    settings: SessionSettings,
    description: z.string(),
    date: IsoDate.nullable(),
    /** RP2, RP3: the results page after the session (period, follow-up note, when it closed). */
    resultsPage: ResultsPageSettings,
  }),
  attendance: Attendance,
  /** The door (DO1-DO5); absent while it is open and nobody waits. */
  door: DoorView.optional(),
  rounds: z.array(FacilitatorRound),
  currentRoundId: RoundId.nullable(),
});
export type FacilitatorView = z.infer<typeof FacilitatorView>;

/** The room's screen: join code, the current round, counts, and results once revealed. */
export const ProjectorView = z.object({
  protocolVersion: z.literal(PROTOCOL_VERSION),
  serverTime: z.number().int(),
  session: SessionInfo.extend({
    joinCode: z.string(),
    /** The room may know the threshold: it explains why a group is hidden, and reveals no one. */
    anonymityThreshold: z.number().int(),
  }),
  joined: z.number().int().nonnegative(),
  round: RoundView.extend({ respondents: z.number().int().nonnegative() }).nullable(),
  /** The round the current one re-runs, with its results, for the before/after comparison. */
  previous: RoundView.nullable(),
});
export type ProjectorView = z.infer<typeof ProjectorView>;
