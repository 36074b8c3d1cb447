import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ServerProcess } from '../../../tests/e2e/server-process.ts';
import { WSSharedDoc } from '@y/websocket-server/utils';
import { COMPACT_AFTER, listenFirst } from '../src/yjs-persistence.ts';
import {
  closeAllClients,
  newCommandId,
  openTextRound,
  readDb,
  setUpWorkshop,
  startServer,
  type TestServer,
  type Workshop,
  signedInClient,
} from './helpers.ts';
import { awarenessSeen, destroyProviders, synced, textInStore, yjsProvider } from './yjs-clients.ts';

/**
 * R3: co-edited documents live in the store. Real y-websocket providers from Node against the real
 * server: in process (restart), and as a child process killed with SIGKILL.
 */

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const logRows = (dbFile: string, sessionId: string) =>
  readDb(
    dbFile,
    (db) =>
      (db.prepare('SELECT count(*) AS n FROM yjs_updates WHERE session_id = ?').get(sessionId) as { n: number }).n,
  );

/** The text of a document rebuilt from nothing but its rows in the store. */
afterEach(destroyProviders);

describe('R3 in process', () => {
  let server: TestServer;
  let workshop: Workshop;
  let docs: Awaited<ReturnType<typeof openTextRound>>;
  beforeAll(async () => {
    server = await startServer();
    workshop = await setUpWorkshop(server.url, 2);
    docs = await openTextRound(workshop.facilitator, true);
  });
  afterAll(async () => {
    closeAllClients();
    await server.close();
  });

  it('R3 the store hears of an update before the Yjs server broadcasts it (listener order on a WSSharedDoc)', () => {
    const doc = new WSSharedDoc('order-check');
    const calls: string[] = [];
    doc.on('update', () => calls.push('later listener'));
    listenFirst(doc, () => calls.push('store'));
    doc.getText('t').insert(0, 'x');
    expect(calls).toEqual(['store', 'later listener']);
    doc.destroy();
  });

  it('R3 an update another editor received is in the store', async () => {
    const room = `${workshop.sessionId}/${docs.draft('z1')}`;
    const a = yjsProvider(server.wsUrl, room, workshop.phones[0]!.token);
    const b = yjsProvider(server.wsUrl, room, workshop.phones[1]!.token);
    await Promise.all([synced(a), synced(b)]);
    const before = logRows(server.dbFile, workshop.sessionId);
    const rowsWhenReceived: number[] = [];
    b.doc.on('update', () => rowsWhenReceived.push(logRows(server.dbFile, workshop.sessionId)));
    for (const word of ['Wij ', 'vinden ', 'dat ']) a.doc.getText('t').insert(a.doc.getText('t').length, word);
    await until(() => b.doc.getText('t').toString() === 'Wij vinden dat ');
    expect(rowsWhenReceived.length).toBeGreaterThan(0);
    // Each time B got something, the server had already written at least that many updates.
    rowsWhenReceived.forEach((rows, i) => expect(rows).toBeGreaterThanOrEqual(before + i + 1));
    expect(textInStore(server.dbFile, workshop.sessionId, docs.draft('z1'))).toBe('Wij vinden dat ');
  });

  it('R3 two editors converge; after a restart a new editor gets the whole text at its first sync, once', async () => {
    const room = `${workshop.sessionId}/${docs.plenary}`;
    const a = yjsProvider(server.wsUrl, room, workshop.phones[0]!.token);
    const b = yjsProvider(server.wsUrl, room, { cookie: workshop.cookie });
    await Promise.all([synced(a), synced(b)]);
    const ta = a.doc.getText('t');
    const tb = b.doc.getText('t');
    ta.insert(0, 'Alpha.');
    tb.insert(0, 'Beta.');
    await until(() => ta.toString() === tb.toString() && ta.length === 11);
    const agreed = ta.toString();
    await server.restart();
    // The old editors reconnect by themselves and change nothing: no content is added twice.
    await until(() => a.wsconnected && b.wsconnected);
    const c = yjsProvider(server.wsUrl, room, { cookie: workshop.cookie });
    const atFirstSync = await synced(c, () => c.doc.getText('t').toString());
    expect(atFirstSync).toBe(agreed);
    // What a and b sent in their sync after the restart reaches c before what they send after it: once c
    // sees each one's next awareness state, their syncs have added nothing.
    await Promise.all([synced(a), synced(b)]);
    await Promise.all([a, b].map((p) => awarenessSeen(p, c)));
    expect(c.doc.getText('t').toString()).toBe(agreed);
    expect(ta.toString()).toBe(agreed);
    // And the store alone holds it: its log, applied to an empty document, gives the same text.
    expect(textInStore(server.dbFile, workshop.sessionId, docs.plenary)).toBe(agreed);
  });

  it('R3 edits made offline merge when the editor is back', async () => {
    const room = `${workshop.sessionId}/${docs.draft('z2')}`;
    const a = yjsProvider(server.wsUrl, room, workshop.phones[0]!.token);
    const b = yjsProvider(server.wsUrl, room, workshop.phones[1]!.token);
    await Promise.all([synced(a), synced(b)]);
    a.doc.getText('t').insert(0, 'Samen.');
    await until(() => b.doc.getText('t').toString() === 'Samen.');
    a.disconnect();
    a.doc.getText('t').insert(0, 'Offline. ');
    b.doc.getText('t').insert(b.doc.getText('t').length, ' Online.');
    a.connect();
    await until(() => a.doc.getText('t').toString() === b.doc.getText('t').toString());
    expect(a.doc.getText('t').toString()).toBe('Offline. Samen. Online.');
  });

  it(`R3 the log is compacted after ${COMPACT_AFTER} updates and reads back the same text`, async () => {
    const room = `${workshop.sessionId}/${docs.draft('z3')}`;
    const a = yjsProvider(server.wsUrl, room, { cookie: workshop.cookie });
    await synced(a);
    const text = a.doc.getText('t');
    for (let i = 0; i < COMPACT_AFTER + 20; i++) text.insert(text.length, String(i % 10));
    const expected = text.toString();
    const b = yjsProvider(server.wsUrl, room, workshop.phones[0]!.token);
    await synced(b);
    await until(() => b.doc.getText('t').toString() === expected);
    const rows = readDb(
      server.dbFile,
      (db) =>
        (
          db
            .prepare('SELECT count(*) AS n FROM yjs_updates WHERE session_id = ? AND doc_name = ?')
            .get(workshop.sessionId, docs.draft('z3')) as { n: number }
        ).n,
    );
    expect(rows).toBeLessThanOrEqual(COMPACT_AFTER);
    expect(textInStore(server.dbFile, workshop.sessionId, docs.draft('z3'))).toBe(expected);
    await server.restart();
    const c = yjsProvider(server.wsUrl, room, workshop.phones[0]!.token);
    expect(await synced(c, () => c.doc.getText('t').toString())).toBe(expected);
  });
});

describe('TX3 named versions', () => {
  let server: TestServer;
  let workshop: Workshop;
  beforeAll(async () => {
    server = await startServer();
    workshop = await setUpWorkshop(server.url, 1);
  });
  afterAll(async () => {
    closeAllClients();
    await server.close();
  });

  const versionText = (update: string) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(Buffer.from(update, 'base64')));
    return doc.getText('t').toString();
  };

  it('TX3 the facilitator saves versions of the text as the server has it, lists them and reads them back, also after a restart', async () => {
    const { roundId, plenary } = await openTextRound(workshop.facilitator, true);
    const a = yjsProvider(server.wsUrl, `${workshop.sessionId}/${plenary}`, workshop.phones[0]!.token);
    await synced(a);
    a.doc.getText('t').insert(0, 'Eerste versie.');
    await until(() => textInStore(server.dbFile, workshop.sessionId, plenary) === 'Eerste versie.');
    const save = (label: string, zoneId: string | null = null) =>
      workshop.facilitator.ok('text:save-version', { commandId: newCommandId(), roundId, zoneId, label });
    const { versionId: v1 } = await save('Voor de pauze');
    a.doc.getText('t').insert(a.doc.getText('t').length, ' Tweede.');
    await until(() => textInStore(server.dbFile, workshop.sessionId, plenary) === 'Eerste versie. Tweede.');
    const { versionId: v2 } = await save('Na de pauze');
    const { versionId: draft } = await save('Noord, leeg', 'z1');
    const listed = await workshop.facilitator.waitFor('facilitator:view', (v) =>
      v.rounds.some((r) => r.id === roundId && r.versions?.length === 3),
    );
    expect(listed.rounds.find((r) => r.id === roundId)?.versions).toEqual([
      { id: v1, number: 1, label: 'Voor de pauze', zoneId: null },
      { id: v2, number: 2, label: 'Na de pauze', zoneId: null },
      { id: draft, number: 3, label: 'Noord, leeg', zoneId: 'z1' },
    ]);
    const read = async (versionId: string) =>
      versionText((await workshop.facilitator.ok('text:get-version', { roundId, versionId })).update);
    expect(await read(v1)).toBe('Eerste versie.');
    expect(await read(v2)).toBe('Eerste versie. Tweede.');
    expect(await read(draft)).toBe('');
    expect(
      await workshop.facilitator.send('text:get-version', { roundId, versionId: 'no-such-version' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VERSION_NOT_FOUND' },
    });
    expect(
      await workshop.facilitator.send('text:save-version', {
        commandId: newCommandId(),
        roundId,
        zoneId: 'z9',
        label: 'X',
      }),
    ).toMatchObject({ ok: false, error: { code: 'ZONE_NOT_FOUND' } });
    await server.restart();
    const again = await signedInClient(server.url, workshop.cookie);
    const console2 = await again.ok('facilitator:attach', { sessionId: workshop.sessionId });
    expect(console2.rounds.find((r) => r.id === roundId)?.versions?.map((v) => v.label)).toEqual([
      'Voor de pauze',
      'Na de pauze',
      'Noord, leeg',
    ]);
    const { update } = await again.ok('text:get-version', { roundId, versionId: v1 });
    expect(versionText(update)).toBe('Eerste versie.');
  });
});

describe('R3 kill -9', () => {
  const server = new ServerProcess();
  beforeAll(async () => server.start(), 60_000);
  afterAll(async () => {
    closeAllClients();
    await server.stop();
  });

  it('R3 after SIGKILL and a restart no update another editor had received is lost, none doubled, never an empty document', async () => {
    const workshop = await setUpWorkshop(server.url, 2);
    const wsUrl = server.url.replace('http', 'ws');
    const { plenary } = await openTextRound(workshop.facilitator);
    const room = `${workshop.sessionId}/${plenary}`;
    const writer = yjsProvider(wsUrl, room, workshop.phones[0]!.token);
    const watcher = yjsProvider(wsUrl, room, workshop.phones[1]!.token);
    await Promise.all([synced(writer), synced(watcher)]);
    const t = writer.doc.getText('t');
    for (let i = 0; i < 50; i++) t.insert(t.length, `w${i} `);
    // What the watcher has received, the server had passed on: it must survive the kill.
    await until(() => watcher.doc.getText('t').length > 0);
    const received = watcher.doc.getText('t').toString();
    closeAllClients();
    await server.restart();
    const fresh = yjsProvider(server.url.replace('http', 'ws'), room, { cookie: workshop.cookie });
    const atFirstSync = await synced(fresh, () => fresh.doc.getText('t').toString());
    expect(atFirstSync.length).toBeGreaterThan(0);
    expect(atFirstSync.startsWith(received)).toBe(true);
    // The writer reconnects with whatever the server had not stored; all converge on one text, once.
    await until(() => writer.wsconnected && fresh.doc.getText('t').toString() === t.toString(), 10_000);
    const all = Array.from({ length: 50 }, (_, i) => `w${i} `).join('');
    expect(fresh.doc.getText('t').toString()).toBe(all);
  }, 60_000);
});
