/**
 * P2 (vote burst) and the memory/join part of P1: Vrijuit against a bare socket.io floor, alternating,
 * the same driver and N for both. See docs/benchmarks.md.
 *
 *   pnpm exec tsx bench/vote-burst.ts --clients 2000 --pairs 5
 *
 * Options: --clients N (2000) --pairs P (5) --burst-ms (1000) --concurrency (100) --options (4)
 *          --only floor|vrijuit (one side, for development) --json FILE (raw runs) --max-minutes (30)
 *          --profile DIR (V8 CPU profiles of the server children into DIR/floor, DIR/vrijuit; open in DevTools)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openSqliteStore } from '../apps/server/src/store/sqlite-store.ts';
import { Child, killAllChildren } from './children.ts';
import { runBurst, type FacilitatorChild, type RunOptions, type RunResult, type ServerChild } from './driver.ts';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '2000' },
    pairs: { type: 'string', default: '5' },
    'burst-ms': { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '100' },
    options: { type: 'string', default: '4' },
    only: { type: 'string' },
    json: { type: 'string' },
    profile: { type: 'string' },
    'max-minutes': { type: 'string', default: '30' },
  },
});
const int = (name: string, value: string | undefined, min: number, max: number): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be an integer from ${min} to ${max}`);
    process.exit(2);
  }
  return n;
};
const options: RunOptions = {
  clients: int('clients', args.clients, 1, 100_000),
  burstMs: int('burst-ms', args['burst-ms'], 1, 60_000),
  concurrency: int('concurrency', args.concurrency, 1, 10_000),
  options: int('options', args.options, 2, 30),
};
const pairs = int('pairs', args.pairs, 1, 100);
const maxMinutes = int('max-minutes', args['max-minutes'], 1, 600);
const kinds = ['floor', 'vrijuit'] as const;
type Kind = (typeof kinds)[number];
if (args.only !== undefined && !kinds.includes(args.only as Kind)) {
  console.error('--only must be floor or vrijuit');
  process.exit(2);
}
const only = args.only as Kind | undefined;

// The driver holds N sockets, the server child N more: each needs N + a margin of descriptors.
const openFilesLimit = (() => {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined || soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    return Infinity;
  }
})();
if (options.clients + 200 > openFilesLimit) {
  console.error(
    `--clients ${options.clients} needs more open files than the limit (${openFilesLimit}); ` +
      `raise it first, e.g. \`ulimit -n ${Math.max(65536, options.clients * 2)}\` in the same shell.`,
  );
  process.exit(2);
}

setFlagsFromString('--expose-gc');
const driverGc = runInNewContext('gc') as () => void;

// Everything stops by itself: a hard deadline for the whole benchmark.
const hardStop = setTimeout(() => {
  console.error(`vote-burst: stopped after --max-minutes ${maxMinutes}`);
  killAllChildren();
  process.exit(3);
}, maxMinutes * 60_000);
hardStop.unref();

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '-');

async function startServer(kind: Kind): Promise<{ server: ServerChild; port: number }> {
  // One profile per thread, named CPU.<date>.<time>.<pid>.<thread>...: thread 0 is the server's loop.
  const profile = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}/${kind}`] : [];
  const server: ServerChild = Child.start(kind === 'floor' ? './floor-server.ts' : './vrijuit-server.ts', profile);
  const ready = await server.next('ready', 60_000);
  server.dataDir = ready.dataDir;
  return { server, port: ready.port };
}

/** Ballots of the round in a (killed) Vrijuit server's store: every acknowledged vote must be there. */
async function durableBallots(dataDir: string, sessionId: string, roundId: string): Promise<number> {
  const store = openSqliteStore(dataDir);
  try {
    const state = await store.loadSession(sessionId);
    return Object.keys(state?.rounds.find((r) => r.id === roundId)?.ballots ?? {}).length;
  } finally {
    await store.close();
  }
}

async function oneRun(kind: Kind, facilitator: FacilitatorChild): Promise<RunResult> {
  driverGc();
  const { server, port } = await startServer(kind);
  const { result, clients, ids } = await runBurst(kind, server, port, facilitator, options);
  facilitator.send({ type: 'detach' });
  // SIGKILL, as a crash would; then every acked vote must be in the store. Profiling needs a clean
  // exit (SIGTERM) to write the profile, and a clean exit removes the data, so no check then.
  const killed = args.profile === undefined;
  await server.kill(!killed);
  if (kind === 'vrijuit' && killed && server.dataDir && ids && Number.isFinite(result.lastVoteToExactMs)) {
    result.durableBallots = await durableBallots(server.dataDir, ids.sessionId, ids.roundId);
    if (result.durableBallots !== options.clients) {
      result.problems.push(
        `only ${result.durableBallots} of ${options.clients} acked votes in the store after SIGKILL`,
      );
      result.valid = false;
    }
  }
  server.removeData();
  for (const client of clients) client.close();
  clients.length = 0;
  driverGc();
  // Let the closed sockets go (TIME_WAIT, the other side's exit) before the next run.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return result;
}

function describe(r: RunResult): string {
  const status = r.valid ? 'ok' : `INVALID (${r.problems.join('; ')})`;
  return (
    `${r.kind.padEnd(7)} N=${r.clients} join ${ms(r.joinMs)} ms, heap ${kb(r.heapPerClient)} KB/client, ` +
    `rss ${kb(r.rssPerClient)} KB/client, open fan-out ${ms(r.fanoutMs)} ms, send span ${ms(r.sendSpanMs)} ms ` +
    `(max lag ${ms(r.maxSendLagMs)}), ack p50 ${ms(r.ackP50)} p99 ${ms(r.ackP99)} max ${ms(r.ackMax)} ms, ` +
    `last vote -> exact view ${ms(r.lastVoteToExactMs)} ms, -> last ack ${ms(r.lastVoteToLastAckMs)} ms, ` +
    `server cpu join ${ms(r.serverCpuJoinMs)} burst ${ms(r.serverCpuBurstMs)} ms` +
    (r.durableBallots === null ? '' : `, ${r.durableBallots} ballots stored after SIGKILL`) +
    `: ${status}`
  );
}

function median(values: number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

interface Metric {
  label: string;
  value: (r: RunResult) => number;
  /** How the runs combine: the median, or the worst run (a stand-in for p99 over a handful of runs). */
  over: 'median' | 'max';
  format: (v: number) => string;
  target?: { text: string; met: (vrijuit: number, floor: number) => boolean };
}

const metrics: Metric[] = [
  {
    label: 'connect + join all N (ms)',
    value: (r) => r.joinMs,
    over: 'median',
    format: ms,
    target: { text: 'P1: <= 1.3x floor', met: (v, f) => v <= 1.3 * f },
  },
  {
    label: 'server heap per client (KB)',
    value: (r) => r.heapPerClient,
    over: 'median',
    format: kb,
    target: { text: 'P1: <= 1.5x floor', met: (v, f) => v <= 1.5 * f },
  },
  {
    label: 'server RSS per client (KB)',
    value: (r) => r.rssPerClient,
    over: 'median',
    format: kb,
    target: { text: 'P1: <= 1.5x floor', met: (v, f) => v <= 1.5 * f },
  },
  { label: 'round open -> all phones have it (ms)', value: (r) => r.fanoutMs, over: 'median', format: ms },
  { label: 'vote send span (ms, planned ~burst)', value: (r) => r.sendSpanMs, over: 'median', format: ms },
  {
    label: 'vote ack p50 (ms)',
    value: (r) => r.ackP50,
    over: 'median',
    format: ms,
    target: { text: '<= floor + 20 ms', met: (v, f) => v <= f + 20 },
  },
  {
    label: 'vote ack p99 (ms)',
    value: (r) => r.ackP99,
    over: 'median',
    format: ms,
    target: { text: '<= floor + 100 ms', met: (v, f) => v <= f + 100 },
  },
  {
    label: 'last vote -> exact facilitator view, p50 of runs (ms)',
    value: (r) => r.lastVoteToExactMs,
    over: 'median',
    format: ms,
    target: { text: 'P2: <= floor + 20 ms', met: (v, f) => v <= f + 20 },
  },
  {
    label: 'last vote -> exact facilitator view, worst run (ms)',
    value: (r) => r.lastVoteToExactMs,
    over: 'max',
    format: ms,
    target: { text: 'P2 (p99): <= floor + 100 ms', met: (v, f) => v <= f + 100 },
  },
  { label: 'last vote -> last ack (ms)', value: (r) => r.lastVoteToLastAckMs, over: 'median', format: ms },
  { label: 'server CPU, joining N (ms)', value: (r) => r.serverCpuJoinMs, over: 'median', format: ms },
  { label: 'server CPU, burst until exact view (ms)', value: (r) => r.serverCpuBurstMs, over: 'median', format: ms },
];

function summary(results: RunResult[]): string {
  const valid = (kind: Kind) => results.filter((r) => r.kind === kind && r.valid);
  const combine = (m: Metric, kind: Kind) => {
    const values = valid(kind).map(m.value);
    return m.over === 'median' ? median(values) : values.length ? Math.max(...values) : NaN;
  };
  const lines = [
    `| metric (N = ${options.clients}, ${valid('floor').length} floor / ${valid('vrijuit').length} Vrijuit valid runs) | floor | Vrijuit | ratio | difference | target | met |`,
    '|---|---:|---:|---:|---:|---|---|',
  ];
  for (const m of metrics) {
    const f = combine(m, 'floor');
    const v = combine(m, 'vrijuit');
    const both = Number.isFinite(f) && Number.isFinite(v);
    const ratio = both && f !== 0 ? `${(v / f).toFixed(Math.abs(v / f) >= 100 ? 0 : 2)}x` : '-';
    const diff = both ? m.format(v - f) : '-';
    const met = m.target && both ? (m.target.met(v, f) ? 'yes' : '**no**') : '';
    lines.push(
      `| ${m.label} | ${m.format(f)} | ${m.format(v)} | ${ratio} | ${diff} | ${m.target?.text ?? ''} | ${met} |`,
    );
  }
  return lines.join('\n');
}

const facilitator: FacilitatorChild = Child.start('./facilitator.ts');
await facilitator.next('ready', 60_000);

const began = new Date();
console.log(
  `vote-burst: N=${options.clients}, ${pairs} pair(s), burst ${options.burstMs} ms, join concurrency ${options.concurrency}, ` +
    `${options.options} options; ${availableParallelism()} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ` +
    `load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);

const results: RunResult[] = [];
for (let pair = 0; pair < pairs; pair++) {
  // Alternate which side goes first, so drift on a shared machine hits both.
  const order: Kind[] = only ? [only] : pair % 2 === 0 ? ['floor', 'vrijuit'] : ['vrijuit', 'floor'];
  for (const kind of order) {
    const result = await oneRun(kind, facilitator);
    results.push(result);
    console.log(`[${pair + 1}/${pairs}] ${describe(result)}`);
  }
}
await facilitator.kill();

console.log(
  `\n${began.toISOString().slice(0, 10)}, ${((Date.now() - began.getTime()) / 1000).toFixed(0)} s, ` +
    `load at end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
);
console.log(summary(results));
if (args.json) writeFileSync(args.json, JSON.stringify({ options, pairs, began, results }, null, 2));
const invalid = results.filter((r) => !r.valid).length;
if (invalid > 0) console.log(`\n${invalid} of ${results.length} runs void or failed (see the lines above).`);
process.exit(0);
