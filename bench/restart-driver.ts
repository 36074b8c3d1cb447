/**
 * One reconnect-storm run (P7) against one server (Vrijuit or the floor): N phones joined to an open
 * round, every other phone votes, then the server is killed with SIGKILL and started again on the same
 * data directory and port; every phone reconnects by itself (the web app's reconnection delays) and sends
 * `participant:resume` with its token. Measures the time from the kill until every phone has a resumed
 * state, and on Vrijuit checks that state: every vote confirmed stored before the kill is the phone's
 * ballot after it (0 lost), and no phone that did not vote has one (0 phantoms). See docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLOORS } from '../packages/protocol/src/index.ts';
import { benchCookie } from './account.ts';
import { Child, track } from './children.ts';
import {
  ascending,
  call,
  connect,
  joinPhones,
  percentile,
  secret,
  tokenOf,
  until,
  type Client,
  type ServerChild,
  type SocketSettings,
} from './client.ts';
import { nowMs } from './ipc.ts';

/** How Vrijuit comes back: `npm start`'s way (node on the built apps/server/dist/main.js) or the tsx loader. */
export type Restart = 'built' | 'tsx';

export interface StormOptions {
  clients: number;
  concurrency: number;
  restart: Restart;
  /** The floor's script: bench/restart-floor-server.ts under tsx, or its bundle (bench/bundle.ts) as plain JS. */
  floor: { script: string; tsx: boolean };
  /**
   * A directory for a CPU profile of Vrijuit's restart (built only): node runs with `--cpu-prof` from its
   * spawn, and at the end of the run it is stopped with SIGTERM (so node writes the profile) instead of SIGKILL.
   */
  profileDir?: string;
  /** The built server the restart runs (default apps/server/dist/main.js), e.g. an older build to compare. */
  builtMain?: string;
}

export interface StormResult {
  kind: string;
  clients: number;
  valid: boolean;
  problems: string[];
  joinMs: number;
  votes: number;
  /** Vrijuit: votes confirmed stored (stored ack or inputs:stored) before the kill. */
  confirmed: number | null;
  /** SIGKILL sent -> the process has exited. */
  killToExitMs: number;
  /** Spawn of the restart -> the server listens (its ready message, or main.js's "running at" line). */
  spawnToListenMs: number;
  /** SIGKILL sent -> the last phone has its resumed state: the headline figure. */
  killToAllResyncedMs: number;
  /** The server listens -> the last phone has its resumed state. */
  listenToAllResyncedMs: number;
  /** Per phone, SIGKILL -> its resumed state: p50 and p99. */
  resyncP50: number;
  resyncP99: number;
  /** Reconnection attempts the phones made (failed ones while the server was down included). */
  attempts: number;
  /** Vrijuit: confirmed votes missing from their phone's resumed ballot; phones with a ballot they never cast. */
  lost: number | null;
  phantoms: number | null;
  /** Vrijuit: received-only votes (not confirmed stored) that still came back. */
  receivedOnlyBack: number | null;
  /** Vrijuit: the console's tally after the restart equals the confirmed votes' tally (P7: tally exact). */
  tallyExact: boolean | null;
}

/** The web app's socket.io reconnection (apps/web/src/lib/realtime/client.svelte.ts), websocket only. */
const PHONE_SOCKET: SocketSettings = {
  reconnection: true,
  reconnectionDelay: 500,
  reconnectionDelayMax: 3000,
};

const root = fileURLToPath(new URL('..', import.meta.url));

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** A server the storm kills: the bench child, or node on dist/main.js (no IPC: ready by its stdout). */
interface Running {
  kill(): Promise<void>;
}

function startChild(
  kind: string,
  port: number,
  dataDir: string,
  floor: StormOptions['floor'],
): { child: ServerChild; ready: Promise<void> } {
  const child: ServerChild =
    kind === 'floor'
      ? Child.start(floor.script, [], ['--port', String(port)], floor.tsx)
      : Child.start('./restart-server.ts', [], ['--port', String(port), '--data', dataDir]);
  return { child, ready: child.next('ready', 60_000).then(() => undefined) };
}

/** node apps/server/dist/main.js as `npm start` runs it; ready at its "Vrijuit is running at" line. */
function startBuilt(
  port: number,
  dataDir: string,
  options: Pick<StormOptions, 'profileDir' | 'builtMain'>,
): { running: Running; ready: Promise<void> } {
  const { profileDir, builtMain = join(root, 'apps/server/dist/main.js') } = options;
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const child = spawn(process.execPath, [...profile, builtMain], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  track(child);
  const ready = new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Vrijuit is running at')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`dist/main.js exited (${code}) before it listened`)));
  });
  const running: Running = {
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(profileDir ? 'SIGTERM' : 'SIGKILL');
      }),
  };
  return { running, ready };
}

export async function runStorm(kind: string, options: StormOptions): Promise<StormResult> {
  const n = options.clients;
  const result: StormResult = {
    kind,
    clients: n,
    valid: false,
    problems: [],
    joinMs: NaN,
    votes: 0,
    confirmed: null,
    killToExitMs: NaN,
    spawnToListenMs: NaN,
    killToAllResyncedMs: NaN,
    listenToAllResyncedMs: NaN,
    resyncP50: NaN,
    resyncP99: NaN,
    attempts: 0,
    lost: null,
    phantoms: null,
    receivedOnlyBack: null,
    tallyExact: null,
  };
  const phaseMs = 60_000 + 10 * n;
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'vrijuit-storm-'));
  const url = `http://127.0.0.1:${port}`;
  let phones: Client[] = [];
  let current: Running | null = null;
  try {
    const first = startChild(kind, port, dataDir, options.floor);
    current = { kill: () => first.child.kill() };
    await first.ready;

    // A session with one open single-choice round of 4 options.
    const cookie = await benchCookie(kind, url);
    const admin = await connect(url, 30_000, cookie);
    const { sessionId, joinCode } = await call(admin, 'session:create', {
      commandId: secret(),
      title: 'Reconnect storm',
      zones: ['Zaal'],
    });
    const { roundId } = await call(admin, 'round:create', {
      commandId: secret(),
      config: { kind: 'single-choice' },
      question: 'Which one?',
      options: ['A', 'B', 'C', 'D'],
    });
    const view = await call(admin, 'facilitator:attach', { sessionId });
    await call(admin, 'round:open', { commandId: secret(), roundId });
    admin.close();
    const zoneId = view.session.zones[0]?.id;
    const optionIds = view.rounds.find((r) => r.id === roundId)?.options.map((o) => o.id) ?? [];
    if (!zoneId || optionIds.length === 0) throw new Error('no zone or options in the facilitator view');
    const k = view.session.settings ? Math.max(FLOORS.anonymityThreshold, view.session.settings.anonymityThreshold) : 1;

    // N phones that reconnect by themselves and resume with their token after every reconnect.
    const index = new Map<Client, number>();
    const resumedAt = new Float64Array(n).fill(NaN);
    const ballotAfter: (string | null | undefined)[] = new Array<string | null | undefined>(n);
    const resumeErrors = new Map<string, number>();
    let killedAt = Infinity;
    let resynced = 0;
    let allResynced: (at: number) => void = () => undefined;
    const allResyncedAt = new Promise<number>((resolve) => (allResynced = resolve));
    const resume = (socket: Client) => {
      const i = index.get(socket)!;
      const loose = socket.timeout(phaseMs) as unknown as {
        emit(name: string, request: unknown, ack: (error: Error | null, response: unknown) => void): void;
      };
      loose.emit('participant:resume', { sessionId, token: tokenOf.get(socket) }, (error, response) => {
        const ack = response as { ok: boolean; value?: { self: { ballot: { optionId?: string } | null } } };
        if (error || !ack.ok) {
          const code = error ? error.message : JSON.stringify((response as { error?: unknown }).error);
          resumeErrors.set(code, (resumeErrors.get(code) ?? 0) + 1);
          return;
        }
        if (!Number.isNaN(resumedAt[i]!)) return;
        resumedAt[i] = nowMs();
        ballotAfter[i] = ack.value?.self.ballot?.optionId ?? null;
        if (++resynced === n) allResynced(resumedAt[i]!);
      });
    };
    const joinStart = nowMs();
    const joined = await joinPhones(url, n, {
      concurrency: options.concurrency,
      joinCode,
      zoneId,
      deadline: Date.now() + phaseMs,
      settings: PHONE_SOCKET,
      prepare: (socket) => {
        socket.io.on('reconnect_attempt', () => result.attempts++);
        // Only the reconnects after the kill resume; the first connect joins.
        socket.on('connect', () => {
          if (nowMs() > killedAt) resume(socket);
        });
      },
    });
    phones = joined.phones;
    phones.forEach((phone, i) => index.set(phone, i));
    result.joinMs = nowMs() - joinStart;

    // Every other phone votes (option i mod 4), 200 at a time; the acks and stored notices are awaited.
    const voted = new Map<number, string>();
    const confirmed = new Set<number>();
    const voteOf = new Map<string, number>();
    for (const phone of phones) {
      phone.on('inputs:stored', ({ commandIds }) => {
        for (const id of commandIds) {
          const i = voteOf.get(id);
          if (i !== undefined) confirmed.add(i);
        }
      });
    }
    const voters = phones.map((_, i) => i).filter((i) => i % 2 === 0);
    for (let from = 0; from < voters.length; from += 200) {
      await Promise.all(
        voters.slice(from, from + 200).map(async (i) => {
          const commandId = secret();
          const optionId = optionIds[i % optionIds.length]!;
          voteOf.set(commandId, i);
          const ack = await call(phones[i]!, 'vote:cast', {
            commandId,
            roundId,
            ballot: { kind: 'single-choice', optionId },
          });
          voted.set(i, optionId);
          if ((ack as { stored?: boolean }).stored === true) confirmed.add(i);
        }),
      );
    }
    result.votes = voted.size;
    if (kind === 'vrijuit') {
      // AN12-AN14: complete batches of k are stored; the remainder waits (received only) and may be lost.
      const want = Math.floor(voted.size / k) * k;
      const deadline = Date.now() + phaseMs;
      while (confirmed.size < want) {
        if (Date.now() > deadline) throw new Error(`timed out: stored confirmations (${confirmed.size}/${want})`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      result.confirmed = confirmed.size;
    }

    // The kill, and the restart on the same data and port at once.
    killedAt = nowMs();
    await current.kill();
    result.killToExitMs = nowMs() - killedAt;
    const spawnedAt = nowMs();
    let ready: Promise<void>;
    if (kind === 'vrijuit' && options.restart === 'built') {
      const built = startBuilt(port, dataDir, options);
      current = built.running;
      ready = built.ready;
    } else {
      const again = startChild(kind, port, dataDir, options.floor);
      current = { kill: () => again.child.kill() };
      ready = again.ready;
    }
    await Promise.race([ready, until(Date.now() + 60_000, 'the restart listening')]);
    const listeningAt = nowMs();
    result.spawnToListenMs = listeningAt - spawnedAt;
    const lastAt = await Promise.race([
      allResyncedAt,
      until(Date.now() + phaseMs, `every phone resynced (${resynced}/${n})`),
    ]);
    result.killToAllResyncedMs = lastAt - killedAt;
    result.listenToAllResyncedMs = lastAt - listeningAt;
    const each = ascending(Array.from(resumedAt, (at) => at - killedAt));
    result.resyncP50 = percentile(each, 50);
    result.resyncP99 = percentile(each, 99);

    if (kind === 'vrijuit') {
      let lost = 0;
      let phantoms = 0;
      let receivedOnlyBack = 0;
      for (let i = 0; i < n; i++) {
        const mine = voted.get(i);
        const after = ballotAfter[i];
        if (mine === undefined) {
          if (after !== null) phantoms++;
        } else if (confirmed.has(i)) {
          if (after !== mine) lost++;
        } else if (after === mine) receivedOnlyBack++;
      }
      // P7 "tally exact": a console attached after the restart shows the confirmed votes, counted per option.
      const screen = await connect(url, 30_000, await benchCookie(kind, url));
      const after = await call(screen, 'facilitator:attach', { sessionId });
      screen.close();
      const results = after.rounds.find((r) => r.id === roundId)?.results;
      const want = new Map<string, number>();
      for (const i of confirmed) want.set(voted.get(i)!, (want.get(voted.get(i)!) ?? 0) + 1);
      const values: Record<string, number> = results?.perPerson.values ?? {};
      result.tallyExact =
        results?.respondents === confirmed.size && optionIds.every((o) => (values[o] ?? 0) === (want.get(o) ?? 0));
      if (!result.tallyExact) {
        result.problems.push(
          `the console's tally after the restart (${results?.respondents} respondents, ${JSON.stringify(values)}) ` +
            `is not the ${confirmed.size} confirmed votes'`,
        );
      }
      result.lost = lost;
      result.phantoms = phantoms;
      result.receivedOnlyBack = receivedOnlyBack;
      if (lost > 0) result.problems.push(`${lost} votes confirmed stored before the kill missing after it`);
      if (phantoms > 0) result.problems.push(`${phantoms} phones that never voted have a ballot after the restart`);
    }
    for (const [code, count] of resumeErrors) result.problems.push(`${count} resumes answered ${code}`);
    result.valid = result.problems.length === 0;
  } catch (error) {
    result.problems.push(error instanceof Error ? error.message : String(error));
    result.valid = false;
  } finally {
    for (const phone of phones) phone.close();
    await current?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return result;
}
