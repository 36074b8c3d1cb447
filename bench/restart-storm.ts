/**
 * P7 (reconnect storm after a hard kill and restart): Vrijuit against a bare socket.io floor,
 * alternating, the same phones and N for both. See docs/benchmarks.md and bench/restart-driver.ts.
 *
 *   pnpm exec tsx bench/restart-storm.ts --clients 2000 --pairs 5
 *
 * Options: --clients N (2000) --pairs P (5) --concurrency (100) --restart built|tsx (built: Vrijuit comes
 *          back as `npm start` runs it, node on apps/server/dist/main.js, built first; tsx: the bench child
 *          under the tsx loader; the floor starts the same way, bundled or under tsx) --only floor|vrijuit --json FILE --max-minutes (30)
 *          --profile DIR (a CPU profile of each Vrijuit restart, node --cpu-prof, from spawn to the run's end)
 *          --built FILE (the restart runs this built main.js as it is, e.g. a copy of an older build, instead
 *          of building apps/server/dist/main.js; keep it two folders below the repository, as dist/main.js)
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkOpenFiles, driverGc as makeDriverGc, hardStop, int, machine, ms, oneOf } from './cli.ts';
import { bundle } from './bundle.ts';
import { kinds, report, runPairs } from './pairs.ts';
import { runStorm, type StormOptions, type StormResult } from './restart-driver.ts';
import type { Metric } from './summary.ts';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '2000' },
    pairs: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '100' },
    restart: { type: 'string', default: 'built' },
    only: { type: 'string' },
    json: { type: 'string' },
    profile: { type: 'string' },
    built: { type: 'string' },
    'max-minutes': { type: 'string', default: '30' },
  },
});
const restart = oneOf('restart', args.restart, ['built', 'tsx'] as const) ?? 'built';
const FLOOR = './restart-floor-server.ts';
const options: StormOptions = {
  clients: int('clients', args.clients, 1, 100_000),
  concurrency: int('concurrency', args.concurrency, 1, 10_000),
  restart,
  // Both sides start the same way: bundled JavaScript under node (built), or TypeScript under tsx.
  floor: restart === 'built' ? { script: bundle(FLOOR), tsx: false } : { script: FLOOR, tsx: true },
  ...(args.profile ? { profileDir: resolve(args.profile) } : {}),
  ...(args.built ? { builtMain: resolve(args.built) } : {}),
};
const pairs = int('pairs', args.pairs, 1, 100);
const only = oneOf('only', args.only, kinds);
checkOpenFiles(options.clients, `--clients ${options.clients}`);
const driverGc = makeDriverGc();
hardStop('restart-storm', int('max-minutes', args['max-minutes'], 1, 600));

if (options.restart === 'built' && only !== 'floor' && !options.builtMain) {
  // As `npm start` does: the bundle of apps/server (apps/server/build.mjs, ~0.3 s).
  execFileSync(process.execPath, [fileURLToPath(new URL('../apps/server/build.mjs', import.meta.url))], {
    stdio: 'inherit',
  });
}

const count = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '-');
const metrics: Metric<StormResult>[] = [
  { label: 'connect + join all N (ms)', value: (r) => r.joinMs, over: 'median', format: ms },
  { label: 'votes before the kill', value: (r) => r.votes, over: 'median', format: count },
  { label: 'SIGKILL -> process gone (ms)', value: (r) => r.killToExitMs, over: 'median', format: ms },
  { label: 'restart spawn -> listening (ms)', value: (r) => r.spawnToListenMs, over: 'median', format: ms },
  { label: 'listening -> every phone resumed (ms)', value: (r) => r.listenToAllResyncedMs, over: 'median', format: ms },
  { label: 'SIGKILL -> phone resumed, p50 over phones (ms)', value: (r) => r.resyncP50, over: 'median', format: ms },
  { label: 'SIGKILL -> phone resumed, p99 over phones (ms)', value: (r) => r.resyncP99, over: 'median', format: ms },
  {
    label: 'SIGKILL -> every phone resumed, full resync (ms)',
    value: (r) => r.killToAllResyncedMs,
    over: 'median',
    format: ms,
    target: { text: 'P7: <= 1.15x floor', met: (v, f) => v <= 1.15 * f },
  },
  {
    label: 'full resync, worst run (ms)',
    value: (r) => r.killToAllResyncedMs,
    over: 'max',
    format: ms,
    target: { text: 'P7: <= 1.15x floor', met: (v, f) => v <= 1.15 * f },
  },
  { label: 'reconnection attempts (all phones)', value: (r) => r.attempts, over: 'median', format: count },
  { label: 'votes confirmed stored before the kill', value: (r) => r.confirmed ?? NaN, over: 'median', format: count },
  {
    label: 'confirmed votes missing after the restart, worst run',
    value: (r) => r.lost ?? NaN,
    over: 'max',
    format: count,
  },
  {
    label: 'phantom ballots after the restart, worst run',
    value: (r) => r.phantoms ?? NaN,
    over: 'max',
    format: count,
  },
  {
    label: 'received-only votes back after the restart',
    value: (r) => r.receivedOnlyBack ?? NaN,
    over: 'median',
    format: count,
  },
];

function describe(r: StormResult): string {
  const status = r.valid ? 'ok' : `INVALID (${r.problems.join('; ')})`;
  return (
    `${r.kind.padEnd(7)} N=${r.clients} join ${ms(r.joinMs)} ms, ${r.votes} votes` +
    (r.confirmed === null ? '' : ` (${r.confirmed} confirmed stored)`) +
    `, kill -> exit ${ms(r.killToExitMs)} ms, spawn -> listening ${ms(r.spawnToListenMs)} ms, ` +
    `listening -> all resumed ${ms(r.listenToAllResyncedMs)} ms, kill -> resumed p50 ${ms(r.resyncP50)} ` +
    `p99 ${ms(r.resyncP99)} all ${ms(r.killToAllResyncedMs)} ms, ${r.attempts} reconnection attempts` +
    (r.lost === null
      ? ''
      : `, ${r.lost} lost, ${r.phantoms} phantoms, ${r.receivedOnlyBack} received-only back, tally ${r.tallyExact ? 'exact' : 'NOT exact'}`) +
    `: ${status}`
  );
}

const began = new Date();
console.log(
  `restart-storm: N=${options.clients}, ${pairs} pair(s), Vrijuit restarts ${options.restart === 'built' ? 'as node dist/main.js' : 'under the tsx loader'}; ${machine()}`,
);
const results = await runPairs(
  pairs,
  only,
  async (kind) => {
    driverGc();
    const result = await runStorm(kind, options);
    driverGc();
    // Let the closed sockets go before the next run.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return result;
  },
  describe,
);
report({
  began,
  title: `N = ${options.clients}, restart ${options.restart}`,
  results,
  metrics,
  json: args.json,
  raw: { options, pairs },
});
process.exit(0);
