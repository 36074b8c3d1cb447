/**
 * SPEC AN9, AN17: how often a raw database file keeps a second copy of a pain point after its round
 * closes, with the old scrub (the round's rows deleted and written again in id order) and the store's
 * (the round's rows appended to `closed_pain_points`, the open entries rebuilt: sqlite-closed-entries.ts).
 *
 *   pnpm exec tsx bench/stale-copies.ts --runs 20
 *
 * Each run: a bare file with the store's schema and pragmas (WAL, secure_delete); `--sessions` sessions
 * of `--entries` entries each, released in batches of 3 from sessions picked at random (so entries of
 * different sessions share pages, as on a server with workshops at once); each session's round closes
 * when its last batch is in, scrubbed the one way or the other, then the WAL is checkpointed. Then the
 * database and WAL bytes are searched for every entry's text: found twice is a stale copy.
 *
 * Options: --runs R (20) --sessions S (60) --entries E (60)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { closeEntries } from '../apps/server/src/store/sqlite-closed-entries.ts';
import { applySchema } from '../apps/server/src/store/sqlite-schema.ts';
import { int, machine, ms } from './cli.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    sessions: { type: 'string', default: '60' },
    entries: { type: 'string', default: '60' },
  },
});
const runs = int('runs', args.runs, 1, 1000);
const sessions = int('sessions', args.sessions, 1, 10_000);
const entries = int('entries', args.entries, 3, 10_000);
/** better-sqlite3 is the server's dependency: its type through the store's function, the module from there. */
type Db = Parameters<typeof closeEntries>[0];
const Database = createRequire(new URL('../apps/server/package.json', import.meta.url))('better-sqlite3') as new (
  file: string,
) => Db;

type Scrub = (db: Db, sessionId: string) => void;

/** Before: the round's rows deleted and written again in id order, on the pages they shared. */
const rewriteRound: Scrub = (db, sessionId) => {
  const rows = db.prepare('SELECT * FROM pain_points WHERE session_id = ? ORDER BY id').all(sessionId);
  db.prepare('DELETE FROM pain_points WHERE session_id = ?').run(sessionId);
  const insert = db.prepare(
    `INSERT INTO pain_points (session_id, round_id, id, text, theme_id, stage, hidden, merged_into, support, answered)
     VALUES (@session_id, @round_id, @id, @text, @theme_id, @stage, @hidden, @merged_into, @support, @answered)`,
  );
  for (const row of rows) insert.run(row);
};

/** Now: what the store does at a close. */
const closeRound: Scrub = (db, sessionId) => closeEntries(db, sessionId, 'pain');

function run(scrub: Scrub): { copies: number; scrubMs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'vrijuit-stale-'));
  const file = join(dir, 'vrijuit.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('secure_delete = ON');
  // No sessions or rounds rows here, only the entries.
  db.pragma('foreign_keys = OFF');
  applySchema(db);
  const insert = db.prepare(
    `INSERT INTO pain_points (session_id, round_id, id, text, theme_id, stage) VALUES (?, 'pain', ?, ?, NULL, 'wall')`,
  );
  const texts: string[] = [];
  const left = Array.from({ length: sessions }, () => entries);
  let scrubMs = 0;
  while (left.some((n) => n > 0)) {
    const s = Math.floor(Math.random() * sessions);
    if (left[s] === 0) continue;
    db.transaction(() => {
      for (let i = 0; i < 3 && left[s]! > 0; i++, left[s]!--) {
        const text = `Knelpunt ${s}-${left[s]} ${randomBytes(6).toString('hex')}`;
        texts.push(text);
        insert.run(`session-${s}`, randomBytes(16).toString('base64url').slice(0, 22), text);
      }
    })();
    if (left[s] === 0) {
      const start = performance.now();
      db.transaction(() => scrub(db, `session-${s}`))();
      db.pragma('wal_checkpoint(TRUNCATE)');
      scrubMs += performance.now() - start;
    }
  }
  db.close();
  const bytes = Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
  rmSync(dir, { recursive: true, force: true });
  let copies = 0;
  for (const text of texts) {
    const needle = Buffer.from(text);
    const at = bytes.indexOf(needle);
    if (at < 0) throw new Error(`lost: ${text}`);
    if (bytes.indexOf(needle, at + 1) >= 0) copies++;
  }
  return { copies, scrubMs: scrubMs / sessions };
}

const results = { rewriteRound: [] as ReturnType<typeof run>[], closeRound: [] as ReturnType<typeof run>[] };
for (let i = 0; i < runs; i++) {
  // Alternating, so a change in the machine's load falls on both.
  results.rewriteRound.push(run(rewriteRound));
  results.closeRound.push(run(closeRound));
}
console.log(`\n${machine()}`);
console.log(`${runs} runs of ${sessions} sessions x ${entries} entries, in batches of 3\n`);
console.log('| scrub at a close | runs with a second copy | second copies in all | scrub per close, mean (ms) |');
console.log('|---|---:|---:|---:|');
for (const [name, label] of [
  ['rewriteRound', "before: the round's rows written again in id order"],
  ['closeRound', 'now: appended to the closed entries, the open ones rebuilt'],
] as const) {
  const r = results[name];
  const mean = r.reduce((a, b) => a + b.scrubMs, 0) / r.length;
  console.log(
    `| ${label} | ${r.filter((x) => x.copies > 0).length} / ${runs} | ${r.reduce((a, b) => a + b.copies, 0)} | ${ms(mean)} |`,
  );
}
