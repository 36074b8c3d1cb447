import { z } from 'zod';
import { command, Empty } from './command.ts';
import { CommandId, LocalId } from './ids.ts';

/** The session's door (core DO1-DO5): closing it, and letting in or turning away the joins that wait. */
export const doorCommands = {
  'door:set': command({
    by: 'facilitator',
    description:
      'Close the door (`closed: true`: new phones wait until let in) or open it again. Opening lets in everyone waiting, as far as the expected number of participants allows (in no particular order); the rest keep waiting. Phones that joined before always get back in. Setting the state the door has changes nothing.',
    request: z.object({ commandId: CommandId, closed: z.boolean() }),
    response: Empty,
  }),
  'door:admit': command({
    by: 'facilitator',
    description:
      'Let in every join waiting in `zoneId`, or every join waiting when `zoneId` is null, whatever the door and the expected number say. Each becomes a participant as if it had joined; its phone gets `door:admitted`. Answers how many were let in. Not in a closed or archived session (`SESSION_STATE`).',
    request: z.object({ commandId: CommandId, zoneId: LocalId.nullable() }),
    response: z.object({ admitted: z.number().int().nonnegative() }),
  }),
  'door:turn-away': command({
    by: 'facilitator',
    description:
      'Turn away every join waiting in `zoneId` (or all when null): they are forgotten and their phones get `door:turned-away`. Answers how many.',
    request: z.object({ commandId: CommandId, zoneId: LocalId.nullable() }),
    response: z.object({ turnedAway: z.number().int().nonnegative() }),
  }),
} as const;
