import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';
import { findParticipantByToken } from '@vrijuit/core';
import { SessionId, YJS_PATH_PREFIX } from '@vrijuit/protocol';
import { z } from 'zod';
import type { Logger } from './log.ts';
import { isOriginAllowed } from './origin.ts';
import { hashToken } from './secrets.ts';
import type { SessionHub } from './session-hub.ts';

const DocName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The Yjs websocket endpoint: `/yjs/<sessionId>/<docName>?token=...`. Membership (a participant's or
 * the facilitator's token of that session) is checked before the upgrade; nobody else gets a socket.
 * Every other upgrade path but socket.io's is refused here.
 */
export function attachYjs(
  http: HttpServer,
  options: { hub: SessionHub; log: Logger; allowedOrigins: readonly string[] },
): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1024 * 1024 });
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/socket.io/')) return;
    if (!url.pathname.startsWith(YJS_PATH_PREFIX)) return refuse(socket, 404, 'Not Found');
    if (!isOriginAllowed(req, options.allowedOrigins)) return refuse(socket, 403, 'Forbidden');
    const [sessionPart, docPart, ...rest] = url.pathname.slice(YJS_PATH_PREFIX.length).split('/');
    const sessionId = SessionId.safeParse(sessionPart);
    const docName = DocName.safeParse(docPart);
    const token = url.searchParams.get('token');
    if (!sessionId.success || !docName.success || rest.length > 0 || !token) return refuse(socket, 400, 'Bad Request');
    options.hub
      .state(sessionId.data)
      .then((state) => {
        const hash = hashToken(token);
        const member = state && (state.facilitatorTokenHash === hash || findParticipantByToken(state, hash));
        if (!member) return refuse(socket, 401, 'Unauthorized');
        wss.handleUpgrade(req, socket, head, (ws) => {
          setupWSConnection(ws, req, { docName: `${sessionId.data}/${docName.data}` });
        });
      })
      .catch((error: unknown) => {
        options.log.error('yjs upgrade failed', { error: String(error) });
        refuse(socket, 500, 'Internal Server Error');
      });
  });
  return wss;
}
