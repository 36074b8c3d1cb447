import { z } from 'zod';
import { command, Empty, Stored } from './command.ts';
import { CommandId, LocalId, PointId, RoundId } from './ids.ts';
import { HideReason, PainPointText, ThemeSuggestions } from './pain-points.ts';
import { OptionLabel } from './session.ts';

/** Anonymous pain points: adding and supporting them (participants), moderating them (facilitator). */
export const painPointCommands = {
  'painpoint:submit': command({
    by: 'participant',
    description:
      'Add a pain point to the open pain-point round, optionally tagged with one of its themes. Stored without any link to the sender, and only in the next shuffled batch (entries of at least k participants, at the release tick), when it also reaches the screens: the ack says `stored: false` (received) until then, and `inputs:stored` tells the phone when it is stored; keep it in the outbox and send it again (same commandId) after a reconnect until then. The ack names the new entry (the same id on every retry) so the phone can recognise its own entries (it keeps them itself).',
    request: z.object({
      commandId: CommandId,
      roundId: RoundId,
      text: PainPointText,
      themeId: LocalId.nullable().default(null),
    }),
    response: z.object({ pointId: PointId, stored: Stored }),
  }),
  'painpoint:support': command({
    by: 'participant',
    description:
      'Support ("me too") a released pain point of the open round, or withdraw that support; once per participant per entry. Stored (and counted on the screens) with the changes of at least k participants: `stored` as for `painpoint:submit`.',
    request: z.object({ commandId: CommandId, roundId: RoundId, pointId: PointId, supported: z.boolean() }),
    response: z.object({ stored: Stored }),
  }),
  'painpoint:hide': command({
    by: 'facilitator',
    description:
      'Hide a released (or queued) pain point with a reason every screen shows in its place, or show it again with null.',
    request: z.object({ commandId: CommandId, roundId: RoundId, pointId: PointId, reason: HideReason.nullable() }),
    response: Empty,
  }),
  'question:answer': command({
    by: 'facilitator',
    description:
      'Q&A (core SPEC QA2): mark a question on the wall of a question round answered, or not answered again with false. Screens list answered questions apart, after the others.',
    request: z.object({ commandId: CommandId, roundId: RoundId, pointId: PointId, answered: z.boolean() }),
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
  'painpoint:accept-suggestion': command({
    by: 'facilitator',
    description:
      'Accept a suggested group (core SPEC SU, ML): file its entries under one of the round’s themes (`themeId`) or under a new theme (`label`), as one step the moderation log records and the export marks as suggested and confirmed by the facilitator. Entries hidden or merged since the suggestion are left out; an unknown entry is `POINT_NOT_FOUND`.',
    request: z.object({
      commandId: CommandId,
      roundId: RoundId,
      theme: z.union([z.object({ themeId: LocalId }), z.object({ label: OptionLabel })]),
      pointIds: z.array(PointId).min(1).max(1000),
    }),
    response: z.object({ themeId: LocalId }),
  }),
  'painpoint:suggest-themes': command({
    by: 'facilitator',
    description:
      'Themes suggested for a pain-point round’s wall (core SPEC SU): the server groups the entries shown on the wall (never waiting, queued, hidden or merged ones) into the round’s themes, and the rest into proposed new themes with a short label from their shared words, by text similarity in the session’s language, with no network access. Nothing changes: the console files the entries it accepts with `painpoint:theme` (and `painpoint:add-theme` for a new theme). An entry already filed under a theme is not proposed again. `ROUND_KIND` for another kind of round, `ROUND_NOT_OPEN` for a draft.',
    request: z.object({ roundId: RoundId }),
    response: ThemeSuggestions,
  }),
} as const;
