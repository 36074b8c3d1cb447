import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * CL6: hands an upgrade request (a co-edited text's WebSocket) on to the process that owns its session,
 * byte for byte: the request line, its headers as they came (Origin, Host, the sign-in cookie, the
 * ticket in the URL) and whatever followed, then both directions piped until either side closes. The
 * owner checks it as any connection of its own (origin, ticket or sign-in, membership, budgets); this
 * process reads none of it.
 */
export function relayUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, target: URL): void {
  let connected = false;
  const upstream = connect(Number(target.port), target.hostname.replace(/^\[(.*)\]$/, '$1'), () => {
    connected = true;
    const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.once('error', () => {
    // The owner cannot be reached: the editor hears so and retries (by then the session may have moved).
    if (!connected) socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  socket.once('error', () => upstream.destroy());
  socket.once('close', () => upstream.destroy());
  upstream.once('close', () => socket.destroy());
}
