/**
 * The server's own work per vote, in one process (no sockets): the real SessionHub on a real SQLite
 * store, N participants, one open round, and N votes through the same handler path a phone's
 * `vote:cast` takes (`asParticipant`: voter key, command key, decide, batch, group commit, ack), sent
 * `--per-turn` at a time per turn of the event loop as a burst arrives. Not a floor comparison: it
 * isolates what Vrijuit adds per vote (issue 17, P2), which a loaded machine blurs in the vote burst,
 * and its CPU time barely moves with the machine's load. See docs/benchmarks.md.
 *
 *   pnpm exec tsx bench/hub-votes.ts --votes 5000 --runs 5
 *
 * Prints per run: CPU time of the burst (user + system) per vote in µs, wall time, GC time and how many
 * transactions; then the least and the median CPU a vote of runs 2 and on (the first warms the JIT up).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PerformanceObserver } from 'node:perf_hooks';
import { castVote, createRound, joinParticipant, openRound } from '../packages/core/src/index.ts';
import type { Ack } from '../packages/protocol/src/index.ts';
import { asParticipant, type HandlerDeps, type Identity } from '../apps/server/src/handler-kit.ts';
import { createLogger } from '../apps/server/src/log.ts';
import { participantSecret, randomId } from '../apps/server/src/secrets.ts';
import { SessionHub } from '../apps/server/src/session-hub.ts';
import { openSqliteStore } from '../apps/server/src/store/sqlite-store.ts';
import { oneZoneSession } from '../apps/server/test/session-fixture.ts';
import { int } from './cli.ts';

const { values: args } = parseArgs({
  options: {
    votes: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '5' },
    'per-turn': { type: 'string', default: '5' },
  },
});
const n = int('votes', args.votes, 3, 1_000_000);
const runs = int('runs', args.runs, 1, 100);
const perTurn = int('per-turn', args['per-turn'], 1, 10_000);

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

async function ok<T>(ack: Promise<Ack<T>>): Promise<T> {
  const a = await ack;
  if (!a.ok) throw new Error(a.error.code);
  return a.value;
}

async function run(): Promise<{ cpu: number; wall: number; gc: number; commits: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'vrijuit-hub-votes-'));
  const store = openSqliteStore(dir);
  let commits = 0;
  const commit = store.commit.bind(store);
  store.commit = (...a) => {
    commits++;
    return commit(...a);
  };
  const hub = new SessionHub(store, createLogger('silent'));
  const sessionId = randomId();
  await ok(
    hub.execute(sessionId, { scope: 'global', commandId: randomId() }, () => oneZoneSession(sessionId, 'HUBVOT')),
  );
  const phones: Identity[] = [];
  for (let i = 0; i < n; i++) {
    const participantId = randomId();
    await ok(
      hub.execute(sessionId, { scope: sessionId, commandId: randomId() }, (s) =>
        joinParticipant(s!, { participantId, tokenHash: randomId(), zoneId: 'z1', municipalityId: null, name: '' }),
      ),
    );
    phones.push({ role: 'participant', sessionId, participantId, secret: participantSecret(randomId()) });
  }
  const roundId = 'r1';
  await ok(
    hub.execute(sessionId, { scope: sessionId, commandId: randomId() }, (s) =>
      createRound(s!, {
        roundId,
        question: 'Wat eerst?',
        options: ['A', 'B', 'C', 'D'],
        config: { kind: 'single-choice' },
        reveal: 'manual',
        durationSeconds: null,
      }),
    ),
  );
  await ok(
    hub.execute(sessionId, { scope: sessionId, commandId: randomId() }, (s) => openRound(s!, { roundId, now: 0 })),
  );
  await hub.drain();

  const deps = { hub } as HandlerDeps;
  const acks: Promise<unknown>[] = [];
  const gcBefore = gcMs;
  const commitsBefore = commits;
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  for (let i = 0; i < n; i += perTurn) {
    for (let j = i; j < Math.min(n, i + perTurn); j++) {
      const input = {
        commandId: randomId(),
        roundId,
        ballot: { kind: 'single-choice' as const, optionId: `o${(j % 4) + 1}` },
      };
      acks.push(
        asParticipant({ ...deps, socketId: `s${j}` }, phones[j]!, input, 'ballot', (state, who) =>
          castVote(state, { ...who, ballot: input.ballot }),
        ),
      );
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(acks);
  await hub.drain();
  const used = process.cpuUsage(cpu);
  const result = {
    cpu: (used.user + used.system) / n,
    wall: Number(process.hrtime.bigint() - wall) / 1e6,
    gc: gcMs - gcBefore,
    commits: commits - commitsBefore,
  };
  const stored = (await store.loadSession(sessionId))?.rounds[0];
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  if (!stored) throw new Error('round not stored');
  return result;
}

const results = [];
for (let r = 0; r < runs; r++) {
  const result = await run();
  results.push(result);
  console.log(
    `[${r + 1}/${runs}] ${n} votes, ${perTurn} a turn: CPU ${result.cpu.toFixed(1)} µs a vote, ` +
      `wall ${result.wall.toFixed(0)} ms, GC ${result.gc.toFixed(0)} ms, ${result.commits} transactions`,
  );
}
// The first run warms the JIT up; the least CPU of the others is the steadiest figure on a shared machine.
const cpus = results
  .slice(runs > 1 ? 1 : 0)
  .map((r) => r.cpu)
  .sort((a, b) => a - b);
console.log(
  `hub-votes: CPU a vote, least ${cpus[0]!.toFixed(1)} µs, median ${cpus[Math.floor(cpus.length / 2)]!.toFixed(1)} µs ` +
    `(runs 2-${runs})`,
);
