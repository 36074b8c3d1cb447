/**
 * P2 (vote burst) and the memory/join part of P1: Vrijuit against a bare socket.io floor, alternating,
 * the same driver and N for both. Vrijuit's console shows votes in batches of k (core AN12, AN13): the
 * exact view is floor(N / k) x k ballots with the stored votes' tally, and after SIGKILL every vote
 * confirmed stored (its ack or `inputs:stored`) must be in the store. See docs/benchmarks.md.
 *
 *   pnpm exec tsx bench/vote-burst.ts --clients 2000 --pairs 5
 *
 * Options: --clients N (2000) --pairs P (5) --burst-ms (1000) --concurrency (100) --options (4)
 *          --only floor|vrijuit (one side, for development) --json FILE (raw runs) --max-minutes (30)
 *          --profile DIR (V8 CPU profiles of the server children into DIR/floor, DIR/vrijuit; open in DevTools)
 */
import { parseArgs } from 'node:util';
import { tableValues } from '../packages/core/src/table.ts';
import { Child } from './children.ts';
import { checkOpenFiles, driverGc as makeDriverGc, hardStop, int, kb, machine, ms, oneOf } from './cli.ts';
import {
  BURST_ARGS,
  burstOptions,
  runBurst,
  type FacilitatorChild,
  type RunOptions,
  type RunResult,
} from './driver.ts';
import { kinds, report, runPairs, startServer, storedRound, type Kind } from './pairs.ts';
import type { Metric } from './summary.ts';

const { values: args } = parseArgs({
  options: {
    ...BURST_ARGS,
    pairs: { type: 'string', default: '5' },
    only: { type: 'string' },
    profile: { type: 'string' },
  },
});
const options: RunOptions = burstOptions(args);
const pairs = int('pairs', args.pairs, 1, 100);
const maxMinutes = int('max-minutes', args['max-minutes'], 1, 600);
const only = oneOf('only', args.only, kinds);
/** The bare socket.io server Vrijuit is measured against. */
const FLOOR = './floor-server.ts';

// The driver holds N sockets, the server child N more: each needs N + a margin of descriptors.
checkOpenFiles(options.clients, `--clients ${options.clients}`);

const driverGc = makeDriverGc();
// Everything stops by itself: a hard deadline for the whole benchmark.
hardStop('vote-burst', maxMinutes);

async function oneRun(kind: Kind, facilitator: FacilitatorChild): Promise<RunResult> {
  driverGc();
  const { server, port } = await startServer(kind, FLOOR, args.profile);
  const { result, clients, ids } = await runBurst(kind, server, port, facilitator, options);
  facilitator.send({ type: 'detach' });
  // SIGKILL, as a crash would; then every acked vote must be in the store. Profiling needs a clean
  // exit (SIGTERM) to write the profile, and a clean exit removes the data, so no check then.
  const killed = args.profile === undefined;
  await server.kill(!killed);
  if (kind === 'vrijuit' && killed && server.dataDir && ids && Number.isFinite(result.lastVoteToExactMs)) {
    result.durableBallots = tableValues(
      (await storedRound(server.dataDir, ids.sessionId, ids.roundId))?.ballots ?? {},
    ).length;
    // AN14: every vote its phone was told is stored must be there; a received-only vote may be lost by
    // a crash (the phone keeps it in its outbox and sends it again).
    const confirmed = result.storedConfirmed ?? options.clients;
    if (result.durableBallots < confirmed) {
      result.problems.push(
        `only ${result.durableBallots} of ${confirmed} votes confirmed stored in the store after SIGKILL`,
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
    `last vote -> exact view (${r.exactTarget} ballots) ${ms(r.lastVoteToExactMs)} ms, -> last ack ${ms(r.lastVoteToLastAckMs)} ms, ` +
    (r.storedConfirmed === null
      ? ''
      : `${r.storedConfirmed} confirmed stored (${r.storedAcks} by their ack), ${r.clients - r.storedConfirmed} received only, ` +
        `stored p50 ${ms(r.storedP50)} p99 ${ms(r.storedP99)} ms, `) +
    `server cpu join ${ms(r.serverCpuJoinMs)} burst ${ms(r.serverCpuBurstMs)} ms` +
    (r.durableBallots === null ? '' : `, ${r.durableBallots} ballots in the store after SIGKILL`) +
    `: ${status}`
  );
}

const metrics: Metric<RunResult>[] = [
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
    label: 'ballots the console can show before close (floor(N/k) x k; floor: N)',
    value: (r) => r.exactTarget,
    over: 'median',
    format: (v) => (Number.isFinite(v) ? v.toFixed(0) : '-'),
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
  {
    label: 'vote stored p50 (ms, send -> stored ack or inputs:stored)',
    value: (r) => r.storedP50,
    over: 'median',
    format: ms,
  },
  { label: 'vote stored p99 (ms)', value: (r) => r.storedP99, over: 'median', format: ms },
  {
    label: 'votes confirmed stored / received only',
    value: (r) => r.storedConfirmed ?? NaN,
    over: 'median',
    format: (v) => (Number.isFinite(v) ? `${v.toFixed(0)} / ${(options.clients - v).toFixed(0)}` : '-'),
  },
  {
    label: 'votes told stored by their own ack (the rest by inputs:stored)',
    value: (r) => r.storedAcks ?? NaN,
    over: 'median',
    format: (v) => (Number.isFinite(v) ? v.toFixed(0) : '-'),
  },
  {
    label: 'ballots in the store after SIGKILL',
    value: (r) => r.durableBallots ?? NaN,
    over: 'median',
    format: (v) => (Number.isFinite(v) ? v.toFixed(0) : '-'),
  },
  { label: 'server CPU, joining N (ms)', value: (r) => r.serverCpuJoinMs, over: 'median', format: ms },
  { label: 'server CPU, burst until exact view (ms)', value: (r) => r.serverCpuBurstMs, over: 'median', format: ms },
];

const facilitator: FacilitatorChild = Child.start('./facilitator.ts');
await facilitator.next('ready', 60_000);

const began = new Date();
console.log(
  `vote-burst: N=${options.clients}, ${pairs} pair(s), burst ${options.burstMs} ms, join concurrency ${options.concurrency}, ` +
    `${options.options} options; ${machine()}`,
);

const results = await runPairs(pairs, only, (kind) => oneRun(kind, facilitator), describe);
await facilitator.kill();
report({ began, title: `N = ${options.clients}`, results, metrics, json: args.json, raw: { options, pairs } });
process.exit(0);
