/**
 * What the shared guards cost (SPEC SG1, SG2; issue 18 item 4). On SQLite the join path only awaits the
 * in-memory guard's number where it used to take it as is: timed here as a direct call against an awaited
 * one. On PostgreSQL each check is one statement on a throwaway server on loopback (postgres.ts): the read
 * before a code is tried (every `session:lookup` and `participant:join`), a wrong code, a join's widening,
 * and the sign-in backoff's read, failure and success. Sequential, one at a time: a round trip each.
 * Run: pnpm exec tsx bench/shared-guards.ts (docs/benchmarks.md, "Shared guards on PostgreSQL").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JoinCodeGuard, type JoinCodeLimiter } from '../apps/server/src/join-code-guard.ts';
import { PgStore } from '../apps/server/src/store/pg-store.ts';
import { startPostgres } from '../apps/server/test/postgres.ts';
import { machine } from './cli.ts';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function latencies(label: string, n: number, work: (i: number) => Promise<unknown>): Promise<void> {
  const each: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint();
    await work(i);
    each.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  each.sort((x, y) => x - y);
  const median = percentile(each, 0.5).toFixed(3);
  console.log(`${label}: median ${median} ms, p95 ${percentile(each, 0.95).toFixed(3)} ms (n = ${n})`);
}

console.log(machine());

// SQLite (one process): the in-memory guard, called as before and awaited as now.
const memory = new JoinCodeGuard();
const M = 1_000_000;
for (let run = 1; run <= 3; run++) {
  let started = process.hrtime.bigint();
  let sum = 0;
  for (let i = 0; i < M; i++) sum += memory.waitMs(`10.0.${i & 255}.${(i >> 8) & 255}`);
  const direct = Number(process.hrtime.bigint() - started) / M;
  const limiter: JoinCodeLimiter = memory;
  started = process.hrtime.bigint();
  for (let i = 0; i < M; i++) sum += await limiter.waitMs(`10.0.${i & 255}.${(i >> 8) & 255}`);
  const awaited = Number(process.hrtime.bigint() - started) / M;
  console.log(
    `in memory, run ${run}: waitMs ${direct.toFixed(0)} ns direct, ${awaited.toFixed(0)} ns awaited (n = ${M}, ${sum})`,
  );
}

const server = await startPostgres();
const keyringDir = mkdtempSync(join(tmpdir(), 'vrijuit-guards-bench-'));
const store = await PgStore.open(server.url, { keyringDir });
try {
  const codes = store.guards.joinCodes(Date.now, () => {});
  const signIns = store.guards.signIns(Date.now);
  const N = 2000;
  const address = (i: number) => `198.51.${(i >> 8) & 255}.${i & 255}`;
  for (let run = 1; run <= 2; run++) {
    console.log(`PostgreSQL, run ${run}:`);
    await latencies('  code check (before every lookup and join)', N, (i) => Promise.resolve(codes.waitMs(address(i))));
    await latencies('  wrong code', N, (i) => Promise.resolve(codes.wrong(address(i))));
    await latencies('  a join widens its budget (not awaited by the join)', N, (i) =>
      Promise.resolve(codes.joined(address(i))),
    );
    await latencies('  sign-in check', N, (i) => Promise.resolve(signIns.waitMs('a@b.invalid', address(i))));
    await latencies('  sign-in failed', N, (i) => Promise.resolve(signIns.failed('a@b.invalid', address(i))));
    await latencies('  sign-in succeeded', N, (i) => Promise.resolve(signIns.succeeded('a@b.invalid', address(i))));
    await latencies('  SELECT 1 (one round trip, for scale)', N, () => store.ping());
  }
} finally {
  await store.close();
  await server.stop();
  rmSync(keyringDir, { recursive: true, force: true });
}
