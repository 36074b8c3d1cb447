/**
 * Start time and idle memory of the server process as `npm start` runs it (core PR2): before, through the
 * tsx CLI (which starts node for the server as its child), and after, the built JavaScript under node
 * itself (apps/server/dist/main.js). Each run: a fresh data directory, spawn, poll /healthz every 5 ms
 * until it answers 200 (start time), wait `--idle-ms`, sum the resident memory of the process and its
 * children from /proc (idle RSS), then SIGTERM and wait for the exit (stop time, exit code).
 *
 *   pnpm exec tsx bench/start.ts --runs 10
 *   pnpm exec tsx bench/start.ts --runs 10 --compare apps/server/dist-before/main.js
 *
 * `--compare FILE` runs node on FILE (e.g. a copy of an older build, kept two folders below the
 * repository as dist/main.js is) in place of the tsx CLI, alternating with the current build.
 *
 * Builds the server first (as `npm start` would); the web app is served when apps/web/build exists.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { childrenOf } from '../apps/server/test/processes.ts';
import { int, load, machine } from './cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    'idle-ms': { type: 'string', default: '3000' },
    compare: { type: 'string' },
  },
});
const runs = int('runs', values.runs, 1, 100);
const idleMs = int('idle-ms', values['idle-ms'], 0, 60_000);

const variants = {
  /** How `npm start` ran the server before: the tsx CLI, which runs the server in a node child of its own. */
  tsx: [join(root, 'apps/server/node_modules/.bin/tsx'), join(root, 'apps/server/src/main.ts')],
  /** How it runs now: node on the built server, one process. */
  built: [process.execPath, join(root, 'apps/server/dist/main.js')],
  /** `--compare FILE`: node on another build. */
  compare: [process.execPath, resolve(values.compare ?? '')],
} as const;
type Variant = keyof typeof variants;
const [other, current]: [Variant, Variant] = values.compare ? ['compare', 'built'] : ['tsx', 'built'];

interface Run {
  variant: Variant;
  startMs: number;
  rssKb: number;
  processes: number;
  stopMs: number;
  exit: number | null;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The pid and every descendant's. */
const tree = (pid: number): number[] => [pid, ...childrenOf(pid).flatMap(tree)];

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

async function healthy(url: string, deadline: number): Promise<void> {
  for (;;) {
    const ok = await fetch(url).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    if (performance.now() > deadline) throw new Error(`${url} did not answer within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function once(variant: Variant): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vrijuit-start-'));
  const port = await freePort();
  const [command, ...args] = variants[variant];
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await healthy(`http://127.0.0.1:${port}/healthz`, started + 60_000);
    const startMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    const pids = tree(child.pid!);
    const rss = pids.reduce((sum, pid) => sum + rssKb(pid), 0);
    const signalled = performance.now();
    child.kill('SIGTERM');
    const exit = await exited;
    return { variant, startMs, rssKb: rss, processes: pids.length, stopMs: performance.now() - signalled, exit };
  } finally {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

console.log(machine());
execFileSync(process.execPath, [join(root, 'apps/server/build.mjs')], { stdio: 'inherit' });
console.log(`web app: ${existsSync(join(root, 'apps/web/build/handler.js')) ? 'built (served)' : 'not built'}`);
// One warm-up each (tsx's transform cache, the page cache), not counted.
for (const variant of [other, current]) await once(variant);
const results: Run[] = [];
for (let i = 0; i < runs; i++) {
  for (const variant of i % 2 === 0 ? [other, current] : [current, other]) {
    const run = await once(variant);
    results.push(run);
    console.log(
      `[${i + 1}/${runs}] ${variant}: start ${run.startMs.toFixed(0)} ms, idle RSS ${(run.rssKb / 1024).toFixed(1)} MB ` +
        `in ${run.processes} process(es), SIGTERM -> exit ${run.exit} in ${run.stopMs.toFixed(0)} ms`,
    );
  }
}
console.log(`\nload at end ${load()}\n`);
console.log(
  '| npm start runs | start (spawn -> /healthz 200), median [min-max] | idle RSS, median [min-max] | processes |',
);
console.log('| --- | --- | --- | --- |');
for (const variant of [other, current]) {
  const rs = results.filter((r) => r.variant === variant);
  const start = rs.map((r) => r.startMs);
  const rss = rs.map((r) => r.rssKb / 1024);
  console.log(
    `| ${variant} | ${median(start).toFixed(0)} ms [${Math.min(...start).toFixed(0)}-${Math.max(...start).toFixed(0)}] | ` +
      `${median(rss).toFixed(1)} MB [${Math.min(...rss).toFixed(1)}-${Math.max(...rss).toFixed(1)}] | ${rs[0]?.processes} |`,
  );
}
