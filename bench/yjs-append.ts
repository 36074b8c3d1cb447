/**
 * P4, the store alone: how long appending one Yjs update holds the event loop (R3: it is written before
 * anyone receives it), on the real SQLite store at a steady pace, compaction included, and how many
 * appends held it more than 5 ms (a checkpoint's fsync in the writing connection did, every ~800 updates,
 * before PR6). No sockets, no floor. See docs/benchmarks.md, "Co-writing: P4".
 *
 *   pnpm exec tsx bench/yjs-append.ts --updates 5000 --gap-ms 2 --runs 3
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE, openSqliteStore } from '../apps/server/src/store/sqlite-store.ts';
import { COMPACT_AFTER } from '../apps/server/src/yjs-persistence.ts';
import { int, machine } from './cli.ts';

const { values: args } = parseArgs({
  options: {
    updates: { type: 'string', default: '5000' },
    'gap-ms': { type: 'string', default: '2' },
    runs: { type: 'string', default: '3' },
  },
});
const updates = int('updates', args.updates, 1, 1_000_000);
const gapMs = int('gap-ms', args['gap-ms'], 0, 1000);
const runs = int('runs', args.runs, 1, 100);

/** better-sqlite3 is the server's dependency: loaded from there (as bench/stale-copies.ts does). */
const Database = createRequire(new URL('../apps/server/package.json', import.meta.url))('better-sqlite3') as new (
  file: string,
) => { prepare(sql: string): { run(...values: unknown[]): unknown }; close(): void };

const SESSION = 'bench-yjs-append';

async function run(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vrijuit-yjs-append-'));
  const store = openSqliteStore(dir);
  try {
    // The log's foreign key wants a session row; written by a connection of this script's own.
    const db = new Database(join(dir, DATABASE_FILE));
    db.prepare(
      `INSERT INTO sessions (id, join_code, title, zones, settings) VALUES (?, 'BENCH1', 't', '[]', '{}')`,
    ).run(SESSION);
    db.close();
    const update = Buffer.alloc(40, 3);
    const state = Buffer.alloc(4000, 5);
    const held = new Float64Array(updates);
    const cpu = process.cpuUsage();
    for (let i = 0; i < updates; i++) {
      const start = performance.now();
      if (store.appendYjsUpdate(SESSION, 'text', update) > COMPACT_AFTER) store.compactYjs(SESSION, 'text', state);
      held[i] = performance.now() - start;
      if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    const used = process.cpuUsage(cpu);
    held.sort();
    const over = held.filter((ms) => ms > 5);
    const at = (p: number) => held[Math.min(updates - 1, Math.ceil((p / 100) * updates) - 1)]!;
    return (
      `p50 ${(at(50) * 1000).toFixed(0)} µs, p99 ${(at(99) * 1000).toFixed(0)} µs, max ${held[updates - 1]!.toFixed(1)} ms; ` +
      `${over.length} over 5 ms (together ${over.reduce((a, b) => a + b, 0).toFixed(0)} ms); ` +
      `process CPU ${((used.user + used.system) / updates).toFixed(0)} µs per update (worker included)`
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`yjs-append: ${updates} updates, one every ${gapMs} ms, ${runs} run(s); ${machine()}`);
for (let r = 1; r <= runs; r++) console.log(`[${r}/${runs}] ${await run()}`);
