import {
  ENGINE,
  SOCKET,
  ackFrame,
  eventFrame,
  readEngineOpen,
  readSocketPacket,
  type EngineOpen,
} from './socketio-packets.ts';
import { CONNECT_TIMEOUT_MS, RECONNECT, type Wire, type WireEvents } from './wire.ts';

interface PendingAck {
  done: (failed: boolean, response?: unknown) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * socket.io over a plain WebSocket, without socket.io-client (P6: ~2 KB gz instead of ~13): engine.io's
 * handshake, its ping/pong (a server that stops pinging counts as gone), events with acks both ways and
 * reconnection with socket.io's backoff. `onNeverConnected` is called, and this wire closes for good, if
 * its first websocket fails before the server accepted it: a network or proxy without websockets, which
 * socket.io-client's long polling then serves (client.svelte.ts).
 */
export class WebSocketWire implements Wire {
  connected = false;
  #ws: WebSocket | null = null;
  #closed = false;
  #everConnected = false;
  #attempts = 0;
  #nextId = 0;
  readonly #acks = new Map<number, PendingAck>();
  #deadline: ReturnType<typeof setTimeout> | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  readonly #url: string;
  readonly #events: WireEvents;
  readonly #onNeverConnected: () => void;

  constructor(url: string, events: WireEvents, onNeverConnected: () => void) {
    this.#url = url;
    this.#events = events;
    this.#onNeverConnected = onNeverConnected;
    this.#open();
  }

  emit(name: string, data: unknown, timeoutMs: number, done: (failed: boolean, response?: unknown) => void): void {
    if (!this.connected || !this.#ws) return done(true);
    const id = this.#nextId++;
    const timer = setTimeout(() => {
      this.#acks.delete(id);
      done(true);
    }, timeoutMs);
    this.#acks.set(id, { done, timer });
    this.#ws.send(eventFrame([name, data], id));
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#retry);
    this.#drop();
  }

  #open(): void {
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.#url);
    } catch {
      // A browser that cannot make one at all (a blocked or broken WebSocket): as if it failed at once.
      if (!this.#everConnected) {
        this.close();
        this.#onNeverConnected();
      } else this.#retry = setTimeout(() => this.#open(), backoff(this.#attempts++));
      return;
    }
    this.#ws = ws;
    // Until the server accepted us (socket.io's CONNECT), then until the next ping is due.
    this.#expectWithin(CONNECT_TIMEOUT_MS);
    ws.onmessage = (message) => {
      if (typeof message.data === 'string') this.#onFrame(message.data);
    };
    ws.onclose = () => this.#lost();
  }

  #onFrame(frame: string): void {
    const kind = frame[0];
    if (kind === ENGINE.ping) {
      this.#ws?.send(ENGINE.pong);
      this.#expectWithin(this.#timing.pingInterval + this.#timing.pingTimeout);
    } else if (kind === ENGINE.open) {
      this.#timing = readEngineOpen(frame.slice(1)) ?? this.#timing;
      this.#ws?.send(ENGINE.message + SOCKET.connect);
    } else if (kind === ENGINE.message) {
      this.#onPacket(frame.slice(1));
    } else if (kind === ENGINE.close) {
      this.#lost();
    }
  }

  #timing: EngineOpen = { pingInterval: 25_000, pingTimeout: 20_000 };

  #onPacket(text: string): void {
    const packet = readSocketPacket(text);
    if (!packet) return;
    if (packet.type === 'connect') {
      this.connected = true;
      this.#everConnected = true;
      this.#attempts = 0;
      this.#expectWithin(this.#timing.pingInterval + this.#timing.pingTimeout);
      this.#events.connect();
    } else if (packet.type === 'event') {
      const [name, ...args] = packet.args as [string, ...unknown[]];
      const id = packet.id;
      const ws = this.#ws;
      const ack =
        id === null
          ? null
          : (...answer: unknown[]) => {
              if (ws === this.#ws && ws?.readyState === WebSocket.OPEN) ws.send(ackFrame(id, answer));
            };
      this.#events.event(name, args, ack);
    } else if (packet.type === 'ack') {
      const pending = this.#acks.get(packet.id);
      if (!pending) return;
      this.#acks.delete(packet.id);
      clearTimeout(pending.timer);
      pending.done(false, packet.args[0]);
    } else if (packet.type === 'connect-error') {
      this.#lost();
    } else {
      // The server's DISCONNECT: unlike socket.io-client, try again (this server only ever closes the transport).
      this.#lost();
    }
  }

  /** Closes the connection if nothing proves it alive within `ms`. */
  #expectWithin(ms: number): void {
    clearTimeout(this.#deadline);
    this.#deadline = setTimeout(() => this.#lost(), ms);
  }

  /** Closes the socket and fails the acks still waiting (as socket.io-client does on a disconnect). */
  #drop(): void {
    clearTimeout(this.#deadline);
    const ws = this.#ws;
    this.#ws = null;
    if (ws) {
      ws.onmessage = null;
      ws.onclose = null;
      ws.close();
    }
    for (const { done, timer } of this.#acks.values()) {
      clearTimeout(timer);
      done(true);
    }
    this.#acks.clear();
    if (this.connected) {
      this.connected = false;
      this.#events.disconnect();
    }
  }

  #lost(): void {
    if (!this.#ws) return;
    const wasConnected = this.connected;
    this.#drop();
    if (this.#closed) return;
    if (!this.#everConnected) {
      this.close();
      this.#onNeverConnected();
      return;
    }
    if (!wasConnected) this.#events.connectError();
    this.#retry = setTimeout(() => this.#open(), backoff(this.#attempts++));
  }
}

/** socket.io-client's backoff: 500 ms doubling up to 3 s, each +-50 % at random. */
function backoff(attempt: number): number {
  const base = Math.min(RECONNECT.delayMs * 2 ** attempt, RECONNECT.delayMaxMs);
  return Math.round(base * (1 - RECONNECT.jitter + Math.random() * 2 * RECONNECT.jitter));
}
