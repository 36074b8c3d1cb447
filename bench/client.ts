/**
 * What every benchmark driver needs to talk to a server under test: real socket.io-client sockets
 * (websocket only, no reconnection), commands with bounded acks, N phones joined a few at a time, the
 * server child's memory and CPU, and percentiles.
 */
import { randomBytes } from 'node:crypto';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  CommandName,
  CommandRequest,
  CommandResult,
  ServerToClientEvents,
} from '../packages/protocol/src/index.ts';
import type { Child } from './children.ts';
import type { FromServer, ServerStats, ToServer } from './ipc.ts';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ServerChild = Child<ToServer, FromServer>;

/** A fresh 128-bit secret (tokens, command ids). */
export const secret = () => randomBytes(16).toString('base64url');

export type SocketSettings = Partial<ManagerOptions & SocketOptions>;

/**
 * A socket; `cookie` (a sign-in's Cookie header, bench/account.ts) makes it a facilitator's. `settings`
 * override the defaults (no reconnection), e.g. the web app's reconnection delays (bench/restart-storm.ts).
 */
export function connect(url: string, timeoutMs: number, cookie = '', settings: SocketSettings = {}): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket: Client = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: timeoutMs,
      ...(cookie ? { extraHeaders: { cookie } } : {}),
      ...settings,
    });
    socket.once('connect', () => {
      socket.off('connect_error');
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Sends one command and waits (bounded) for its ack. */
export function call<N extends CommandName>(
  socket: Client,
  name: N,
  request: CommandRequest<N>,
  timeoutMs = 30_000,
): Promise<CommandResult<N>> {
  const loose = socket.timeout(timeoutMs) as unknown as {
    emit(name: string, request: unknown, ack: (error: Error | null, response: Ack<CommandResult<N>>) => void): void;
  };
  return new Promise((resolve, reject) => {
    loose.emit(name, request, (error, response) => {
      if (error) reject(new Error(`${name}: ${error.message}`));
      else if (!response.ok) reject(new Error(`${name}: ${response.error.code} ${response.error.message}`));
      else resolve(response.value);
    });
  });
}

/** The server child's memory (after gc() when asked) and CPU time so far. */
export async function serverStats(server: ServerChild, gc: boolean): Promise<ServerStats> {
  const reply = server.next('stats', 60_000);
  server.send({ type: 'stats', gc });
  return (await reply).stats;
}

/** The p-th percentile (nearest rank) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** The finite values of `values`, ascending. */
export function ascending(values: Iterable<number>): Float64Array {
  return Float64Array.from([...values].filter(Number.isFinite)).sort();
}

/** A promise that rejects at `deadline` (Date.now() milliseconds), naming what did not happen. */
export const until = (deadline: number, what: string) =>
  new Promise<never>((_, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), Math.max(0, deadline - Date.now()));
    timer.unref();
  });

/** The token each phone joined with (to resume after a reconnect). */
export const tokenOf = new WeakMap<Client, string>();

/**
 * Connects and joins `n` phones, `concurrency` at a time, each retried up to 3 times. `prepare` runs on
 * each socket before it joins (to add listeners). Returns the phones and how many retries it took. Given
 * several URLs (processes of one cluster), phone i connects to `url[i mod length]`.
 */
export async function joinPhones(
  url: string | readonly string[],
  n: number,
  options: {
    concurrency: number;
    joinCode: string;
    zoneId: string;
    deadline: number;
    prepare?: (socket: Client) => void;
    settings?: SocketSettings;
  },
): Promise<{ phones: Client[]; retries: number }> {
  const phones: Client[] = [];
  let retries = 0;
  const urls = typeof url === 'string' ? [url] : url;
  const joinOne = async (i: number): Promise<Client> => {
    for (let attempt = 1; ; attempt++) {
      let socket: Client | null = null;
      try {
        socket = await connect(urls[i % urls.length]!, 30_000, '', options.settings);
        options.prepare?.(socket);
        const token = secret();
        await call(socket, 'participant:join', { joinCode: options.joinCode, token, zoneId: options.zoneId });
        tokenOf.set(socket, token);
        return socket;
      } catch (error) {
        socket?.close();
        if (attempt >= 3) throw error;
        retries++;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  };
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < n && !failed) {
      if (Date.now() > options.deadline) throw new Error('timed out: joining');
      const phone = await joinOne(next++);
      if (failed) phone.close();
      else phones.push(phone);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, n) }, worker));
  } catch (error) {
    failed = true;
    for (const phone of phones) phone.close();
    throw error;
  }
  return { phones, retries };
}
