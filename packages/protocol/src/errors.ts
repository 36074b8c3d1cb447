import { z } from 'zod';
import { ERROR_CODES } from './constants.ts';

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  BAD_REQUEST: 'The payload does not match the command schema; nothing changed.',
  UNKNOWN_COMMAND: 'No command with this name exists.',
  NOT_JOINED: 'This connection has not joined a session (or resumed) yet.',
  FORBIDDEN: 'This connection may not send this command (wrong role or bad token).',
  SESSION_NOT_FOUND: 'No session with this id or join code.',
  ROUND_NOT_FOUND: 'No round with this id in the session.',
  ROUND_NOT_OPEN: 'The round is not open for input.',
  ROUND_STATE: 'The round cannot make this transition from its current state.',
  OPTION_NOT_FOUND: 'The option is not part of the round.',
  ZONE_NOT_FOUND: 'The zone is not part of the session.',
  MUNICIPALITY_NOT_FOUND: 'The municipality is not part of the chosen zone.',
  ROUND_LOCKED: 'The facilitator has paused input on this round; try again when it is unlocked.',
  BALLOT_KIND: 'The ballot is of another kind than the round.',
  CHOICE_COUNT: 'A multiple-choice ballot picks fewer than the minimum or more than the maximum options.',
  BUDGET_EXCEEDED: 'A dot-voting ballot spends more dots than the budget.',
  MAX_PER_OPTION_EXCEEDED: 'A dot-voting ballot puts more dots on one option than allowed.',
  RANKING_INCOMPLETE: 'A ranking must order every option exactly once.',
  ANSWER_OUT_OF_RANGE: 'A scale or agreement answer is not one of the scale’s levels.',
  EMPTY_BALLOT: 'The ballot says nothing: no dot placed, no statement answered.',
  ROUND_KIND: 'The command does not fit this kind of round (e.g. a pain point for a vote).',
  POINT_NOT_FOUND: 'No pain point with this id in the round (or not yet released).',
  POINT_STATE: 'The pain point cannot change this way in its current state (hidden, merged or waiting).',
  THEME_NOT_FOUND: 'The theme is not one of the round’s themes.',
  PAIN_POINT_LIMIT: 'This participant has added as many pain points to the round as the facilitator allows.',
  VERSION_NOT_FOUND: 'No saved version with this id in the round.',
  TEXT_EMPTY:
    'The position text would close with an empty plenary text while zone drafts hold text; gather the drafts (`text:gather-drafts`) or send again with `closeEmptyText: true`.',
  ZONES_IN_USE: 'The zones cannot change any more: someone has joined the session with them.',
  POSITION_OUT_OF_RANGE: 'The position is not a place in the agenda (0 up to the number of rounds minus one).',
  SESSION_STATE:
    'The session cannot make this change in its current status (a transition not allowed, a round opened in a closed session, or any change to an archived session).',
  SESSION_CLOSED: 'The session has ended: it takes no new participants and no input from phones.',
  TITLE_MISMATCH: 'The title typed to confirm deleting the session is not the session’s title; nothing was deleted.',
  WAITING_AT_DOOR:
    'The join waits at the door for the facilitator (the door is closed, or the expected number of participants has joined); nothing is refused. Keep the connection: it gets `door:admitted` (send the same join again) or `door:turned-away`.',
  RATE_LIMITED: 'Too many attempts; wait `retryAfterSeconds` (HTTP: the `Retry-After` header) and try again.',
  UNAUTHENTICATED: 'Sign in first: no valid sign-in (none, signed out or expired).',
  INVALID_CREDENTIALS: 'The email or the password is wrong.',
  ACCOUNT_EXISTS: 'An account with this email exists already.',
  ACCOUNT_NOT_FOUND: 'No account with this email.',
  SETUP_DONE: 'The first admin exists already; sign in instead.',
  TEMPLATE_NOT_FOUND: 'No saved template with this id among your own.',
  BELOW_FLOOR:
    'An anonymity protection was set below its floor (anonymity threshold and pain-point batch at least 3, release interval at least 10 s); nothing changed.',
  PROTECTION_LOWERED:
    'Someone has joined the session: the anonymity threshold, the pain-point batch size and the release interval can only go up now; nothing changed.',
  INSECURE_HTTP:
    'Facilitator sign-in over plain http from another machine is refused: use https, or sign in on the server itself (or the server allows it with ALLOW_INSECURE_HTTP=1).',
  SERVER_STOPPING:
    'The server is stopping (`server:stopping` was sent) and took no new command; nothing changed. Send the same command (same commandId) again once reconnected.',
  WRONG_SESSION:
    'RT2: with several processes (leases), this connection was opened for another session (its `session` handshake parameter, by which the proxy routes it); it may join, resume or attach only that one. Nothing changed: open a connection with this session as its key.',
  INTERNAL: 'The server failed; the command was not applied.',
};

export const ErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Which fields failed validation, for BAD_REQUEST. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** For RATE_LIMITED: whole seconds to wait before the next attempt can succeed. */
  retryAfterSeconds: z.number().int().min(1).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const ErrorAck = z.object({ ok: z.literal(false), error: ErrorBody });
export type ErrorAck = z.infer<typeof ErrorAck>;

export function okAck<T extends z.ZodType>(value: T) {
  return z.object({ ok: z.literal(true), value });
}

export function ackOf<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [okAck(value), ErrorAck]);
}

export type Ack<T> = { ok: true; value: T } | ErrorAck;
