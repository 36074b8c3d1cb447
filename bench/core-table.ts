/**
 * Core's persistent table alone (SPEC SE6, issue 17): what setting and getting one entry costs in a table
 * of N entries with random keys (voter keys and ids are random), one process, no server.
 *
 *   pnpm exec tsx bench/core-table.ts --entries 10000
 *   git show e8a9aa9:packages/core/src/table.ts > /tmp/table-before.ts
 *   pnpm exec tsx bench/core-table.ts --entries 10000 --compare /tmp/table-before.ts
 *
 * `--compare FILE` runs another table.ts (e.g. an older commit's) alternately in the same process, so
 * the machine's load falls on both. Prints per implementation: filling N entries, overwriting each once
 * (µs per set) and reading each once, `--rounds` times.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as current from '../packages/core/src/table.ts';
import { int, machine, ms } from './cli.ts';

type TableModule = Pick<typeof current, 'tableGet' | 'tableSet'>;

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '3' },
    compare: { type: 'string' },
  },
});
const entries = int('entries', args.entries, 1, 1_000_000);
const rounds = int('rounds', args.rounds, 1, 100);
const keys = Array.from({ length: entries }, (_, i) => createHash('sha256').update(`k${i}`).digest('base64url'));
const value = { zoneId: 'z1', municipalityId: null, ballot: { kind: 'single-choice', optionId: 'o1' } };

function run(table: TableModule): { fill: number; set: number; get: number } {
  let t: current.Table<typeof value> = {};
  let start = performance.now();
  for (const key of keys) t = table.tableSet(t, key, value);
  const fill = performance.now() - start;
  start = performance.now();
  for (const key of keys) t = table.tableSet(t, key, value);
  const set = performance.now() - start;
  start = performance.now();
  for (const key of keys) if (table.tableGet(t, key) !== value) throw new Error(`lost ${key}`);
  return { fill, set, get: performance.now() - start };
}

const sides: [string, TableModule][] = [['current', current]];
if (args.compare) sides.unshift([args.compare, (await import(resolve(args.compare))) as TableModule]);
console.log(`\n${machine()}\n${entries} entries, random keys\n`);
console.log('| table.ts | fill (ms) | overwrite each (ms) | µs per set | get each (ms) |');
console.log('|---|---:|---:|---:|---:|');
for (let r = 0; r < rounds; r++) {
  for (const [name, table] of sides) {
    const { fill, set, get } = run(table);
    console.log(`| ${name} | ${ms(fill)} | ${ms(set)} | ${((set / entries) * 1000).toFixed(1)} | ${ms(get)} |`);
  }
}
