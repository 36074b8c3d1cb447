/**
 * Core alone, in one process (no sockets, no store): what an open round's votes and the views built
 * from them cost at N ballots (issue 17, P2). Not a floor comparison: it isolates what core does per
 * vote and per console view, which a loaded machine blurs in the vote burst. See docs/benchmarks.md.
 *
 *   pnpm exec tsx bench/core-tally.ts --ballots 5000 --views 200
 *
 * Prints: N votes decided and evolved into the state (total ms), and one facilitator view and one
 * projector view with N ballots in the open round (median and p90 of `--views` builds, ms).
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { castVote, facilitatorView, projectorView } from '../packages/core/src/index.ts';
import { int } from './cli.ts';
import { applied, benchKey, openRoundOf } from './core-session.ts';

const { values: args } = parseArgs({
  options: { ballots: { type: 'string', default: '5000' }, views: { type: 'string', default: '200' } },
});
const n = int('ballots', args.ballots, 1, 1_000_000);
const views = int('views', args.views, 1, 100_000);
let s = openRoundOf(
  n,
  { question: 'Wat eerst?', options: ['A', 'B', 'C', 'D'], config: { kind: 'single-choice' } },
  [{ name: 'Noord', municipalities: [{ name: 'Assen', weight: 1 }] }, 'Zuid'],
  (i) => (i % 2 === 0 ? ['z1', 'z1m1'] : ['z2', null]),
);

const started = performance.now();
for (let i = 0; i < n; i++) {
  const ballot = { kind: 'single-choice' as const, optionId: `o${(i % 4) + 1}` };
  s = applied(s, castVote(s, { participantId: benchKey('p', i), voterKey: benchKey('k', i), roundId: 'r1', ballot }));
}
const voting = performance.now() - started;

function timed(build: () => unknown): { p50: number; p90: number } {
  const times: number[] = [];
  for (let i = 0; i < views; i++) {
    const t = performance.now();
    build();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(views * 0.5)]!, p90: times[Math.floor(views * 0.9)]! };
}
const facilitator = timed(() => JSON.stringify(facilitatorView(s, 0, 0)));
const projector = timed(() => JSON.stringify(projectorView(s, 0)));
const f = (x: number) => x.toFixed(3);
console.log(
  `core-tally: ${n} ballots; votes decided + evolved ${voting.toFixed(1)} ms (${f(voting / n)} ms a vote); ` +
    `facilitator view p50 ${f(facilitator.p50)} p90 ${f(facilitator.p90)} ms; ` +
    `projector view p50 ${f(projector.p50)} p90 ${f(projector.p90)} ms (views include JSON.stringify)`,
);
