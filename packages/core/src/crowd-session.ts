import type { Decision } from './result.ts';
import { createSession, joinParticipant } from './decide.ts';
import { evolveAll } from './evolve.ts';

import type { SessionState } from './state.ts';

/**
 * For tests and benchmarks that need a big session built as the server builds one (core's own decisions
 * and evolve), not a hand-made state: one place, so a change of the session's shape changes only this.
 */

/** The state after `decision`, which must be accepted. */
export function applied<T>(state: SessionState | null, decision: Decision<T>): SessionState {
  if (!decision.ok) throw new Error(decision.error.code);
  const next = evolveAll(state, decision.events);
  if (!next) throw new Error('no state');
  return next;
}

/**
 * A session of `n` participants, participant i seated by `seat(i, state)` (zone and municipality ids), its
 * id `key('p', i)` and token hash `key('t', i)`: give keys spread as the server's random ids and hashes
 * are (a table buckets by a key's first characters).
 */
export function crowdSession(
  n: number,
  options: {
    zones: Parameters<typeof createSession>[0]['zones'];
    seat: (i: number, state: SessionState) => readonly [zoneId: string, municipalityId: string | null];
    key: (kind: 'p' | 't', i: number) => string;
  },
): SessionState {
  let s = applied(
    null,
    createSession({
      sessionId: 'crowd-session',
      joinCode: 'CROWD2',
      title: 'Crowd',
      zones: options.zones,
      anonymityThreshold: 3,
      weighted: false,
      releaseEverySeconds: 15,
      releaseMinEntries: 3,
      ownerAccountId: 'crowd-owner',
    }),
  );
  for (let i = 0; i < n; i++) {
    const [zoneId, municipalityId] = options.seat(i, s);
    s = applied(
      s,
      joinParticipant(s, {
        participantId: options.key('p', i),
        tokenHash: options.key('t', i),
        zoneId,
        municipalityId,
        name: '',
      }),
    );
  }
  return s;
}
