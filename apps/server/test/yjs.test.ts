import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { io } from 'socket.io-client';
import { textDocName } from '@vrijuit/protocol';
import {
  closeAllClients,
  connect,
  newCommandId,
  newToken,
  openTextRound,
  OTHER_FACILITATOR,
  setUpWorkshop,
  signIn,
  startServer,
  type TestServer,
  type Workshop,
} from './helpers.ts';
import {
  awarenessSeen,
  destroyProviders,
  synced,
  until,
  upgradeStatus as upgradeStatusAt,
  yjsProvider,
} from './yjs-clients.ts';

let server: TestServer;
let workshop: Workshop;
let other: Workshop;
/** The other session's plenary text. */
let otherText: string;
/** The documents of an open position-text round with zone drafts (TX1). */
let docs: Awaited<ReturnType<typeof openTextRound>>;
beforeAll(async () => {
  server = await startServer();
  workshop = await setUpWorkshop(server.url, 1);
  // Another facilitator's session: its cookie reaches that session only (AC2).
  other = await setUpWorkshop(server.url, 1, 'Other', { cookie: await signIn(server.url, OTHER_FACILITATOR) });
  docs = await openTextRound(workshop.facilitator, true);
  otherText = (await openTextRound(other.facilitator)).plenary;
});

afterEach(() => {
  destroyProviders();
  closeAllClients([
    workshop.facilitator,
    other.facilitator,
    ...workshop.phones.map((p) => p.client),
    ...other.phones.map((p) => p.client),
  ]);
});
afterAll(async () => {
  closeAllClients();
  await server.close();
});

const provider = (room: string, credential: string | { cookie: string }) => yjsProvider(server.wsUrl, room, credential);
/** The facilitator's credential on the Yjs endpoint: the sign-in cookie, no token. */
const owner = () => ({ cookie: workshop.cookie });

/** TX5: a one-time ticket of the workshop's first phone for one of its session's texts. */
async function ticketFor(w: Workshop, docName: string): Promise<string> {
  return (await w.phones[0]!.client.ok('text:ticket', { docName })).ticket;
}

const upgradeStatus = (path: string, headers: Record<string, string> = {}) =>
  upgradeStatusAt(server.wsUrl, path, headers);

describe('Yjs endpoint', () => {
  it('S3 a participant and the facilitator (members) co-edit one Y.Text through the server', async () => {
    const room = `${workshop.sessionId}/${docs.plenary}`;
    const a = provider(room, workshop.phones[0]!.token);
    const b = provider(room, owner());
    await Promise.all([synced(a), synced(b)]);
    const textA = a.doc.getText('position');
    const textB = b.doc.getText('position');
    textA.insert(0, 'Wij vinden');
    await until(() => textB.toString() === 'Wij vinden');
    textB.insert(textB.length, ' dat het kan.');
    await until(() => textA.toString() === 'Wij vinden dat het kan.');
    expect(textB.toString()).toBe('Wij vinden dat het kan.');

    // A third editor that joins later gets the whole text from the server.
    const c = provider(room, owner());
    await synced(c);
    expect(c.doc.getText('position').toString()).toBe('Wij vinden dat het kan.');
  });

  it('documents of one session are separate rooms', async () => {
    const a = provider(`${workshop.sessionId}/${docs.draft('z1')}`, owner());
    const b = provider(`${workshop.sessionId}/${docs.draft('z2')}`, owner());
    await Promise.all([synced(a), synced(b)]);
    a.doc.getText('t').insert(0, 'only in one');
    const c = provider(`${workshop.sessionId}/${docs.draft('z1')}`, workshop.phones[0]!.token);
    await synced(c);
    await until(() => c.doc.getText('t').toString() === 'only in one');
    expect(b.doc.getText('t').toString()).toBe('');
  });

  it('S3 TX5 a member’s ticket of this session upgrades (101); the checks below can tell', async () => {
    const ticket = await ticketFor(workshop, docs.plenary);
    expect(await upgradeStatus(`/yjs/${workshop.sessionId}/${docs.plenary}?ticket=${ticket}`)).toBe(101);
    expect(
      await upgradeStatus(`/yjs/${workshop.sessionId}/${docs.plenary}`, {
        Origin: server.url,
        cookie: workshop.cookie,
      }),
    ).toBe(101);
  });

  it('S3 AC2 TX5 a bad ticket, another session’s ticket, a token or another account’s cookie is refused with 401 before the upgrade', async () => {
    const path = `/yjs/${workshop.sessionId}/${docs.plenary}?ticket=`;
    expect(await upgradeStatus(path + newToken())).toBe(401);
    expect(await upgradeStatus(path + (await ticketFor(other, otherText)))).toBe(401);
    // The phone's token itself, as in the URL before tickets: it opens nothing.
    expect(await upgradeStatus(`/yjs/${workshop.sessionId}/${docs.plenary}?token=${workshop.phones[0]!.token}`)).toBe(
      401,
    );
    const plain = `/yjs/${workshop.sessionId}/${docs.plenary}`;
    expect(await upgradeStatus(plain)).toBe(401);
    expect(await upgradeStatus(plain, { cookie: other.cookie })).toBe(401);
    expect(await upgradeStatus(plain, { cookie: `vrijuit_signin=${newToken()}` })).toBe(401);
    expect(await upgradeStatus(`/yjs/no-such-session-0/${docs.plenary}`, { cookie: workshop.cookie })).toBe(401);
  });

  it('S1 malformed Yjs paths are refused (400), other upgrade paths 404', async () => {
    const ticket = newToken();
    expect(await upgradeStatus(`/yjs/${workshop.sessionId}/te.xt`, { cookie: workshop.cookie })).toBe(400);
    expect(await upgradeStatus(`/yjs/${workshop.sessionId}/text/extra?ticket=${ticket}`)).toBe(400);
    expect(await upgradeStatus(`/yjs/${workshop.sessionId}/te.xt?ticket=${ticket}`)).toBe(400);
    expect(await upgradeStatus(`/yjs/short/text?ticket=${ticket}`)).toBe(400);
    expect(await upgradeStatus(`/elsewhere?ticket=${ticket}`)).toBe(404);
  });

  it('TX1 only a text of one of the session’s position-text rounds opens (404 otherwise); a draft round’s is the facilitator’s', async () => {
    const cookie = { cookie: workshop.cookie };
    expect(await upgradeStatus(`/yjs/${workshop.sessionId}/anything`, cookie)).toBe(404);
    expect(await upgradeStatus(`/yjs/${workshop.sessionId}/${docs.roundId}-z9`, cookie)).toBe(404);
    const { roundId } = await workshop.facilitator.ok('round:create', {
      commandId: newCommandId(),
      question: 'Later',
      options: [],
      config: { kind: 'position-text', zoneDrafts: false },
    });
    const later = `/yjs/${workshop.sessionId}/${textDocName(roundId, null)}`;
    expect(await upgradeStatus(later, cookie)).toBe(101);
    // A phone gets no ticket for a draft round's text (so it cannot open it).
    expect(await workshop.phones[0]!.client.send('text:ticket', { docName: textDocName(roundId, null) })).toMatchObject(
      { ok: false, error: { code: 'ROUND_NOT_FOUND' } },
    );
  });

  it('TX2 a locked round’s text is read-only for everyone; unlocked, edits flow again', async () => {
    const room = `${workshop.sessionId}/${docs.draft('z1')}`;
    const a = provider(room, workshop.phones[0]!.token);
    const b = provider(room, owner());
    const watcher = provider(room, owner());
    await Promise.all([synced(a), synced(b), synced(watcher)]);
    const before = b.doc.getText('t').toString();
    await workshop.facilitator.ok('round:lock', { commandId: newCommandId(), roundId: docs.roundId, locked: true });
    a.doc.getText('t').insert(0, 'NIET ');
    b.doc.getText('t').insert(0, 'OOK NIET ');
    // Once the watcher has a's and b's next cursor, the server has handled their edits before it.
    await Promise.all([awarenessSeen(a, watcher), awarenessSeen(b, watcher)]);
    expect(watcher.doc.getText('t').toString()).toBe(before);
    const c = provider(room, owner());
    await synced(c);
    expect(c.doc.getText('t').toString()).toBe(before);
    await workshop.facilitator.ok('round:lock', { commandId: newCommandId(), roundId: docs.roundId, locked: false });
    // A's dropped edits stay with A (Yjs holds A's later edits until A resyncs); a fresh editor writes.
    c.doc.getText('t').insert(0, 'WEL ');
    await until(() => b.doc.getText('t').toString().includes('WEL '));
  });

  it('S10 TX2 a locked text takes no edit in any encoding: overlong varints as message and sync type included', async () => {
    const room = `${workshop.sessionId}/${docs.draft('z1')}`;
    const reader = provider(room, owner());
    await synced(reader);
    const before = reader.doc.getText('t').toString();
    await workshop.facilitator.ok('round:lock', { commandId: newCommandId(), roundId: docs.roundId, locked: true });
    // A scripted client: a real Yjs update, framed as "sync, update" with each type as a two-byte lib0
    // varUint (0x80 0x00 is 0, 0x82 0x00 is 2), which y-websocket decodes like the one-byte forms.
    const forged = new Y.Doc();
    forged.getText('t').insert(0, 'INGEBROKEN ');
    const update = Y.encodeStateAsUpdate(forged);
    const varUint = (n: number) => {
      const out: number[] = [];
      for (; n > 0x7f; n >>>= 7) out.push(0x80 | (n & 0x7f));
      return [...out, n];
    };
    const frames = [
      [0x80, 0x00, 0x82, 0x00, ...varUint(update.length), ...update],
      [0x00, 0x82, 0x00, ...varUint(update.length), ...update],
      [0x80, 0x00, 0x01, ...varUint(update.length), ...update],
    ];
    const raw = new WebSocket(`${server.wsUrl}/yjs/${room}?ticket=${await ticketFor(workshop, docs.draft('z1'))}`);
    await new Promise((resolve, reject) => raw.once('open', resolve).once('error', reject));
    const replies: Buffer[] = [];
    raw.on('message', (data: Buffer) => replies.push(data));
    for (const frame of frames) raw.send(Buffer.from(frame));
    // A canonical sync step 1 after them: its answer (a step 2) means the server has read every frame.
    raw.send(Buffer.from([0x00, 0x00, ...varUint(1), 0x00]));
    await until(() => replies.some((r) => r[0] === 0 && r[1] === 1));
    raw.terminate();
    const fresh = provider(room, owner());
    await synced(fresh);
    expect(fresh.doc.getText('t').toString()).toBe(before);
    expect(reader.doc.getText('t').toString()).toBe(before);
    await workshop.facilitator.ok('round:lock', { commandId: newCommandId(), roundId: docs.roundId, locked: false });
  });

  it('AC3 a facilitator’s editor closes when its sign-in ends, and its edits stop reaching the text', async () => {
    const cookie = await signIn(server.url, undefined, true);
    const room = `${workshop.sessionId}/${docs.draft('z2')}`;
    const leaving = provider(room, { cookie });
    const staying = provider(room, owner());
    await Promise.all([synced(leaving), synced(staying)]);
    leaving.doc.getText('t').insert(0, 'voor ');
    await until(() => staying.doc.getText('t').toString().includes('voor '));
    const out = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: '{}',
    });
    expect(out.status).toBe(200);
    await until(() => !leaving.wsconnected);
    leaving.doc.getText('t').insert(0, 'na ');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(leaving.wsconnected).toBe(false);
    expect(staying.doc.getText('t').toString()).not.toContain('na ');
    expect(await upgradeStatus(`/yjs/${room}`, { cookie })).toBe(401);
  });

  it('S3 a refused provider never gets the document', async () => {
    const good = provider(`${workshop.sessionId}/${docs.draft('z3')}`, owner());
    await synced(good);
    good.doc.getText('t').insert(0, 'vertrouwelijk');
    const intruder = provider(`${workshop.sessionId}/${docs.draft('z3')}`, { cookie: other.cookie });
    // Refused at the upgrade (401): its socket closes without ever opening.
    await new Promise((resolve) => intruder.once('connection-close', resolve));
    expect(intruder.synced).toBe(false);
    expect(intruder.wsconnected).toBe(false);
    expect(intruder.doc.getText('t').toString()).toBe('');
  });
});

describe('S4 hostile Origin', () => {
  it('S4 the Yjs upgrade with a hostile Origin is refused (403), even with a valid token', async () => {
    // The cookie would ride along on a cross-site upgrade; the Origin check is what stops it (S4).
    const path = `/yjs/${workshop.sessionId}/${docs.plenary}`;
    const cookie = workshop.cookie;
    expect(await upgradeStatus(path, { Origin: 'http://evil.example', cookie })).toBe(403);
    expect(await upgradeStatus(path, { Origin: `http://evil.example:${server.port}`, cookie })).toBe(403);
    expect(await upgradeStatus(path, { Origin: 'null', cookie })).toBe(403);
  });

  it('S4 a socket.io connection with a hostile Origin fails to connect; same origin connects', async () => {
    const hostile = io(server.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { origin: 'http://evil.example' },
    });
    try {
      const outcome = await new Promise<string>((resolve) => {
        hostile.on('connect', () => resolve('connected'));
        hostile.on('connect_error', (error) => resolve(`refused: ${error.message}`));
      });
      expect(outcome).toBe('refused: websocket error');
      expect(hostile.connected).toBe(false);
    } finally {
      hostile.close();
    }
    const sameOrigin = await connect(server.url, { extraHeaders: { origin: server.url } });
    expect(sameOrigin.socket.connected).toBe(true);
    expect(await sameOrigin.send('session:lookup', { joinCode: workshop.joinCode })).toMatchObject({ ok: true });
  });
});
