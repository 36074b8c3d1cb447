import { z } from 'zod';
import { command, Stored } from './command.ts';
import { CommandId, LocalId, RoundId } from './ids.ts';
import { PainPointText } from './pain-points.ts';
import { Ballot } from './rounds.ts';

/**
 * Paper input (facilitator): forms filled in by people without a phone, typed in on the console. They
 * count like any other input and are told apart only as a count in the aggregates (core SPEC PA1-PA6).
 */
export const paperCommands = {
  'paper:vote': command({
    by: 'facilitator',
    description:
      'Enter one paper ballot of one person into an open vote round (also while it is locked for phones), with that person’s zone and municipality. Checked like a phone’s ballot; each one is a new respondent under a fresh random key that nothing hands out, so it cannot be changed afterwards. It is stored, and counted on the screens, with the phones’ next batch (`stored` as for `vote:cast`); it never counts toward a batch’s k. A retry with the same commandId counts once.',
    request: z.object({
      commandId: CommandId,
      roundId: RoundId,
      zoneId: LocalId,
      municipalityId: LocalId.nullable().default(null),
      ballot: Ballot,
    }),
    response: z.object({ roundId: RoundId, stored: Stored }),
  }),
  'paper:painpoint': command({
    by: 'facilitator',
    description:
      'Enter one pain point from paper into an open pain-point round (also while it is locked for phones). It waits in the inbox and is released in the next shuffled batch with the phones’ entries; it counts against nobody’s limit. The wall counts paper entries, never marks one.',
    request: z.object({
      commandId: CommandId,
      roundId: RoundId,
      text: PainPointText,
      themeId: LocalId.nullable().default(null),
    }),
    response: z.object({ roundId: RoundId, stored: Stored }),
  }),
} as const;
