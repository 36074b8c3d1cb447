/**
 * P5, SE9: how long one export holds the server's event loop, in one process (no sockets): the P5
 * session (bench/export-session.ts), the real ExportRenderer and its worker process, and a ticker that
 * notes the longest gap between two turns of the loop while each export runs. The votes' p99 during
 * exports (bench/export.ts) follows this gap; this measures it without the load generator's noise.
 *
 *   pnpm exec tsx bench/export-stall.ts --format pdf --exports 10
 *
 * Prints per export its wall time, the loop's longest gap and the longest copy to the worker within one
 * turn; then the copy's best and median, the gaps' median and worst, and the gap with no export running
 * (the ticker's own floor: on a loaded machine the gaps are the scheduler's, the copy is not).
 */
import childProcess, { type ChildProcess } from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { parseArgs } from 'node:util';
import type { ExportFormat } from '../packages/protocol/src/index.ts';
import { ExportRenderer } from '../apps/server/src/export/export-renderer.ts';
import { createLogger } from '../apps/server/src/log.ts';
import { int, oneOf } from './cli.ts';
import { p5Session } from './export-session.ts';

const { values: args } = parseArgs({
  options: {
    format: { type: 'string', default: 'pdf' },
    exports: { type: 'string', default: '10' },
    participants: { type: 'string', default: '500' },
    points: { type: 'string', default: '2000' },
  },
});
const format = oneOf('format', args.format, ['md', 'docx', 'pdf', 'csv', 'json'] as const) ?? 'pdf';
const exports = int('exports', args.exports, 1, 1000);
const size = {
  participants: int('participants', args.participants, 1, 100_000),
  points: int('points', args.points, 0, 100_000),
  rounds: 20,
};

/**
 * The copies to the worker, timed: `send` serializes its message synchronously on the loop. Calls in
 * one turn of the loop (between two of the ticker's turns) make one stretch; the longest stretch per export is what a
 * vote arriving meanwhile waits for, whatever else shares the machine (best and median of the exports).
 * The renderer's `fork` is wrapped (its import of node:child_process sees the change once synced).
 */
let stretch = 0;
let longestStretch = 0;
/** Turns of the loop so far (the ticker below counts them), and the turn of the last copy. */
let turn = 0;
let lastTurn = -1;
const fork = childProcess.fork;
childProcess.fork = ((...a: Parameters<typeof fork>) => {
  const child: ChildProcess = fork(...a);
  const send = child.send.bind(child) as (message: unknown) => boolean;
  child.send = ((message: unknown) => {
    const started = performance.now();
    const sent = send(message);
    const took = performance.now() - started;
    stretch = turn === lastTurn ? stretch + took : took;
    lastTurn = turn;
    longestStretch = Math.max(longestStretch, stretch);
    return sent;
  }) as ChildProcess['send'];
  return child;
}) as typeof fork;
syncBuiltinESMExports();

/** The longest gap (ms) between two turns of the loop while `work` runs. */
async function longestGap(work: () => Promise<unknown>): Promise<{ gap: number; wall: number }> {
  let last = performance.now();
  let gap = 0;
  let running = true;
  const tick = () => {
    turn++;
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const started = performance.now();
  await work();
  const wall = performance.now() - started;
  running = false;
  return { gap, wall };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const { state, input } = p5Session(size);
const renderer = new ExportRenderer(createLogger('silent'));
// The worker's start and first render (its JIT) are not what a running server pays per export.
await renderer.render(state, input, format as ExportFormat);

const idle: number[] = [];
for (let i = 0; i < 5; i++) idle.push((await longestGap(() => new Promise((r) => setTimeout(r, 200)))).gap);
const gaps: number[] = [];
const stretches: number[] = [];
for (let i = 0; i < exports; i++) {
  longestStretch = 0;
  const { gap, wall } = await longestGap(() => renderer.render(state, input, format as ExportFormat));
  gaps.push(gap);
  stretches.push(longestStretch);
  console.log(
    `[${i + 1}/${exports}] ${format}: ${wall.toFixed(0)} ms, longest gap of the loop ${gap.toFixed(2)} ms, longest copy to the worker in one turn ${longestStretch.toFixed(2)} ms`,
  );
}
await renderer.close();
console.log(
  `export-stall ${format} (${size.participants} people, ${size.points} entries): copy to the worker in one turn best ${Math.min(...stretches).toFixed(2)}, median ${median(stretches).toFixed(2)} ms; longest gap of the loop median ${median(gaps).toFixed(2)} ms, worst ${Math.max(...gaps).toFixed(2)} ms; no export: median ${median(idle).toFixed(2)} ms`,
);
