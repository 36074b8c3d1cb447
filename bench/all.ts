/**
 * A short version of every benchmark in bench/, one after the other (small N, one pair), to see that
 * each still runs end to end: `pnpm bench:short` (~5 min). Not part of `npm test`; the figures of such
 * short runs are not results (see docs/benchmarks.md for the real commands). Exits 1 when any failed.
 *
 *   pnpm bench:short                 # all
 *   pnpm bench:short vote-burst      # only the named ones
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { machine } from './cli.ts';

const short: Record<string, string[]> = {
  'vote-burst': ['--clients', '200', '--pairs', '1'],
  'pain-points': ['--phones', '100', '--rate', '200', '--seconds', '2', '--pairs', '1'],
  'restart-storm': ['--clients', '200', '--pairs', '1'],
  'co-writing': ['--editors', '10', '--procs', '2', '--seconds', '5', '--pairs', '1'],
  'yjs-append': ['--updates', '600', '--gap-ms', '0', '--runs', '1'],
  export: ['--smoke'],
  'export-stall': ['--format', 'md', '--exports', '2'],
  'scrub-stall': ['--sessions', '50', '--open', '5', '--repeat', '1'],
  'stale-copies': ['--runs', '2'],
  'core-tally': ['--ballots', '500', '--views', '20'],
  'word-cloud': ['--phones', '150', '--runs', '1', '--views', '10'],
  'hub-votes': ['--votes', '300', '--runs', '2'],
  'suggest-themes': ['--entries', '200', '--runs', '3'],
  start: ['--runs', '1', '--idle-ms', '500'],
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in short));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(short).join(', ')}`);
  process.exit(2);
}
const tsx = fileURLToPath(import.meta.resolve('tsx/cli'));

function run(name: string, args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, fileURLToPath(new URL(`${name}.ts`, import.meta.url)), ...args], {
      stdio: 'inherit',
    });
    child.once('exit', (code, signal) => resolve(signal ? null : code));
  });
}

console.log(`bench:short; ${machine()}`);
const outcomes: { name: string; code: number | null; seconds: number }[] = [];
for (const [name, args] of Object.entries(short)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n=== ${name} ${args.join(' ')}`);
  const began = performance.now();
  const code = await run(name, args);
  outcomes.push({ name, code, seconds: (performance.now() - began) / 1000 });
}
console.log('\n| benchmark | exit | seconds |\n|---|---:|---:|');
for (const o of outcomes) console.log(`| ${o.name} | ${o.code ?? 'signal'} | ${o.seconds.toFixed(0)} |`);
process.exit(outcomes.every((o) => o.code === 0) ? 0 : 1);
