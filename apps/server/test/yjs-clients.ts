import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/** Real y-websocket providers from Node, as the tests' editors; destroy them after each test. */
const open: WebsocketProvider[] = [];

/** A facilitator's credentials on the Yjs endpoint: the sign-in cookie, no token (AC2). */
export interface CookieCredential {
  cookie: string;
}

/** ws with a fixed Cookie header on the upgrade, as a signed-in browser sends it. */
function cookieSocket(cookie: string) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  };
}

/**
 * An editor of `room` (`<sessionId>/<docName>`) on the server at `wsUrl`: a participant with its
 * token, or a facilitator with its sign-in cookie.
 */
export function yjsProvider(
  wsUrl: string,
  room: string,
  credential: string | CookieCredential,
  doc = new Y.Doc(),
): WebsocketProvider {
  const byCookie = typeof credential !== 'string';
  const p = new WebsocketProvider(`${wsUrl}/yjs`, room, doc, {
    params: byCookie ? {} : { token: credential },
    WebSocketPolyfill: (byCookie
      ? cookieSocket(credential.cookie)
      : WebSocket) as unknown as typeof globalThis.WebSocket,
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
}

/** Resolves at the provider's next (or current) synced state with `read()` taken at that very moment. */
export function synced(p: WebsocketProvider, read: () => string = () => ''): Promise<string> {
  return new Promise((resolve) => {
    if (p.synced) resolve(read());
    else p.once('sync', (isSynced: boolean) => isSynced && resolve(read()));
  });
}
