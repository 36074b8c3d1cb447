/**
 * AN29: on PostgreSQL, an input acknowledged as stored survives a crash of the process (kill -9), although
 * its round key (AN25) lives only in the keyring beside it, and a closed round's key does not come back.
 * A child process (pg-crash-child.ts, run by node with tsx) writes rounds of ballots into a real
 * PostgreSQL and reports each commit; it is killed with SIGKILL in the middle; a new store on the same
 * database and keyring must read every reported ballot, and the keyring file must hold the keys of the
 * open rounds only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { castVote, closeRound, createRound, openRound, tableToRecord } from '@vrijuit/core';
import { PgStore } from '../src/store/pg-store.ts';
import { ROUND_KEYS_FILE, RoundKeyring } from '../src/store/round-keys.ts';
import type { SessionStore } from '../src/store/store.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';
import { session } from './store-sessions.ts';

let postgres: TestPostgres | undefined;
const dirs: string[] = [];
afterAll(async () => {
  await postgres?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('AN29 acknowledged inputs survive kill -9 on PostgreSQL', () => {
  it('AN25 AN29 after SIGKILL in the middle of writing, every ballot the child reported stored is read back; only open rounds keep a key', async () => {
    postgres = await startPostgres();
    const keyringDir = mkdtempSync(join(tmpdir(), 'vrijuit-keys-'));
    dirs.push(keyringDir);
    const sessionId = 'session-crash';
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'pg-crash-child.ts'), postgres.url, keyringDir, sessionId],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const stored = new Map<string, string[]>();
    const closed = new Set<string>();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Killed at a moment that depends on the machine: at the first batch of a round after 12 to 30
    // reported batches, while that round (the child's rounds close only when the next opens, RO2) is open.
    const killAfter = 12 + Math.floor(Math.random() * 19);
    let batches = 0;
    let killed = false;
    for await (const line of createInterface({ input: child.stdout! })) {
      const [word, roundId, batch, ...keys] = line.split(' ');
      if (word === 'stored') {
        stored.set(roundId!, [...(stored.get(roundId!) ?? []), ...keys]);
        if (++batches >= killAfter && batch === '0' && !killed) killed = child.kill('SIGKILL');
      } else if (word === 'closed') closed.add(roundId!);
    }
    await exited;
    expect(killed).toBe(true);
    expect(batches).toBeGreaterThanOrEqual(killAfter);

    const store = await PgStore.open(postgres.url, { keyringDir });
    try {
      const state = await store.loadSession(sessionId);
      let lost = 0;
      for (const [roundId, keys] of stored) {
        const round = state?.rounds.find((r) => r.id === roundId);
        if (closed.has(roundId)) {
          expect(round?.status).toBe('closed');
          continue;
        }
        const onDisk = new Set(Object.keys(tableToRecord(round?.ballots ?? {})));
        lost += keys.filter((k) => !onDisk.has(k)).length;
      }
      expect(lost, 'acknowledged ballots lost').toBe(0);
      expect(stored.size - closed.size).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
    // The keyring after the restart: a key for each round still open, none for a closed one.
    const ring = RoundKeyring.open(keyringDir);
    const kept = ring.rounds().map((r) => r.roundId);
    ring.close();
    for (const roundId of closed) expect(kept).not.toContain(roundId);
    for (const roundId of stored.keys()) if (!closed.has(roundId)) expect(kept).toContain(roundId);
    expect(readFileSync(join(keyringDir, ROUND_KEYS_FILE)).length % 160).toBe(0);
  }, 60_000);
});

describe('AN25 keys of rounds no longer open', () => {
  it('AN25 a close committed but not scrubbed (a crash between the two): opening the store destroys the round key', async () => {
    postgres ??= await startPostgres();
    const url = await postgres.createDatabase('vrijuit_unscrubbed');
    const keyringDir = mkdtempSync(join(tmpdir(), 'vrijuit-keys-'));
    dirs.push(keyringDir);
    const file = join(keyringDir, ROUND_KEYS_FILE);
    let store = await PgStore.open(url, { keyringDir });
    // The close's scrub never runs, as when the process dies right after the close's commit.
    const s = session(() => ({ ...bound(store), scrub: async () => {} }));
    try {
      await s.create();
      await s.join(1);
      await s.decide((st) =>
        createRound(st, {
          roundId: 'r1',
          question: 'Q',
          options: ['A', 'B'],
          config: { kind: 'single-choice' },
          reveal: 'manual',
          durationSeconds: null,
        }),
      );
      await s.decide((st) => openRound(st, { roundId: 'r1', now: 0 }));
      await s.decide((st) =>
        castVote(st, {
          participantId: 'p1',
          voterKey: 'k1',
          roundId: 'r1',
          ballot: { kind: 'single-choice', optionId: 'o1' },
        }),
      );
      const key = readFileSync(file).subarray(-32);
      expect(key.some((b) => b !== 0)).toBe(true);
      await s.decide((st) => closeRound(st, { roundId: 'r1' }));
      expect(readFileSync(file).includes(key)).toBe(true);
      await store.close();
      store = await PgStore.open(url, { keyringDir });
      expect(readFileSync(file).includes(key)).toBe(false);
    } finally {
      await store.close();
    }
  });
});

/** The store's methods bound to it, to lay one over. */
function bound(store: PgStore): SessionStore {
  const methods = [
    'loadSession',
    'sessionIdByJoinCode',
    'sessionsWithTimers',
    'sessionsWithWaitingPainPoints',
    'commandResult',
    'commandIds',
    'commit',
    'scrub',
    'deleteSession',
    'ping',
    'close',
  ] as const;
  return Object.fromEntries(methods.map((m) => [m, store[m].bind(store)])) as unknown as SessionStore;
}
