/**
 * P6's Lighthouse part: the join page scored by Lighthouse (mobile, performance only) with Debian's
 * Chromium, on the built server (`pnpm build` first) with a fresh data directory: a real session's join
 * page and an unknown code's, each with Lighthouse's simulated throttling (its default) and with real
 * (devtools) throttling, `--runs` times in turn, then the median of each.
 *
 *   npm install --prefix /tmp/lh lighthouse
 *   pnpm exec tsx bench/lighthouse.ts --runs 3 [--lighthouse /tmp/lh/node_modules/.bin/lighthouse]
 *     [--reports DIR]   (keeps each run's whole Lighthouse report there, as JSON: its LCP element, its
 *                       request chains, what the simulation counted)
 *
 * Not part of `npm test`: Lighthouse's scores move with the machine's load (see docs/benchmarks.md).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { call, connect, secret } from './client.ts';
import { int, load, machine } from './cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    lighthouse: { type: 'string', default: '/tmp/lh/node_modules/.bin/lighthouse' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    reports: { type: 'string' },
  },
});
const runs = int('runs', values.runs, 1, 20);
const lighthouse = values.lighthouse;
if (!existsSync(lighthouse)) throw new Error(`no Lighthouse at ${lighthouse}: npm install --prefix /tmp/lh lighthouse`);
if (!existsSync(join(root, 'apps/web/build'))) throw new Error('no web build: run pnpm build first');

const dataDir = mkdtempSync(join(tmpdir(), 'vrijuit-lh-'));
const server = spawn(process.execPath, [join(root, 'apps/server/dist/main.js')], {
  env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const { url, setupToken } = await new Promise<{ url: string; setupToken: string }>((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const token = /\/setup#(\S+)/.exec(out)?.[1];
    const address = /running at (http:\/\/\S+)/.exec(out)?.[1];
    if (token && address) resolve({ url: address, setupToken: token });
  });
  server.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${out}`)));
});

const setup = await fetch(`${url}/api/auth/setup`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ token: setupToken, email: 'lh@bench.invalid', name: 'Lighthouse', password: secret() }),
});
const cookie = setup.headers.get('set-cookie')?.split(';')[0];
if (!setup.ok || !cookie) throw new Error(`setup failed: ${setup.status}`);
const console_ = await connect(url, 10_000, cookie);
const { joinCode } = await call(console_, 'session:create', {
  commandId: crypto.randomUUID(),
  title: 'Werkgroep welzijn',
  zones: ['Noord', 'Oost', 'Zuid', 'West', 'Centrum'],
});
console_.close();

type Score = { score: number; lcp: number; fcp: number; tbt: number };
let reported = 0;
const run = promisify(execFile);
async function score(path: string, throttling: 'simulate' | 'devtools'): Promise<Score> {
  const { stdout } = await run(
    lighthouse,
    [
      url + path,
      '--form-factor=mobile',
      '--only-categories=performance',
      `--throttling-method=${throttling}`,
      '--chrome-flags=--headless --no-sandbox',
      '--output=json',
      '--quiet',
    ],
    { env: { ...process.env, CHROME_PATH: values.chromium }, maxBuffer: 64 * 1024 * 1024 },
  );
  if (values.reports) {
    mkdirSync(values.reports, { recursive: true });
    writeFileSync(join(values.reports, `${throttling}-${path.replaceAll('/', '_')}-${++reported}.json`), stdout);
  }
  const report = JSON.parse(stdout) as {
    categories: { performance: { score: number } };
    audits: Record<string, { numericValue: number }>;
  };
  const audit = (id: string) => report.audits[id]?.numericValue ?? Number.NaN;
  return {
    score: report.categories.performance.score,
    lcp: audit('largest-contentful-paint'),
    fcp: audit('first-contentful-paint'),
    tbt: audit('total-blocking-time'),
  };
}

const cases = [
  { page: `a real session (/j/${joinCode})`, path: `/j/${joinCode}`, throttling: 'simulate' },
  { page: 'an unknown code (/j/ABC234)', path: '/j/ABC234', throttling: 'simulate' },
  { page: `a real session (/j/${joinCode})`, path: `/j/${joinCode}`, throttling: 'devtools' },
] as const;
const results = cases.map(() => [] as Score[]);
console.log(`${machine()}; ${runs} run(s) of each, in turn`);
try {
  for (let i = 0; i < runs; i++) {
    for (const [c, { page, path, throttling }] of cases.entries()) {
      const s = await score(path, throttling);
      results[c]!.push(s);
      console.log(
        `run ${i + 1} ${page}, ${throttling}: score ${s.score.toFixed(2)}, LCP ${(s.lcp / 1000).toFixed(2)} s, ` +
          `FCP ${(s.fcp / 1000).toFixed(2)} s, TBT ${s.tbt.toFixed(0)} ms (${load()})`,
      );
    }
  }
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
console.log('\n| page | throttling | score | LCP | FCP | TBT |\n|---|---|---:|---:|---:|---:|');
for (const [c, { page, throttling }] of cases.entries()) {
  const r = results[c]!;
  const col = (k: keyof Score, f: (v: number) => string) =>
    `${f(median(r.map((s) => s[k])))} (${r.map((s) => f(s[k])).join(', ')})`;
  console.log(
    `| ${page} | ${throttling} | ${col('score', (v) => v.toFixed(2))} | ${col('lcp', (v) => (v / 1000).toFixed(2))} s | ` +
      `${col('fcp', (v) => (v / 1000).toFixed(2))} s | ${col('tbt', (v) => v.toFixed(0))} ms |`,
  );
}
