/**
 * The top functions of the profiles `bench/hub-votes.ts --profile` wrote: self CPU time (a `.cpuprofile`
 * list) or bytes allocated (a `.heapprofile` list), summed over the runs, by function and file.
 *
 *   pnpm exec tsx bench/profile-top.ts FILE [--top 30] [--per 5000]
 *
 * `--per N` also divides by N (e.g. the votes of a run times the runs profiled): µs or bytes a vote.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { int } from './cli.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '30' }, per: { type: 'string' } },
});
const file = positionals[0];
if (!file) throw new Error('usage: profile-top.ts FILE [--top 30] [--per N]');
const top = int('top', args.top, 1, 1000);
const per = args.per === undefined ? null : int('per', args.per, 1, 1e9);

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface CpuNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
}
interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

const where = (f: CallFrame) =>
  `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(apps|packages|bench|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;
const totals = new Map<string, number>();
const add = (key: string, amount: number) => totals.set(key, (totals.get(key) ?? 0) + amount);
let sum = 0;
let unit = 'µs';

for (const profile of JSON.parse(readFileSync(file, 'utf8')) as (CpuProfile | { head: HeapNode })[]) {
  if ('head' in profile) {
    unit = 'bytes';
    const walk = (node: HeapNode) => {
      add(where(node.callFrame), node.selfSize);
      sum += node.selfSize;
      for (const child of node.children) walk(child);
    };
    walk(profile.head);
  } else {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((id, i) => {
      const delta = profile.timeDeltas[i] ?? 0;
      add(where(byId.get(id)!.callFrame), delta);
      sum += delta;
    });
  }
}
const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, top);
const scale = (v: number) => (per ? ` ${(v / per).toFixed(1)} ${unit} a vote` : '');
console.log(`total ${sum.toFixed(0)} ${unit}${scale(sum)}`);
for (const [key, value] of rows)
  console.log(`${((100 * value) / sum).toFixed(1).padStart(5)} %${scale(value)}  ${key}`);
