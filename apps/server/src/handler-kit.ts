import { lifecycleRefusal, reject, type Decision, type SessionState } from '@vrijuit/core';
import type { Ack, CommandInput, CommandName, CommandResult } from '@vrijuit/protocol';
import type { SessionHub } from './session-hub.ts';
import type { InputKind } from './anonymous-batches.ts';
import { participantCommandKey, voterKey } from './secrets.ts';
import type { Store } from './store/store.ts';
import { emptyTextRefusal } from './text-documents.ts';
import type { YjsStore } from './store/yjs-store.ts';
import type { Auth, SignedIn } from './auth/auth.ts';
import type { JoinCodeLimiter } from './join-code-guard.ts';
import type { TokenBucket } from './rate-limit.ts';
import type { YjsTickets } from './yjs-tickets.ts';

/** Who a connection is, once it has joined, resumed or attached. */
export type Identity =
  /** `secret` is made from the phone's token (AN11), held in memory for this connection only. */
  | { role: 'participant'; sessionId: string; participantId: string; secret: string }
  // A console or screen holds the sign-in it attached with, re-checked per message (AC3).
  | { role: 'facilitator'; sessionId: string; signIn: string }
  | { role: 'projector'; sessionId: string; signIn: string };

export interface HandlerDeps {
  hub: SessionHub;
  store: Store;
  /** The co-edited texts' log, read synchronously once `ready` (if any) is awaited (yjs-store.ts). */
  texts: YjsStore;
  /** Phones connected to a session right now (for the facilitator view). */
  online(sessionId: string): number;
  /** ST6: phones connected right now per zone id (zones without any are absent). */
  onlineByZone(sessionId: string): Record<string, number>;
  /** The clock (epoch ms), injected so tests can move time. */
  now(): number;
  auth: Auth;
  /** The connection's valid sign-in, for commands `by: account` (realtime.ts checked it); else null. */
  account: SignedIn | null;
  /** The sending socket, told when its anonymous inputs are stored (AN14). */
  socketId: string;
  /** DO6: the connection's client address, and the bucket of new joins per address and session. */
  address: string;
  newJoins: TokenBucket;
  /** NE6: wrong join codes per address; a new participant from the address earns it room for typos. */
  joinCodes: JoinCodeLimiter;
  /** TX5: the Yjs endpoint's one-time tickets. */
  tickets: YjsTickets;
  /**
   * RT2, RT3: with leases (several processes behind a routing proxy), the session the connection was
   * opened for (its handshake's `session`, by which the proxy routed it; null when it carries none).
   * Null itself with one process: nothing is routed.
   */
  routing: { key: string | null } | null;
}

/**
 * RT2: with leases, a connection opened for one session (its routing key) takes no identity in another:
 * the proxy sent it to that session's process, and taking this one here would pull its lease away from
 * the process its other clients are routed to. Refused before the session is loaded, so no lease moves.
 */
export function routedElsewhere(deps: Pick<HandlerDeps, 'routing'>, sessionId: string) {
  const key = deps.routing?.key ?? null;
  if (key === null || key === sessionId) return null;
  return fail('WRONG_SESSION', 'this connection was opened for another session; connect with this one as its key');
}

export interface HandlerResult<T> {
  ack: Ack<T>;
  /** Set when the command established who the connection is. */
  identity?: Identity;
  /** DO4: set when the connection's join waits at the door, to tell it when it is let in or turned away. */
  waitingAt?: { sessionId: string; tokenHash: string };
}

export type Handler<N extends CommandName> = (
  input: CommandInput<N>,
  identity: Identity | null,
  deps: HandlerDeps,
) => Promise<HandlerResult<CommandResult<N>>>;

/** The handlers of one area of commands (one file each), joined into the table in handlers.ts. */
export type HandlerTable<N extends CommandName> = { [K in N]: Handler<K> };

export const fail = (code: Parameters<typeof reject>[0], message: string) => ({
  ack: reject(code, message) as Ack<never>,
});

/** Who sends a participant command, as core needs it: the participant and its voter key in the round (AN1). */
interface Voter {
  participantId: string;
  voterKey: string;
  roundId: string;
}

/**
 * Runs a participant's anonymous input (a ballot, an "ik ook", a pain point) in its session: decided at
 * once, acknowledged as received, stored with its batch (AN13, AN14). The voter key is made here from
 * the participant's secret (AN11), so core never sees how; it is also who the input is from when
 * counting the k distinct participants of a batch.
 */
export async function asParticipant<T extends object>(
  { hub, socketId }: HandlerDeps,
  identity: Identity | null,
  input: { commandId: string; roundId: string },
  kind: InputKind,
  decide: (state: SessionState, who: Voter) => Decision<T>,
): Promise<HandlerResult<T & { stored: boolean }>> {
  if (identity?.role !== 'participant') return fail('NOT_JOINED', 'join the session first');
  const { participantId, secret, sessionId } = identity;
  const key = voterKey(secret, sessionId, input.roundId);
  return anonymousInput(hub, identity, {
    recordKey: participantCommandKey(secret, input.commandId),
    commandId: input.commandId,
    socketId,
    roundId: input.roundId,
    kind,
    sender: key,
    decide: (state) => decide(state, { participantId, voterKey: key, roundId: input.roundId }),
  });
}

/** As asParticipant, for the paper input the facilitator types in: it rides in the phones' batches. */
export async function asPaper<T extends object>(
  { hub, socketId }: HandlerDeps,
  identity: Identity | null,
  input: { commandId: string; roundId: string },
  kind: InputKind,
  decide: (state: SessionState) => Decision<T>,
): Promise<HandlerResult<T & { stored: boolean }>> {
  const { commandId, roundId } = input;
  return anonymousInput(hub, identity, {
    recordKey: commandId,
    commandId,
    socketId,
    roundId,
    kind,
    sender: null,
    decide,
  });
}

async function anonymousInput<T extends object>(
  hub: SessionHub,
  identity: Identity | null,
  input: Omit<Parameters<SessionHub['submit']>[1], 'scope'> & { decide: (state: SessionState) => Decision<T> },
): Promise<HandlerResult<T & { stored: boolean }>> {
  const sessionId = sessionOf(identity);
  const role = identity?.role === 'participant' ? 'participant' : 'facilitator';
  const { decide, ...rest } = input;
  const ack = await hub.submit(sessionId, { ...rest, scope: sessionId }, (state) => {
    const refused = lifecycleRefusal(state, role);
    return refused ? { ok: false, error: refused } : decide(state);
  });
  return { ack };
}

/**
 * Runs an idempotent command (its id scoped to the session) against the session of `identity`.
 * Facilitator commands reach their handler only after realtime.ts checked the role. The session's
 * status is checked first (LC4, LC5): an ended session takes nothing from phones, an archived one
 * nothing from the facilitator.
 */
export async function onSession<T>(
  hub: SessionHub,
  identity: Identity | null,
  commandId: string,
  decide: (state: SessionState) => Decision<T>,
): Promise<HandlerResult<T>> {
  const role = identity?.role === 'participant' ? 'participant' : 'facilitator';
  return inSession(hub, identity, commandId, (state) => {
    const refused = lifecycleRefusal(state, role);
    return refused ? { ok: false, error: refused } : decide(state);
  });
}

/** As onSession without the status check: for session:status itself, which moves an archived session. */
export async function inSession<T>(
  hub: SessionHub,
  identity: Identity | null,
  commandId: string,
  decide: (state: SessionState) => Decision<T>,
): Promise<HandlerResult<T>> {
  const sessionId = sessionOf(identity);
  // AN11: a participant's command ids are its own (VO4 per sender), recorded under a key only its
  // phone's token can make.
  const key = identity?.role === 'participant' ? participantCommandKey(identity.secret, commandId) : commandId;
  const ack = await hub.execute(sessionId, { scope: sessionId, commandId: key }, (state) =>
    state ? decide(state) : missing(),
  );
  return { ack };
}

/**
 * Runs `command` once the session's texts can be read synchronously: at once on SQLite (no `ready`, so
 * not even a microtask later), after `ready` when they are written behind (PostgreSQL, yjs-write-behind.ts).
 */
export function withTexts<T>(texts: YjsStore, identity: Identity | null, command: () => Promise<T>): Promise<T> {
  if (!texts.ready || !identity) return command();
  return texts.ready(identity.sessionId).then(command);
}

/**
 * A command that ends the open round (`round:open` ends the one open before it; `round:close` its own,
 * `roundId`): refused with TEXT_EMPTY while a position text's plenary is empty and its zone drafts hold
 * text, unless `closeEmptyText` confirms it; decided once the texts can be read (`withTexts`).
 */
export function endingOpenRound<T>(
  { hub, texts }: Pick<HandlerDeps, 'hub' | 'texts'>,
  identity: Identity | null,
  input: { commandId: string; closeEmptyText?: boolean | undefined },
  roundId: string | undefined,
  decide: (state: SessionState) => Decision<T>,
): Promise<HandlerResult<T>> {
  return withTexts(texts, identity, () =>
    onSession(
      hub,
      identity,
      input.commandId,
      (state) => emptyTextRefusal(texts, state, input.closeEmptyText, roundId) ?? decide(state),
    ),
  );
}

/** Facilitator commands reach their handler only after realtime.ts checked the role. */
export function sessionOf(identity: Identity | null): string {
  if (!identity) throw new Error('role check missing before handler');
  return identity.sessionId;
}

function missing() {
  return reject('SESSION_NOT_FOUND', 'the session no longer exists');
}
