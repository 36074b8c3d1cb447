/**
 * P4 (co-writing one text): y-websocket editors on Vrijuit's Yjs endpoint (tickets, budgets,
 * persistence) against the stock @y/websocket-server, alternating, the same editors for both. See
 * docs/benchmarks.md and bench/co-writing-driver.ts.
 *
 *   pnpm exec tsx bench/co-writing.ts --editors 50 --pairs 5
 *
 * Options: --editors E (50) --watchers W (5: editors that apply every update and measure; the others only
 *          type) --pairs P (5) --procs (4: editor processes) --rate (5 characters a second
 *          per editor) --seconds (20 of typing) --only floor|vrijuit --json FILE --max-minutes (30)
 *          --profile DIR (V8 CPU profiles of the server children)
 */
import { parseArgs } from 'node:util';
import { driverGc as makeDriverGc, hardStop, int, machine, ms, oneOf } from './cli.ts';
import { runWriting, type WritingOptions, type WritingResult } from './co-writing-driver.ts';
import { kinds, report, runPairs, startServer } from './pairs.ts';
import type { Metric } from './summary.ts';

const { values: args } = parseArgs({
  options: {
    editors: { type: 'string', default: '50' },
    watchers: { type: 'string', default: '5' },
    pairs: { type: 'string', default: '5' },
    procs: { type: 'string', default: '4' },
    rate: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '20' },
    only: { type: 'string' },
    json: { type: 'string' },
    profile: { type: 'string' },
    'max-minutes': { type: 'string', default: '30' },
  },
});
const options: WritingOptions = {
  editors: int('editors', args.editors, 2, 1000),
  watchers: int('watchers', args.watchers, 1, 1000),
  procs: int('procs', args.procs, 1, 64),
  rate: int('rate', args.rate, 1, 40),
  seconds: int('seconds', args.seconds, 1, 600),
};
const pairs = int('pairs', args.pairs, 1, 100);
const only = oneOf('only', args.only, kinds);
const driverGc = makeDriverGc();
hardStop('co-writing', int('max-minutes', args['max-minutes'], 1, 600));

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '-');
const count = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '-');
const metrics: Metric<WritingResult>[] = [
  { label: 'editors connected and synced (ms)', value: (r) => r.connectMs, over: 'median', format: ms },
  { label: 'keystroke -> other editors p50 (ms)', value: (r) => r.p50, over: 'median', format: ms },
  {
    label: 'keystroke -> other editors p99 (ms)',
    value: (r) => r.p99,
    over: 'median',
    format: ms,
    target: { text: 'P4: <= 150 ms at 100 editors', met: (v) => v <= 150 },
  },
  {
    label: 'keystroke -> other editors p99, ratio (ms)',
    value: (r) => r.p99,
    over: 'median',
    format: ms,
    target: { text: 'P4: <= 1.2x floor at 50', met: (v, f) => v <= 1.2 * f },
  },
  { label: 'keystroke -> other editors p99, worst run (ms)', value: (r) => r.p99, over: 'max', format: ms },
  { label: 'keystroke -> other editors, max (ms)', value: (r) => r.max, over: 'median', format: ms },
  {
    label: 'server CPU while typing (share of one core)',
    value: (r) => r.cpuShare,
    over: 'median',
    format: pct,
    target: { text: 'P4: <= 1.1x floor at 50', met: (v, f) => v <= 1.1 * f },
  },
  { label: 'keystroke arrivals (all editors)', value: (r) => r.arrivals, over: 'median', format: count },
  { label: 'keystroke sent late, p99 (ms, generator)', value: (r) => r.lagP99, over: 'median', format: ms },
];

function describe(r: WritingResult): string {
  const status = r.valid ? 'ok' : `INVALID (${r.problems.join('; ')})`;
  return (
    `${r.kind.padEnd(7)} E=${r.editors} connect ${ms(r.connectMs)} ms, delay p50 ${ms(r.p50)} p99 ${ms(r.p99)} ` +
    `max ${ms(r.max)} ms, ${r.arrivals}/${r.expected} arrivals, server CPU ${pct(r.cpuShare)}, ` +
    `sent late p99 ${ms(r.lagP99)} max ${ms(r.lagMax)} ms: ${status}`
  );
}

const began = new Date();
console.log(
  `co-writing: ${options.editors} editors (${Math.min(options.watchers, options.editors)} watching) in ${options.procs} processes, ${options.rate} chars/s each for ` +
    `${options.seconds} s, ${pairs} pair(s); ${machine()}`,
);
const results = await runPairs(
  pairs,
  only,
  async (kind) => {
    driverGc();
    const { server, port } = await startServer(kind, './yjs-floor-server.ts', args.profile);
    const result = await runWriting(kind, server, port, options);
    await server.kill(args.profile !== undefined);
    server.removeData();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return result;
  },
  describe,
);
report({
  began,
  title: `${options.editors} editors, ${options.rate} chars/s`,
  results,
  metrics,
  json: args.json,
  raw: { options, pairs },
});
process.exit(0);
