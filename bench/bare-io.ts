/**
 * The bare socket.io server the floors are built on: the very copy apps/server runs on, with Vrijuit's
 * engine options (perMessageDeflate and HTTP compression off, 64 KB max message), on 127.0.0.1, port 0.
 *
 * bench/ has no package.json of its own, so socket.io is loaded through apps/server's dependencies.
 * (Importing it by a path through apps/server/node_modules would leave TypeScript unable to find
 * engine.io's types, so the little the floors use is typed by hand.)
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

export interface BareSocket {
  readonly id: string;
  on(event: string, listener: (...args: unknown[]) => void): void;
  join(room: string): void | Promise<void>;
}
export interface BareIo {
  on(event: 'connection', listener: (socket: BareSocket) => void): void;
  to(room: string): { emit(event: string, payload: unknown): void };
  close(callback: () => void): void;
}
const { Server } = createRequire(new URL('../apps/server/package.json', import.meta.url))('socket.io') as {
  Server: new (http: HttpServer, options: Record<string, unknown>) => BareIo;
};

export type Ack = (response: unknown) => void;

/** The ack callback of a socket.io event's arguments (a no-op when the client sent none). */
export const ackOf = (args: unknown[]): Ack => {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as Ack) : () => undefined;
};

/**
 * A bare server listening on 127.0.0.1, port 0 (or `port`: the reconnect storm's restart). The floor adds its `connection` handler before it hands
 * the port to the driver, so no client can come earlier.
 */
export async function listenBare(port = 0): Promise<{ io: BareIo; port: number; close: () => Promise<void> }> {
  const http = createServer();
  const io = new Server(http, {
    perMessageDeflate: false,
    httpCompression: false,
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const bound = (http.address() as AddressInfo).port;
  return { io, port: bound, close: () => new Promise<void>((resolve) => io.close(() => resolve())) };
}
