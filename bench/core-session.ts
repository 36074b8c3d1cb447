/**
 * Core alone, for the benchmarks that time it in one process (core-tally.ts, word-cloud.ts): a session
 * with N participants and one open round, built through core's own decisions and evolve, and the keys
 * spread as the server's random ids and voter keys are (tables bucket by a key's first characters).
 */
import { createHash } from 'node:crypto';
import {
  createRound,
  createSession,
  evolveAll,
  joinParticipant,
  openRound,
  type Decision,
  type SessionState,
} from '../packages/core/src/index.ts';
import type { RoundConfig } from '../packages/protocol/src/index.ts';

export const benchKey = (kind: string, i: number) => createHash('sha256').update(`${kind}${i}`).digest('base64url');

/** The state after `decision`, which must be accepted. */
export function applied<T>(state: SessionState | null, decision: Decision<T>): SessionState {
  if (!decision.ok) throw new Error(decision.error.code);
  const next = evolveAll(state, decision.events);
  if (!next) throw new Error('no state');
  return next;
}

/**
 * A session with `n` participants (participant i seated by `seat(i)`, id `benchKey('p', i)`) and round
 * `r1` open (reveal live). Votes go in with `voterKey: benchKey('k', i)`.
 */
export function openRoundOf(
  n: number,
  round: { question: string; options: string[]; config: RoundConfig },
  zones: Parameters<typeof createSession>[0]['zones'],
  seat: (i: number) => readonly [zoneId: string, municipalityId: string | null],
): SessionState {
  let s = applied(
    null,
    createSession({
      sessionId: 'bench-session',
      joinCode: 'BENCH2',
      title: 'Bench',
      zones,
      anonymityThreshold: 3,
      weighted: false,
      releaseEverySeconds: 15,
      releaseMinEntries: 3,
      ownerAccountId: 'bench',
    }),
  );
  for (let i = 0; i < n; i++) {
    const [zoneId, municipalityId] = seat(i);
    const participant = { participantId: benchKey('p', i), tokenHash: benchKey('t', i), zoneId, municipalityId };
    s = applied(s, joinParticipant(s, { ...participant, name: '' }));
  }
  s = applied(s, createRound(s, { roundId: 'r1', ...round, reveal: 'live', durationSeconds: null }));
  return applied(s, openRound(s, { roundId: 'r1', now: 0 }));
}
