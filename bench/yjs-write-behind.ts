/**
 * Issue 18: what a keystroke costs on PostgreSQL with the texts written behind (yjs-write-behind.ts,
 * SPEC DB10) next to SQLite's synchronous append: the event loop's time per update in the path that takes
 * it, how long until the update is stored (and may be passed on to the other editors), and how many
 * transactions the updates took. A real PostgreSQL started here (apps/server/test/postgres.ts: initdb in
 * a temporary folder, run with fsync off (-F) as the tests run it, so its times are optimistic), the real
 * SQLite store; no sockets. See docs/benchmarks.md.
 *
 *   pnpm exec tsx bench/yjs-write-behind.ts --updates 3000 --gap-ms 2
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../apps/server/src/log.ts';
import { PgStore } from '../apps/server/src/store/pg-store.ts';
import { openSqliteStore } from '../apps/server/src/store/sqlite-store.ts';
import type { YjsLog } from '../apps/server/src/store/yjs-store.ts';
import { WriteBehindYjs } from '../apps/server/src/yjs-write-behind.ts';
import { COMPACT_AFTER } from '../apps/server/src/yjs-persistence.ts';
import { startPostgres } from '../apps/server/test/postgres.ts';
import { oneZoneSession } from '../apps/server/test/session-fixture.ts';
import { int, machine } from './cli.ts';

const { values: args } = parseArgs({
  options: { updates: { type: 'string', default: '3000' }, 'gap-ms': { type: 'string', default: '2' } },
});
const updates = int('updates', args.updates, 1, 1_000_000);
const gapMs = int('gap-ms', args['gap-ms'], 0, 1000);

const SESSION = 'bench-write-behind';
const DOC = 'text';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const update = (i: number) => new TextEncoder().encode(`update ${i} `.padEnd(40, '.'));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const ms = (v: number) => `${v.toFixed(3)} ms`;

/** A session row for the log's foreign key, committed as the hub would. */
async function withSession(store: { commit: PgStore['commit'] }): Promise<void> {
  const created = oneZoneSession(SESSION, 'BENCH1');
  if (!created.ok) throw new Error('no session');
  await store.commit(SESSION, created.events, null);
}

async function sqlite(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vrijuit-wb-sqlite-'));
  const store = openSqliteStore(dir);
  try {
    await withSession(store);
    const loop: number[] = [];
    for (let i = 0; i < updates; i++) {
      const t0 = performance.now();
      if (store.appendYjsUpdate(SESSION, DOC, update(i)) > COMPACT_AFTER) store.compactYjs(SESSION, DOC, update(i));
      loop.push(performance.now() - t0);
      await sleep(gapMs);
    }
    return `SQLite (synchronous, stored before passed on): loop per update median ${ms(percentile(loop, 50))}, p99 ${ms(percentile(loop, 99))}, max ${ms(Math.max(...loop))}; ${updates} transactions`;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(): Promise<string> {
  const server = await startPostgres();
  const keyringDir = mkdtempSync(join(tmpdir(), 'vrijuit-bench-keys-'));
  const store = await PgStore.open(server.url, { keyringDir });
  try {
    await withSession(store);
    let transactions = 0;
    const log: YjsLog = {
      sessionYjs: (s) => store.yjs.sessionYjs(s),
      yjsUpdates: (s, d) => store.yjs.yjsUpdates(s, d),
      textVersionData: (s, r, v) => store.yjs.textVersionData(s, r, v),
      writeYjs: (s, d, w) => {
        transactions++;
        return store.yjs.writeYjs(s, d, w);
      },
    };
    const texts = new WriteBehindYjs(log, createLogger('silent'), () => true);
    await texts.ready(SESSION);
    const loop: number[] = [];
    const stored: number[] = [];
    const all: Promise<void>[] = [];
    for (let i = 0; i < updates; i++) {
      const t0 = performance.now();
      if (texts.appendYjsUpdate(SESSION, DOC, update(i)) > COMPACT_AFTER) texts.compactYjs(SESSION, DOC, update(i));
      const wait = texts.stored(SESSION, DOC);
      loop.push(performance.now() - t0);
      all.push(wait.then(() => void stored.push(performance.now() - t0)));
      await sleep(gapMs);
    }
    await Promise.all(all);
    const back = await store.yjs.yjsUpdates(SESSION, DOC);
    if (back.length !== texts.yjsUpdates(SESSION, DOC).length) throw new Error('the store and memory differ');
    return `PostgreSQL (written behind, passed on once stored): loop per update median ${ms(percentile(loop, 50))}, p99 ${ms(percentile(loop, 99))}, max ${ms(Math.max(...loop))}; stored after median ${ms(percentile(stored, 50))}, p95 ${ms(percentile(stored, 95))}, max ${ms(Math.max(...stored))}; ${transactions} transactions for ${updates} updates`;
  } finally {
    await store.close();
    await server.stop();
    rmSync(keyringDir, { recursive: true, force: true });
  }
}

console.log(machine());
console.log(`${updates} updates, one every ${gapMs} ms (+ timer slack), compaction every ${COMPACT_AFTER}`);
console.log(await sqlite());
console.log(await postgres());
