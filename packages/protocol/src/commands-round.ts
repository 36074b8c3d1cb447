import { z } from 'zod';
import { CloseEmptyText, command, Empty, Stored } from './command.ts';
import { LIMITS } from './constants.ts';
import { CommandId, RoundId } from './ids.ts';
import { RoundDesign } from './design.ts';
import { Ballot } from './rounds.ts';

/** The agenda's rounds: creating and steering them (facilitator) and voting (participants). */
export const roundCommands = {
  'round:create': command({
    by: 'facilitator',
    description:
      'Add a round of any kind to the end of the agenda, as a draft. A choice (single, multiple, dots, ranking) needs at least two options, a scale or agreement check one statement; a pain-point round’s options are its themes (none or more). Results (a wall) are hidden until revealed unless `reveal` is `live`; `durationSeconds` starts a timer when the round opens; `compareKey` ties it to rounds asking the same in other sessions.',
    request: RoundDesign.extend({ commandId: CommandId }),
    response: z.object({ roundId: RoundId }),
  }),
  'round:open': command({
    by: 'facilitator',
    description:
      'Open a draft round for input; it becomes the current round on every phone, and its timer (if any) starts. A round open until then closes as with round:close, `TEXT_EMPTY` and `closeEmptyText` included.',
    request: z.object({ commandId: CommandId, roundId: RoundId, closeEmptyText: CloseEmptyText }),
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
    description:
      'Close an open round; only its aggregate tally is kept, ballots keyed per person are dropped. A position-text round whose plenary text is empty while zone drafts hold text is not closed (`TEXT_EMPTY`) unless `closeEmptyText` is true.',
    request: z.object({ commandId: CommandId, roundId: RoundId, closeEmptyText: CloseEmptyText }),
    response: Empty,
  }),
  'vote:cast': command({
    by: 'participant',
    description:
      'Cast or change this participant’s ballot in an open, unlocked round; the ballot’s kind must be the round’s. The ack comes once the vote is decided, at the end of the server’s turn: `stored: true` when its batch (the ballots of k distinct participants, stored and counted on the screens together) was stored in that turn, otherwise `stored: false` (received) while it waits for that batch; `inputs:stored` tells the phone when a received vote is stored, and the round’s close stores every vote still waiting. Keep a received vote in the outbox and send it again (same commandId) after a reconnect until it is stored; a retry counts once. The ack does not repeat the ballot: the command log keeps no votes.',
    request: z.object({ commandId: CommandId, roundId: RoundId, ballot: Ballot }),
    response: z.object({ roundId: RoundId, stored: Stored }),
  }),
} as const;
