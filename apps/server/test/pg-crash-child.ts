/**
 * The child of pg-durability.test.ts: a PgStore that writes rounds of ballots as fast as it can and says
 * on stdout which ones were committed (acknowledged), until it is killed with SIGKILL. Every write is a
 * decision of core's (createRound, openRound, castVote), committed and scrubbed as the server's hub does:
 * opening a round closes the one before it (RO2), whose key the scrub destroys. Lines: `stored <round>
 * <batch> <voter keys…>` once a batch of ballots is committed, `closed <round>` once a close is
 * committed and scrubbed. Arguments: the database URL, the keyring's folder, the session id.
 */
import { randomBytes } from 'node:crypto';
import {
  accept,
  castVote,
  createRound,
  evolveAll,
  joinParticipant,
  openRound,
  type Decision,
  type DomainEvent,
  type SessionState,
} from '@vrijuit/core';
import { PgStore } from '../src/store/pg-store.ts';
import { oneZoneSession } from './session-fixture.ts';

/**
 * Batches of ballots per round: the test kills the child right after a round's first batch, so several
 * commits lie between that moment and the round's close (the next round's open), and the round killed in
 * is still open in the store.
 */
const BATCHES_PER_ROUND = 4;

const [url, keyringDir, sessionId] = process.argv.slice(2) as [string, string, string];
const store = await PgStore.open(url, { keyringDir });
let state: SessionState | null = null;

/** Decides on the state, commits the events (no command record), then scrubs them (a close: AN25). */
async function decide<T>(decision: (s: SessionState) => Decision<T>): Promise<void> {
  const d = decision(state!);
  if (!d.ok) throw new Error(`${d.error.code}: ${d.error.message}`);
  await store.commit(sessionId, d.events, null);
  state = evolveAll(state, d.events);
  await store.scrub(sessionId, d.events);
  for (const e of d.events) if (e.type === 'round:closed') process.stdout.write(`closed ${e.roundId}\n`);
}

/** One commit of a ballot from each voter, each under a fresh voter key, as the hub's batches are (AN2). */
function ballots(s: SessionState, roundId: string, keys: readonly string[], optionId: string): Decision<null> {
  const events: DomainEvent[] = [];
  for (const [i, key] of keys.entries()) {
    const cast = castVote(evolveAll(s, events)!, {
      participantId: `p${i}`,
      voterKey: key,
      roundId,
      ballot: { kind: 'single-choice', optionId },
    });
    if (!cast.ok) return cast;
    events.push(...cast.events);
  }
  return accept(events, null);
}

await decide(() => oneZoneSession(sessionId, 'CRASHY', { title: 'Crash' }));
for (let i = 0; i < 3; i++) {
  await decide((s) =>
    joinParticipant(s, {
      participantId: `p${i}`,
      tokenHash: `t${i}`,
      zoneId: 'z1',
      municipalityId: null,
      name: `P${i}`,
    }),
  );
}
process.stdout.write('ready\n');
for (let round = 0; ; round++) {
  const roundId = `round-${round}`;
  await decide((s) =>
    createRound(s, {
      roundId,
      question: 'Q',
      options: ['A', 'B'],
      config: { kind: 'single-choice' },
      reveal: 'manual',
      durationSeconds: null,
    }),
  );
  await decide((s) => openRound(s, { roundId, now: Date.now() }));
  for (let batch = 0; batch < BATCHES_PER_ROUND; batch++) {
    const keys = [0, 1, 2].map(() => randomBytes(32).toString('base64url'));
    await decide((s) => ballots(s, roundId, keys, batch % 2 ? 'o2' : 'o1'));
    // Acknowledged: the commit resolved.
    process.stdout.write(`stored ${roundId} ${batch} ${keys.join(' ')}\n`);
  }
}
