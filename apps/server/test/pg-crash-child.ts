/**
 * The child of pg-durability.test.ts: a PgStore that writes rounds of ballots as fast as it can and says
 * on stdout which ones were committed (acknowledged), until it is killed with SIGKILL. Every third round
 * is closed (and scrubbed: its key destroyed) once written. Arguments: the database URL, the keyring's
 * folder, the session id.
 */
import { randomBytes } from 'node:crypto';
import type { DomainEvent } from '@vrijuit/core';
import { PgStore } from '../src/store/pg-store.ts';

const [url, keyringDir, sessionId] = process.argv.slice(2) as [string, string, string];
const store = await PgStore.open(url, { keyringDir });
await store.commit(
  sessionId,
  [
    {
      type: 'session:created',
      sessionId,
      title: 'Crash',
      joinCode: 'CRASHY',
      zones: [{ id: 'z1', name: 'A', municipalities: [] }],
      settings: { anonymityThreshold: 3, weighted: false, releaseEverySeconds: 10, releaseMinEntries: 3 },
      ownerAccountId: 'f',
      description: '',
      date: null,
      language: 'nl-BE',
    },
  ],
  null,
);
process.stdout.write('ready\n');
for (let round = 0; ; round++) {
  const roundId = `round-${round}`;
  await store.commit(
    sessionId,
    [
      {
        type: 'round:created',
        roundId,
        question: 'Q',
        options: [
          { id: 'o1', label: 'A' },
          { id: 'o2', label: 'B' },
        ],
        config: { kind: 'single-choice' },
        reveal: 'manual',
        durationSeconds: null,
        rerunOf: null,
        compareKey: null,
        position: round,
      },
      { type: 'round:opened', roundId, closesAt: null },
    ],
    null,
  );
  for (let batch = 0; batch < 2; batch++) {
    const votes = Array.from({ length: 3 }, (): DomainEvent => ({
      type: 'vote:cast',
      roundId,
      voterKey: randomBytes(32).toString('base64url'),
      zoneId: '',
      municipalityId: null,
      ballot: { kind: 'single-choice', optionId: batch ? 'o2' : 'o1' },
    }));
    await store.commit(sessionId, votes, null);
    // Acknowledged: the commit resolved.
    process.stdout.write(
      `stored ${roundId} ${votes.map((v) => (v.type === 'vote:cast' ? v.voterKey : '')).join(' ')}\n`,
    );
  }
  if (round % 3 === 2) {
    const closed: DomainEvent = {
      type: 'round:closed',
      roundId,
      results: {
        respondents: 6,
        paper: 0,
        perPerson: { values: { o1: 3, o2: 3 }, matrix: null },
        perMunicipality: null,
        breakdown: { zones: [], municipalities: [] },
      },
    };
    await store.commit(sessionId, [closed], null);
    await store.scrub(sessionId, [closed]);
    process.stdout.write(`closed ${roundId}\n`);
  }
}
