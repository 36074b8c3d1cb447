import { z } from 'zod';
import { command, Empty } from './command.ts';
import { LIMITS } from './constants.ts';
import { CommandId } from './ids.ts';
import { ResultsNote, ResultsPageDays, SessionStatus } from './session.ts';

/** A session's life: its status (draft, live, closed, archived) and deleting it with all its data. */
export const lifecycleCommands = {
  'session:status': command({
    by: 'facilitator',
    description:
      'Move the session to another status: draft → live (start), live → closed (ends it: the open round closes as with round:close, phones are thanked and refused), closed → live (reopen), closed → archived (read-only, for the facilitator too), archived → closed (unarchive). Any other move is `SESSION_STATE`; moving to the current status changes nothing. Opening a round in a draft session makes it live.',
    request: z.object({ commandId: CommandId, status: SessionStatus }),
    response: Empty,
  }),
  'session:results-page': command({
    by: 'facilitator',
    description:
      'Set the results page phones open with the join code once the session has ended (core RP2, RP3): how many days it stays open, counted from when the session closed (0: no page; default 30), and the follow-up note ("wat doen we ermee", plain text, empty for none). May be set before or after closing; an archived session refuses it (`SESSION_STATE`, LC5). The note is trimmed.',
    request: z.object({ commandId: CommandId, days: ResultsPageDays, note: ResultsNote }),
    response: Empty,
  }),
  'session:delete': command({
    // The facilitator's; checked by the server. A retry of a delete that went through comes from a
    // connection that is no longer attached (the session is gone), and must still answer ok.
    by: 'anyone',
    description:
      'Delete the session and everything in it (participants, rounds, results, pain points, texts and their versions, the command log) for good; `title` must be the session’s title exactly, as a confirmation (`TITLE_MISMATCH` otherwise). Acked after the data is gone from the store’s files; every phone, console and projector of the session gets `session:deleted`. Only the session’s facilitator may delete it (`NOT_JOINED` / `FORBIDDEN` otherwise), except that a retry with the same commandId of a delete that went through answers ok from any connection.',
    request: z.object({ commandId: CommandId, title: z.string().min(1).max(LIMITS.title) }),
    response: Empty,
  }),
} as const;
