import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  CommandName,
  CommandRequest,
  CommandResult,
  EventName,
  EventPayload,
  ServerToClientEvents,
} from '@vrijuit/protocol';
import { Listeners } from './listeners.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

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

/** An emit whose name is only known to be some command: the typed maps cannot follow a generic N. */
interface LooseEmitter {
  emit(name: string, request: unknown, ack: (err: Error | null, response: unknown) => void): void;
}

/**
 * The one socket.io connection of a page, shared by every route. It never queues while offline
 * (socket.io's own buffer would replay commands before the page has re-identified itself); callers
 * that must survive a disconnect use the outbox, which re-sends after identification.
 */
export class RealtimeClient {
  state = $state<ConnectionState>('connecting');
  readonly #socket: ClientSocket;
  readonly #onConnect = new Listeners();
  readonly #onDisconnect = new Listeners();

  constructor() {
    this.#socket = io({
      path: '/socket.io',
      transports: ['websocket', 'polling'],
      // A network or browser that refuses websockets falls back to long polling.
      tryAllTransports: true,
      // Retry quickly: in a workshop the server is usually back within seconds (restart, wifi blip).
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
    });
    this.#socket.on('connect', () => {
      this.state = 'online';
      this.#onConnect.emit();
    });
    this.#socket.on('disconnect', () => {
      this.state = 'offline';
      this.#onDisconnect.emit();
    });
    this.#socket.on('connect_error', () => {
      this.state = 'offline';
    });
    // PR2: the server waits for this ack before it closes the connection, so every command sent before it
    // gets its answer; later ones are refused (SERVER_STOPPING) and the outbox sends them after the reconnect.
    this.#socket.on('server:stopping', (_notice, ack) => ack());
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
    if (this.#socket.connected) handler();
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
    const listener = handler as ServerToClientEvents[E];
    (this.#socket.on as (e: E, l: ServerToClientEvents[E]) => void)(event, listener);
    return () => (this.#socket.off as (e: E, l: ServerToClientEvents[E]) => void)(event, listener);
  }

  /** Emits a command and waits for its ack (or the timeout, or a disconnect). */
  send<N extends CommandName>(
    name: N,
    request: CommandRequest<N>,
    timeoutMs = ACK_TIMEOUT_MS,
  ): Promise<SendResult<CommandResult<N>>> {
    if (!this.#socket.connected) return Promise.resolve({ kind: 'no-answer', reason: 'offline' });
    return new Promise((resolve) => {
      const emitter = this.#socket.timeout(timeoutMs) as unknown as LooseEmitter;
      emitter.emit(name, request, (err, response) => {
        // socket.io answers a timeout *and* a disconnect with an error: either way, no answer.
        if (err) resolve({ kind: 'no-answer', reason: 'timeout' });
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
