/**
 * What the benchmark's child processes (the server under test, the facilitator console) and the driver
 * say to each other over the Node IPC channel, and the server side of it.
 *
 * Times that cross processes are CLOCK_MONOTONIC milliseconds (`process.hrtime`), which on Linux is one
 * clock for every process on the machine, so a view received in one process can be compared with a vote
 * sent in another.
 */

/**
 * A second of the pain-point release interval lasts this long in the bench's Vrijuit server (createServer's
 * `releaseSecondMs`, bench-server.ts): by default 100 ms, so a session at the 10 s floor (core AN21) ticks
 * every real second, the cadence P3 was first measured at. `pain-points.ts --release-second-ms 1000` runs
 * real seconds (the environment variable carries it to the server child).
 */
export const BENCH_RELEASE_SECOND_MS = Number(process.env.VRIJUIT_BENCH_RELEASE_SECOND_MS) || 100;
export const RELEASE_SECOND_ENV = 'VRIJUIT_BENCH_RELEASE_SECOND_MS';

/** Milliseconds on the machine-wide monotonic clock (Linux), with sub-millisecond fraction. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export interface ServerStats {
  /** When the server took these figures (nowMs()), so a reply delayed by a busy loop is still exact. */
  at: number;
  /** Taken after `gc()` when asked for and the process runs with --expose-gc. */
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** User + system CPU time of the server process so far (taken before any gc). */
  cpuMs: number;
  gcRan: boolean;
}

export type ToServer = { type: 'stats'; gc: boolean };
export type FromServer =
  { type: 'ready'; port: number; dataDir: string | null } | { type: 'stats'; stats: ServerStats };

/** `cookie`: the sign-in's Cookie header for the handshake ('' for a floor server). */
export type ToFacilitator = { type: 'attach'; url: string; sessionId: string; cookie: string } | { type: 'detach' };
export interface RoundSummary {
  id: string;
  ballots: number;
  counts: Record<string, number>;
  /** A word cloud's words as the view has them (WC6); absent for other kinds (bench/word-cloud.ts). */
  words?: { word: string; count: number }[];
}
export type FromFacilitator =
  | { type: 'ready' }
  | { type: 'attached'; ok: boolean; error?: string }
  | { type: 'view'; at: number; rounds: RoundSummary[] };

/** A screen of the pain-point benchmark (bench/screen.ts): the facilitator's console or the projector. */
export type ScreenRole = 'facilitator' | 'projector';
export type ToScreen =
  { type: 'attach'; url: string; sessionId: string; cookie: string; as: ScreenRole } | { type: 'detach' };
/** One view as a screen got it: when, which entry texts it showed for the first time, the counts. */
export interface ScreenView {
  /** nowMs() on arrival (before the screen looked inside). */
  at: number;
  /** Date.now() on arrival: release ticks fall on multiples of the period on this clock. */
  clock: number;
  /** Entry texts this screen had not shown before. */
  fresh: string[];
  /** Entries released so far (the round's `respondents`), or null when the view has no round. */
  count: number | null;
  /** The console only: entries waiting for the next batch. */
  waiting: number | null;
}
export type FromScreen =
  | { type: 'ready' }
  | { type: 'attached'; ok: boolean; error?: string }
  /** Views since the last report (sent every 20 ms at most), and totals since the attach. */
  | { type: 'views'; views: ScreenView[]; total: number; chars: number };

const gc = (globalThis as { gc?: () => void }).gc;

async function collect(): Promise<boolean> {
  if (!gc) return false;
  // Several passes with turns of the loop between them, so weak callbacks and finalizers run too.
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}

async function stats(withGc: boolean): Promise<ServerStats> {
  const cpu = process.cpuUsage();
  const gcRan = withGc ? await collect() : false;
  const m = process.memoryUsage();
  return {
    at: nowMs(),
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    cpuMs: (cpu.user + cpu.system) / 1000,
    gcRan,
  };
}

/**
 * Runs a server under test as a benchmark child: reports its port, answers stats requests and exits
 * when the driver goes away (the IPC channel closes), so no server outlives the benchmark. Without an
 * IPC channel (started by hand) it prints the port and runs until SIGINT/SIGTERM.
 */
export async function serveBenchChild(
  name: string,
  start: () => Promise<{ port: number; dataDir: string | null; close: () => Promise<void> }>,
): Promise<void> {
  const server = await start();
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    // Bounded: a server that does not close within 5 s is left to the exit.
    const timer = setTimeout(() => process.exit(0), 5000);
    timer.unref();
    server
      .close()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const send = process.send?.bind(process);
  if (!send) {
    console.log(`${name} listening on http://127.0.0.1:${server.port} (data: ${server.dataDir ?? 'none'})`);
    return;
  }
  process.on('disconnect', stop);
  process.on('message', (raw: unknown) => {
    const message = raw as ToServer;
    if (message.type === 'stats') {
      void stats(message.gc).then((s) => send({ type: 'stats', stats: s } satisfies FromServer));
    }
  });
  send({ type: 'ready', port: server.port, dataDir: server.dataDir } satisfies FromServer);
}
