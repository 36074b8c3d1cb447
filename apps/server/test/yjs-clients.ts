import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '@vrijuit/protocol';
import { ticketedWebSocket } from '@vrijuit/protocol/yjs-ticket-socket';

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
      : ticketedWebSocket(participantTickets(wsUrl, room, credential), cookieSocket(''))) as unknown as typeof globalThis.WebSocket,
    // In one process a BroadcastChannel would sync the docs without the server.
    disableBc: true,
    maxBackoffTime: 200,
  });
  open.push(p);
  return p;
}

/** Closes every provider opened so far and its document. */
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
