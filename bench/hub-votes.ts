/**
 * The server's own work per vote, in one process (no sockets): the real SessionHub on a real SQLite
 * store, N participants, one open round, and N votes through the same handler path a phone's
 * `vote:cast` takes (`asParticipant`: voter key, command key, decide, batch, group commit, ack), sent
 * `--per-turn` at a time per turn of the event loop as a burst arrives. Not a floor comparison: it
 * isolates what Vrijuit adds per vote (issue 17, P2), which a loaded machine blurs in the vote burst,
 * and its CPU time barely moves with the machine's load. See docs/benchmarks.md.
 *
 *   pnpm exec tsx bench/hub-votes.ts --votes 5000 --runs 5
 *   pnpm exec tsx bench/hub-votes.ts --votes 5000 --runs 5 --store both
 *
 * Prints per run: CPU time of the burst (user + system) per vote in µs, wall time, GC time and how many
 * transactions; then the least and the median CPU a vote of runs 2 and on (the first warms the JIT up).
 *
 * `--store postgres` (or `both`, alternating with SQLite run by run; issue 18 item 7, the store's cost per
 * vote): the same on PgStore, on a throwaway PostgreSQL started here from Debian's package (as the tests
 * start it, apps/server/test/postgres.ts, but with fsync on, as in production), a fresh database per run;
 * `--leases` opens it as one of several processes (every commit fenced by the session's lease, PL2).
 * Also printed: PostgreSQL's own CPU per vote (the postmaster and its backends, from /proc).
 *
 * `--profile cpu|alloc --profile-out FILE`: a V8 CPU profile (`.cpuprofile`) or a sampling allocation
 * profile (`.heapprofile`, every 512 bytes on average) of the votes' windows only (runs 2 and on: not the
 * joins, not the first run's JIT warm-up), for Chrome's DevTools or `bench/profile-top.ts`.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PerformanceObserver } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { castVote, createRound, joinParticipant, openRound } from '../packages/core/src/index.ts';
import type { Ack } from '../packages/protocol/src/index.ts';
import { asParticipant, type HandlerDeps, type Identity } from '../apps/server/src/handler-kit.ts';
import { createLogger } from '../apps/server/src/log.ts';
import { participantSecret, randomId } from '../apps/server/src/secrets.ts';
import { SessionHub } from '../apps/server/src/session-hub.ts';
import { openSqliteStore } from '../apps/server/src/store/sqlite-store.ts';
import { PgStore } from '../apps/server/src/store/pg-store.ts';
import type { Store } from '../apps/server/src/store/store.ts';
import { oneZoneSession } from '../apps/server/test/session-fixture.ts';
import { startPostgres, type TestPostgres } from '../apps/server/test/postgres.ts';
import { int, oneOf } from './cli.ts';

const { values: args } = parseArgs({
  options: {
    votes: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '5' },
    'per-turn': { type: 'string', default: '5' },
    store: { type: 'string', default: 'sqlite' },
    leases: { type: 'boolean', default: false },
    profile: { type: 'string' },
    'profile-out': { type: 'string' },
  },
});
const profileKind = oneOf('profile', args.profile, ['cpu', 'alloc'] as const);
if (profileKind && !args['profile-out']) throw new Error('--profile needs --profile-out FILE');
const inspector = profileKind ? new Session() : null;
inspector?.connect();
if (profileKind === 'cpu') {
  await inspector!.post('Profiler.enable');
  await inspector!.post('Profiler.setSamplingInterval', { interval: 100 });
}
if (profileKind === 'alloc') await inspector!.post('HeapProfiler.enable');
/** Profiles `window` when profiling and this is not the first run. */
async function profiled<T>(run: number, window: () => Promise<T>): Promise<T> {
  if (!inspector || run === 0) return window();
  if (profileKind === 'cpu') await inspector.post('Profiler.start');
  else
    await inspector.post('HeapProfiler.startSampling', {
      samplingInterval: 512,
      // Counted as allocated, not as left alive at the end: what the collector had to take back too.
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  try {
    return await window();
  } finally {
    if (profileKind === 'cpu') profiles.push((await inspector.post('Profiler.stop')).profile);
    else profiles.push((await inspector.post('HeapProfiler.stopSampling')).profile);
  }
}
const profiles: unknown[] = [];
const stores = ['sqlite', 'postgres', 'both'] as const;
const storeArg = oneOf('store', args.store, stores) ?? 'sqlite';
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

/** CPU time (ms) of a process and its children, from /proc (clock ticks of 10 ms). */
function treeCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(entry) === pid || Number(fields[1]) === pid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks * 10;
}

type Kind = 'sqlite' | 'postgres';
let postgres = null as TestPostgres | null;
let databases = 0;

async function openStore(kind: Kind, dir: string): Promise<Store> {
  if (kind === 'sqlite') return openSqliteStore(dir);
  postgres ??= await startPostgres(20, { fsync: true });
  const url = await postgres.createDatabase(`hub_votes_${++databases}`);
  return PgStore.open(url, {
    keyringDir: dir,
    ...(args.leases ? { leases: { ttlMs: 10_000 } } : {}),
  });
}

async function run(
  kind: Kind,
  index: number,
): Promise<{ cpu: number; wall: number; gc: number; commits: number; pg: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'vrijuit-hub-votes-'));
  const store = await openStore(kind, dir);
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
  const pgBefore = treeCpuMs(postgres?.pid());
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  await profiled(index, async () => {
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
  });
  const used = process.cpuUsage(cpu);
  const result = {
    cpu: (used.user + used.system) / n,
    wall: Number(process.hrtime.bigint() - wall) / 1e6,
    gc: gcMs - gcBefore,
    commits: commits - commitsBefore,
    pg: kind === 'postgres' ? (treeCpuMs(postgres?.pid()) - pgBefore) * (1000 / n) : Number.NaN,
  };
  const stored = (await store.loadSession(sessionId))?.rounds[0];
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  if (!stored) throw new Error('round not stored');
  return result;
}

const kinds: Kind[] = storeArg === 'both' ? ['sqlite', 'postgres'] : [storeArg];
const results = new Map<Kind, Awaited<ReturnType<typeof run>>[]>(kinds.map((k) => [k, []]));
try {
  for (let r = 0; r < runs; r++) {
    for (const kind of r % 2 === 0 ? kinds : [...kinds].reverse()) {
      const result = await run(kind, r);
      results.get(kind)!.push(result);
      const pg = kind === 'postgres' ? `, PostgreSQL's CPU ${result.pg.toFixed(1)} µs a vote` : '';
      console.log(
        `[${r + 1}/${runs}] ${kind}: ${n} votes, ${perTurn} a turn: CPU ${result.cpu.toFixed(1)} µs a vote${pg}, ` +
          `wall ${result.wall.toFixed(0)} ms, GC ${result.gc.toFixed(0)} ms, ${result.commits} transactions`,
      );
    }
  }
} finally {
  await postgres?.stop();
}
if (profileKind && args['profile-out']) {
  // Each run's profile in a list: bench/profile-top.ts sums them.
  writeFileSync(args['profile-out'], JSON.stringify(profiles));
  inspector?.disconnect();
}
// The first run warms the JIT up; the least CPU of the others is the steadiest figure on a shared machine.
const sorted = (values: number[]) => values.slice(runs > 1 ? 1 : 0).sort((a, b) => a - b);
const summary = (values: number[]) => {
  const v = sorted(values);
  return `least ${v[0]!.toFixed(1)}, median ${v[Math.floor(v.length / 2)]!.toFixed(1)}`;
};
for (const [kind, list] of results) {
  const pg = kind === 'postgres' ? `; PostgreSQL's CPU a vote ${summary(list.map((r) => r.pg))} µs` : '';
  console.log(
    `hub-votes ${kind}${kind === 'postgres' && args.leases ? ' (leases)' : ''}: CPU a vote ${summary(list.map((r) => r.cpu))} µs${pg}; ` +
      `wall a vote ${summary(list.map((r) => (r.wall * 1000) / n))} µs (runs 2-${runs})`,
  );
}
