/**
 * VO4 with the known-command filter (issue 17, P2): a real SessionHub on a real SQLite store. A new
 * command skips the store's lookup once its session is in memory; every retry still answers its first
 * ack, from this process, after a restart (a new hub on the same file) and after the session left memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRound, type SessionState } from '@vrijuit/core';
import type { Ack } from '@vrijuit/protocol';
import { hashOf, KnownCommands } from '../src/known-commands.ts';
import { createLogger } from '../src/log.ts';
import { SessionHub } from '../src/session-hub.ts';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite-store.ts';
import { oneZoneSession } from './session-fixture.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A real store that counts its command lookups per scope. */
function countingStore(dir: string): { store: SqliteStore; lookups: string[] } {
  const store = openSqliteStore(dir);
  const lookups: string[] = [];
  const lookup = store.commandResult.bind(store);
  store.commandResult = (scope, commandId) => {
    lookups.push(scope);
    return lookup(scope, commandId);
  };
  return { store, lookups };
}

const session = (sessionId: string) => () => oneZoneSession(sessionId, `K${sessionId.slice(-5).toUpperCase()}`);

const round = (roundId: string) => (state: SessionState | null) =>
  createRound(state!, {
    roundId,
    question: roundId,
    options: ['Een', 'Twee'],
    config: { kind: 'single-choice' },
    reveal: 'manual',
    durationSeconds: null,
  });

async function value<T>(ack: Promise<Ack<T>>): Promise<T> {
  const a = await ack;
  if (!a.ok) throw new Error(a.error.code);
  return a.value;
}

describe('VO4 P2 the known-command filter', () => {
  it('VO4 hashes: the same id always gives the same number, and a set answers "may hold" for what it was given', () => {
    expect(hashOf('p.abc')).toBe(hashOf('p.abc'));
    expect(hashOf('p.abc')).not.toBe(hashOf('p.abd'));
    const known = new KnownCommands();
    expect(known.mayHold('s', 'x'), 'a session whose ids are not loaded: ask the store').toBe(true);
    known.load('s', ['a', 'b']);
    expect([known.mayHold('s', 'a'), known.mayHold('s', 'b'), known.mayHold('s', 'c')]).toEqual([true, true, false]);
    known.add('s', 'c');
    known.load('s', []);
    expect(known.mayHold('s', 'c'), 'a second load keeps what was added').toBe(true);
    known.forget('s');
    expect(known.mayHold('s', 'c')).toBe(true);
  });

  it('VO4 P2 a new command skips the lookup; a retry answers its first ack, also after a restart and after the session left memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrijuit-known-'));
    dirs.push(dir);
    const first = countingStore(dir);
    const hub = new SessionHub(first.store, createLogger('silent'), { maxCachedSessions: 1 });
    await value(hub.execute('s-one', { scope: 'global', commandId: 'create-1' }, session('s-one')));
    const created = await hub.execute('s-one', { scope: 's-one', commandId: 'r1' }, round('r1'));
    expect(created.ok).toBe(true);
    first.lookups.length = 0;

    // New commands of a session in memory: no lookup. A retry in the same process: one, and its ack.
    await value(hub.execute('s-one', { scope: 's-one', commandId: 'r2' }, round('r2')));
    expect(first.lookups).toEqual([]);
    expect(await hub.execute('s-one', { scope: 's-one', commandId: 'r1' }, round('r1'))).toEqual(created);
    expect(first.lookups).toEqual(['s-one']);

    // Another session pushes s-one out of memory (one cached session); its ids load again with it.
    await value(hub.execute('s-two', { scope: 'global', commandId: 'create-2' }, session('s-two')));
    await value(hub.execute('s-two', { scope: 's-two', commandId: 'r1' }, round('r1')));
    expect(hub.cached('s-one')).toBeNull();
    // Back in memory (as a phone's resume brings it) before the retries: its stored ids came with it.
    await hub.state('s-one');
    expect(await hub.execute('s-one', { scope: 's-one', commandId: 'r1' }, round('r1'))).toEqual(created);
    const again = await hub.execute('s-one', { scope: 's-one', commandId: 'r2' }, round('r2'));
    expect(again.ok, 'r2 was stored before s-one left memory: its retry is not decided again').toBe(true);
    expect((await hub.state('s-one'))?.rounds.map((r) => r.id)).toEqual(['r1', 'r2']);
    await hub.drain();
    await first.store.close();

    // A restart: a new hub on the same file answers the retries from the store.
    const second = countingStore(dir);
    const restarted = new SessionHub(second.store, createLogger('silent'));
    await restarted.state('s-one');
    expect(await restarted.execute('s-one', { scope: 's-one', commandId: 'r1' }, round('r1'))).toEqual(created);
    expect(await restarted.execute('s-one', { scope: 's-one', commandId: 'r2' }, round('r2'))).toEqual(again);
    second.lookups.length = 0;
    await value(restarted.execute('s-one', { scope: 's-one', commandId: 'r3' }, round('r3')));
    expect(second.lookups, 'loaded with the session: a new command skips the lookup').toEqual([]);
    expect((await restarted.state('s-one'))?.rounds.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    await restarted.drain();
    await second.store.close();
  });
});
