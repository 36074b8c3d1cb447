/**
 * The few packets of engine.io protocol 4 and socket.io protocol 5 that the phone's websocket speaks
 * (text frames only, the default namespace, no binary attachments: the server sends JSON only).
 * https://socket.io/docs/v4/engine-io-protocol/ and https://socket.io/docs/v4/socket-io-protocol/
 */

/** engine.io packet types (the first character of a frame). */
export const ENGINE = { open: '0', close: '1', ping: '2', pong: '3', message: '4' } as const;
/** socket.io packet types (the character after engine.io's `4`). */
export const SOCKET = { connect: '0', disconnect: '1', event: '2', ack: '3', connectError: '4' } as const;

/** The handshake's timing, from engine.io's open packet. */
export interface EngineOpen {
  pingInterval: number;
  pingTimeout: number;
}

export type SocketPacket =
  | { type: 'connect' }
  | { type: 'disconnect' }
  | { type: 'connect-error' }
  | { type: 'event'; id: number | null; args: unknown[] }
  | { type: 'ack'; id: number; args: unknown[] };

export function readEngineOpen(data: string): EngineOpen | null {
  try {
    const { pingInterval, pingTimeout } = JSON.parse(data) as Record<string, unknown>;
    if (typeof pingInterval !== 'number' || typeof pingTimeout !== 'number') return null;
    return { pingInterval, pingTimeout };
  } catch {
    return null;
  }
}

/** The engine.io frame that carries an event to the default namespace, with an ack id when one is asked. */
export function eventFrame(args: readonly unknown[], id: number | null): string {
  return ENGINE.message + SOCKET.event + (id ?? '') + JSON.stringify(args);
}

/** The engine.io frame that answers the server's event `id`. */
export function ackFrame(id: number, args: readonly unknown[]): string {
  return ENGINE.message + SOCKET.ack + id + JSON.stringify(args);
}

/** A socket.io packet of the default namespace (the text after engine.io's `4`), or null if it is none we read. */
export function readSocketPacket(text: string): SocketPacket | null {
  const type = text[0];
  let at = 1;
  // Another namespace than "/" ("/admin,..."): not ours.
  if (text[at] === '/') return null;
  if (type === SOCKET.connect) return { type: 'connect' };
  if (type === SOCKET.disconnect) return { type: 'disconnect' };
  if (type === SOCKET.connectError) return { type: 'connect-error' };
  if (type !== SOCKET.event && type !== SOCKET.ack) return null;
  while (at < text.length && text[at]! >= '0' && text[at]! <= '9') at++;
  const id = at > 1 ? Number(text.slice(1, at)) : null;
  let args: unknown;
  try {
    args = JSON.parse(text.slice(at));
  } catch {
    return null;
  }
  if (!Array.isArray(args)) return null;
  if (type === SOCKET.ack) return id === null ? null : { type: 'ack', id, args };
  return typeof args[0] === 'string' ? { type: 'event', id, args } : null;
}
