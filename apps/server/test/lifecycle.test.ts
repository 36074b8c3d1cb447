/**
 * Session lifecycle over real sockets (core LC1-LC5): draft → live → closed → archived and back, what
 * phones and the console see, and what each status refuses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA } from '../src/store/sqlite-schema.ts';
import { DATABASE_FILE, openSqliteStore } from '../src/store/sqlite-store.ts';
import type { SessionStatus } from '@vrijuit/protocol';
import {
  attachProjector,
  closeAllClients,
  connect,
  signedInClient,
  createPainRound,
  createRound,
  dumpDb,
  newCommandId,
  newToken,
  openRound,
  resultsOnConsole,
  setUpWorkshop,
  single,
  startServer,
  voteFor,
  type TestClient,
  type TestServer,
  type Workshop,
} from './helpers.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterEach(() => closeAllClients());
afterAll(async () => {
  closeAllClients();
  await server.close();
});

const setStatus = (w: Workshop, status: SessionStatus) =>
  w.facilitator.send('session:status', { commandId: newCommandId(), status });

const refused = (code: string) => expect.objectContaining({ ok: false, error: expect.objectContaining({ code }) });

/** Waits until every phone, the console (and a projector) show `status`. */
async function allSee(w: Workshop, status: SessionStatus, projector?: TestClient): Promise<void> {
  await w.facilitator.waitFor('facilitator:view', (v) => v.session.status === status);
  for (const phone of w.phones) await phone.client.waitFor('participant:view', (v) => v.session.status === status);
  if (projector) await projector.waitFor('projector:view', (v) => v.session.status === status);
}

const join = (joinCode: string, client: TestClient) =>
  client.send('participant:join', { joinCode, token: newToken(), zoneId: 'z1', name: 'Laatkomer' });

describe('LC session lifecycle', () => {
  it('LC1 LC4 a new session is a draft phones can join and wait in; start makes it live on every screen', async () => {
    const w = await setUpWorkshop(server.url, 2);
    const attached = await w.facilitator.ok('facilitator:attach', { sessionId: w.sessionId });
    expect(attached.session.status).toBe('draft');
    const resumed = await w.phones[0]!.client.ok('participant:resume', {
      sessionId: w.sessionId,
      token: w.phones[0]!.token,
    });
    expect(resumed.view.session.status).toBe('draft');
    expect((await w.phones[0]!.client.ok('session:lookup', { joinCode: w.joinCode })).status).toBe('draft');
    const projector = await attachProjector(server.url, w);

    // Only the listed moves: a draft cannot be closed or archived.
    expect(await setStatus(w, 'closed')).toEqual(refused('SESSION_STATE'));
    expect(await setStatus(w, 'archived')).toEqual(refused('SESSION_STATE'));
    expect(await setStatus(w, 'live')).toEqual({ ok: true, value: {} });
    await allSee(w, 'live', projector);
    // Moving to the status it has changes nothing.
    expect(await setStatus(w, 'live')).toEqual({ ok: true, value: {} });
  });

  it('LC3 opening the first round of a draft session makes it live; a closed session must be reopened first', async () => {
    const w = await setUpWorkshop(server.url, 1);
    await openRound(w.facilitator);
    await allSee(w, 'live');
    const draft = await createRound(w.facilitator, { question: 'Nog een?' });
    expect(await setStatus(w, 'closed')).toEqual({ ok: true, value: {} });
    expect(await w.facilitator.send('round:open', { commandId: newCommandId(), roundId: draft })).toEqual(
      refused('SESSION_STATE'),
    );
    expect(await setStatus(w, 'live')).toEqual({ ok: true, value: {} });
    expect(await w.facilitator.send('round:open', { commandId: newCommandId(), roundId: draft })).toEqual({
      ok: true,
      value: {},
    });
  });

  it('LC2 LC4 closing the session closes its open round with results; phones are then refused with SESSION_CLOSED', async () => {
    const w = await setUpWorkshop(server.url, 3);
    const roundId = await openRound(w.facilitator);
    await w.phones[0]!.client.ok('vote:cast', voteFor(roundId, single('o1')));
    await w.phones[1]!.client.ok('vote:cast', voteFor(roundId, single('o2')));
    expect(await setStatus(w, 'closed')).toEqual({ ok: true, value: {} });
    const results = await resultsOnConsole(w.facilitator, roundId, (r) => r.status === 'closed');
    expect(results?.respondents).toBe(2);
    await allSee(w, 'closed');
    // Ballots are gone, as after round:close (AN1).
    const db = dumpDb(server.dbFile);
    expect(db.ballots).toEqual([]);
    expect(db.rounds).toContainEqual(expect.objectContaining({ id: roundId, status: 'closed' }));

    // Every participant command and every join is refused, and nothing changes.
    const before = dumpDb(server.dbFile);
    const p3 = w.phones[2]!.client;
    expect(await p3.send('vote:cast', voteFor(roundId, single('o3')))).toEqual(refused('SESSION_CLOSED'));
    expect(await p3.send('painpoint:submit', { commandId: newCommandId(), roundId, text: 'Te laat' })).toEqual(
      refused('SESSION_CLOSED'),
    );
    expect(
      await p3.send('painpoint:support', {
        commandId: newCommandId(),
        roundId,
        pointId: 'pointpointpoint1',
        supported: true,
      }),
    ).toEqual(refused('SESSION_CLOSED'));
    const latecomer = await connect(server.url);
    expect(await join(w.joinCode, latecomer)).toEqual(refused('SESSION_CLOSED'));
    // A retried join of someone already in is refused too: the session takes nobody any more.
    expect(
      await latecomer.send('participant:join', { joinCode: w.joinCode, token: w.phones[0]!.token, zoneId: 'z1' }),
    ).toEqual(refused('SESSION_CLOSED'));
    expect(dumpDb(server.dbFile)).toEqual(before);
    // A phone that comes back learns that the session has ended.
    const back = await w.phones[0]!.client.ok('participant:resume', {
      sessionId: w.sessionId,
      token: w.phones[0]!.token,
    });
    expect(back.view.session.status).toBe('closed');
    expect((await latecomer.ok('session:lookup', { joinCode: w.joinCode })).status).toBe('closed');
  });

  it('LC2 closing the session releases pain points still waiting for their batch (AN8)', async () => {
    const w = await setUpWorkshop(server.url, 1, 'Retro', { releaseEverySeconds: 600, releaseMinEntries: 50 });
    const roundId = await createPainRound(w.facilitator);
    await w.facilitator.ok('round:open', { commandId: newCommandId(), roundId });
    await w.phones[0]!.client.ok('painpoint:submit', { commandId: newCommandId(), roundId, text: 'Geen tijd' });
    expect(await setStatus(w, 'closed')).toEqual({ ok: true, value: {} });
    const view = await w.facilitator.waitFor('facilitator:view', (v) => v.session.status === 'closed');
    expect(view.rounds[0]?.wall?.points.map((p) => p.text)).toEqual(['Geen tijd']);
    expect(dumpDb(server.dbFile).pain_point_inbox).toEqual([]);
  });

  it('LC1 LC4 a reopened session takes joins and votes again', async () => {
    const w = await setUpWorkshop(server.url, 1);
    await openRound(w.facilitator);
    expect(await setStatus(w, 'closed')).toEqual({ ok: true, value: {} });
    expect(await setStatus(w, 'live')).toEqual({ ok: true, value: {} });
    await allSee(w, 'live');
    const latecomer = await connect(server.url);
    expect((await join(w.joinCode, latecomer)).ok).toBe(true);
    const next = await openRound(w.facilitator, { question: 'Tweede kans?' });
    expect(await latecomer.send('vote:cast', voteFor(next, single('o1')))).toEqual({
      ok: true,
      value: { roundId: next, stored: false },
    });
  });

  it('LC5 an archived session is read-only for the facilitator too, until unarchived; the status survives a restart', async () => {
    const w = await setUpWorkshop(server.url, 1);
    const roundId = await openRound(w.facilitator);
    const draft = await createRound(w.facilitator, { question: 'Later' });
    expect(await setStatus(w, 'closed')).toEqual({ ok: true, value: {} });
    expect(await setStatus(w, 'archived')).toEqual({ ok: true, value: {} });
    await allSee(w, 'archived');
    const before = dumpDb(server.dbFile);
    const f = w.facilitator;
    const attempts = [
      f.send('round:create', { commandId: newCommandId(), question: 'Nieuw', options: ['A', 'B'] }),
      f.send('round:open', { commandId: newCommandId(), roundId: draft }),
      f.send('round:reveal', { commandId: newCommandId(), roundId, revealed: true }),
      f.send('round:rerun', { commandId: newCommandId(), roundId }),
      f.send('painpoint:add-theme', { commandId: newCommandId(), roundId, label: 'Thema' }),
      f.send('text:save-version', { commandId: newCommandId(), roundId, zoneId: null, label: 'V' }),
    ];
    for (const ack of await Promise.all(attempts)) expect(ack).toEqual(refused('SESSION_STATE'));
    expect(await w.phones[0]!.client.send('vote:cast', voteFor(roundId, single('o1')))).toEqual(
      refused('SESSION_CLOSED'),
    );
    // Only closing it again (unarchive) is a way out; it cannot go live directly.
    expect(await setStatus(w, 'live')).toEqual(refused('SESSION_STATE'));
    expect(await setStatus(w, 'draft')).toEqual(refused('SESSION_STATE'));
    expect(dumpDb(server.dbFile)).toEqual(before);

    await server.restart();
    const f2 = await signedInClient(server.url, w.cookie);
    const view = await f2.ok('facilitator:attach', { sessionId: w.sessionId });
    expect(view.session.status).toBe('archived');
    expect(await f2.send('session:status', { commandId: newCommandId(), status: 'closed' })).toEqual({
      ok: true,
      value: {},
    });
    expect(await f2.send('round:reveal', { commandId: newCommandId(), roundId, revealed: true })).toEqual({
      ok: true,
      value: {},
    });
  });

  it('LC1 a status change retried with the same command id answers the same and moves once', async () => {
    const w = await setUpWorkshop(server.url, 0);
    const commandId = newCommandId();
    expect(await w.facilitator.send('session:status', { commandId, status: 'live' })).toEqual({ ok: true, value: {} });
    expect(await setStatus(w, 'closed')).toEqual({ ok: true, value: {} });
    // The retry does not take the session back to live.
    expect(await w.facilitator.send('session:status', { commandId, status: 'live' })).toEqual({ ok: true, value: {} });
    const view = await w.facilitator.ok('facilitator:attach', { sessionId: w.sessionId });
    expect(view.session.status).toBe('closed');
  });

  it('S3 only the facilitator changes the status', async () => {
    const w = await setUpWorkshop(server.url, 1);
    expect(await w.phones[0]!.client.send('session:status', { commandId: newCommandId(), status: 'live' })).toEqual(
      refused('FORBIDDEN'),
    );
    const projector = await attachProjector(server.url, w);
    expect(await projector.send('session:status', { commandId: newCommandId(), status: 'live' })).toEqual(
      refused('FORBIDDEN'),
    );
  });

  it('LC1 a store of schema 5 (before statuses) opens with its sessions live', async () => {
    const dir = mkdtempSync(joinPath(tmpdir(), 'vrijuit-v5-'));
    try {
      const old = new Database(joinPath(dir, DATABASE_FILE));
      old.exec(SCHEMA); // schema 5's tables: the status column is one of the ADDED_COLUMNS…
      // …and schema 5 still had the per-session facilitator token (dropped on open since accounts).
      old.exec("ALTER TABLE sessions ADD COLUMN facilitator_token_hash TEXT NOT NULL DEFAULT ''");
      old.pragma('user_version = 5');
      old
        .prepare(
          'INSERT INTO sessions (id, join_code, title, zones, settings, facilitator_token_hash) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run('oldsessionoldsession12', 'ABCDEF', 'Oud', '[]', '{}', 'hash');
      old.close();
      const store = openSqliteStore(dir);
      expect((await store.loadSession('oldsessionoldsession12'))?.status).toBe('live');
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
