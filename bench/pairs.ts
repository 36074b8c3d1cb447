/**
 * What every floor-versus-Vrijuit benchmark shares: starting a server child, reading a killed server's
 * store, alternating the pairs, and the report at the end.
 */
import { writeFileSync } from 'node:fs';
import type { Round } from '../packages/core/src/index.ts';
import { openSqliteStore } from '../apps/server/src/store/sqlite-store.ts';
import { bundleServer } from './bundle.ts';
import { Child } from './children.ts';
import { load } from './cli.ts';
import type { ServerChild } from './client.ts';
import { summaryTable, type Metric, type SideResult } from './summary.ts';

export const kinds = ['floor', 'vrijuit'] as const;
export type Kind = (typeof kinds)[number];

/** Starts `floorScript` or Vrijuit's server as a child; with `profileDir`, V8 CPU profiles go to DIR/<kind>. */
const built = new Map<string, Promise<string>>();
const builtOnce = (script: string): Promise<string> => {
  const file = built.get(script) ?? bundleServer(script);
  built.set(script, file);
  return file;
};

export async function startServer(
  kind: Kind,
  floorScript: string,
  profileDir: string | undefined,
): Promise<{ server: ServerChild; port: number }> {
  // One profile per thread, named CPU.<date>.<time>.<pid>.<thread>...: thread 0 is the server's loop.
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}/${kind}`] : [];
  // BENCH_NODE_FLAGS: V8/node flags for both servers alike (an A/B of, say, `--max-semi-space-size=64`).
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  // Both sides run bundled, as npm start runs dist/main.js (bench/bundle.ts): no tsx loader in the child.
  const server: ServerChild = Child.start(
    await builtOnce(kind === 'floor' ? floorScript : './vrijuit-server.ts'),
    [...profile, ...flags],
    [],
    false,
  );
  const ready = await server.next('ready', 60_000);
  server.dataDir = ready.dataDir;
  return { server, port: ready.port };
}

/** The round as a (killed) Vrijuit server's store holds it: every acknowledged input must be there. */
export async function storedRound(dataDir: string, sessionId: string, roundId: string): Promise<Round | undefined> {
  const store = openSqliteStore(dataDir);
  try {
    return (await store.loadSession(sessionId))?.rounds.find((r) => r.id === roundId);
  } finally {
    await store.close();
  }
}

/** Runs `pairs` pairs, alternating which side goes first so drift on a shared machine hits both. */
export async function runPairs<R>(
  pairs: number,
  only: Kind | undefined,
  run: (kind: Kind) => Promise<R>,
  describe: (result: R) => string,
): Promise<R[]> {
  const results: R[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    const order: Kind[] = only ? [only] : pair % 2 === 0 ? ['floor', 'vrijuit'] : ['vrijuit', 'floor'];
    for (const kind of order) {
      const result = await run(kind);
      results.push(result);
      console.log(`[${pair + 1}/${pairs}] ${describe(result)}`);
    }
  }
  return results;
}

/** Prints the duration, the load and the summary table; writes the raw runs to `json` when given. */
export function report<R extends SideResult>(input: {
  began: Date;
  title: string;
  results: R[];
  metrics: Metric<R>[];
  json: string | undefined;
  raw: Record<string, unknown>;
}): void {
  const { began, results } = input;
  console.log(
    `\n${began.toISOString().slice(0, 10)}, ${((Date.now() - began.getTime()) / 1000).toFixed(0)} s, ` +
      `load at end ${load()}\n`,
  );
  console.log(summaryTable(input.title, results, input.metrics));
  if (input.json) writeFileSync(input.json, JSON.stringify({ ...input.raw, began, results }, null, 2));
  const invalid = results.filter((r) => !r.valid).length;
  if (invalid > 0) console.log(`\n${invalid} of ${results.length} runs void or failed (see the lines above).`);
}
