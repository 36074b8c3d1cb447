/**
 * The floor for co-writing (P4): the stock @y/websocket-server (the same version and copy Vrijuit mounts)
 * on a bare HTTP server: every upgrade on `/yjs/<room>` goes straight to `setupWSConnection`, without
 * tickets, budgets, read-only checks or persistence. Same ws options as Vrijuit's endpoint.
 * Started by bench/co-writing.ts; by hand: `pnpm exec tsx bench/yjs-floor-server.ts`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';
import { serveBenchChild } from './ipc.ts';

await serveBenchChild('yjs-floor', async () => {
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1024 * 1024 });
  http.on('upgrade', (req, socket, head) => {
    const room = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/^\/yjs\//, '');
    wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName: room }));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const ws of wss.clients) ws.terminate();
      http.close(() => resolve());
    });
  return { port, dataDir: null, close };
});
