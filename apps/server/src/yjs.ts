import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';
import { findParticipantByToken, type Round, type SessionState } from '@vrijuit/core';
import { SessionId, textDocName, YJS_PATH_PREFIX } from '@vrijuit/protocol';
import { z } from 'zod';
import type { Logger } from './log.ts';
import { isOriginAllowed } from './origin.ts';
import { hashToken } from './secrets.ts';
import type { SessionHub } from './session-hub.ts';
import type { Auth } from './auth/auth.ts';
import { signInToken } from './auth/cookies.ts';

const DocName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The position-text round a document belongs to (TX1): its plenary text or one of its zone drafts. */
export function roundOfDocument(state: SessionState, docName: string): Round | null {
  for (const round of state.rounds) {
    if (round.config.kind !== 'position-text') continue;
    if (docName === textDocName(round.id, null)) return round;
    if (round.config.zoneDrafts && state.zones.some((z) => docName === textDocName(round.id, z.id))) return round;
  }
  return null;
}

/** TX2: edits are taken while the round is open and not locked; otherwise the text is read-only. */
const writable = (round: Round | undefined) => round !== undefined && round.status === 'open' && !round.locked;

/**
 * S10, TX2: whether a y-websocket message from a client only reads: sync step 1 (a request for what the
 * client lacks), an awareness update or an awareness query. A whitelist of canonical one-byte encodings:
 * lib0 also decodes overlong varUints (`0x80 0x00` is 0, `0x82 0x00` is 2), so anything else (a step 2,
 * an update, however it is encoded) could change the document and is dropped while it is read-only.
 */
function readsOnly(data: RawData): boolean {
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  const [message, sync] = [bytes[0], bytes[1]];
  return (
    message === MESSAGE_AWARENESS ||
    message === MESSAGE_QUERY_AWARENESS ||
    (message === MESSAGE_SYNC && sync === SYNC_STEP_1)
  );
}

/** y-websocket's message types and y-protocols' sync step 1, as the Yjs server reads them. */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;
const SYNC_STEP_1 = 0;

/**
 * The socket as the Yjs server sees it: the same, except that while `canEdit()` is false the messages
 * that would change the document never reach it (TX2). Everything else (sending, pings, close) is the
 * real socket's.
 */
function guarded(ws: WebSocket, canEdit: () => boolean): WebSocket {
  return new Proxy(ws, {
    get(target, prop, receiver) {
      if (prop === 'on') {
        return (event: string, listener: (...args: unknown[]) => void) => {
          if (event !== 'message') return target.on(event, listener);
          return target.on('message', (data: RawData, isBinary: boolean) => {
            if (!canEdit() && !readsOnly(data)) return;
            listener(data, isBinary);
          });
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * The Yjs websocket endpoint: `/yjs/<sessionId>/<docName>?token=...`. Membership (a participant's
 * token, or the sign-in cookie of an account that reaches the session) is checked before the upgrade, and the document must be a
 * text of one of the session's position-text rounds (TX1); nobody else gets a socket. A draft round's
 * text is the facilitator's only. Every other upgrade path but socket.io's is refused here.
 */
export function attachYjs(
  http: HttpServer,
  options: { hub: SessionHub; log: Logger; auth: Auth; allowedOrigins: readonly string[] },
): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1024 * 1024 });
  // Facilitators' editors by sign-in: closed when the sign-in ends or the share is withdrawn (AC3);
  // their reconnect is then refused before the upgrade.
  const editors = new Map<WebSocket, { signIn: string; sessionId: string }>();
  options.auth.onRevoked(() => {
    for (const [ws, { signIn, sessionId }] of editors) {
      void options.auth.authorise(signIn, sessionId).then((verdict) => {
        if (verdict !== 'ok') ws.close(4401, 'sign-in ended');
      });
    }
  });
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/socket.io/')) return;
    if (!url.pathname.startsWith(YJS_PATH_PREFIX)) return refuse(socket, 404, 'Not Found');
    if (!isOriginAllowed(req, options.allowedOrigins)) return refuse(socket, 403, 'Forbidden');
    const [sessionPart, docPart, ...rest] = url.pathname.slice(YJS_PATH_PREFIX.length).split('/');
    const sessionId = SessionId.safeParse(sessionPart);
    const docName = DocName.safeParse(docPart);
    // A phone sends its participant token; a facilitator's browser sends the sign-in cookie (AC2).
    const token = url.searchParams.get('token');
    const cookie = token ? null : signInToken(req);
    if (!sessionId.success || !docName.success || rest.length > 0 || (!token && !cookie)) {
      return refuse(socket, token || cookie ? 400 : 401, token || cookie ? 'Bad Request' : 'Unauthorized');
    }
    /** The sign-in (its token hash) of a facilitator who reaches the session, else null. */
    const facilitatorOf = async (): Promise<string | null> => {
      const who = await options.auth.signedIn(cookie);
      return who && (await options.auth.canReach(who.account, sessionId.data)) ? who.tokenHash : null;
    };
    Promise.all([options.hub.state(sessionId.data), cookie ? facilitatorOf() : null])
      .then(([state, signIn]) => {
        const facilitator = signIn !== null;
        const member = state && (facilitator || (token && findParticipantByToken(state, hashToken(token))));
        if (!member) return refuse(socket, 401, 'Unauthorized');
        const round = roundOfDocument(state, docName.data);
        if (!round) return refuse(socket, 404, 'Not Found');
        if (round.status === 'draft' && !facilitator) return refuse(socket, 403, 'Forbidden');
        const roundId = round.id;
        const canEdit = () => writable(options.hub.cached(sessionId.data)?.rounds.find((r) => r.id === roundId));
        wss.handleUpgrade(req, socket, head, (ws) => {
          if (signIn) {
            editors.set(ws, { signIn, sessionId: sessionId.data });
            ws.once('close', () => editors.delete(ws));
          }
          setupWSConnection(guarded(ws, canEdit), req, { docName: `${sessionId.data}/${docName.data}` });
        });
      })
      .catch((error: unknown) => {
        options.log.error('yjs upgrade failed', { error: String(error) });
        refuse(socket, 500, 'Internal Server Error');
      });
  });
  return wss;
}
