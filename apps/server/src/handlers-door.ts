import {
  admitWaiting,
  knock,
  reject,
  setDoor,
  turnAway,
  waitingJoins,
  type DomainEvent,
  type SessionState,
} from '@vrijuit/core';
import type { doorCommands } from '@vrijuit/protocol';
import { fail, onSession, type HandlerDeps, type HandlerResult, type HandlerTable } from './handler-kit.ts';
import { randomId } from './secrets.ts';

/** A fresh participant id per join waiting now: whoever is let in becomes a participant (DO3, DO4). */
const idsFor = (state: SessionState) => Array.from({ length: waitingJoins(state).length }, () => randomId());

/** The door (core DO1-DO5): the facilitator closes and opens it, lets the waiting in or turns them away. */
export const doorHandlers: HandlerTable<keyof typeof doorCommands> = {
  'door:set': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      setDoor(state, { closed: input.closed, participantIds: input.closed ? [] : idsFor(state) }),
    ),

  'door:admit': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) =>
      admitWaiting(state, { zoneId: input.zoneId, participantIds: idsFor(state) }),
    ),

  'door:turn-away': (input, identity, { hub }) =>
    onSession(hub, identity, input.commandId, (state) => turnAway(state, { zoneId: input.zoneId })),
};

/**
 * `participant:join` at the door, before the join itself (handlers-session.ts), in one decision so the
 * expected number cannot be overrun by joins racing each other (DO2). A known token passes (SE1, DO5);
 * a new one costs its address a join in this session (DO6) and becomes a participant or waits (DO1, DO2). Answers null
 * when the join may go on (the participant exists by then), else the ack to send: `WAITING_AT_DOOR`
 * (with where the connection waits) or a refusal.
 */
export async function atTheDoor(
  { hub, address, newJoins, joinCodes }: Pick<HandlerDeps, 'hub' | 'address' | 'newJoins' | 'joinCodes'>,
  sessionId: string,
  tokenHash: string,
  input: { zoneId: string; municipalityId?: string | undefined; name?: string | undefined },
): Promise<HandlerResult<never> | null> {
  // Per address and session: two workshops behind one venue's NAT each get a room's burst.
  const key = `${address} ${sessionId}`;
  const knocked = await hub.execute(sessionId, null, (state) => {
    if (!state) return reject('SESSION_NOT_FOUND', 'no session with this code');
    const decision = knock(state, {
      participantId: randomId(),
      tokenHash,
      zoneId: input.zoneId,
      municipalityId: input.municipalityId ?? null,
      name: input.name ?? '',
      limited: !newJoins.available(key),
    });
    // Taken here, in the same synchronous step as the check: joins racing from one address cannot overrun it.
    if (decision.ok && decision.value.fresh) newJoins.take(key);
    return decision;
  });
  if (!knocked.ok) return { ack: knocked };
  // NE6: a new participant (not one let in from the door, not a phone coming back) widens its address's budget.
  // Not awaited (shared on PostgreSQL: SG1): widening a budget adds no round trip to a join; it never rejects.
  if (knocked.value.arrival === 'joined' && knocked.value.fresh) void joinCodes.joined(address);
  if (knocked.value.arrival !== 'waiting') return null;
  return {
    ...fail('WAITING_AT_DOOR', 'the facilitator lets you in shortly; keep this connection'),
    waitingAt: { sessionId, tokenHash },
  };
}

/** The room a waiting connection listens in for its admission (memory only; socket.io rooms). */
export const doorRoom = (sessionId: string, tokenHash: string) => `s:${sessionId}:door:${tokenHash}`;

/** DO4: which waiting joins left the door in these events, and whether they were let in. */
export function doorNotices(events: readonly DomainEvent[]): { tokenHash: string; admitted: boolean }[] {
  const joined = new Set(events.flatMap((e) => (e.type === 'participant:joined' ? [e.participant.tokenHash] : [])));
  return events.flatMap((e) =>
    e.type === 'door:cleared' ? e.tokenHashes.map((tokenHash) => ({ tokenHash, admitted: joined.has(tokenHash) })) : [],
  );
}
