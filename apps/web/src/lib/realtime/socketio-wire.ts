import { io } from 'socket.io-client';
import { ROUTING_PARAM } from '@vrijuit/protocol/constants';
import { CONNECT_TIMEOUT_MS, RECONNECT, type Wire, type WireEvents } from './wire.ts';

/**
 * The long-polling fallback: socket.io-client with its own transports, loaded only when the phone's
 * websocket never got through (a network or proxy without websockets). It starts with long polling,
 * which such a network lets through, and moves to a websocket only if one gets through later
 * (socket.io's upgrade); it keeps reconnecting like the websocket wire.
 */
export function socketIoWire(events: WireEvents, session: string | null): Wire {
  const socket = io({
    path: '/socket.io',
    // RT1: the session this connection is for, by which a proxy routes it (client.svelte.ts).
    query: session === null ? {} : { [ROUTING_PARAM]: session },
    transports: ['polling', 'websocket'],
    timeout: CONNECT_TIMEOUT_MS,
    reconnectionDelay: RECONNECT.delayMs,
    reconnectionDelayMax: RECONNECT.delayMaxMs,
    randomizationFactor: RECONNECT.jitter,
  });
  socket.on('connect', () => events.connect());
  socket.on('disconnect', () => events.disconnect());
  socket.on('connect_error', () => events.connectError());
  // socket.io-client puts the server's ack callback last when the server asked for one.
  socket.onAny((name: string, ...args: unknown[]) => {
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as (...answer: unknown[]) => void) : null;
    events.event(name, ack ? args.slice(0, -1) : args, ack);
  });
  return {
    get connected() {
      return socket.connected;
    },
    emit(name, data, timeoutMs, done) {
      // socket.io answers a timeout *and* a disconnect with an error.
      socket
        .timeout(timeoutMs)
        .emit(name, data, (err: Error | null, response: unknown) => done(Boolean(err), response));
    },
    close() {
      socket.disconnect();
    },
  };
}
