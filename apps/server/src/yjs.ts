import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { docs, setupWSConnection } from '@y/websocket-server/utils';
import { participantById, type Round, type SessionState } from '@vrijuit/core';
import { DocName, SessionId, textDocName, YJS_CLOSE, YJS_PATH_PREFIX } from '@vrijuit/protocol';
import type { Logger } from './log.ts';
import { isOriginAllowed } from './origin.ts';
import type { SessionHub } from './session-hub.ts';
import type { Auth } from './auth/auth.ts';
import { signInToken } from './auth/cookies.ts';
import { ConnectionBudget, DocumentSizes, readFrame, type Verdict } from './yjs-budget.ts';
import type { YjsTickets } from './yjs-tickets.ts';
import type { WriteBehindYjs } from './yjs-write-behind.ts';
import { relayUpgrade } from './cluster/upgrade-relay.ts';

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
function readsOnly(bytes: Buffer): boolean {
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

const asBytes = (data: RawData): Buffer =>
  Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);

/**
 * What becomes of one message of a connection: over its budgets the connection is closed (TX4); while
 * the text is read-only anything but a canonical read is dropped (TX2); an update that would make the
 * document larger than its limit closes the connection and never reaches the document (TX4).
 */
function judge(
  bytes: Buffer,
  connection: { budget: ConnectionBudget; canEdit: () => boolean; docName: string; sizes: DocumentSizes },
): Verdict {
  const frame = readFrame(bytes);
  const verdict = connection.budget.admit(bytes.length, frame);
  if (verdict !== 'pass') return verdict;
  if (frame.kind === 'malformed') return 'drop';
  if (!connection.canEdit() && !readsOnly(bytes)) return 'drop';
  const doc = docs.get(connection.docName);
  if (frame.kind === 'update' && doc && !connection.sizes.take(doc, frame.bytes)) {
    return { close: YJS_CLOSE.tooLarge, reason: 'document too large' };
  }
  return 'pass';
}

/**
 * Puts every `message` listener the Yjs server gave `ws` (setupWSConnection adds them synchronously, before
 * any message can arrive) behind `admit`: a message it drops never reaches the Yjs server; one it refuses
 * closes the socket, and nothing after it is read. The socket itself is the real one, so sending a message
 * to an editor costs no more than on the stock server (a Proxy around it did: three traps per send).
 */
function guard(ws: WebSocket, admit: (bytes: Buffer) => Verdict, hold: () => Promise<void> | null): void {
  const listeners = ws.listeners('message') as ((data: RawData, isBinary: boolean) => void)[];
  ws.removeAllListeners('message');
  let refused = false;
  /** Messages waiting for the document's writes (write-behind store only), in the order they came. */
  let waiting: Promise<void> | null = null;
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (refused) return;
    const verdict = admit(asBytes(data));
    if (verdict === 'pass') {
      // With a store written behind, a message read while the document has writes not yet stored waits
      // for them: the answer to an editor's sync step 1 must hold nothing the store lacks (R3).
      const stored = waiting ?? hold();
      if (!stored) return listeners.forEach((listener) => listener(data, isBinary));
      const mine = stored
        .catch(() => {})
        .then(() => {
          if (!refused) listeners.forEach((listener) => listener(data, isBinary));
          if (waiting === mine) waiting = null;
        });
      waiting = mine;
      return;
    }
    if (verdict === 'drop') return;
    refused = true;
    ws.close(verdict.close, verdict.reason);
  });
}

/**
 * The Yjs websocket endpoint: `/yjs/<sessionId>/<docName>?ticket=...`. Membership (a participant's
 * one-time ticket, TX5, or the sign-in cookie of an account that reaches the session) is checked before
 * the upgrade, and the document must be a text of one of the session's position-text rounds (TX1);
 * nobody else gets a socket. A draft round's text is the facilitator's only. A token in the URL opens
 * nothing (TX5). Every other upgrade path but socket.io's is refused here. Each connection has its
 * budgets (TX4).
 */
export function attachYjs(
  http: HttpServer,
  options: {
    hub: SessionHub;
    log: Logger;
    auth: Auth;
    tickets: YjsTickets;
    allowedOrigins: readonly string[];
    /** The texts written behind (PostgreSQL): loaded before the first sync, and a reply waits for their writes. */
    behind?: WriteBehindYjs | null;
    /**
     * CL6 (Redis): where the session's owner is when another live process owns it, else null. Its texts
     * live there (PL7), so the connection is handed on to it (`relayUpgrade`).
     */
    elsewhere?: ((sessionId: string) => Promise<URL | null>) | null;
  },
): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1024 * 1024 });
  // Facilitators' editors by sign-in: closed when the sign-in ends or the share is withdrawn (AC3);
  // their reconnect is then refused before the upgrade.
  const editors = new Map<WebSocket, { signIn: string; sessionId: string }>();
  const sizes = new DocumentSizes();
  options.auth.onRevoked(() => {
    for (const [ws, { signIn, sessionId }] of editors) {
      void options.auth.authorise(signIn, sessionId).then((verdict) => {
        if (verdict !== 'ok') ws.close(YJS_CLOSE.signInEnded, 'sign-in ended');
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
    // A phone sends a one-time ticket (TX5); a facilitator's browser sends the sign-in cookie (AC2).
    const ticket = url.searchParams.get('ticket');
    const cookie = ticket ? null : signInToken(req);
    if (!sessionId.success || !docName.success || rest.length > 0 || (!ticket && !cookie)) {
      return refuse(socket, ticket || cookie ? 400 : 401, ticket || cookie ? 'Bad Request' : 'Unauthorized');
    }
    const elsewhere = options.elsewhere;
    if (!elsewhere || options.hub.cached(sessionId.data)) return here(sessionId.data, docName.data);
    elsewhere(sessionId.data)
      .then((owner) => (owner ? relayUpgrade(req, socket, head, owner) : here(sessionId.data, docName.data)))
      .catch((error: unknown) => {
        options.log.error('yjs upgrade failed', { error: String(error) });
        refuse(socket, 500, 'Internal Server Error');
      });

    /** The upgrade of a text whose session is run here. */
    function here(sid: string, doc: string) {
      // Used up here, before anything is awaited: a replay racing the first use finds nothing.
      const participantId = ticket ? options.tickets.redeem(ticket, sid, doc) : null;
      if (ticket && !participantId) return refuse(socket, 401, 'Unauthorized');
      /** The sign-in (its token hash) of a facilitator who reaches the session, else null. */
      const facilitatorOf = async (): Promise<string | null> => {
        const who = await options.auth.signedIn(cookie);
        return who && (await options.auth.canReach(who.account, sid)) ? who.tokenHash : null;
      };
      Promise.all([options.hub.state(sid), cookie ? facilitatorOf() : null])
        .then(([state, signIn]) => {
          const facilitator = signIn !== null;
          const member =
            state && (facilitator || (participantId && participantById(state.participants, participantId)));
          if (!member) return refuse(socket, 401, 'Unauthorized');
          const round = roundOfDocument(state, doc);
          if (!round) return refuse(socket, 404, 'Not Found');
          if (round.status === 'draft' && !facilitator) return refuse(socket, 403, 'Forbidden');
          const roundId = round.id;
          const canEdit = () => writable(options.hub.cached(sid)?.rounds.find((r) => r.id === roundId));
          const upgrade = () =>
            wss.handleUpgrade(req, socket, head, (ws) => {
              if (signIn) {
                editors.set(ws, { signIn, sessionId: sid });
                ws.once('close', () => editors.delete(ws));
              }
              const name = `${sid}/${doc}`;
              const budget = new ConnectionBudget();
              setupWSConnection(ws, req, { docName: name });
              const behind = options.behind;
              const hold = behind ? () => (behind.pending(sid, doc) ? behind.stored(sid, doc) : null) : () => null;
              guard(ws, (bytes) => judge(bytes, { budget, canEdit, docName: name, sizes }), hold);
            });
          // Texts written behind (PostgreSQL) are loaded, for members only, before the first sync (R3).
          if (!options.behind) return upgrade();
          return options.behind.ready(sid).then(upgrade);
        })
        .catch((error: unknown) => {
          options.log.error('yjs upgrade failed', { error: String(error) });
          refuse(socket, 500, 'Internal Server Error');
        });
    }
  });
  return wss;
}
