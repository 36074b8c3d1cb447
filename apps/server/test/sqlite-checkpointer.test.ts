/**
 * PR7: the store's WAL is checkpointed in a worker thread, not by the connection that writes (whose
 * checkpoint, with its fsync, held the event loop); a scrub's TRUNCATE checkpoint still empties the WAL
 * every time, also while the worker's own checkpoint is under way (AN17, LC7).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { WalCheckpointer } from '../src/store/sqlite-checkpointer.ts';
import { checkpointTruncate } from '../src/store/sqlite-delete.ts';
import { DATABASE_FILE, openSqliteStore } from '../src/store/sqlite-store.ts';
import { readDb } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vrijuit-checkpointer-'));
  dirs.push(dir);
  return dir;
}

const SESSION = 'session-checkpointer';

/** A session row for the Yjs log's foreign key, written by a connection of its own. */
function addSession(file: string): void {
  const db = new Database(file);
  try {
    db.prepare(
      `INSERT INTO sessions (id, join_code, title, zones, settings) VALUES (?, 'PQRSTU', 't', '[]', '{}')`,
    ).run(SESSION);
  } finally {
    db.close();
  }
}

/** Resolves when `found()` holds, polled every 20 ms; rejects after `ms`. */
async function until(found: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!found()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('WAL checkpoints (PR7)', () => {
  it('PR7 the worker copies committed Yjs updates into the database file; the writing connection does not', async () => {
    const dir = dataDir();
    const store = openSqliteStore(dir);
    const file = join(dir, DATABASE_FILE);
    addSession(file);
    const marker = Buffer.from('p4-checkpointed-by-the-worker');
    try {
      // 1,200 updates: past SQLite's default automatic checkpoint (1,000 pages), far below the store's.
      for (let i = 0; i < 1200; i++) {
        store.appendYjsUpdate(SESSION, 'doc', Buffer.concat([marker, Buffer.from(String(i).padStart(6, '0'))]));
      }
      const last = Buffer.concat([marker, Buffer.from('001199')]);
      await until(() => readFileSync(file).includes(last), 5000);
      expect(store.yjsUpdates(SESSION, 'doc')).toHaveLength(1200);
    } finally {
      await store.close();
    }
  });

  it('PR7 AN17 a TRUNCATE checkpoint empties the WAL every time, also while the worker checkpoints', async () => {
    const dir = dataDir();
    const store = openSqliteStore(dir);
    const file = join(dir, DATABASE_FILE);
    addSession(file);
    await store.close();
    // A connection of the test's own and a worker checkpointing every millisecond: the TRUNCATE meets the
    // worker's checkpoint under way (SQLite answers `busy` at once) again and again.
    const db = new Database(file);
    const worker = new WalCheckpointer(file, 1);
    try {
      const insert = db.prepare('INSERT INTO yjs_updates (session_id, doc_name, seq, data) VALUES (?, ?, ?, ?)');
      let seq = 0;
      for (let round = 0; round < 40; round++) {
        for (let i = 0; i < 20; i++) insert.run(SESSION, 'doc', seq++, Buffer.alloc(200, round));
        checkpointTruncate(db);
        expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
      }
    } finally {
      await worker.stop();
      db.close();
    }
  });

  it('PR7 a process that closes the store at the end ends by itself, exit code 0 (the admin command line)', async () => {
    const dir = dataDir();
    const admin = fileURLToPath(new URL('../src/cli/admin.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
    const args = [admin, 'add', '--email', 'pr7@example.be', '--name', 'PR7', '--role', 'facilitator'];
    const env = { ...process.env, DATA_DIR: dir, VRIJUIT_PASSWORD: 'a-long-enough-password' };
    const code = await new Promise<number | null>((resolve) => {
      const child = execFile(tsx, args, { env, timeout: 30_000 }, () => resolve(child.exitCode));
    });
    expect(code).toBe(0);
    const accounts = readDb(join(dir, DATABASE_FILE), (db) => db.prepare('SELECT email FROM accounts').all());
    expect(accounts).toEqual([{ email: 'pr7@example.be' }]);
  });
});
