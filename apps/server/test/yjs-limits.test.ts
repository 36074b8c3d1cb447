import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { YJS_CLOSE, YJS_LIMITS } from '@vrijuit/protocol';
import {
  closeAllClients,
  openTextRound,
  setUpWorkshop,
  startServer,
  type TestServer,
  type Workshop,
} from './helpers.ts';
import {
  destroyProviders,
  RawYjs,
  synced,
  textInStore,
  textUpdate,
  until,
  yjsFrame,
  yjsProvider,
} from './yjs-clients.ts';

let server: TestServer;
let workshop: Workshop;
let docs: Awaited<ReturnType<typeof openTextRound>>;
const raws: RawYjs[] = [];
beforeAll(async () => {
  server = await startServer();
  workshop = await setUpWorkshop(server.url, 1);
  docs = await openTextRound(workshop.facilitator, true);
});
afterEach(() => {
  destroyProviders();
  for (const raw of raws.splice(0)) raw.close();
});
afterAll(async () => {
  closeAllClients();
  await server.close();
});

const room = (docName: string) => `${workshop.sessionId}/${docName}`;
async function raw(docName: string): Promise<RawYjs> {
  const client = new RawYjs(server.wsUrl, room(docName), { cookie: workshop.cookie });
  raws.push(client);
  await client.opened;
  return client;
}

/** An awareness message of one client whose state is `state` (its clock moves on every call). */
function awarenessFrames() {
  const awareness = new Awareness(new Y.Doc());
  return (state: Record<string, unknown>) => {
    awareness.setLocalState(state);
    return yjsFrame(1, encodeAwarenessUpdate(awareness, [awareness.clientID]));
  };
}

describe('TX4 budgets of a Yjs connection', () => {
  it('TX4 a flood of messages is closed (4429); a normal editor on the same text types on', async () => {
    const [writer, reader] = [
      yjsProvider(server.wsUrl, room(docs.draft('z1')), workshop.phones[0]!.token),
      yjsProvider(server.wsUrl, room(docs.draft('z1')), { cookie: workshop.cookie }),
    ];
    await Promise.all([synced(writer), synced(reader)]);
    let writerClosed = false;
    writer.on('connection-close', () => (writerClosed = true));
    const flood = await raw(docs.draft('z1'));
    // Awareness queries: the cheapest frames there are; far more than the burst, at once.
    const query = Buffer.from([3]);
    for (let i = 0; i < YJS_LIMITS.messagesBurst + 500; i++) flood.ws.send(query);
    // Meanwhile a person types 30 characters, one transaction each, 15 ms apart.
    const text = writer.doc.getText('t');
    for (let i = 0; i < 30; i++) {
      text.insert(text.length, 'x');
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    expect(await flood.closed).toEqual({ code: YJS_CLOSE.tooFast, reason: 'too many messages or bytes' });
    await until(() => reader.doc.getText('t').toString() === 'x'.repeat(30));
    expect(writerClosed).toBe(false);
    expect(writer.wsconnected).toBe(true);
  });

  it('TX4 more bytes than the budget at once are closed (4429)', async () => {
    const flood = await raw(docs.draft('z2'));
    // Frames the server ignores (an unknown message type), half a MiB each: the third passes the burst.
    const big = Buffer.alloc(YJS_LIMITS.bytesBurst / 2, 0);
    big[0] = 9;
    for (let i = 0; i < 3; i++) flood.ws.send(big);
    expect((await flood.closed).code).toBe(YJS_CLOSE.tooFast);
  });

  it('TX4 cursor messages above their rate are dropped, not closed; one above 8 KiB is closed (4413)', async () => {
    const cursor = await raw(docs.draft('z3'));
    const watcher = await raw(docs.draft('z3'));
    const frame = awarenessFrames();
    const sent = YJS_LIMITS.awarenessBurst * 3;
    for (let i = 0; i < sent; i++) cursor.ws.send(frame({ user: { name: 'Fien', color: '#1d4ed8' }, n: i }));
    await cursor.roundTrip();
    // The watcher's own round trip comes back after every broadcast the server made to it before.
    await watcher.roundTrip();
    const relayed = watcher.replies.filter((r) => r[0] === 1).length;
    expect(relayed).toBeGreaterThanOrEqual(YJS_LIMITS.awarenessBurst);
    expect(relayed).toBeLessThan(sent);
    cursor.ws.send(frame({ user: { name: 'x'.repeat(YJS_LIMITS.awarenessMaxBytes), color: '#000' } }));
    expect(await cursor.closed).toEqual({ code: YJS_CLOSE.tooLarge, reason: 'awareness too large' });
  });

  it('TX4 an update that would make the text pass its maximum size never reaches the text, the store or other editors', async () => {
    const docName = docs.plenary;
    const watcher = yjsProvider(server.wsUrl, room(docName), { cookie: workshop.cookie });
    await synced(watcher);
    // Each connection has its own byte budget: two writers fill the text to 90 % of its maximum.
    const part = Math.floor(YJS_LIMITS.documentMaxBytes * 0.45);
    for (const letter of ['A', 'B']) {
      const writer = await raw(docName);
      writer.ws.send(yjsFrame(0, textUpdate(letter.repeat(part)), 2));
      await writer.roundTrip();
    }
    await until(() => watcher.doc.getText('t').length === 2 * part, 10_000);
    // The third would take it past the maximum, in whatever encoding it comes.
    const third = await raw(docName);
    third.ws.send(yjsFrame(0, textUpdate('C'.repeat(Math.floor(YJS_LIMITS.documentMaxBytes * 0.2))), 2));
    expect(await third.closed).toEqual({ code: YJS_CLOSE.tooLarge, reason: 'document too large' });
    const fresh = yjsProvider(server.wsUrl, room(docName), { cookie: workshop.cookie });
    const text = await synced(fresh, () => fresh.doc.getText('t').toString());
    expect(text.length).toBe(2 * part);
    expect(text).not.toContain('C');
    expect(watcher.doc.getText('t').toString()).not.toContain('C');
    expect(textInStore(server.dbFile, workshop.sessionId, docName)).not.toContain('C');
    // A small edit still fits.
    fresh.doc.getText('t').insert(0, 'ok ');
    await until(() => watcher.doc.getText('t').toString().startsWith('ok '));
  });
});
