import { z } from 'zod';
import { CommandId, JoinCode, LocalId, PointId, RoundId, SessionId, Token } from './ids.ts';
import { HideReason, PainPointText } from './pain-points.ts';
import {
  FacilitatorView,
  OptionLabel,
  ParticipantName,
  ParticipantSelf,
  ParticipantView,
  ProjectorView,
  Question,
  SessionInfo,
  SessionTitle,
  ZoneInput,
} from './session.ts';
import { Ballot, RevealMode, RoundConfig } from './rounds.ts';
import { DEFAULTS, LIMITS } from './constants.ts';

/** Who may send a command. The server checks it per message; it is listed here for the docs. */
export const Role = z.enum(['anyone', 'participant', 'facilitator']);
export type Role = z.infer<typeof Role>;

interface CommandDef<Req extends z.ZodType, Res extends z.ZodType> {
  request: Req;
  response: Res;
  by: Role;
  description: string;
}

function command<Req extends z.ZodType, Res extends z.ZodType>(def: CommandDef<Req, Res>) {
  return def;
}

const Empty = z.object({});

/**
 * Every socket.io command: the client emits `name` with the request and an ack callback; the server
 * answers `{ ok: true, value }` (value per `response`) or `{ ok: false, error }`, after the store commit.
 */
export const commands = {
  'session:create': command({
    by: 'anyone',
    description:
      'Create a session. The client makes the facilitator token itself, so a retry after a lost ack (same commandId) returns the same session.',
    request: z.object({
      commandId: CommandId,
      facilitatorToken: Token,
      title: SessionTitle,
      zones: z.array(ZoneInput).min(1).max(LIMITS.zones),
      anonymityThreshold: z.number().int().min(1).max(LIMITS.anonymityThreshold).default(DEFAULTS.anonymityThreshold),
      weighted: z.boolean().default(false),
      releaseEverySeconds: z
        .number()
        .int()
        .min(1)
        .max(LIMITS.releaseEverySeconds)
        .default(DEFAULTS.releaseEverySeconds),
      releaseMinEntries: z.number().int().min(1).max(LIMITS.releaseMinEntries).default(DEFAULTS.releaseMinEntries),
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
      'Join a session as a participant. The phone makes its own token and keeps it; joining again with the same token is the same participant.',
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
    by: 'anyone',
    description: "Attach a console to a session with the facilitator token; answers the facilitator's view.",
    request: z.object({ sessionId: SessionId, token: Token }),
    response: FacilitatorView,
  }),
  'projector:attach': command({
    by: 'anyone',
    description: "Attach the room's screen to a session with the facilitator token; answers the projector view.",
    request: z.object({ sessionId: SessionId, token: Token }),
    response: ProjectorView,
  }),
  'round:create': command({
    by: 'facilitator',
    description:
      'Add a round of any kind to the end of the agenda, as a draft. A vote round needs at least two options; a pain-point round’s options are its themes (none or more). Results (a wall) are hidden until revealed unless `reveal` is `live`; `durationSeconds` starts a timer when the round opens.',
    request: z.object({
      commandId: CommandId,
      question: Question,
      options: z.array(OptionLabel).max(LIMITS.options),
      config: RoundConfig.default({ kind: 'single-choice' }),
      reveal: RevealMode.default('manual'),
      durationSeconds: z.number().int().min(5).max(LIMITS.roundSeconds).nullable().default(null),
    }),
    response: z.object({ roundId: RoundId }),
  }),
  'round:open': command({
    by: 'facilitator',
    description:
      'Open a draft round for input; it becomes the current round on every phone, and its timer (if any) starts.',
    request: z.object({ commandId: CommandId, roundId: RoundId }),
    response: Empty,
  }),
  'round:timer': command({
    by: 'facilitator',
    description:
      'Set an open round to close by itself in `seconds` from now (the countdown shows on every screen), or cancel its timer with null.',
    request: z.object({
      commandId: CommandId,
      roundId: RoundId,
      seconds: z.number().int().min(1).max(LIMITS.roundSeconds).nullable(),
    }),
    response: Empty,
  }),
  'round:lock': command({
    by: 'facilitator',
    description: 'Pause (locked) or resume input on an open round; ballots already cast stay.',
    request: z.object({ commandId: CommandId, roundId: RoundId, locked: z.boolean() }),
    response: Empty,
  }),
  'round:reveal': command({
    by: 'facilitator',
    description: 'Show (or hide again) a round’s results on the phones and the projector.',
    request: z.object({ commandId: CommandId, roundId: RoundId, revealed: z.boolean() }),
    response: Empty,
  }),
  'round:rerun': command({
    by: 'facilitator',
    description:
      'Copy a closed round as a new draft right after it, to vote again and compare before and after side by side.',
    request: z.object({ commandId: CommandId, roundId: RoundId }),
    response: z.object({ roundId: RoundId }),
  }),
  'round:close': command({
    by: 'facilitator',
    description: 'Close an open round; only its aggregate tally is kept, ballots keyed per person are dropped.',
    request: z.object({ commandId: CommandId, roundId: RoundId }),
    response: Empty,
  }),
  'vote:cast': command({
    by: 'participant',
    description:
      'Cast or change this participant’s ballot in an open, unlocked round; the ballot’s kind must be the round’s. Acked after the vote is stored; a retry with the same commandId counts once. The ack does not repeat the ballot: the command log keeps no votes.',
    request: z.object({ commandId: CommandId, roundId: RoundId, ballot: Ballot }),
    response: z.object({ roundId: RoundId }),
  }),
  'painpoint:submit': command({
    by: 'participant',
    description:
      'Add a pain point to the open pain-point round, optionally tagged with one of its themes. Stored without any link to the sender; it reaches the screens in the next shuffled batch. The ack names the new entry so the phone can recognise its own entries (it keeps them itself).',
    request: z.object({
      commandId: CommandId,
      roundId: RoundId,
      text: PainPointText,
      themeId: LocalId.nullable().default(null),
    }),
    response: z.object({ pointId: PointId }),
  }),
  'painpoint:support': command({
    by: 'participant',
    description:
      'Support ("me too") a released pain point of the open round, or withdraw that support; once per participant per entry.',
    request: z.object({ commandId: CommandId, roundId: RoundId, pointId: PointId, supported: z.boolean() }),
    response: Empty,
  }),
  'painpoint:hide': command({
    by: 'facilitator',
    description:
      'Hide a released (or queued) pain point with a reason every screen shows in its place, or show it again with null.',
    request: z.object({ commandId: CommandId, roundId: RoundId, pointId: PointId, reason: HideReason.nullable() }),
    response: Empty,
  }),
  'painpoint:approve': command({
    by: 'facilitator',
    description: 'Pre-moderation: put queued pain points on the wall.',
    request: z.object({ commandId: CommandId, roundId: RoundId, pointIds: z.array(PointId).min(1).max(1000) }),
    response: Empty,
  }),
  'painpoint:merge': command({
    by: 'facilitator',
    description:
      'Merge a duplicate into another entry: its text is listed under the other, its supporters and itself count as support there.',
    request: z.object({ commandId: CommandId, roundId: RoundId, pointId: PointId, intoId: PointId }),
    response: Empty,
  }),
  'painpoint:theme': command({
    by: 'facilitator',
    description: 'Cluster a pain point into one of the round’s themes, or take it out of any theme with null.',
    request: z.object({ commandId: CommandId, roundId: RoundId, pointId: PointId, themeId: LocalId.nullable() }),
    response: Empty,
  }),
  'painpoint:add-theme': command({
    by: 'facilitator',
    description: 'Add a theme to a pain-point round, to cluster entries into.',
    request: z.object({ commandId: CommandId, roundId: RoundId, label: OptionLabel }),
    response: z.object({ themeId: LocalId }),
  }),
  'text:save-version': command({
    by: 'facilitator',
    description:
      'Save a named version of a position-text round’s plenary text (zoneId null) or of a zone’s draft, as it is on the server now.',
    request: z.object({
      commandId: CommandId,
      roundId: RoundId,
      zoneId: LocalId.nullable(),
      label: z.string().trim().min(1).max(LIMITS.versionLabel),
    }),
    response: z.object({ versionId: RoundId }),
  }),
  'text:get-version': command({
    by: 'facilitator',
    description:
      'A saved version of a text: its Yjs state (one update, base64), to read it or to copy from it. Only the text: no client ids of people.',
    request: z.object({ roundId: RoundId, versionId: RoundId }),
    response: z.object({ versionId: RoundId, label: z.string(), zoneId: LocalId.nullable(), update: z.string() }),
  }),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandRequest<N extends CommandName> = z.input<Commands[N]['request']>;
export type CommandInput<N extends CommandName> = z.output<Commands[N]['request']>;
export type CommandResult<N extends CommandName> = z.output<Commands[N]['response']>;
export const commandNames = Object.keys(commands) as CommandName[];

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}
