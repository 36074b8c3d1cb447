/**
 * P3 (pain points with fan-out to the console and the projector): Vrijuit against a bare socket.io floor
 * that relays each entry to the two screens at once, alternating, the same driver, N and rate for both.
 * Vrijuit acks an entry as received at once and stores and shows it at the next release tick (core AN8,
 * AN13, AN14): the ack, submit -> on screen and submit -> stored are measured apart. See docs/benchmarks.md.
 *
 *   pnpm exec tsx bench/pain-points.ts --rate 1000 --pairs 3
 *   pnpm exec tsx bench/pain-points.ts --rate 5000 --pairs 3
 *
 * Options: --phones N (1000) --rate R entries/s (1000) --seconds S (3) --pairs P (3)
 *          --reveal manual|live (manual: only the console sees the wall; live: the projector and every
 *          phone get it too) --release-every S real seconds (1) --release-second-ms (100: the server's
 *          10 s floor ticks every real second; 1000: real seconds, then --release-every 10 or more)
 *          --text-length C (60) --concurrency (100)
 *          --max-lag-ms (100) --only floor|vrijuit --json FILE --max-minutes (10)
 *          --profile DIR (V8 CPU profiles of the server children into DIR/floor, DIR/vrijuit)
 */
import { parseArgs } from 'node:util';
import { FLOORS, LIMITS, RATE_LIMITS } from '../packages/protocol/src/index.ts';
import { tableValues } from '../packages/core/src/table.ts';
import { Child } from './children.ts';
import { checkOpenFiles, driverGc as makeDriverGc, hardStop, int, machine, ms, oneOf } from './cli.ts';
import { RELEASE_SECOND_ENV } from './ipc.ts';
import { runPainPoints, type PainOptions, type PainResult, type ScreenChild } from './pain-driver.ts';
import { kinds, report, runPairs, startServer, storedRound, type Kind } from './pairs.ts';
import type { Metric } from './summary.ts';

const { values: args } = parseArgs({
  options: {
    phones: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '3' },
    pairs: { type: 'string', default: '3' },
    reveal: { type: 'string', default: 'manual' },
    'release-every': { type: 'string', default: '1' },
    'release-second-ms': { type: 'string', default: '100' },
    'text-length': { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '100' },
    'max-lag-ms': { type: 'string', default: '100' },
    only: { type: 'string' },
    json: { type: 'string' },
    profile: { type: 'string' },
    'max-minutes': { type: 'string', default: '10' },
  },
});
// How long the bench server's release second lasts (createServer's releaseSecondMs); the server child
// reads it from the environment. 100: the 10 s floor ticks every real second; 1000: real seconds.
const releaseSecondMs = int('release-second-ms', args['release-second-ms'], 1, 1000);
process.env[RELEASE_SECOND_ENV] = String(releaseSecondMs);
const options: PainOptions = {
  phones: int('phones', args.phones, 1, 100_000),
  rate: int('rate', args.rate, 1, 100_000),
  seconds: int('seconds', args.seconds, 1, 60),
  concurrency: int('concurrency', args.concurrency, 1, 10_000),
  reveal: oneOf('reveal', args.reveal, ['manual', 'live'] as const) ?? 'manual',
  // Real seconds; with the default release second of 100 ms the bench server's seconds run 10 times faster.
  releaseEverySeconds: int(
    'release-every',
    args['release-every'],
    1,
    (LIMITS.releaseEverySeconds * releaseSecondMs) / 1000,
  ),
  releaseSecondMs,
  textLength: int('text-length', args['text-length'], 8, LIMITS.painPointText),
  maxLagMs: int('max-lag-ms', args['max-lag-ms'], 1, 60_000),
};
// The session's interval in the server's release seconds: a whole number, at least the floor (AN21).
const serverSeconds = (options.releaseEverySeconds * 1000) / releaseSecondMs;
if (!Number.isInteger(serverSeconds) || serverSeconds < FLOORS.releaseEverySeconds) {
  console.error(
    `--release-every ${options.releaseEverySeconds} s with --release-second-ms ${releaseSecondMs} is ${serverSeconds} of the ` +
      `server's seconds: it must be a whole number, at least ${FLOORS.releaseEverySeconds} (the floor, core AN21).`,
  );
  process.exit(2);
}
const pairs = int('pairs', args.pairs, 1, 100);
const maxMinutes = int('max-minutes', args['max-minutes'], 1, 600);
const only = oneOf('only', args.only, kinds);
/** The bare socket.io server that relays each entry to both screens. */
const FLOOR = './pain-floor-server.ts';

// Each phone sends rate / N entries a second and rate x seconds / N in all: both must stay under the
// server's limits (commands per second per connection, entries per participant and round), with room
// for the jitter of a fixed one-second window.
const perPhoneRate = options.rate / options.phones;
const perPhone = Math.ceil((options.rate * options.seconds) / options.phones);
if (perPhoneRate > 0.75 * RATE_LIMITS.commandsPerSecond || perPhone > LIMITS.painPointsPerParticipant) {
  console.error(
    `--rate ${options.rate} over --seconds ${options.seconds} with --phones ${options.phones}: each phone would send ` +
      `${perPhoneRate.toFixed(1)} entries/s (at most ${0.75 * RATE_LIMITS.commandsPerSecond}) and ${perPhone} in all ` +
      `(at most ${LIMITS.painPointsPerParticipant}); use more phones or fewer seconds.`,
  );
  process.exit(2);
}
checkOpenFiles(options.phones, `--phones ${options.phones}`);

const driverGc = makeDriverGc();
hardStop('pain-points', maxMinutes);

async function oneRun(kind: Kind, screens: { console: ScreenChild; projector: ScreenChild }): Promise<PainResult> {
  driverGc();
  const { server, port } = await startServer(kind, FLOOR, args.profile);
  const { result, clients, ids } = await runPainPoints(kind, server, port, screens, options);
  screens.console.send({ type: 'detach' });
  screens.projector.send({ type: 'detach' });
  // SIGKILL, as a crash would; then every acked entry must be in the store. Profiling needs a clean
  // exit (SIGTERM) to write the profile, and a clean exit removes the data, so no check then.
  const killed = args.profile === undefined;
  await server.kill(!killed);
  if (kind === 'vrijuit' && killed && server.dataDir && ids && result.acked > 0) {
    result.durable = tableValues((await storedRound(server.dataDir, ids.sessionId, ids.roundId))?.points ?? {}).length;
    // AN14: every entry its phone was told is stored must be there; a received-only one may be lost by a
    // crash (the phone keeps it in its outbox and sends it again).
    const confirmed = result.storedConfirmed ?? result.acked;
    if (result.durable < confirmed) {
      result.problems.push(
        `only ${result.durable} of ${confirmed} entries confirmed stored in the store after SIGKILL`,
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

const mb = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '-');
const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(0)} %` : '-');
const count = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '-');

function describe(r: PainResult): string {
  const status = r.valid ? 'ok' : `INVALID (${r.problems.join('; ')})`;
  const screen = (name: string, s: PainResult['console']) =>
    `${name} submit->shown p50 ${ms(s.appearP50)} p99 ${ms(s.appearP99)} ms (tick->shown p50 ${ms(s.afterTickP50)} ` +
    `p99 ${ms(s.afterTickP99)}), last ack->all ${ms(s.lastAckToAllMs)} ms, ${s.views} views ${mb(s.megabytes)} MB`;
  return (
    `${r.kind.padEnd(7)} N=${r.phones} R=${r.rate}/s: join ${ms(r.joinMs)} ms, send span ${ms(r.sendSpanMs)} ms ` +
    `(max lag ${ms(r.maxSendLagMs)}), ${r.acked}/${r.entries} acked, ack p50 ${ms(r.ackP50)} p99 ${ms(r.ackP99)} ` +
    `max ${ms(r.ackMax)} ms, ${count(r.ackedPerSecond)}/s acked, last send->last ack ${ms(r.lastSendToLastAckMs)} ms, ` +
    (r.storedConfirmed === null
      ? ''
      : `${r.storedConfirmed} confirmed stored (submit->stored p50 ${ms(r.storedP50)} p99 ${ms(r.storedP99)} max ${ms(r.storedMax)} ms), ` +
        `${r.acked - r.storedConfirmed} received only, `) +
    `server CPU ${pct(r.serverCpuLoad)} of a core while sending, ${ms(r.serverCpuMs)} ms in all; ` +
    `${screen('console', r.console)}, max waiting ${count(r.console.maxWaiting)}; ${screen('projector', r.projector)}; ` +
    `phones ${r.phoneViews} views ${mb(r.phoneMegabytes)} MB` +
    (r.durable === null ? '' : `; ${r.durable} entries in the store after SIGKILL`) +
    `: ${status}`
  );
}

const atTargetRate = options.rate >= 5000;
const metrics: Metric<PainResult>[] = [
  { label: 'connect + join all N (ms)', value: (r) => r.joinMs, over: 'median', format: ms },
  { label: 'send span (ms, planned ~seconds)', value: (r) => r.sendSpanMs, over: 'median', format: ms },
  {
    label: 'acked entries per second',
    value: (r) => r.ackedPerSecond,
    over: 'median',
    format: count,
    target: {
      text: atTargetRate ? 'P3: >= 5,000/s (keeps up: >= 95 % of R)' : 'keeps up: >= 95 % of R',
      met: (v) => v >= 0.95 * options.rate,
    },
  },
  { label: 'last send -> last ack (ms)', value: (r) => r.lastSendToLastAckMs, over: 'median', format: ms },
  { label: 'submit ack p50 (ms; Vrijuit: received)', value: (r) => r.ackP50, over: 'median', format: ms },
  {
    label: 'submit ack p99 (ms)',
    value: (r) => r.ackP99,
    over: 'median',
    format: ms,
    target: {
      text: options.rate === 1000 ? 'P3: <= 2x floor + 30 ms' : '(P3 asks it at 1,000/s)',
      met: (v, f) => v <= 2 * f + 30,
    },
  },
  { label: 'submit ack p99, worst run (ms)', value: (r) => r.ackP99, over: 'max', format: ms },
  { label: 'server CPU while sending (share of one core)', value: (r) => r.serverCpuLoad, over: 'median', format: pct },
  { label: 'server CPU, first send -> all shown (ms)', value: (r) => r.serverCpuMs, over: 'median', format: ms },
  {
    label: 'submit -> on console p50 (ms, incl. wait for the tick)',
    value: (r) => r.console.appearP50,
    over: 'median',
    format: ms,
  },
  {
    label: 'submit -> on console p99 (ms, incl. wait for the tick)',
    value: (r) => r.console.appearP99,
    over: 'median',
    format: ms,
  },
  { label: 'submit -> on console, worst (ms)', value: (r) => r.console.appearMax, over: 'max', format: ms },
  { label: 'submit -> stored p50 (ms, inputs:stored)', value: (r) => r.storedP50, over: 'median', format: ms },
  { label: 'submit -> stored p99 (ms)', value: (r) => r.storedP99, over: 'median', format: ms },
  {
    label: 'entries confirmed stored / received only at the kill',
    value: (r) => r.storedConfirmed ?? NaN,
    over: 'median',
    format: (v) => (Number.isFinite(v) ? `${v.toFixed(0)} / ${(options.rate * options.seconds - v).toFixed(0)}` : '-'),
  },
  {
    label: 'entries in the store after SIGKILL',
    value: (r) => r.durable ?? NaN,
    over: 'median',
    format: count,
  },
  { label: 'release tick -> on console p50 (ms)', value: (r) => r.console.afterTickP50, over: 'median', format: ms },
  { label: 'release tick -> on console p99 (ms)', value: (r) => r.console.afterTickP99, over: 'median', format: ms },
  { label: 'last ack -> all on console (ms)', value: (r) => r.console.lastAckToAllMs, over: 'median', format: ms },
  { label: 'submit -> on projector p50 (ms)', value: (r) => r.projector.appearP50, over: 'median', format: ms },
  { label: 'submit -> on projector p99 (ms)', value: (r) => r.projector.appearP99, over: 'median', format: ms },
  {
    label: 'release tick -> on projector p99 (ms)',
    value: (r) => r.projector.afterTickP99,
    over: 'median',
    format: ms,
  },
  {
    label:
      options.reveal === 'live' ? 'last ack -> all on projector (ms)' : 'last ack -> projector count complete (ms)',
    value: (r) => r.projector.lastAckToAllMs,
    over: 'median',
    format: ms,
  },
  { label: 'console: views received', value: (r) => r.console.views, over: 'median', format: count },
  { label: 'console: MB received', value: (r) => r.console.megabytes, over: 'median', format: mb },
  { label: 'projector: MB received', value: (r) => r.projector.megabytes, over: 'median', format: mb },
  { label: 'all phones: MB received', value: (r) => r.phoneMegabytes, over: 'median', format: mb },
];

const screens = {
  console: Child.start('./screen.ts') as ScreenChild,
  projector: Child.start('./screen.ts') as ScreenChild,
};
await Promise.all([screens.console.next('ready', 60_000), screens.projector.next('ready', 60_000)]);

const began = new Date();
console.log(
  `pain-points: N=${options.phones}, R=${options.rate}/s for ${options.seconds} s (${options.rate * options.seconds} entries, ` +
    `${perPhone} per phone), ${pairs} pair(s), reveal ${options.reveal}, release every ${options.releaseEverySeconds} s ` +
    `(${serverSeconds} server seconds of ${releaseSecondMs} ms), ` +
    `${options.textLength}-character texts; ${machine()}`,
);

const results = await runPairs(pairs, only, (kind) => oneRun(kind, screens), describe);
await Promise.all([screens.console.kill(), screens.projector.kill()]);
report({
  began,
  title: `N = ${options.phones}, R = ${options.rate}/s, ${options.reveal}`,
  results,
  metrics,
  json: args.json,
  raw: { options, pairs },
});
process.exit(0);
