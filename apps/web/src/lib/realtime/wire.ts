/** What a connection tells the page's RealtimeClient. */
export interface WireEvents {
  connect(): void;
  disconnect(): void;
  connectError(): void;
  /** A server event; `ack` when the server waits for an answer. */
  event(name: string, args: unknown[], ack: ((...args: unknown[]) => void) | null): void;
}

/** The socket.io connection under RealtimeClient: the phone's own websocket, or socket.io-client. */
export interface Wire {
  readonly connected: boolean;
  /** Sends an event; `done` once: its answer, or `failed` after `timeoutMs` or a disconnect. */
  emit(name: string, data: unknown, timeoutMs: number, done: (failed: boolean, response?: unknown) => void): void;
  /** For good: no reconnect. */
  close(): void;
}

/** socket.io's reconnection settings, shared by both wires: quick, a workshop's server is usually back in seconds. */
export const RECONNECT = { delayMs: 500, delayMaxMs: 3000, jitter: 0.5 } as const;
/** socket.io's own default: a connection attempt that is not answered within this is tried again. */
export const CONNECT_TIMEOUT_MS = 20_000;
