/**
 * GDPR delete (core LC6, LC7): a session and everything in it leaves the store's files (database and
 * WAL), memory and every connected screen; the other sessions stay as they were.
 *
 * DB13: on PostgreSQL (`pnpm test:postgres`) the byte checks read PostgreSQL's files instead (store-files.ts:
 * the data directory with this database's folder and pg_wal/, and the keyring folder). A deleted row stays
 * there in dead tuples and WAL segments (AN27), so what is checked is that every cell naming or describing
 * anyone reaches them only sealed with the session's key (never in clear, before or after the delete), and
 * that the delete destroys that key: its slot leaves the keyring and its bytes are in no file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import {
  attachProjector,
  closeAllClients,
  connect,
  signedInClient,
  dumpDb,
  newCommandId,
  newToken,
  openPainRound,
  openRound,
  openTextRound,
  setUpWorkshop,
  single,
  startServer,
  voteFor,
  type TestClient,
  type TestServer,
  type Workshop,
} from './helpers.ts';
import { clearCells, sessionOfRow } from './pg-copy-keys.ts';
import { postgresTuples, whereInStoreFiles } from './store-files.ts';
import { databaseOfFile, TEST_STORE } from './test-store.ts';
import { destroyProviders, synced, yjsProvider } from './yjs-clients.ts';
import { ROUND_KEYS_FILE, RoundKeyring, SESSION_KEY_SLOT } from '../src/store/round-keys.ts';
import { SessionSeal } from '../src/store/sealed-cells.ts';

let server: TestServer;
/** When the test began: a file of the run's PostgreSQL not modified since holds nothing of it (store-files.ts). */
const started = Date.now();

beforeAll(async () => {
  // A 10 s release interval (the floor, AN21) ticks every second here.
  server = await startServer({ releaseSecondMs: 100 });
});
afterAll(async () => {
  destroyProviders();
  closeAllClients();
  await server.close();
});

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What a session holds that must go with it, as distinctive strings. */
interface Traces {
  title: string;
  names: string[];
  painPoints: string[];
  text: string;
  version: string;
}

interface Room extends Workshop {
  traces: Traces;
  projector: TestClient;
  /** Phones joined with their own names (setUpWorkshop's are P1, P2, … in every session). */
  named: { client: TestClient; token: string }[];
  editor: WebsocketProvider;
  textRoundId: string;
}

/**
 * A session with everything: named participants, a closed vote with results, released pain points, a
 * co-edited text being written and a saved version of it.
 */
async function fullSession(tag: string): Promise<Room> {
  const traces: Traces = {
    title: `Werkdag ${tag}`,
    names: [`Annelies-${tag}`, `Bartholomeus-${tag}`],
    // Three: a batch at the floor (AN21) goes out at the next tick.
    painPoints: [`Parkeerplaats-probleem-${tag}`, `Koffieautomaat-defect-${tag}`, `Fietsenstalling-vol-${tag}`],
    text: `Standpunt-over-mobiliteit-${tag}`,
    version: `Versie-na-pauze-${tag}`,
  };
  const w = await setUpWorkshop(server.url, 1, traces.title, { releaseEverySeconds: 10, releaseMinEntries: 3 });
  const projector = await attachProjector(server.url, w);
  const named = [];
  for (const name of traces.names) {
    const client = await connect(server.url);
    const token = newToken();
    await client.ok('participant:join', { joinCode: w.joinCode, token, zoneId: 'z1', name });
    named.push({ client, token });
  }
  const voteRound = await openRound(w.facilitator);
  for (const [i, p] of named.entries()) await p.client.ok('vote:cast', voteFor(voteRound, single(`o${i + 1}`)));
  const painRound = await openPainRound(w.facilitator);
  const authors = [...named.map((p) => p.client), w.phones[0]!.client];
  for (const [i, text] of traces.painPoints.entries()) {
    await authors[i]!.ok('painpoint:submit', { commandId: newCommandId(), roundId: painRound, text });
  }
  const view = await w.facilitator.waitFor(
    'facilitator:view',
    (v) => v.rounds.some((r) => r.wall?.points.length === 3),
    5000,
  );
  // One is hidden with a reason (ML1): the reason and the moderation log are the session's too (LC7).
  const hidden = view.rounds.find((r) => r.id === painRound)!.wall!.points[0]!.id;
  await w.facilitator.ok('painpoint:hide', {
    commandId: newCommandId(),
    roundId: painRound,
    pointId: hidden,
    reason: 'names-someone',
  });
  const { roundId: textRoundId, plenary } = await openTextRound(w.facilitator);
  const editor = yjsProvider(server.wsUrl, `${w.sessionId}/${plenary}`, named[0]!.token);
  await synced(editor);
  editor.doc.getText('t').insert(0, traces.text);
  // This session's own update (the other session's may be there already): on PostgreSQL the write-behind
  // stores it a moment after the keystroke.
  await until(() =>
    (dumpDb(server.dbFile).yjs_updates as { session_id: string }[]).some((u) => u.session_id === w.sessionId),
  );
  await w.facilitator.ok('text:save-version', {
    commandId: newCommandId(),
    roundId: textRoundId,
    zoneId: null,
    label: traces.version,
  });
  // A phone waits at the closed door (DO1, DO9): its token hash, zone and municipality are stored.
  await w.facilitator.ok('door:set', { commandId: newCommandId(), closed: true });
  const waiting = await connect(server.url);
  expect(
    await waiting.send('participant:join', { joinCode: w.joinCode, token: newToken(), zoneId: 'z2', name: 'Later' }),
  ).toMatchObject({ ok: false, error: { code: 'WAITING_AT_DOOR' } });
  await w.facilitator.waitFor('facilitator:view', (v) => v.door?.waiting === 1, 5000);
  return { ...w, traces, projector, named, editor, textRoundId };
}

/** What the session says about anyone: on PostgreSQL never in the files in clear (sealed with its key). */
function contents(r: Room): string[] {
  const { title, names, painPoints, text, version } = r.traces;
  return [title, ...names, ...painPoints, text, version];
}

/** Every string of the session that must not be in the files: its content and its identifiers. */
function needles(r: Room): string[] {
  return [...contents(r), r.joinCode, r.sessionId];
}

const onPostgres = TEST_STORE === 'postgres';

/**
 * Each of `list` is (or is not) in the store's files now (store-files.ts: SQLite's file and its WAL, or
 * PostgreSQL's data directory with pg_wal/ and the keyring folder), read once for the whole list.
 */
function expectInFiles(list: readonly string[], present: boolean, what: string): void {
  const found = whereInStoreFiles(server, list, started);
  const wrong = list.filter((needle) => found.has(needle) !== present);
  expect(
    wrong.map((needle) => (present ? needle : `${needle} in ${found.get(needle)!.join(', ')}`)),
    what,
  ).toEqual([]);
}

/** Every slot of the server's keyring (PostgreSQL: AN25, LC7), its key copied out. */
function keyringSlots(): { sessionId: string; roundId: string; key: Buffer }[] {
  if (!existsSync(join(server.dataDir, ROUND_KEYS_FILE))) return [];
  const ring = RoundKeyring.open(server.dataDir);
  try {
    return ring.rounds().map((slot) => ({ ...slot, key: Buffer.from(ring.key(slot.sessionId, slot.roundId)!) }));
  } finally {
    ring.close();
  }
}

/** The session's key (its keyring slot with round id SESSION_KEY_SLOT), if the keyring holds it. */
function sessionKey(sessionId: string): Buffer | undefined {
  return keyringSlots().find((s) => s.sessionId === sessionId && s.roundId === SESSION_KEY_SLOT)?.key;
}

describe('LC6 LC7 deleting a session', () => {
  let a: Room;
  let b: Room;
  /** PostgreSQL: the sessions' keys as the keyring held them before the delete. */
  let keyA: Buffer | undefined;
  let keyB: Buffer | undefined;

  beforeAll(async () => {
    a = await fullSession('Alfa');
    b = await fullSession('Bravo');
    if (onPostgres) {
      // The scan reads the files the session's rows are in: its ids are stored in clear (keys of rows).
      expectInFiles(
        [a.sessionId, a.joinCode, b.sessionId, b.joinCode],
        true,
        "the sessions' ids in PostgreSQL's files",
      );
      keyA = sessionKey(a.sessionId);
      keyB = sessionKey(b.sessionId);
    } else {
      // The test can fail: before the delete, every trace of both is in the files.
      expectInFiles([...needles(a), ...needles(b)], true, 'in the SQLite file before the delete');
    }
  });

  it.skipIf(!onPostgres)(
    "LC7 DB13 AN27 on PostgreSQL a session's title, names, pain points, text and version label reach the files only sealed with the session's key, which the keyring holds",
    async () => {
      expect(keyA, "a's key in the keyring").toBeInstanceOf(Buffer);
      expect(keyB, "b's key in the keyring").toBeInstanceOf(Buffer);
      // The test can fail: the cells the database holds are the traces, sealed, and the keyring's key opens them.
      const seal = new SessionSeal(keyA!, a.sessionId);
      const sid = a.sessionId;
      // Read raw (readDb and dumpDb open sealed cells with the keyring: test-store.ts).
      const raw = new pg.Client(databaseOfFile(server.dbFile)!);
      await raw.connect();
      const column = async (sql: string) => (await raw.query<{ v: unknown }>(sql, [sid])).rows.map((r) => r.v);
      let cells;
      try {
        cells = {
          title: (await column('SELECT title AS v FROM sessions WHERE id = $1'))[0],
          names: await column('SELECT name AS v FROM participants WHERE session_id = $1'),
          painPoints: await column(
            'SELECT text AS v FROM pain_points WHERE session_id = $1 UNION ALL SELECT text FROM closed_pain_points WHERE session_id = $1',
          ),
          labels: await column('SELECT label AS v FROM text_versions WHERE session_id = $1'),
          updates: await column('SELECT data AS v FROM yjs_updates WHERE session_id = $1'),
        };
      } finally {
        await raw.end();
      }
      const all = [cells.title, ...cells.names, ...cells.painPoints, ...cells.labels, ...cells.updates];
      expect(
        all.filter((cell) => !SessionSeal.isSealed(cell)),
        'cells in clear',
      ).toEqual([]);
      expect(seal.open(cells.title)).toBe(a.traces.title);
      expect(cells.names.map((n) => seal.open(n))).toEqual(expect.arrayContaining(a.traces.names));
      expect(cells.painPoints.map((t) => seal.open(t)).sort()).toEqual([...a.traces.painPoints].sort());
      expect(cells.labels.map((l) => seal.open(l))).toEqual([a.traces.version]);
      const text = Buffer.from(a.traces.text);
      expect(
        cells.updates.some((u) => (seal.open(u) as Buffer).includes(text)),
        'the text in its Yjs update',
      ).toBe(true);
      // A key opens only its own session's cells.
      let wrongKey: unknown;
      try {
        wrongKey = new SessionSeal(keyB!, a.sessionId).open(cells.title);
      } catch {
        wrongKey = undefined;
      }
      expect(wrongKey).not.toBe(a.traces.title);
      // And in the files none of it is in clear: not in the data directory, pg_wal/ nor the keyring.
      expectInFiles([...contents(a), ...contents(b)], false, 'in clear in the files before the delete');
    },
  );

  it.skipIf(!onPostgres)(
    "LC7 DB13 AN27 on PostgreSQL every cell of a session's tuples in the files (heap pages and WAL) that names or describes anyone is sealed",
    async () => {
      const tuples = await postgresTuples(server, started);
      const ofA = tuples.filter((t) => sessionOfRow(t.table, t.row) === a.sessionId);
      const ofB = tuples.filter((t) => sessionOfRow(t.table, t.row) === b.sessionId);
      // The reader finds the session's rows: its design, people, pain points, text and version.
      const tables = new Set(ofA.map((t) => t.table));
      const wanted = ['sessions', 'participants', 'waiting_joins', 'rounds', 'closed_pain_points', 'yjs_updates'];
      for (const table of [...wanted, 'text_versions', 'commands']) {
        expect(tables, `a's ${table} in the files`).toContain(table);
      }
      expect(clearCells([...ofA, ...ofB]), 'cells in clear').toEqual({});
    },
  );

  it('LC6 a wrong title is refused (TITLE_MISMATCH) and deletes nothing; only the facilitator may delete', async () => {
    const before = dumpDb(server.dbFile);
    for (const title of ['werkdag alfa', `${a.traces.title} `, b.traces.title]) {
      expect(await a.facilitator.send('session:delete', { commandId: newCommandId(), title })).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'TITLE_MISMATCH' }),
      });
    }
    const phone = a.named[0]!.client;
    expect(await phone.send('session:delete', { commandId: newCommandId(), title: a.traces.title })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'FORBIDDEN' }),
    });
    const stranger = await connect(server.url);
    expect(await stranger.send('session:delete', { commandId: newCommandId(), title: a.traces.title })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'NOT_JOINED' }),
    });
    expect(dumpDb(server.dbFile)).toEqual(before);
  });

  it('LC7 deletes every row and byte of the session, tells every screen, and leaves the other session working', async () => {
    const commandId = newCommandId();
    expect(await a.facilitator.send('session:delete', { commandId, title: a.traces.title })).toEqual({
      ok: true,
      value: {},
    });
    // The ack came after the data was gone: no trace in the database nor its WAL (on PostgreSQL: nothing
    // of it in clear, and the other session's content is still sealed).
    if (onPostgres) {
      expectInFiles([...contents(a), ...contents(b)], false, 'in clear in the files after the delete');
    } else {
      expectInFiles(needles(a), false, 'still in the files');
      expectInFiles(needles(b), true, 'went too');
    }
    const rows = dumpDb(server.dbFile);
    for (const [table, list] of Object.entries(rows)) {
      expect(JSON.stringify(list).includes(a.sessionId), `${table} names the session`).toBe(false);
    }
    const commandRows = rows.commands as { scope: string; command_id: string; result: string }[];
    expect(commandRows).toContainEqual({ scope: 'global', command_id: commandId, result: '{"ok":true,"value":{}}' });

    // Every phone, console and projector of the session heard it, and is no longer part of it.
    const screens = [a.facilitator, a.projector, a.phones[0]!.client, ...a.named.map((p) => p.client)];
    for (const c of screens) await c.waitFor('session:deleted', (e) => e.sessionId === a.sessionId);
    for (const c of [b.facilitator, b.projector, ...b.named.map((p) => p.client)]) {
      expect(c.received['session:deleted']).toEqual([]);
    }
    expect(await a.named[0]!.client.send('vote:cast', voteFor('no-such-round-id', single('o1')))).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'NOT_JOINED' }),
    });
    expect(
      await a.facilitator.send('round:create', { commandId: newCommandId(), question: 'Nog?', options: ['A', 'B'] }),
    ).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_JOINED' }) });
    // The text's editor was disconnected and is refused when it tries again; nothing was written back.
    await until(() => !a.editor.wsconnected);
    a.editor.doc.getText('t').insert(0, 'Na-het-wissen');
    // Its next attempt ends closed, with no connection before (y-websocket says 'connected' on open).
    const attempt = await new Promise<string>((resolve) => {
      a.editor.once('connection-close', () => resolve('closed'));
      a.editor.on('status', ({ status }: { status: string }) => status === 'connected' && resolve('connected'));
    });
    expect(attempt).toBe('closed');
    expect(a.editor.wsconnected).toBe(false);
    expectInFiles(['Na-het-wissen', a.traces.text], false, 'written back after the delete');

    // Joining, attaching and looking up answer that it does not exist.
    const phone = await connect(server.url);
    expect((await phone.send('session:lookup', { joinCode: a.joinCode })).ok).toBe(false);
    const owner = await signedInClient(server.url, a.cookie);
    expect(await owner.send('facilitator:attach', { sessionId: a.sessionId })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'SESSION_NOT_FOUND' }),
    });

    // A retry of the delete answers ok, from the detached console and from a new connection.
    expect(await a.facilitator.send('session:delete', { commandId, title: a.traces.title })).toEqual({
      ok: true,
      value: {},
    });
    expect(await phone.send('session:delete', { commandId, title: a.traces.title })).toEqual({ ok: true, value: {} });

    // The other session works as before: its phones vote, its text is whole.
    const next = await openRound(b.facilitator, { question: 'Verder?' });
    expect(await b.named[1]!.client.send('vote:cast', voteFor(next, single('o2')))).toEqual({
      ok: true,
      value: { roundId: next, stored: false },
    });
    expect(b.editor.doc.getText('t').toString()).toBe(b.traces.text);
  });

  it.skipIf(!onPostgres)(
    "LC7 DB13 AN27 on PostgreSQL the delete destroyed the session's key: no slot of it in the keyring, its bytes in no file",
    () => {
      expect(keyA, "a's key as the keyring held it before the delete").toBeInstanceOf(Buffer);
      expect(
        keyringSlots().filter((s) => s.sessionId === a.sessionId),
        "the deleted session's slots",
      ).toEqual([]);
      expect(sessionKey(b.sessionId), "the other session's key").toEqual(keyB);
      // The search can fail: the other session's key is in the keyring's file.
      const found = whereInStoreFiles(server, [keyA!, keyB!], started);
      expect(found.get(keyB!), "the other session's key in the files").toEqual([join(server.dataDir, ROUND_KEYS_FILE)]);
      expect(found.get(keyA!), "the deleted session's key in the files").toBeUndefined();
    },
  );

  it.skipIf(!onPostgres)(
    "LC7 DB13 AN27 on PostgreSQL the deleted session's tuples the files keep (dead, and in the WAL) hold every such cell sealed",
    async () => {
      const ofA = (await postgresTuples(server, started)).filter((t) => sessionOfRow(t.table, t.row) === a.sessionId);
      expect(
        ofA.filter((t) => t.table === 'participants').length,
        "a's participants left in the files",
      ).toBeGreaterThan(0);
      expect(clearCells(ofA), 'cells in clear').toEqual({});
    },
  );

  it('LC7 a restart does not bring the session back', async () => {
    await server.restart();
    if (onPostgres) {
      expectInFiles([...contents(a), ...contents(b)], false, 'in clear in the files after the restart');
      expect(keyringSlots().filter((s) => s.sessionId === a.sessionId)).toEqual([]);
      expect(sessionKey(b.sessionId)).toEqual(keyB);
    } else expectInFiles(needles(a), false, 'back after the restart');
    const phone = await connect(server.url);
    expect(await phone.send('participant:resume', { sessionId: a.sessionId, token: a.named[0]!.token })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'SESSION_NOT_FOUND' }),
    });
    const fb = await signedInClient(server.url, b.cookie);
    const view = await fb.ok('facilitator:attach', { sessionId: b.sessionId });
    expect(view.session.title).toBe(b.traces.title);
    expect(view.attendance.joined).toBe(3);
  });
});
