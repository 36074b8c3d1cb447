/**
 * Issue 18 item 7: the vote burst (bench/driver.ts, as P2) with the phones on one process against the same
 * phones split over two processes of one cluster (PostgreSQL and Redis, CL1-CL6), same N, same machine,
 * alternating. Both sides run the cluster's code (bench/cluster-server.ts, bundled); on the one-process side
 * the second process is not started. The session is made and its console attached on the first process,
 * which owns it: the phones on the second forward their commands to it, and its views reach them through
 * Redis. PostgreSQL (fsync on, as in production) and redis-server are started by the benchmark.
 *
 *   pnpm exec tsx bench/cluster-burst.ts --clients 2000 --pairs 3
 *
 * Options: --clients N (2000) --pairs P (3) --burst-ms (1000) --concurrency (100) --options (4)
 *          --json FILE (raw runs) --max-minutes (30)
 */
import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPostgres } from '../apps/server/test/postgres.ts';
import { startRedis } from '../apps/server/test/redis.ts';
import { bundleServer } from './bundle.ts';
import { Child } from './children.ts';
import { checkOpenFiles, hardStop, int, machine, ms } from './cli.ts';
import type { ServerChild } from './client.ts';
import {
  BURST_ARGS,
  burstOptions,
  runBurst,
  type FacilitatorChild,
  type RunOptions,
  type RunResult,
} from './driver.ts';
import { report } from './pairs.ts';
import type { Metric } from './summary.ts';

const { values: args } = parseArgs({
  options: {
    ...BURST_ARGS,
    pairs: { type: 'string', default: '3' },
  },
});
const options: RunOptions = burstOptions(args);
const pairs = int('pairs', args.pairs, 1, 100);
checkOpenFiles(options.clients, `--clients ${options.clients}`);
hardStop('cluster-burst', int('max-minutes', args['max-minutes'], 1, 600));

const sides = ['one', 'two'] as const;
type Side = (typeof sides)[number];

const postgres = await startPostgres(60, { fsync: true });
const redis = await startRedis();
process.env.REDIS_URL = redis.url;
process.env.CLUSTER_KEY = randomBytes(32).toString('base64');
process.env.KEYRING_DIR = mkdtempSync(join(tmpdir(), 'vrijuit-bench-keys-'));
const script = await bundleServer('./cluster-server.ts');

let run = 0;
/** One process of the cluster on database `url`, with its own lease owner id. */
async function startProcess(url: string, owner: string): Promise<{ server: ServerChild; port: number }> {
  process.env.DATABASE_URL = url;
  process.env.VRIJUIT_BENCH_OWNER = owner;
  const server: ServerChild = Child.start(script, [], [], false);
  const ready = await server.next('ready', 60_000);
  return { server, port: ready.port };
}

async function oneRun(side: Side, facilitator: FacilitatorChild): Promise<RunResult> {
  const url = await postgres.createDatabase(`burst_${++run}`);
  const first = await startProcess(url, `p1-${run}`);
  const second = side === 'two' ? await startProcess(url, `p2-${run}`) : null;
  const phoneUrls = [first, ...(second ? [second] : [])].map((p) => `http://127.0.0.1:${p.port}`);
  const { result, clients } = await runBurst('vrijuit', first.server, first.port, facilitator, {
    ...options,
    phoneUrls,
  });
  result.kind = side;
  facilitator.send({ type: 'detach' });
  for (const client of clients) client.close();
  await first.server.kill(true);
  await second?.server.kill(true);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return result;
}

function describe(r: RunResult): string {
  const status = r.valid ? 'ok' : `INVALID (${r.problems.join('; ')})`;
  return (
    `${r.kind} process(es) N=${r.clients} join ${ms(r.joinMs)} ms, open fan-out ${ms(r.fanoutMs)} ms, ` +
    `ack p50 ${ms(r.ackP50)} p99 ${ms(r.ackP99)} ms, last vote -> exact view ${ms(r.lastVoteToExactMs)} ms, ` +
    `owner cpu join ${ms(r.serverCpuJoinMs)} burst ${ms(r.serverCpuBurstMs)} ms: ${status}`
  );
}

const metrics: Metric<RunResult>[] = [
  { label: 'connect + join all N (ms)', value: (r) => r.joinMs, over: 'median', format: ms },
  {
    label: 'round open -> all phones have it (ms)',
    value: (r) => r.fanoutMs,
    over: 'median',
    format: ms,
    target: { text: 'item 7: two below one', met: (v, f) => v < f },
  },
  { label: 'vote ack p50 (ms)', value: (r) => r.ackP50, over: 'median', format: ms },
  { label: 'vote ack p99 (ms)', value: (r) => r.ackP99, over: 'median', format: ms },
  {
    label: 'last vote -> exact facilitator view (ms)',
    value: (r) => r.lastVoteToExactMs,
    over: 'median',
    format: ms,
  },
  { label: 'owner CPU, joining N (ms)', value: (r) => r.serverCpuJoinMs, over: 'median', format: ms },
  { label: 'owner CPU, burst until exact view (ms)', value: (r) => r.serverCpuBurstMs, over: 'median', format: ms },
];

const facilitator: FacilitatorChild = Child.start('./facilitator.ts');
await facilitator.next('ready', 60_000);
const began = new Date();
console.log(
  `cluster-burst: N=${options.clients}, ${pairs} pair(s), burst ${options.burstMs} ms, PostgreSQL (fsync on) and Redis; ${machine()}`,
);
const results: RunResult[] = [];
for (let pair = 0; pair < pairs; pair++) {
  for (const side of pair % 2 === 0 ? sides : [...sides].reverse()) {
    const result = await oneRun(side, facilitator);
    results.push(result);
    console.log(`[${pair + 1}/${pairs}] ${describe(result)}`);
  }
}
await facilitator.kill();
await redis.stop();
await postgres.stop();
// The summary table names the first side "floor": here it is the one-process side.
report({
  began,
  title: `N = ${options.clients}, one process (floor column) against two`,
  results: results.map((r) => ({ ...r, kind: r.kind === 'one' ? 'floor' : 'vrijuit' })),
  metrics,
  json: args.json,
  raw: { options, pairs },
});
process.exit(0);
