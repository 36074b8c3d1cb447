import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { io, type Socket } from 'socket.io-client';
import * as encoding from 'lib0/encoding';
import { ROUTING_PARAM, type Ack } from '@vrijuit/protocol';
import { ticketedWebSocket } from '@vrijuit/protocol/yjs-ticket-socket';
import { openTextRound, readDb, setUpWorkshop, type TestServer } from './helpers.ts';

/** Real y-websocket providers from Node, as the tests' editors; destroy them after each test. */
const open: WebsocketProvider[] = [];
/** The socket.io connections the participants' editors ask their tickets over. */
const ticketSockets: Socket[] = [];

/** A facilitator's credentials on the Yjs endpoint: the sign-in cookie, no token (AC2). */
export interface CookieCredential {
  cookie: string;
}

/** ws with a fixed Cookie header on the upgrade, as a signed-in browser sends it (none: empty). */
function cookieSocket(cookie: string) {
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: cookie ? { cookie } : {} });
    }
  };
}

/**
 * TX5: a participant's tickets for `room`, asked for as the phone does: over its own socket.io
 * connection, resumed with the token after every (re)connect. Not one of helpers.ts' clients, so
 * closeAllClients leaves it: an editor reconnects after a server restart as a phone's would.
 */
export function participantTickets(wsUrl: string, room: string, token: string): () => Promise<string> {
  const [sessionId, docName] = room.split('/');
  const socket = io(wsUrl.replace(/^ws/, 'http'), {
    // RT1: the phone's connection names its session, as the web client's does.
    query: { [ROUTING_PARAM]: sessionId },
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
  });
  ticketSockets.push(socket);
  let resumed: Promise<unknown> | null = null;
  socket.on('disconnect', () => (resumed = null));
  return async () => {
    resumed ??= socket.timeout(5000).emitWithAck('participant:resume', { sessionId, token });
    await resumed;
    const ack = (await socket.timeout(5000).emitWithAck('text:ticket', { docName })) as Ack<{ ticket: string }>;
    if (!ack.ok) throw new Error(`no ticket: ${ack.error.code}`);
    return ack.value.ticket;
  };
}

/**
 * An editor of `room` (`<sessionId>/<docName>`) on the server at `wsUrl`: a participant with its
 * token (it asks for a one-time ticket before each connection, TX5), or a facilitator with its
 * sign-in cookie.
 */
export function yjsProvider(
  wsUrl: string,
  room: string,
  credential: string | CookieCredential,
  doc = new Y.Doc(),
): WebsocketProvider {
  const byCookie = typeof credential !== 'string';
  const p = new WebsocketProvider(`${wsUrl}/yjs`, room, doc, {
    WebSocketPolyfill: (byCookie
      ? cookieSocket(credential.cookie)
      : ticketedWebSocket(
          participantTickets(wsUrl, room, credential),
          cookieSocket(''),
        )) as unknown as typeof globalThis.WebSocket,
    // In one process a BroadcastChannel would sync the docs without the server.
    disableBc: true,
    maxBackoffTime: 200,
  });
  open.push(p);
  return p;
}

/** Closes every provider opened so far and its document. */
let probes = 0;
/**
 * Sets a fresh awareness field on `from` and resolves once `to` has it: the server handles one
 * connection's messages in order, so whatever `from` sent before has been handled (and, if it was let
 * through, sent on to `to`) by then. The barrier for "this edit never arrived".
 */
export function awarenessSeen(from: WebsocketProvider, to: WebsocketProvider): Promise<void> {
  const probe = ++probes;
  from.awareness.setLocalStateField('probe', probe);
  return new Promise((resolve) => {
    const check = () => {
      if (to.awareness.getStates().get(from.doc.clientID)?.probe !== probe) return;
      to.awareness.off('update', check);
      resolve();
    };
    to.awareness.on('update', check);
    check();
  });
}

export function destroyProviders(): void {
  for (const p of open.splice(0)) {
    p.destroy();
    p.doc.destroy();
  }
  for (const socket of ticketSockets.splice(0)) socket.close();
}

/** Resolves at the provider's next (or current) synced state with `read()` taken at that very moment. */
export function synced(p: WebsocketProvider, read: () => string = () => ''): Promise<string> {
  return new Promise((resolve) => {
    if (p.synced) resolve(read());
    else p.once('sync', (isSynced: boolean) => isSynced && resolve(read()));
  });
}

/** Opens a plain WebSocket to `wsUrl` + `path` and reports the upgrade's HTTP status (101 when it opened). */
export function upgradeStatus(wsUrl: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsUrl}${path}`, { headers });
    ws.on('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

/** Resolves once `check()` holds (polled every 10 ms); rejects after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A document as the store holds it: every stored update of it applied in order. */
export function docInStore(dbFile: string, sessionId: string, docName: string): Y.Doc {
  const rows = readDb(dbFile, (db) =>
    db
      .prepare('SELECT data FROM yjs_updates WHERE session_id = ? AND doc_name = ? ORDER BY seq')
      .all(sessionId, docName),
  ) as { data: Buffer | string }[];
  const doc = new Y.Doc();
  // PostgreSQL's bytes come back from readDb as `\x…` hex text.
  const bytesOf = (data: Buffer | string) => (typeof data === 'string' ? Buffer.from(data.slice(2), 'hex') : data);
  for (const row of rows) Y.applyUpdate(doc, new Uint8Array(bytesOf(row.data)));
  return doc;
}

/** The text `t` of a document as the store holds it. */
export function textInStore(dbFile: string, sessionId: string, docName: string): string {
  return docInStore(dbFile, sessionId, docName).getText('t').toString();
}

/** A y-websocket frame: the message type, then (for sync) the sync step, then the payload (canonical varUints). */
export function yjsFrame(type: 0 | 1, payload: Uint8Array, step?: 0 | 1 | 2): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  if (step !== undefined) encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return Buffer.from(encoding.toUint8Array(encoder));
}

/** A Yjs update that inserts `text` into the text `t` of a fresh document. */
export function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/**
 * A scripted client on the Yjs endpoint: a plain WebSocket that sends whatever bytes it is given and
 * records what comes back and how it closed.
 */
export class RawYjs {
  readonly ws: WebSocket;
  readonly replies: Buffer[] = [];
  readonly opened: Promise<void>;
  /** The close code and reason once the socket closed. */
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(wsUrl: string, room: string, credential: { cookie: string } | { ticket: string }) {
    const query = 'ticket' in credential ? `?ticket=${encodeURIComponent(credential.ticket)}` : '';
    const headers = 'cookie' in credential ? { cookie: credential.cookie } : {};
    this.ws = new WebSocket(`${wsUrl}/yjs/${room}${query}`, { headers });
    this.ws.on('message', (data: Buffer) => this.replies.push(data));
    this.opened = new Promise((resolve, reject) => this.ws.once('open', () => resolve()).once('error', reject));
    this.closed = new Promise((resolve) =>
      this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** Sends a canonical sync step 1 and waits for its answer: every frame sent before it has been read. */
  async roundTrip(timeoutMs = 5000): Promise<void> {
    const answered = () => this.replies.filter((r) => r[0] === 0 && r[1] === 1).length;
    const before = answered();
    this.ws.send(yjsFrame(0, new Uint8Array([0]), 0));
    await until(() => answered() > before, timeoutMs);
  }

  close(): void {
    this.ws.terminate();
  }
}

/**
 * A workshop (one phone) with its position-text round open in two facilitator editors, A and B, and
 * `typed` typed by A and seen by B: the start of the texts-on-PostgreSQL tests.
 */
export async function twoEditorsTyping(server: TestServer, typed = 'eerst ') {
  const workshop = await setUpWorkshop(server.url, 1);
  const round = await openTextRound(workshop.facilitator);
  const room = `${workshop.sessionId}/${round.plenary}`;
  const a = yjsProvider(server.wsUrl, room, { cookie: workshop.cookie });
  const b = yjsProvider(server.wsUrl, room, { cookie: workshop.cookie });
  await Promise.all([synced(a), synced(b)]);
  a.doc.getText('t').insert(0, typed);
  await until(() => b.doc.getText('t').toString() === typed);
  return { workshop, round, room, a, b };
}
