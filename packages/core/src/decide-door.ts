import { LIMITS } from '@vrijuit/protocol';
import { joinParticipant } from './decide.ts';
import { hasEnded } from './decide-lifecycle.ts';
import type { DomainEvent } from './events.ts';
import { accept, reject, type Decision } from './result.ts';
import type { DoorState, SessionState, WaitingJoin } from './state.ts';
import { tableGet, tableValues } from './table.ts';

/**
 * The door of a session (SPEC DO1-DO9): without accounts, anyone who reads the join code can join, so
 * the facilitator decides who comes in once the room is there. A new phone waits while the door is
 * closed or the expected number has joined; the facilitator lets the waiting in per zone, or turns them
 * away. A phone that joined before always gets back in (SE1). Ids are passed in by the caller.
 */

type Done = Record<string, never>;

const OPEN: DoorState = { closed: false, waiting: {} };

export const doorOf = (state: SessionState): DoorState => state.door ?? OPEN;

/** The joins waiting at the door, in token-hash order (random: it says nothing about who came first). */
export function waitingJoins(state: SessionState): WaitingJoin[] {
  return tableValues(doorOf(state).waiting).sort((a, b) => (a.tokenHash < b.tokenHash ? -1 : 1));
}

/** How many more may join by themselves before the expected number is reached (DO2); Infinity without one. */
export function roomLeft(state: SessionState): number {
  const expected = state.settings.expectedParticipants;
  if (expected === null || expected === undefined) return Infinity;
  return Math.max(0, expected - state.participants.count);
}

/** DO1, DO2: whether a new phone waits now. */
export const mustWait = (state: SessionState): boolean => doorOf(state).closed || roomLeft(state) === 0;

/** How a join came in: a phone the session knows, a new participant, or a join waiting at the door. */
export type Arrival = 'known' | 'joined' | 'waiting';

/**
 * DO1, DO2, DO5-DO7: a phone knocks with `participant:join`. A token that is a participant is let in at
 * once (SE1); `fresh` says the token was new to the session (neither participant nor waiting). A new token (not waiting already) is refused `RATE_LIMITED` when the server says its
 * address has used its share (`limited`, DO6). Then the zone is checked (SE2, SE4), and the join either
 * becomes a participant, or waits: while the door is closed or the session is full (DO1, DO2). A join
 * that waits already and sends again is let in when neither holds any more (DO5), else keeps waiting
 * with what it sent. At most `LIMITS.waitingJoins` wait (DO7).
 */
export function knock(
  state: SessionState,
  input: {
    participantId: string;
    tokenHash: string;
    zoneId: string;
    municipalityId: string | null;
    name: string;
    limited: boolean;
  },
): Decision<{ arrival: Arrival; fresh: boolean }> {
  // LC4, SE1, SE2, SE4: the join as it would be without a door.
  const join = joinParticipant(state, input);
  if (!join.ok) return join;
  if (join.events.length === 0) return accept([], { arrival: 'known', fresh: false });
  const waiting = tableGet(doorOf(state).waiting, input.tokenHash);
  // `fresh`: a token new to the session, which costs its address a join (DO6).
  const fresh = !waiting;
  if (fresh && input.limited) return reject('RATE_LIMITED', 'too many new phones from this address; wait a little');
  if (!mustWait(state)) {
    return accept([...(waiting ? [cleared([input.tokenHash])] : []), ...join.events], { arrival: 'joined', fresh });
  }
  if (!waiting && waitingJoins(state).length >= LIMITS.waitingJoins) {
    return reject('RATE_LIMITED', 'too many phones wait at the door already');
  }
  const next: WaitingJoin = {
    tokenHash: input.tokenHash,
    zoneId: input.zoneId,
    municipalityId: input.municipalityId,
    name: input.name,
  };
  const same =
    waiting !== undefined &&
    waiting.zoneId === next.zoneId &&
    waiting.municipalityId === next.municipalityId &&
    waiting.name === next.name;
  return accept(same ? [] : [{ type: 'door:waiting', join: next }], { arrival: 'waiting', fresh });
}

/**
 * DO3: close the door or open it. Opening lets the waiting in (as DO4) as far as the expected number
 * allows, in token-hash order; the others keep waiting. `participantIds`: a fresh id per waiting join.
 */
export function setDoor(
  state: SessionState,
  input: { closed: boolean; participantIds: readonly string[] },
): Decision<Done> {
  if (doorOf(state).closed === input.closed) return accept([], {});
  const changed: DomainEvent = { type: 'door:changed', closed: input.closed };
  if (input.closed || hasEnded(state)) return accept([changed], {});
  const admitted = waitingJoins(state).slice(0, roomLeft(state));
  return accept([changed, ...admission(admitted, input.participantIds)], {});
}

/**
 * DO4: let in every join waiting in a zone (or all, `zoneId` null), whatever the door and the expected
 * number say: the facilitator decides. Each becomes a participant exactly as its join would have made
 * it. Not once the session has ended (`SESSION_STATE`, LC4).
 */
export function admitWaiting(
  state: SessionState,
  input: { zoneId: string | null; participantIds: readonly string[] },
): Decision<{ admitted: number }> {
  if (hasEnded(state)) return reject('SESSION_STATE', 'the session has ended; reopen it to let people in');
  const joins = inZone(state, input.zoneId);
  if (!joins) return reject('ZONE_NOT_FOUND', 'unknown zone');
  return accept(admission(joins, input.participantIds), { admitted: joins.length });
}

/** DO4: turn away every join waiting in a zone (or all): the session forgets them. */
export function turnAway(state: SessionState, input: { zoneId: string | null }): Decision<{ turnedAway: number }> {
  const joins = inZone(state, input.zoneId);
  if (!joins) return reject('ZONE_NOT_FOUND', 'unknown zone');
  const hashes = joins.map((j) => j.tokenHash);
  return accept(hashes.length ? [cleared(hashes)] : [], { turnedAway: hashes.length });
}

/** The joins waiting in a zone of the session (all for null); null for a zone the session does not have. */
function inZone(state: SessionState, zoneId: string | null): WaitingJoin[] | null {
  if (zoneId !== null && !state.zones.some((z) => z.id === zoneId)) return null;
  return waitingJoins(state).filter((j) => zoneId === null || j.zoneId === zoneId);
}

const cleared = (tokenHashes: string[]): DomainEvent => ({ type: 'door:cleared', tokenHashes });

/** The waiting joins leave the door and become participants, each with the next of `ids`. */
function admission(joins: readonly WaitingJoin[], ids: readonly string[]): DomainEvent[] {
  if (joins.length === 0) return [];
  if (ids.length < joins.length) throw new Error('a participant id per admitted join');
  return [
    cleared(joins.map((j) => j.tokenHash)),
    ...joins.map((j, i): DomainEvent => ({
      type: 'participant:joined',
      participant: {
        id: ids[i] as string,
        tokenHash: j.tokenHash,
        zoneId: j.zoneId,
        municipalityId: j.municipalityId,
        name: j.name,
      },
    })),
  ];
}
