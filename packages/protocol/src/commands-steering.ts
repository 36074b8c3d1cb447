import { z } from 'zod';
import { CloseEmptyText, command, Empty } from './command.ts';
import { CommandId, RoundId } from './ids.ts';

/** Live steering: moving the whole room along the agenda, and back to an earlier round (core ST1-ST4). */
export const steeringCommands = {
  'session:next': command({
    by: 'facilitator',
    description:
      'Close the open round (if any) and open the next draft round of the agenda after it (or after the current round); every phone and the projector follow. Answers the opened round, or null when no draft is left (then it only closes). The open round is closed as with round:close, `TEXT_EMPTY` and `closeEmptyText` included.',
    request: z.object({ commandId: CommandId, closeEmptyText: CloseEmptyText }),
    response: z.object({ roundId: RoundId.nullable() }),
  }),
  'round:show': command({
    by: 'facilitator',
    description:
      'Make an open or closed round the current round on every phone and the projector again, changing nothing about it (no reopening; results show as revealed). An open round elsewhere stays open with its ballots. A draft cannot be shown.',
    request: z.object({ commandId: CommandId, roundId: RoundId }),
    response: Empty,
  }),
} as const;
