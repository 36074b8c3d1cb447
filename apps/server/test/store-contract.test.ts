/**
 * DB1-DB6: the store contract (store.ts's SessionStore), run against both stores: SQLite (the default)
 * and PostgreSQL (PgStore), the latter a real server this file starts (postgres.ts).
 * Driven by real core decisions, committed as the hub commits them (events and command records in one
 * transaction, then the scrub).
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  sessionInfo,
  addTheme,
  admitWaiting,
  approvePainPoints,
  castVote,
  closeRound,
  createRound,
  deleteRound,
  joinParticipant,
  knock,
  lockRound,
  moveRound,
  openRound,
  releaseDue,
  revealRound,
  saveTextVersion,
  setDoor,
  setSessionStatus,
  setTimer,
  showRound,
  submitPainPoint,
  supportPainPoint,
  tableGet,
  tableToRecord,
  tableValues,
  themePainPoint,
  turnAway,
  UNPLACED,
  updateRound,
  updateSession,
} from '@vrijuit/core';
import type { RoundConfig } from '@vrijuit/protocol';
import { applySchema } from '../src/store/sqlite-schema.ts';
import { PgStore } from '../src/store/pg-store.ts';
import { RoundKeyring, SESSION_KEY_SLOT } from '../src/store/round-keys.ts';
import type { SessionStore } from '../src/store/store.ts';
import { newCommandId } from './helpers.ts';
import {
  keyringDir,
  postgresBackend,
  sqliteBackend,
  stopTestPostgres,
  testPostgres,
  type Backend,
} from './store-backends.ts';
import { asStored, session, workshop } from './store-sessions.ts';

/** Whether the backend's keyring holds the session's key (LC7, AN27), read from its file. */
function keyOf(backend: Backend, sessionId: string): boolean {
  const ring = RoundKeyring.open(backend.keyringDir!);
  try {
    return ring.key(sessionId, SESSION_KEY_SLOT) !== undefined;
  } finally {
    ring.close();
  }
}

afterAll(async () => {
  const startMs = await stopTestPostgres();
  if (startMs !== undefined) console.log(`PostgreSQL (initdb and start) took ${startMs} ms`);
});

describe.each([
  { name: 'SQLite', open: sqliteBackend },
  { name: 'PostgreSQL', open: postgresBackend },
])('store contract on $name (DB1-DB6)', ({ open }) => {
  let backend: Backend;
  let store: SessionStore;
  beforeAll(async () => {
    backend = await open();
    store = backend.store;
  });
  afterAll(() => backend?.close());

  it('DB1 R1 a session loads back as core decided it (votes, paper, a closed round, a moderated wall, design, the door), also after reopening the store', async () => {
    const s = session(() => store);
    await workshop(s);
    const wall = s.state.rounds.find((r) => r.id === 'wall')!;
    expect(tableValues(wall.points).filter((p) => p.stage === 'wall')).toHaveLength(4);
    // ML1: the moderation log is stored with the round and loads back with it.
    expect(wall.moderation).toEqual([
      { action: 'merged', entries: 1 },
      { action: 'suggestion-accepted', themeId: 'o3', entries: 1, newTheme: true },
    ]);
    expect(s.state.rounds.find((r) => r.id === 'vote')!.closedResults).not.toBeNull();
    expect(s.state.door?.closed).toBe(true);
    expect(await store.loadSession(s.sessionId)).toEqual(asStored(s.state));
    // An open round with ballots and support keys, and a round closed after it: both come back.
    await s.decide((st) =>
      createRound(st, {
        roundId: 'vote2',
        question: 'En nu?',
        options: ['Ja', 'Nee'],
        config: { kind: 'single-choice' },
        reveal: 'manual',
        durationSeconds: null,
      }),
    );
    await s.decide((st) => closeRound(st, { roundId: 'wall' }));
    await s.decide((st) => openRound(st, { roundId: 'vote2', now: 0 }));
    await s.decide((st) =>
      castVote(st, {
        participantId: 'p1',
        voterKey: 'v1',
        roundId: 'vote2',
        ballot: { kind: 'single-choice', optionId: 'o1' },
      }),
    );
    store = await backend.reopen();
    const loaded = await store.loadSession(s.sessionId);
    expect(loaded).toEqual(asStored(s.state));
    expect(tableGet(loaded!.rounds.find((r) => r.id === 'vote2')!.ballots, 'v1')?.zoneId).toBe(UNPLACED);
    expect(await store.loadSession('no-such-session')).toBeNull();
  });

  it('DB1 steering, design, moderation, texts and the door load back too: timers, locks, reveals, shown rounds, edits, deletions, approvals, themes, withdrawn support, versions, let in and turned away', async () => {
    const s = session(() => store);
    await s.create();
    await s.decide((st) =>
      updateSession(st, {
        title: 'Toekomst (bis)',
        description: 'Tweede avond',
        date: '2026-12-07',
        language: 'fr',
        settings: { weighted: true },
        zones: [{ name: 'Oost', municipalities: [{ name: 'Dessel', weight: 2 }] }, 'West'],
      }),
    );
    const round = (roundId: string, config: RoundConfig, options: string[] = ['Ja', 'Nee']) =>
      s.decide((st) =>
        createRound(st, {
          roundId,
          question: `Vraag ${roundId}`,
          options,
          config,
          reveal: 'manual',
          durationSeconds: null,
        }),
      );
    await round('a', { kind: 'single-choice' });
    await round('gone', { kind: 'single-choice' });
    await round('pp', { kind: 'pain-points', perParticipant: 3, premoderation: true }, []);
    await round('text', { kind: 'position-text', zoneDrafts: true }, []);
    await s.decide((st) =>
      updateRound(st, {
        roundId: 'a',
        design: {
          question: 'Eens?',
          options: ['Ja', 'Nee', 'Weet niet'],
          config: { kind: 'single-choice' },
          reveal: 'live',
          durationSeconds: 90,
          compareKey: 'eens',
          plain: { question: 'Ben je het eens?', options: ['Ja', 'Nee', 'Ik weet het niet'] },
        },
      }),
    );
    await s.decide((st) => deleteRound(st, { roundId: 'gone' }));
    await s.decide((st) => moveRound(st, { roundId: 'text', position: 0 }));
    for (let i = 0; i < 3; i++) await s.join(i);
    await s.decide((st) => openRound(st, { roundId: 'a', now: 1_000 }));
    await s.decide((st) => setTimer(st, { roundId: 'a', seconds: 120, now: 2_000 }));
    await s.decide((st) => revealRound(st, { roundId: 'a', revealed: true }));
    await s.decide((st) => closeRound(st, { roundId: 'a' }));
    await s.decide((st) => openRound(st, { roundId: 'pp', now: 3_000 }));
    for (let i = 0; i < 3; i++) {
      await s.decide((st) =>
        submitPainPoint(st, {
          participantId: `p${i}`,
          voterKey: `w${i}`,
          roundId: 'pp',
          pointId: `q${i}`,
          text: `Knelpunt ${i}`,
          themeId: null,
        }),
      );
    }
    await s.decide((st) => releaseDue(st), null);
    await s.decide((st) => approvePainPoints(st, { roundId: 'pp', pointIds: ['q0', 'q1'] }));
    const { value: theme } = await s.decide((st) => addTheme(st, { roundId: 'pp', label: 'Zorg' }));
    await s.decide((st) => themePainPoint(st, { roundId: 'pp', pointId: 'q0', themeId: theme.themeId }));
    const support = (i: number, supported: boolean) =>
      s.decide((st) =>
        supportPainPoint(st, { participantId: `p${i}`, voterKey: `w${i}`, roundId: 'pp', pointId: 'q1', supported }),
      );
    await support(0, true);
    await support(2, true);
    await support(0, false);
    await s.decide((st) => showRound(st, { roundId: 'a' }));
    await s.decide((st) => openRound(st, { roundId: 'text', now: 4_000 }));
    const snapshot = new Uint8Array([1, 2, 3, 250]);
    await s.decide((st) =>
      saveTextVersion(st, { roundId: 'text', versionId: 'v1', zoneId: 'z1', label: 'Eerste', snapshot }),
    );
    await s.decide((st) =>
      saveTextVersion(st, { roundId: 'text', versionId: 'v2', zoneId: null, label: 'Samen', snapshot }),
    );
    // Kept while the round is open (a close unlocks and stops the timer).
    await s.decide((st) => setTimer(st, { roundId: 'text', seconds: 300, now: 5_000 }));
    await s.decide((st) => lockRound(st, { roundId: 'text', locked: true }));
    await s.decide((st) => setDoor(st, { closed: true, participantIds: [] }));
    const knockAs = (i: number, zoneId: string) =>
      s.decide((st) =>
        knock(st, {
          participantId: `p${i}`,
          tokenHash: `t${i}`,
          zoneId,
          municipalityId: null,
          name: `Laat ${i}`,
          limited: false,
        }),
      );
    await knockAs(7, 'z1');
    await knockAs(8, 'z2');
    await s.decide((st) => turnAway(st, { zoneId: 'z2' }));
    await s.decide((st) => admitWaiting(st, { zoneId: 'z1', participantIds: ['p7'] }));
    await knockAs(9, 'z2');
    const decided = s.state;
    expect(decided.title).toBe('Toekomst (bis)');
    expect(decided.rounds.map((r) => r.id)).toEqual(['text', 'a', 'pp']);
    expect(decided.currentRoundId).toBe('text');
    expect(decided.rounds[0]).toMatchObject({ status: 'open', locked: true, closesAt: 305_000 });
    expect(tableGet(decided.participants.byId, 'p7')).toBeDefined();
    expect(tableValues(decided.door!.waiting).map((w) => w.tokenHash)).toEqual(['t9']);
    expect(await store.loadSession(s.sessionId)).toEqual(asStored(decided));
    store = await backend.reopen();
    expect(await store.loadSession(s.sessionId)).toEqual(asStored(decided));
  });

  it('DB2 VO4 a command record answers its retry with the same result; a scope lists its command ids', async () => {
    const s = session(() => store);
    const created = await s.create();
    const joined = await s.join(1);
    expect(await store.commandResult(s.sessionId, created.record!.commandId)).toEqual({
      result: created.record!.result,
    });
    expect(await store.commandResult(s.sessionId, joined.record!.commandId)).toEqual({
      result: { ok: true, value: expect.objectContaining({ id: 'p1', zoneId: 'z1' }) },
    });
    expect(await store.commandResult(s.sessionId, 'unknown')).toBeNull();
    expect(await store.commandResult('other-scope', joined.record!.commandId)).toBeNull();
    expect((await store.commandIds(s.sessionId)).sort()).toEqual(
      [created.record!.commandId, joined.record!.commandId].sort(),
    );
    // A record without events (a refusal's ack) is stored too.
    await store.commit(s.sessionId, [], { scope: s.sessionId, commandId: 'refused', result: { ok: false } });
    expect(await store.commandResult(s.sessionId, 'refused')).toEqual({ result: { ok: false } });
  });

  it('DB3 AN13 a group of records commits with its events at once, and a commit that fails stores nothing of it', async () => {
    const s = session(() => store);
    await s.create();
    const group = [0, 1, 2].map((i) => ({
      scope: s.sessionId,
      commandId: `group-${i}`,
      result: { ok: true, value: i },
    }));
    const events = [0, 1, 2].flatMap((i) => {
      const joined = joinParticipant(s.state, {
        participantId: `g${i}`,
        tokenHash: `gt${i}`,
        zoneId: 'z1',
        municipalityId: null,
        name: `G${i}`,
      });
      if (!joined.ok) throw new Error(joined.error.code);
      return joined.events;
    });
    await store.commit(s.sessionId, events, group);
    const after = await store.loadSession(s.sessionId);
    expect(Object.keys(tableToRecord(after!.participants.byId)).sort()).toEqual(['g0', 'g1', 'g2']);
    expect((await store.commandIds(s.sessionId)).filter((id) => id.startsWith('group-')).sort()).toEqual([
      'group-0',
      'group-1',
      'group-2',
    ]);
    // The last record of this group repeats a stored command id: the whole commit is refused.
    const lateToken = `late-token-of-${s.sessionId}`;
    const late = joinParticipant(after!, {
      participantId: 'g3',
      tokenHash: lateToken,
      zoneId: 'z1',
      municipalityId: null,
      name: 'G3',
    });
    if (!late.ok) throw new Error(late.error.code);
    const failing = [{ scope: s.sessionId, commandId: 'group-new', result: {} }, group[0]!];
    await expect(store.commit(s.sessionId, late.events, failing)).rejects.toThrow();
    expect(await store.loadSession(s.sessionId)).toEqual(after);
    expect(await store.commandResult(s.sessionId, 'group-new')).toBeNull();
    expect(await backend.rowsHolding(lateToken)).toBe(0);
  });

  it('DB4 RO5 AN8 a join code finds its session; sessions with a running timer or stored inbox entries are listed', async () => {
    const s = session(() => store);
    await s.create();
    expect(await store.sessionIdByJoinCode(s.joinCode)).toBe(s.sessionId);
    expect(await store.sessionIdByJoinCode('NOSUCH')).toBeNull();
    await s.decide((st) => setSessionStatus(st, { status: 'live', now: Date.now() }));
    await s.join(1);
    await s.decide((st) =>
      createRound(st, {
        roundId: 'timed',
        question: 'Q',
        options: ['A', 'B'],
        config: { kind: 'single-choice' },
        reveal: 'manual',
        durationSeconds: 60,
      }),
    );
    expect(await store.sessionsWithTimers()).not.toContain(s.sessionId);
    await s.decide((st) => openRound(st, { roundId: 'timed', now: Date.UTC(2026, 11, 6) }));
    expect(await store.sessionsWithTimers()).toContain(s.sessionId);
    expect((await store.loadSession(s.sessionId))!.rounds[0]!.closesAt).toBe(Date.UTC(2026, 11, 6) + 60_000);
    await s.decide((st) => closeRound(st, { roundId: 'timed' }));
    expect(await store.sessionsWithTimers()).not.toContain(s.sessionId);
    // AN13: entries now wait in memory; one an older build left in the stored inbox is listed.
    await s.decide((st) =>
      createRound(st, {
        roundId: 'inbox',
        question: 'Wat knelt?',
        options: [],
        config: { kind: 'pain-points', perParticipant: 3, premoderation: false },
        reveal: 'manual',
        durationSeconds: null,
      }),
    );
    await s.decide((st) => openRound(st, { roundId: 'inbox', now: 0 }));
    expect(await store.sessionsWithWaitingPainPoints()).not.toContain(s.sessionId);
    await s.decide((st) =>
      submitPainPoint(st, {
        participantId: 'p1',
        voterKey: 'w1',
        roundId: 'inbox',
        pointId: 'left',
        text: 'Oud',
        themeId: null,
      }),
    );
    expect(await store.sessionsWithWaitingPainPoints()).toContain(s.sessionId);
  });

  it('RT4 a session’s join info is read from its row, the same as core’s sessionInfo of the loaded session', async () => {
    const s = session(() => store);
    await workshop(s);
    expect(await store.sessionInfo(s.sessionId)).toEqual(sessionInfo(s.state));
    expect(await store.sessionInfo('no-such-session')).toBeNull();
  });

  it('DB5 LC7 deleting a session removes every row that holds it, its command log and creation record included, and keeps others', async () => {
    const s = session(() => store);
    await workshop(s);
    const other = session(() => store);
    await other.create();
    expect(await backend.rowsHolding(s.sessionId)).toBeGreaterThan(10);
    // Names and texts carry the session id, so every row that holds them is counted here (on SQLite;
    // PostgreSQL has them sealed: the next test).
    if (!backend.sealsCells) expect(await backend.rowsHolding(`Te weinig tijd (${s.sessionId})`)).toBeGreaterThan(0);
    const sessionKey = () => keyOf(backend, s.sessionId);
    if (backend.sealsCells) expect(sessionKey()).toBe(true);
    // The global record of its creation, as the hub stores `session:create`'s ack.
    const created = { ok: true, value: { sessionId: s.sessionId, joinCode: s.joinCode } };
    await store.commit(s.sessionId, [], { scope: 'global', commandId: newCommandId(), result: created });
    const command = { scope: 'global', commandId: newCommandId(), result: { ok: true, value: {} } };
    await store.deleteSession(s.sessionId, command);
    expect(await backend.rowsHolding(s.sessionId)).toBe(0);
    expect(await backend.rowsHolding(s.joinCode)).toBe(0);
    expect(await store.loadSession(s.sessionId)).toBeNull();
    expect(await store.sessionIdByJoinCode(s.joinCode)).toBeNull();
    // AN27: what PostgreSQL keeps of the rows is sealed with a key no file holds any more.
    if (backend.sealsCells) expect(sessionKey()).toBe(false);
    expect(await store.commandResult('global', command.commandId)).toEqual({ result: command.result });
    expect(await store.loadSession(other.sessionId)).toEqual(asStored(other.state));
  });

  it('LC7 AN27 every cell that names or describes someone reaches PostgreSQL sealed with the session’s key (SQLite stores it in clear and erases it with its row); both load it back the same', async () => {
    const s = session(() => store);
    await workshop(s);
    const traces = [
      `Naam 1 of ${s.sessionId}`,
      `Te weinig tijd (${s.sessionId})`,
      `Geen vervoer (${s.sessionId})`,
      'Toekomst',
      'Noord',
      'Geel',
      'Welk thema eerst?',
      'Wat knelt?',
      'Mobiliteit',
      'Vervoer',
    ];
    const found = await Promise.all(traces.map(async (t) => [t, await backend.rowsHolding(t)] as const));
    for (const [trace, rows] of found) {
      if (backend.sealsCells) expect(rows, `${trace} in clear`).toBe(0);
      else expect(rows, `${trace} stored`).toBeGreaterThan(0);
    }
    const loaded = await store.loadSession(s.sessionId);
    expect(loaded).toEqual(asStored(s.state));
    expect(loaded?.title).toBe('Toekomst');
    expect(await store.sessionInfo(s.sessionId)).toEqual(sessionInfo(s.state));
  });

  it('DB6 the tables and columns are the SQLite schema’s (one history of migrations); the store answers ping', async () => {
    const reference = new Database(':memory:');
    applySchema(reference);
    const tables = reference.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
    const expected = tables
      .flatMap(({ name }) =>
        (reference.pragma(`table_info(${name})`) as { name: string }[]).map((c) => `${name}.${c.name}`),
      )
      .sort();
    reference.close();
    expect(expected.length).toBeGreaterThan(60);
    expect(await backend.columns()).toEqual(expected);
    expect(await store.ping()).toBe(true);
  });
});

describe('the PostgreSQL store opening (DB6)', () => {
  it('AN27 LC7 on open, the key of a session that is gone (a crash between its delete and the key’s zeroing) is destroyed; that of a session there, or being created under its lease, is kept', async () => {
    const url = await (await testPostgres()).createDatabase('vrijuit_orphan_keys');
    const keys = { keyringDir: keyringDir() };
    const first = await PgStore.open(url, { ...keys, leases: { ttlMs: 60_000 } });
    const s = session(() => first);
    await s.create();
    // Being created elsewhere: its lease taken, its key made, its row not yet committed.
    const creating = newCommandId();
    await first.leases!.acquire(creating);
    await first.close();
    const ring = RoundKeyring.open(keys.keyringDir);
    ring.keyFor(creating, SESSION_KEY_SLOT);
    ring.keyFor('deleted-before-its-key', SESSION_KEY_SLOT);
    ring.close();
    const backend = { keyringDir: keys.keyringDir } as Backend;
    expect(keyOf(backend, 'deleted-before-its-key')).toBe(true);
    const reopened = await PgStore.open(url, keys);
    try {
      expect(keyOf(backend, 'deleted-before-its-key')).toBe(false);
      expect(keyOf(backend, creating)).toBe(true);
      expect(keyOf(backend, s.sessionId)).toBe(true);
      expect((await reopened.loadSession(s.sessionId))?.title).toBe('Toekomst');
    } finally {
      await reopened.close();
    }
  });

  it('DB6 processes opening a new database at once all get the tables (one creates them, under a lock); a database of an unknown schema version is refused', async () => {
    const url = await (await testPostgres()).createDatabase('vrijuit_opening');
    // Processes of one database on one machine share the keyring's folder (PL8): one makes a session's
    // key (LC7), another reads the session with it.
    const keys = { keyringDir: keyringDir() };
    const opened = await Promise.allSettled([1, 2, 3].map(() => PgStore.open(url, keys)));
    const stores = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    try {
      expect(opened.map((o) => (o.status === 'rejected' ? String(o.reason) : o.status))).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
      for (const store of stores) expect(await store.ping()).toBe(true);
      const s = session(() => stores[1]!);
      await s.create();
      expect(await stores[2]!.loadSession(s.sessionId)).toEqual(asStored(s.state));
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
    const raw = new pg.Client(url);
    await raw.connect();
    await raw.query('UPDATE vrijuit_schema SET version = 99');
    await raw.end();
    await expect(PgStore.open(url, { keyringDir: keyringDir() })).rejects.toThrow(/schema version 99/);
  });
});
