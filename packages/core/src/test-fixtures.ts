/**
 * Helpers for the core unit tests only (not exported from the package): build sessions by running
 * decisions through evolve, the way the server does.
 */
import type { Decision } from './result.ts';
import type { DomainEvent } from './events.ts';
import type { SessionState } from './state.ts';
import { castVote, createRound, createSession, joinParticipant, openRound } from './decide.ts';
import { evolveAll } from './evolve.ts';

/** The events and value of an accepted decision; throws (failing the test) on a refusal. */
export function accepted<T>(decision: Decision<T>): { events: readonly DomainEvent[]; value: T } {
  if (!decision.ok) throw new Error(`expected an accepted decision, got ${decision.error.code}`);
  return { events: decision.events, value: decision.value };
}

export function run<T>(state: SessionState | null, decision: Decision<T>): SessionState {
  const next = evolveAll(state, accepted(decision).events);
  if (!next) throw new Error('no state');
  return next;
}

/** Freezes a value and everything reachable from it, so any mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<string | symbol, unknown>)[key]);
  }
  return value;
}

/** Distinctive strings, so a leak of any of them is found by a plain substring search. */
export const FACILITATOR_HASH = 'facilitator-token-hash-SECRET';
export const participantId = (n: number) => `participant-id-${n}-SECRET`;
export const tokenHash = (n: number) => `token-hash-${n}-SECRET`;
export const voterKeyOf = (n: number, round = 'r1') => `voter-key-${round}-${n}-SECRET`;
export const VOTER_SECRET = 'voter-secret-r1-SECRET';

/** A session "Retro" with zones z1 Noord, z2 Zuid, z3 Oost. */
export function session(): SessionState {
  return run(
    null,
    createSession({
      sessionId: 'session-1',
      joinCode: 'ABCD23',
      title: 'Retro',
      zones: ['Noord', 'Zuid', 'Oost'],
      facilitatorTokenHash: FACILITATOR_HASH,
    }),
  );
}

export function join(state: SessionState, n: number, zoneId: string, name = `P${n}`): SessionState {
  return run(state, joinParticipant(state, { participantId: participantId(n), tokenHash: tokenHash(n), zoneId, name }));
}

/** Session with participants 1 (z1), 2 (z2), 3 (z3), 4 (z1) and a draft round r1 with options o1 Ja, o2 Nee, o3 Later. */
export function withDraftRound(): SessionState {
  let s = session();
  s = join(s, 1, 'z1');
  s = join(s, 2, 'z2');
  s = join(s, 3, 'z3');
  s = join(s, 4, 'z1');
  return run(s, createRound(s, { roundId: 'r1', question: 'Gaan we door?', options: ['Ja', 'Nee', 'Later'] }));
}

export function withOpenRound(): SessionState {
  const s = withDraftRound();
  return run(s, openRound(s, { roundId: 'r1', voterSecret: VOTER_SECRET }));
}

export function vote(state: SessionState, n: number, optionId: string, roundId = 'r1'): SessionState {
  return run(
    state,
    castVote(state, { participantId: participantId(n), voterKey: voterKeyOf(n, roundId), roundId, optionId }),
  );
}
