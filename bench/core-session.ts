/**
 * Core alone, for the benchmarks that time it in one process (core-tally.ts, word-cloud.ts): a session
 * with N participants and one open round, built through core's own decisions and evolve, and the keys
 * spread as the server's random ids and voter keys are (tables bucket by a key's first characters).
 */
import { createHash } from 'node:crypto';
import { createRound, openRound, type SessionState } from '../packages/core/src/index.ts';
import { applied, crowdSession } from '../packages/core/src/crowd-session.ts';
import type { RoundConfig } from '../packages/protocol/src/index.ts';

export { applied };

export const benchKey = (kind: string, i: number) => createHash('sha256').update(`${kind}${i}`).digest('base64url');

/**
 * A session with `n` participants (participant i seated by `seat(i)`, id `benchKey('p', i)`) and round
 * `r1` open (reveal live). Votes go in with `voterKey: benchKey('k', i)`.
 */
export function openRoundOf(
  n: number,
  round: { question: string; options: string[]; config: RoundConfig },
  zones: Parameters<typeof crowdSession>[1]['zones'],
  seat: (i: number) => readonly [zoneId: string, municipalityId: string | null],
): SessionState {
  let s = crowdSession(n, { zones, seat, key: benchKey });
  s = applied(s, createRound(s, { roundId: 'r1', ...round, reveal: 'live', durationSeconds: null }));
  return applied(s, openRound(s, { roundId: 'r1', now: 0 }));
}
