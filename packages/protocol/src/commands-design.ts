import { z } from 'zod';
import { command, Empty } from './command.ts';
import { LIMITS } from './constants.ts';
import { RoundDesign } from './design.ts';
import { CommandId, RoundId } from './ids.ts';
import { IsoDate, SessionDescription, SessionLanguage, SessionSettings, SessionTitle, ZoneInput } from './session.ts';

/** Designing a session: its details and settings, and its agenda of rounds (facilitator). */
export const designCommands = {
  'session:update': command({
    by: 'facilitator',
    description:
      'Change any of the session’s details (title, description, date, language) and settings; fields left out stay as they are. Zones change only while nobody has joined (`ZONES_IN_USE` otherwise); they are given as in session:create and get fresh ids. A new anonymity threshold applies to results still to come. The anonymity threshold and the pain-point batch size are at least 3 and the release interval at least 10 s (`BELOW_FLOOR`); once someone has joined they can only go up (`PROTECTION_LOWERED`).',
    request: z.object({
      commandId: CommandId,
      title: SessionTitle.optional(),
      description: SessionDescription.optional(),
      date: IsoDate.nullable().optional(),
      language: SessionLanguage.optional(),
      settings: SessionSettings.partial().optional(),
      zones: z.array(ZoneInput).min(1).max(LIMITS.zones).optional(),
    }),
    response: Empty,
  }),
  'round:update': command({
    by: 'facilitator',
    description:
      'Replace a draft round’s design (question, options, config, reveal, duration, compareKey); its options get ids o1, o2, … again. Only a draft round (`ROUND_STATE` otherwise).',
    request: RoundDesign.extend({ commandId: CommandId, roundId: RoundId }),
    response: Empty,
  }),
  'round:move': command({
    by: 'facilitator',
    description:
      'Move a round (any status) to `position` in the agenda (0 is first); the others keep their order. `POSITION_OUT_OF_RANGE` past the end.',
    request: z.object({ commandId: CommandId, roundId: RoundId, position: z.number().int().min(0) }),
    response: Empty,
  }),
  'round:duplicate': command({
    by: 'facilitator',
    description:
      'Copy a round of any status as a new draft right after it: its design (compareKey included), none of its input or results.',
    request: z.object({ commandId: CommandId, roundId: RoundId }),
    response: z.object({ roundId: RoundId }),
  }),
  'round:delete': command({
    by: 'facilitator',
    description: 'Remove a draft round from the agenda (`ROUND_STATE` for an open or closed round).',
    request: z.object({ commandId: CommandId, roundId: RoundId }),
    response: Empty,
  }),
} as const;
