import type { Ack, CommandName, CommandRequest, CommandResult, EventName, EventPayload } from '@vrijuit/protocol';
import { ROUTING_PARAM } from '@vrijuit/protocol/constants';
import { Listeners, NamedListeners } from './listeners.ts';
import { WebSocketWire } from './websocket-wire.ts';
import { RECONNECT, type Wire, type WireEvents } from './wire.ts';

/** online: connected; offline: not (yet) connected, socket.io keeps trying by itself. */
export type ConnectionState = 'connecting' | 'online' | 'offline';

/** The server acked (ok or refused), or never answered: `offline` = not sent at all. */
export type SendResult<T> = { kind: 'ack'; ack: Ack<T> } | { kind: 'no-answer'; reason: 'offline' | 'timeout' };

/** Long enough for a slow phone network, short enough that a person sees "not sent" soon. */
export const ACK_TIMEOUT_MS = 8000;

function isAck(value: unknown): value is Ack<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  if (ok === true) return 'value' in value;
  if (ok !== false) return false;
  const error = (value as { error?: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * The one socket.io connection of a page, shared by every route. It never queues while offline
 * (socket.io's own buffer would replay commands before the page has re-identified itself); callers
 * that must survive a disconnect use the outbox, which re-sends after identification.
 *
 * P6: it speaks socket.io over the browser's own WebSocket (websocket-wire.ts), so a phone does not
 * load socket.io-client (~13 KB gz). A network or proxy that refuses websockets gets socket.io-client
 * with its long polling instead, loaded when the first websocket fails (socketio-wire.ts).
 */
export class RealtimeClient {
  state = $state<ConnectionState>('connecting');
  #wire: Wire | null = null;
  /** RT1: the session this connection is for (its routing key), or null before a page names one. */
  #session: string | null = null;
  readonly #events: WireEvents;
  readonly #onConnect = new Listeners();
  readonly #onDisconnect = new Listeners();
  readonly #handlers = new NamedListeners();

  constructor() {
    const events: WireEvents = {
      connect: () => {
        this.state = 'online';
        this.#onConnect.emit();
      },
      disconnect: () => {
        this.state = 'offline';
        this.#onDisconnect.emit();
      },
      connectError: () => {
        this.state = 'offline';
      },
      event: (name, args, ack) => {
        // PR2: the server waits for this ack before it closes the connection, so every command sent before
        // it gets its answer; later ones are refused (SERVER_STOPPING) and the outbox sends them after the
        // reconnect.
        if (name === 'server:stopping') return ack?.();
        this.#handlers.emit(name, args);
      },
    };
    this.#events = events;
    // Opened once the page's first effects ran, so a page that names its session (`routeBy`) right away
    // opens one connection, with its key, not a first one without.
    queueMicrotask(() => {
      if (!this.#wire) this.#open();
    });
  }

  /**
   * RT1: this page's connection is for `sessionId` (the console's, the projector's, the phone's session):
   * the handshake carries it (`?session=`), so a proxy in front of several processes sends it to the
   * session's process. Another session than the connection's closes it and opens one for that session
   * (its pages identify again through onConnect); the same one changes nothing.
   */
  routeBy(sessionId: string): void {
    if (sessionId === this.#session) return;
    this.#session = sessionId;
    if (!this.#wire) return this.#open();
    const old = this.#wire;
    this.#wire = null;
    old.close();
    this.#open();
  }

  #open(): void {
    const session = this.#session;
    const key = session === null ? '' : `&${ROUTING_PARAM}=${encodeURIComponent(session)}`;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/socket.io/?EIO=4&transport=websocket${key}`;
    const wire = new WebSocketWire(url, this.#events, () => {
      if (this.#wire !== wire) return;
      this.state = 'offline';
      this.#loadFallback(wire, session);
    });
    this.#wire = wire;
  }

  /** The long-polling fallback's code, asked again while the network is gone (unless the page moved on). */
  #loadFallback(failed: Wire, session: string | null): void {
    import('./socketio-wire.ts').then(
      ({ socketIoWire }) => {
        if (this.#wire === failed) this.#wire = socketIoWire(this.#events, session);
      },
      () => setTimeout(() => this.#loadFallback(failed, session), RECONNECT.delayMaxMs),
    );
  }

  get connected(): boolean {
    return this.state === 'online';
  }

  /**
   * Runs `handler` now if connected and after every reconnect: this is where a page re-identifies
   * itself (resume / attach). Returns the unsubscribe function.
   */
  onConnect(handler: () => void): () => void {
    const stop = this.#onConnect.add(handler);
    if (this.#wire?.connected) handler();
    return stop;
  }

  /**
   * Resolves true once connected (at once if already), false after `ms`: for a form submitted while
   * the page's socket is still connecting, so the first tap is not answered with "no connection".
   */
  whenConnected(ms: number): Promise<boolean> {
    if (this.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        stop();
        resolve(false);
      }, ms);
      const stop = this.#onConnect.add(() => {
        clearTimeout(timer);
        stop();
        resolve(true);
      });
    });
  }

  onDisconnect(handler: () => void): () => void {
    return this.#onDisconnect.add(handler);
  }

  /** Subscribes to a server event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
    return this.#handlers.add(event, handler as (...args: unknown[]) => void);
  }

  /** Emits a command and waits for its ack (or the timeout, or a disconnect). */
  send<N extends CommandName>(
    name: N,
    request: CommandRequest<N>,
    timeoutMs = ACK_TIMEOUT_MS,
  ): Promise<SendResult<CommandResult<N>>> {
    const wire = this.#wire;
    if (!wire?.connected) return Promise.resolve({ kind: 'no-answer', reason: 'offline' });
    return new Promise((resolve) => {
      wire.emit(name, request, timeoutMs, (failed, response) => {
        // A timeout and a disconnect both fail the emit: either way, no answer.
        if (failed) resolve({ kind: 'no-answer', reason: 'timeout' });
        else if (isAck(response)) resolve({ kind: 'ack', ack: response as Ack<CommandResult<N>> });
        else resolve({ kind: 'ack', ack: { ok: false, error: { code: 'INTERNAL', message: 'malformed ack' } } });
      });
    });
  }
}

let shared: RealtimeClient | null = null;

/** The page's connection, created on first use (in the browser only: call it from onMount/effects). */
export function realtime(): RealtimeClient {
  shared ??= new RealtimeClient();
  return shared;
}
