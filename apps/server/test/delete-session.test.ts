/**
 * GDPR delete (core LC6, LC7): a session and everything in it leaves the store's files (database and
 * WAL), memory and every connected screen; the other sessions stay as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import {
  attachProjector,
  closeAllClients,
  connect,
  signedInClient,
  databaseBytes,
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
import { TEST_STORE } from './test-store.ts';
import { destroyProviders, synced, yjsProvider } from './yjs-clients.ts';

let server: TestServer;

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
  await w.facilitator.waitFor('facilitator:view', (v) => v.rounds.some((r) => r.wall?.points.length === 3), 5000);
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
  return { ...w, traces, projector, named, editor, textRoundId };
}

/** Every string of the session that must not be in the files: its content and its identifiers. */
function needles(r: Room): string[] {
  const { title, names, painPoints, text, version } = r.traces;
  return [title, ...names, ...painPoints, text, version, r.joinCode, r.sessionId];
}

function inFiles(needle: string): boolean {
  return databaseBytes(server.dbFile).includes(Buffer.from(needle, 'utf8'));
}

/**
 * The bytes of the SQLite file and its WAL are checked on SQLite only; on PostgreSQL the rows are (dumpDb,
 * below), and what its files keep of a deleted session is anonymity-pg.test.ts's AN27 (g).
 */
const filesChecked = TEST_STORE === 'sqlite';

/** `needle` is (or is not) in the SQLite file and its WAL; on PostgreSQL nothing is checked here. */
function expectInFiles(needle: string, present: boolean, message = needle): void {
  if (filesChecked) expect(inFiles(needle), message).toBe(present);
}

describe('LC6 LC7 deleting a session', () => {
  let a: Room;
  let b: Room;

  beforeAll(async () => {
    a = await fullSession('Alfa');
    b = await fullSession('Bravo');
    // The test can fail: before the delete, every trace of both is in the files.
    for (const needle of [...needles(a), ...needles(b)]) expectInFiles(needle, true);
  });

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
    // The ack came after the data was gone: no trace in the database nor its WAL.
    for (const needle of needles(a)) expectInFiles(needle, false, `${needle} is still in the files`);
    for (const needle of needles(b)) expectInFiles(needle, true, `${needle} went too`);
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
    expectInFiles('Na-het-wissen', false);
    expectInFiles(a.traces.text, false);

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

  it('LC7 a restart does not bring the session back', async () => {
    await server.restart();
    for (const needle of needles(a)) expectInFiles(needle, false);
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
