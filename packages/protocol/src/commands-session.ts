import { z } from 'zod';
import { command } from './command.ts';
import { DEFAULTS, LIMITS } from './constants.ts';
import { RoundDesign } from './design.ts';
import { CommandId, JoinCode, LocalId, SessionId, Token } from './ids.ts';
import {
  AnonymityThreshold,
  FacilitatorView,
  IsoDate,
  ParticipantName,
  ParticipantSelf,
  ParticipantView,
  ProjectorView,
  ReleaseEverySeconds,
  ReleaseMinEntries,
  SessionDescription,
  SessionInfo,
  SessionLanguage,
  SessionTitle,
  ZoneInput,
} from './session.ts';

/** Creating, finding and joining a session; attaching a console or the room's screen. */
export const sessionCommands = {
  'session:create': command({
    by: 'account',
    description:
      'Create a session owned by the signed-in account, with its agenda of draft rounds when a design (template) gives one. A retry after a lost ack (same commandId, same account) returns the same session.',
    request: z.object({
      commandId: CommandId,
      title: SessionTitle,
      zones: z.array(ZoneInput).min(1).max(LIMITS.zones),
      /** AN20: at least 3; below is refused with BELOW_FLOOR. */
      anonymityThreshold: AnonymityThreshold.default(DEFAULTS.anonymityThreshold),
      weighted: z.boolean().default(false),
      /** AN21: at least 10 s and 3 entries; below is refused with BELOW_FLOOR. */
      releaseEverySeconds: ReleaseEverySeconds.default(DEFAULTS.releaseEverySeconds),
      releaseMinEntries: ReleaseMinEntries.default(DEFAULTS.releaseMinEntries),
      /** KT1: phones show each round's plain-language wording first (off when left out). */
      plainLanguage: z.boolean().optional(),
      description: SessionDescription.default(''),
      date: IsoDate.nullable().default(null),
      language: SessionLanguage.default('nl-BE'),
      /** The agenda of a design (e.g. a template): its rounds are created as drafts in the same commit. */
      agenda: z.array(RoundDesign).max(LIMITS.agenda).default([]),
    }),
    response: z.object({ sessionId: SessionId, joinCode: z.string() }),
  }),
  'session:lookup': command({
    by: 'anyone',
    description: 'Find a session by its join code, to show its title and zones before joining.',
    request: z.object({ joinCode: JoinCode }),
    response: SessionInfo,
  }),
  'participant:join': command({
    by: 'anyone',
    description:
      'Join a session as a participant. The phone makes its own token and keeps it; joining again with the same token is the same participant. A token the session does not know may have to wait at the door (`WAITING_AT_DOOR`: the door is closed or the expected number has joined); the phone keeps the connection and sends the same join again on `door:admitted` (and after a reconnect). New tokens are limited per address (`RATE_LIMITED`, DO6).',
    request: z.object({
      joinCode: JoinCode,
      token: Token,
      zoneId: LocalId,
      municipalityId: LocalId.optional(),
      name: ParticipantName.optional(),
    }),
    response: z.object({ view: ParticipantView, self: ParticipantSelf }),
  }),
  'participant:resume': command({
    by: 'anyone',
    description: 'Reattach a reconnected phone to its session with its token; answers the full current state.',
    request: z.object({ sessionId: SessionId, token: Token }),
    response: z.object({ view: ParticipantView, self: ParticipantSelf }),
  }),
  'facilitator:attach': command({
    by: 'account',
    description: "Attach a console to a session the signed-in account owns or shares; answers the facilitator's view.",
    request: z.object({ sessionId: SessionId }),
    response: FacilitatorView,
  }),
  'projector:attach': command({
    by: 'account',
    description:
      "Attach the room's screen to a session the signed-in account owns or shares; answers the projector view.",
    request: z.object({ sessionId: SessionId }),
    response: ProjectorView,
  }),
} as const;
