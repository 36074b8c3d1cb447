/**
 * TX5: a WebSocket for y-websocket's `WebSocketPolyfill` option that asks for a fresh one-time ticket
 * (`text:ticket`) before every connection and adds it to the URL as `?ticket=`. The provider builds
 * its URL and its socket synchronously on every (re)connect; a ticket is good for one connection
 * only, so this socket first waits for the ticket, then opens the real one and passes its events on.
 * When no ticket comes (offline, refused), it reports an error and a close, and the provider retries
 * with its backoff as after any failed connection.
 */

/** The part of a WebSocket y-websocket uses: the browser's and Node's `ws` both have it. */
interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  // `never`: each socket has its own event types; they are only passed on, never read here.
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  send(data: Uint8Array<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
}

type SocketClass = new (url: string, protocols?: string | string[]) => SocketLike;

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

/** A socket class whose instances connect with `ticket()`'s answer added to their URL. */
export function ticketedWebSocket(ticket: () => Promise<string>, Base: SocketClass): SocketClass {
  return class TicketedWebSocket implements SocketLike {
    static readonly CONNECTING = CONNECTING;
    static readonly OPEN = OPEN;
    static readonly CLOSING = CLOSING;
    static readonly CLOSED = CLOSED;
    readonly CONNECTING = CONNECTING;
    readonly OPEN = OPEN;
    readonly CLOSING = CLOSING;
    readonly CLOSED = CLOSED;
    binaryType = 'blob';
    onopen: ((event: unknown) => void) | null = null;
    onmessage: ((event: unknown) => void) | null = null;
    onclose: ((event: unknown) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    #socket: SocketLike | null = null;
    #closed = false;

    constructor(url: string, protocols?: string | string[]) {
      ticket().then(
        (value) => {
          if (this.#closed) return;
          const withTicket = new URL(url);
          withTicket.searchParams.set('ticket', value);
          const socket = new Base(withTicket.toString(), protocols);
          socket.binaryType = this.binaryType;
          socket.onopen = (event) => this.onopen?.(event);
          socket.onmessage = (event) => this.onmessage?.(event);
          socket.onclose = (event) => this.onclose?.(event);
          socket.onerror = (event) => this.onerror?.(event);
          this.#socket = socket;
        },
        () => {
          if (this.#closed) return;
          this.#closed = true;
          this.onerror?.({ type: 'error' });
          this.onclose?.({ type: 'close', code: 1006, reason: 'no ticket', wasClean: false });
        },
      );
    }

    get readyState(): number {
      return this.#socket ? this.#socket.readyState : this.#closed ? CLOSED : CONNECTING;
    }

    send(data: Uint8Array<ArrayBuffer>): void {
      this.#socket?.send(data);
    }

    close(code?: number, reason?: string): void {
      this.#closed = true;
      this.#socket?.close(code, reason);
    }
  };
}
