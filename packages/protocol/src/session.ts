import { z } from 'zod';
import { LIMITS, PROTOCOL_VERSION } from './constants.ts';
import { LocalId, RoundId, SessionId } from './ids.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const Zone = z.object({ id: LocalId, name: text(80) });
export type Zone = z.infer<typeof Zone>;

export const RoundKind = z.enum(['single-choice']);
export type RoundKind = z.infer<typeof RoundKind>;

export const RoundStatus = z.enum(['draft', 'open', 'closed']);
export type RoundStatus = z.infer<typeof RoundStatus>;

export const VoteOption = z.object({ id: LocalId, label: text(120) });
export type VoteOption = z.infer<typeof VoteOption>;

export const SessionTitle = text(LIMITS.title);
export const ZoneName = text(LIMITS.zoneName);
export const Question = text(LIMITS.question);
export const OptionLabel = text(LIMITS.optionLabel);
export const ParticipantName = z.string().trim().max(LIMITS.participantName);

/** What anyone with the join code may see before joining. */
export const SessionInfo = z.object({
  sessionId: SessionId,
  title: z.string(),
  zones: z.array(Zone),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const RoundPublic = z.object({
  id: RoundId,
  kind: RoundKind,
  question: z.string(),
  options: z.array(VoteOption),
  status: RoundStatus,
});
export type RoundPublic = z.infer<typeof RoundPublic>;

/** Counts per option; ballots = number of people who voted. */
export const Tally = z.object({
  ballots: z.number().int().nonnegative(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
});
export type Tally = z.infer<typeof Tally>;

/** Broadcast to every phone of a session: no results, no other people. */
export const ParticipantView = z.object({
  protocolVersion: z.literal(PROTOCOL_VERSION),
  session: SessionInfo,
  round: RoundPublic.nullable(),
});
export type ParticipantView = z.infer<typeof ParticipantView>;

/** What one phone knows of itself: its zone, its name and its choice in the current round. */
export const ParticipantSelf = z.object({
  zoneId: LocalId,
  name: z.string(),
  /** The option this participant chose in the current round, while it is open. */
  choice: LocalId.nullable(),
});
export type ParticipantSelf = z.infer<typeof ParticipantSelf>;

export const FacilitatorRound = RoundPublic.extend({ tally: Tally });
export type FacilitatorRound = z.infer<typeof FacilitatorRound>;

export const Attendance = z.object({
  /** People who joined the session. */
  joined: z.number().int().nonnegative(),
  /** Phones connected right now. */
  online: z.number().int().nonnegative(),
  joinedByZone: z.record(z.string(), z.number().int().nonnegative()),
});
export type Attendance = z.infer<typeof Attendance>;

/** Sent to the facilitator's console: live tallies and attendance, never who voted what. */
export const FacilitatorView = z.object({
  protocolVersion: z.literal(PROTOCOL_VERSION),
  session: SessionInfo.extend({ joinCode: z.string() }),
  attendance: Attendance,
  rounds: z.array(FacilitatorRound),
  currentRoundId: RoundId.nullable(),
});
export type FacilitatorView = z.infer<typeof FacilitatorView>;
