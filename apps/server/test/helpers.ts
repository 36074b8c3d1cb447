/**
 * Integration-test helpers: a real server on a real port with a real SQLite file in a temp dir (or, with
 * VRIJUIT_TEST_STORE=postgres, a real PostgreSQL database: test-store.ts), and real socket.io clients.
 * No mocks of sockets or the store.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import {
  eventNames,
  events,
  textDocName,
  type Ack,
  type Ballot,
  type ClientToServerEvents,
  type CommandName,
  type CommandRequest,
  type CommandResult,
  type EventName,
  type EventPayload,
  type FacilitatorView,
  type RoundResults,
  type SessionDesign,
  type ServerToClientEvents,
  type ZoneInput,
} from '@vrijuit/protocol';
import { createLogger } from '../src/log.ts';
import { createServer, type VrijuitServer } from '../src/server.ts';
import { DATABASE_FILE, type SqliteStore } from '../src/store/sqlite-store.ts';
import type { LeaseOptions } from '../src/store/pg-leases.ts';
import {
  databaseOfFile,
  dumpPostgresSync,
  openTestStore,
  queryPostgresSync,
  type TestStoreKind,
} from './test-store.ts';
import { hashPassword } from '../src/auth/password.ts';
import type { SignInLimits } from '../src/auth/sign-in-guard.ts';
import type { Config } from '../src/config.ts';
import type { RequestHandler } from 'express';
import { randomId } from '../src/secrets.ts';

/** A bearer token as a phone makes it: 144 bits, base64url. */
export const newToken = (): string => randomBytes(18).toString('base64url');
export const newCommandId = (): string => randomBytes(12).toString('base64url');

/** A facilitator account of the tests; `FACILITATOR` exists on every test server. */
export interface TestAccount {
  email: string;
  name: string;
  password: string;
  role?: 'admin' | 'facilitator';
}
export const FACILITATOR: TestAccount = { email: 'fien@test.invalid', name: 'Fien', password: 'fien-test-password' };
/** A second facilitator on every test server, with no access to FACILITATOR's sessions unless shared. */
export const OTHER_FACILITATOR: TestAccount = { email: 'sam@test.invalid', name: 'Sam', password: 'sam-test-password' };

/** scrypt is slow on purpose (AC4); each distinct test password is hashed once per process. */
const hashes = new Map<string, Promise<string>>();
const hashOf = (password: string) => {
  let hash = hashes.get(password);
  if (!hash) hashes.set(password, (hash = hashPassword(password)));
  return hash;
};

/** Adds an account to a store directly (as `pnpm admin add` does); no-op if the email exists. */
export async function addAccount(store: SqliteStore, account: TestAccount): Promise<void> {
  await store.accounts.create({
    id: randomId(),
    email: account.email,
    name: account.name,
    role: account.role ?? 'facilitator',
    passwordHash: await hashOf(account.password),
  });
}

/** Cookies of sign-ins made so far, per server and email (sign-ins live in the store, across restarts). */
const cookies = new Map<string, string>();

/**
 * Signs in over HTTP (`POST /api/auth/login`) and returns the `Cookie` header to send. Reuses an
 * earlier sign-in of the same account on the same server unless `fresh` (e.g. to sign it out).
 */
export async function signIn(url: string, account: TestAccount = FACILITATOR, fresh = false): Promise<string> {
  const key = `${url} ${account.email}`;
  const known = cookies.get(key);
  if (known && !fresh) return known;
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  const setCookie = res.headers.get('set-cookie');
  if (!res.ok || !setCookie) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = setCookie.split(';')[0] ?? '';
  if (!fresh) cookies.set(key, cookie);
  return cookie;
}

/** A socket.io client whose handshake carries a sign-in cookie (of `FACILITATOR` unless given). */
export async function signedInClient(url: string, cookie?: string): Promise<TestClient> {
  return connect(url, { extraHeaders: { cookie: cookie ?? (await signIn(url)) } });
}

export interface TestServer {
  readonly url: string;
  readonly wsUrl: string;
  readonly port: number;
  readonly dataDir: string;
  readonly dbFile: string;
  readonly server: VrijuitServer;
  readonly store: SqliteStore;
  /**
   * Closes server and store, stays down `downtimeMs`, reopens the store from the same directory and
   * listens on the same port. `whileDown` runs once both are closed, before the downtime (e.g. to read
   * the database file as the stopped server left it).
   */
  restart(downtimeMs?: number, whileDown?: () => unknown): Promise<void>;
  close(): Promise<void>;
}

/** A clock that stands still until the test moves it (for the rate limits: `startServer({ limitClock })`). */
export function manualClock(): { now: () => number; advance(ms: number): void } {
  let t = Date.now();
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

export async function startServer(
  options: {
    dataDir?: string;
    port?: number;
    now?: () => number;
    noAccounts?: boolean;
    /** createServer's `releaseSecondMs`: 100 makes a 10 s release interval (the floor, AN21) tick every second. */
    releaseSecondMs?: number;
    /** TLS, TRUST_PROXY, ALLOW_INSECURE_HTTP (all off by default); `url` is https with `tls`. */
    network?: Partial<Pick<Config, 'tls' | 'trustProxy' | 'allowInsecureHttp'>>;
    signInLimits?: SignInLimits;
    /** createServer's `limitClock`: the rate limits' clock, e.g. a `manualClock()` the test moves. */
    limitClock?: () => number;
    /** Lays something over the store the server uses (at every start), e.g. to hold a command mid-flight. */
    wrapStore?: (store: SqliteStore) => SqliteStore;
    /** What serves the pages (createServer's `web`): the tests play the web app's part with their own. */
    web?: RequestHandler;
    /** The store, whatever VRIJUIT_TEST_STORE says (PostgreSQL needs VRIJUIT_TEST_POSTGRES_URL). */
    store?: TestStoreKind;
    /** PostgreSQL only: the store takes a lease for each session it works on (PL1-PL10). */
    leases?: LeaseOptions;
  } = {},
): Promise<TestServer> {
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'vrijuit-test-'));
  let port = options.port ?? 0;
  let store!: SqliteStore;
  let server!: VrijuitServer;
  let running = false;

  const open = async () => {
    store = await openTestStore(dataDir, options.store, options.leases);
    server = createServer({
      config: { port, host: '127.0.0.1', allowedOrigins: [], ...options.network },
      store: options.wrapStore?.(store) ?? store,
      log: createLogger('silent'),
      now: options.now,
      limitClock: options.limitClock,
      releaseSecondMs: options.releaseSecondMs,
      signInLimits: options.signInLimits,
      web: options.web,
    });
    // A first start (AC6) has no account; every other test server has the two test facilitators.
    if (!options.noAccounts) {
      await addAccount(store, FACILITATOR);
      await addAccount(store, OTHER_FACILITATOR);
    }
    ({ port } = await server.listen());
    running = true;
  };
  const stop = async () => {
    if (!running) return;
    running = false;
    await server.close();
    await store.close();
  };
  await open();
  const secure = options.network?.tls ? 's' : '';

  return {
    get url() {
      return `http${secure}://127.0.0.1:${port}`;
    },
    get wsUrl() {
      return `ws${secure}://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    dataDir,
    dbFile: join(dataDir, DATABASE_FILE),
    get server() {
      return server;
    },
    get store() {
      return store;
    },
    restart: async (downtimeMs = 0, whileDown?: () => unknown) => {
      await stop();
      await whileDown?.();
      if (downtimeMs > 0) await new Promise((resolve) => setTimeout(resolve, downtimeMs));
      await open();
    },
    close: async () => {
      await stop();
      if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const openClients = new Set<TestClient>();

/** Closes every open client but `keep` (use in afterEach / afterAll). */
export function closeAllClients(keep: readonly TestClient[] = []): void {
  for (const client of [...openClients]) if (!keep.includes(client)) client.close();
}

/**
 * One server for a whole test file: started before its first test (and handed to `use`), its clients
 * closed after each test, stopped after the last.
 */
export function serverPerFile(use: (server: TestServer) => void): void {
  let started: TestServer | undefined;
  beforeAll(async () => {
    started = await startServer();
    use(started);
  });
  afterEach(() => closeAllClients());
  afterAll(() => started?.close());
}

type Received = { [N in EventName]: EventPayload<N>[] };

/**
 * A real socket.io-client connection that records every pushed event, checks each against its
 * protocol schema (extra keys count as invalid: a leak), and sends commands with acks.
 */
export class TestClient {
  readonly socket: ClientSocket;
  readonly received = Object.fromEntries(eventNames.map((n) => [n, []])) as unknown as Received;
  /** When each pushed payload arrived (Date.now()), in the order of `received`. */
  readonly arrivals = Object.fromEntries(eventNames.map((n) => [n, []])) as unknown as { [N in EventName]: number[] };
  /** Pushed payloads that do not match their protocol schema exactly. */
  readonly invalid: { event: string; payload: unknown }[] = [];
  connects = 0;
  readonly #waiters = new Set<() => void>();

  constructor(url: string, extra: Record<string, unknown> = {}) {
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 300,
      randomizationFactor: 0,
      timeout: 5000,
      ...extra,
    });
    openClients.add(this);
    this.socket.on('connect', () => {
      this.connects++;
      this.#notify();
    });
    for (const name of Object.keys(events) as EventName[]) {
      this.socket.on(name, (payload: unknown, ack?: unknown) => {
        const parsed = events[name].payload.safeParse(payload);
        if (!parsed.success || !isDeepStrictEqual(parsed.data, payload)) this.invalid.push({ event: name, payload });
        (this.received[name] as unknown[]).push(payload);
        this.arrivals[name].push(Date.now());
        this.#notify();
        // `server:stopping` asks for an ack (PR2): this client sends nothing the test did not ask for.
        if (typeof ack === 'function') (ack as () => void)();
      });
    }
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  /** Resolves once `check` returns something other than undefined (checked now and on every event). */
  until<T>(check: () => T | undefined, timeoutMs = 3000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const now = check();
      if (now !== undefined) return resolve(now);
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const waiter = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        resolve(value);
      };
      this.#waiters.add(waiter);
    });
  }

  /** Resolves when the client has connected `count` times in all (reconnections included). */
  connected(count = 1, timeoutMs = 5000): Promise<void> {
    return this.until(() => (this.connects >= count ? true : undefined), timeoutMs, `connect #${count}`).then(
      () => undefined,
    );
  }

  latest<N extends EventName>(name: N): EventPayload<N> | undefined {
    const list = this.received[name] as EventPayload<N>[];
    return list[list.length - 1];
  }

  /** The first received payload (already received or future) that satisfies `predicate`. */
  waitFor<N extends EventName>(
    name: N,
    predicate: (payload: EventPayload<N>) => boolean,
    timeoutMs = 3000,
  ): Promise<EventPayload<N>> {
    return this.until(() => (this.received[name] as EventPayload<N>[]).find(predicate), timeoutMs, name);
  }

  /**
   * Waits for the latest `name` event to equal `expected` exactly, then asserts it (so a timeout
   * fails with a diff against the last payload received). `serverTime` is the one field compared
   * apart: it must be the server's clock when the view was made, shortly before it arrived.
   */
  async expectLatest<N extends EventName>(
    name: N,
    expected: Timeless<EventPayload<N>>,
    timeoutMs = 3000,
  ): Promise<void> {
    const latestEquals = () => {
      const latest = this.latest(name);
      return latest !== undefined && isDeepStrictEqual(timeless(latest), expected) ? latest : undefined;
    };
    await this.until(latestEquals, timeoutMs, name).catch(() => undefined);
    const latest = this.latest(name);
    expect(latest && timeless(latest)).toEqual(expected);
    expectServerTime(
      (latest as { serverTime?: number } | undefined)?.serverTime,
      this.arrivals[name][this.arrivals[name].length - 1],
    );
  }

  send<N extends CommandName>(name: N, request: CommandRequest<N>, timeoutMs = 5000): Promise<Ack<CommandResult<N>>> {
    return this.sendRaw(name, request, timeoutMs) as Promise<Ack<CommandResult<N>>>;
  }

  /** Emits anything under any name with an ack; `args` are the arguments before the ack callback. */
  sendRaw(name: string, args: unknown, timeoutMs = 5000, argCount = 1): Promise<unknown> {
    const socket = this.socket as unknown as Socket;
    const params = argCount === 0 ? [] : [args];
    return socket.timeout(timeoutMs).emitWithAck(name, ...params);
  }

  /**
   * A round trip on this client's own connection: an event no server knows, answered at once. One
   * connection delivers in order, so whatever the server sent this client before answering has arrived.
   */
  async roundTrip(): Promise<void> {
    const answer = await this.sendRaw('test:round-trip', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
  }

  /** Sends a command that must succeed and returns its value. */
  async ok<N extends CommandName>(name: N, request: CommandRequest<N>): Promise<CommandResult<N>> {
    const ack = await this.send(name, request);
    if (!ack.ok) throw new Error(`${name} failed: ${ack.error.code} ${ack.error.message}`);
    return ack.value;
  }

  close(): void {
    this.socket.close();
    openClients.delete(this);
  }
}

/**
 * Negative assertions wait on events, not sleeps: runs `act`, then `probe`, a barrier that resolves only
 * once the server has sent whatever `act` could have caused (e.g. `pushConsoleView`, `viewBarrier`), then
 * a round trip on each client's own connection; asserts that none of `names` reached `clients` meanwhile.
 */
export async function nothingBefore(
  clients: readonly TestClient[],
  names: readonly EventName[],
  act: () => Promise<unknown>,
  probe: () => Promise<unknown>,
): Promise<void> {
  const counts = clients.map((client) => names.map((name) => client.received[name].length));
  await act();
  await probe();
  await Promise.all(clients.map((client) => client.roundTrip()));
  clients.forEach((client, i) =>
    names.forEach((name, j) => expect(client.received[name].slice(counts[i]![j]), `${name} #${i}`).toEqual([])),
  );
}

/**
 * A probe on a session's own consoles: one more connection of a phone already in the session changes who
 * is online, which pushes a console and projector view. Resolves with the owner's first console view that
 * counts it, built after everything the session did before (no other phone may connect or leave meanwhile).
 * The connection stays open until `closeAllClients`.
 */
export async function pushConsoleView(
  url: string,
  workshop: Pick<Workshop, 'sessionId' | 'facilitator' | 'phones'>,
): Promise<FacilitatorView> {
  const { facilitator } = workshop;
  await facilitator.roundTrip();
  const online = facilitator.latest('facilitator:view')?.attendance.online ?? 0;
  const phone = await connect(url);
  await phone.ok('participant:resume', { sessionId: workshop.sessionId, token: workshop.phones[0]!.token });
  return facilitator.waitFor('facilitator:view', (v) => v.attendance.online > online);
}

/**
 * A barrier behind every console, projector and phone view the server has scheduled so far. Those views
 * wait 25 ms in a timer per session (broadcaster.ts), and a later change in the same session is folded
 * into a pending view, so a view of its own cannot show that none was pending. A change in a session of
 * its own (this one) sets its own 25 ms timer after all of them; Node fires timers of one delay in the
 * order they were set, each view sent in its timer's turn, so once this console has its view, every view
 * scheduled before it was sent. Not covered: phones' results, which wait out the once-a-second interval.
 */
export async function viewBarrier(url: string): Promise<() => Promise<void>> {
  const console = await signedInClient(url);
  await console.ok('session:create', { commandId: newCommandId(), title: 'Barrière 0', zones: ['Noord'] });
  let n = 0;
  return async () => {
    const title = `Barrière ${++n}`;
    await console.ok('session:update', { commandId: newCommandId(), title });
    await console.waitFor('facilitator:view', (v) => v.session.title === title);
  };
}

/** Mulberry32: the same sequence for the same seed, so a random test runs the same every time. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A view without its `serverTime`, for exact comparisons. */
export type Timeless<T> = T extends { serverTime: number } ? Omit<T, 'serverTime'> : T;

export function timeless<T>(view: T): Timeless<T> {
  if (view && typeof view === 'object' && 'serverTime' in view) {
    const { serverTime: _time, ...rest } = view as T & { serverTime: number };
    return rest as Timeless<T>;
  }
  return view as Timeless<T>;
}

/** How far a view's serverTime may be from when it arrived (same machine, so only the delivery delay). */
const clockSlackMs = 1000;

/** `serverTime` is the server's clock when the view was made: close to when it arrived (default: now). */
export function expectServerTime(serverTime: number | undefined, arrivedAt = Date.now()): void {
  expect(serverTime).toBeTypeOf('number');
  expect(arrivedAt - (serverTime ?? 0), 'serverTime is the server clock').toBeGreaterThanOrEqual(0);
  expect(arrivedAt - (serverTime ?? 0), 'serverTime is the server clock').toBeLessThan(clockSlackMs);
}

export async function connect(url: string, extra: Record<string, unknown> = {}): Promise<TestClient> {
  const client = new TestClient(url, extra);
  await client.connected();
  return client;
}

export interface Phone {
  client: TestClient;
  token: string;
  zoneId: string;
  municipalityId: string | null;
  name: string;
}

export interface Workshop {
  sessionId: string;
  joinCode: string;
  facilitator: TestClient;
  /** The sign-in cookie of the facilitator (owner) who made the session. */
  cookie: string;
  phones: Phone[];
}

export const ZONES = ['Noord', 'Zuid', 'Oost'] as const;

/** Where a phone joins: its zone and, optionally, a municipality of that zone. */
export interface Seat {
  zoneId: string;
  municipalityId?: string;
}

export interface WorkshopOptions {
  /** Default: z1 Noord, z2 Zuid, z3 Oost without municipalities. */
  zones?: ZoneInput[];
  anonymityThreshold?: number;
  weighted?: boolean;
  /** One seat per phone, in order; default: phone i joins zone z(i mod 3 + 1). */
  seats?: Seat[];
  /** AN8: the release tick's period (server default 15 s). */
  releaseEverySeconds?: number;
  /** AN8: how many pain points must wait before a tick releases them (server default 3). */
  releaseMinEntries?: number;
  /** A whole design (e.g. a template): its details, zones, settings and agenda replace the options above. */
  design?: SessionDesign;
}

/**
 * A session (default zones z1 Noord, z2 Zuid, z3 Oost; default threshold 3, unweighted); phone i
 * joins as "P(i+1)" at `seats[i]`, or in zone z(i mod 3 + 1). Joins run one after another, so phone
 * i is the (i+1)th participant.
 */
export async function setUpWorkshop(
  url: string,
  phoneCount = 3,
  title = 'Retro',
  options: WorkshopOptions & { cookie?: string } = {},
): Promise<Workshop> {
  const cookie = options.cookie ?? (await signIn(url));
  const facilitator = await signedInClient(url, cookie);
  const { sessionId, joinCode } = await facilitator.ok('session:create', {
    commandId: newCommandId(),
    title,
    zones: options.zones ?? [...ZONES],
    ...(options.anonymityThreshold === undefined ? {} : { anonymityThreshold: options.anonymityThreshold }),
    ...(options.weighted === undefined ? {} : { weighted: options.weighted }),
    ...(options.releaseEverySeconds === undefined ? {} : { releaseEverySeconds: options.releaseEverySeconds }),
    ...(options.releaseMinEntries === undefined ? {} : { releaseMinEntries: options.releaseMinEntries }),
    ...(options.design ? designRequest(options.design) : {}),
  });
  const phones: Phone[] = [];
  for (let i = 0; i < phoneCount; i++) {
    const seat = options.seats?.[i] ?? { zoneId: `z${(i % 3) + 1}` };
    const client = await connect(url);
    const token = newToken();
    const name = `P${i + 1}`;
    await client.ok('participant:join', { joinCode, token, name, ...seat });
    phones.push({ client, token, zoneId: seat.zoneId, municipalityId: seat.municipalityId ?? null, name });
  }
  return { sessionId, joinCode, facilitator, cookie, phones };
}

/** The fields of session:create that carry a design (DE9). */
function designRequest(design: SessionDesign) {
  const { settings, ...rest } = design;
  return { ...rest, ...settings };
}

/** `count` seats: zone z1 for the first `counts[0]` phones, z2 for the next `counts[1]`, and so on. */
export function seatsByZone(...counts: number[]): Seat[] {
  return counts.flatMap((n, i) => Array.from({ length: n }, () => ({ zoneId: `z${i + 1}` })));
}

/** A new connection attached as the room's projector. */
export async function attachProjector(
  url: string,
  workshop: Pick<Workshop, 'sessionId' | 'cookie'>,
): Promise<TestClient> {
  const projector = await signedInClient(url, workshop.cookie);
  await projector.ok('projector:attach', { sessionId: workshop.sessionId });
  return projector;
}

/** A new console of the workshop's owner (a second laptop, or the first after a restart). */
export async function attachConsole(
  url: string,
  workshop: Pick<Workshop, 'sessionId' | 'cookie'>,
): Promise<TestClient> {
  const console = await signedInClient(url, workshop.cookie);
  await console.ok('facilitator:attach', { sessionId: workshop.sessionId });
  return console;
}

export const OPTIONS = [
  { id: 'o1', label: 'Ja' },
  { id: 'o2', label: 'Nee' },
  { id: 'o3', label: 'Later' },
];

type RoundSettings = Omit<CommandRequest<'round:create'>, 'commandId'>;

/** Creates a draft round (default: single choice Ja / Nee / Later, manual reveal); returns its id. */
export async function createRound(facilitator: TestClient, settings: Partial<RoundSettings> = {}): Promise<string> {
  const { roundId } = await facilitator.ok('round:create', {
    commandId: newCommandId(),
    question: 'Gaan we door?',
    options: OPTIONS.map((o) => o.label),
    ...settings,
  });
  return roundId;
}

/** Creates and opens a round (default: single choice Ja / Nee / Later, manual reveal); returns its id. */
export async function openRound(facilitator: TestClient, settings: Partial<RoundSettings> = {}): Promise<string> {
  const roundId = await createRound(facilitator, settings);
  await facilitator.ok('round:open', { commandId: newCommandId(), roundId });
  return roundId;
}

/** A position-text round, opened; its documents' names (TX1). */
export async function openTextRound(
  facilitator: TestClient,
  zoneDrafts = false,
): Promise<{ roundId: string; plenary: string; draft: (zoneId: string) => string }> {
  const { roundId } = await facilitator.ok('round:create', {
    commandId: newCommandId(),
    question: 'Ons standpunt',
    options: [],
    config: { kind: 'position-text', zoneDrafts },
  });
  await facilitator.ok('round:open', { commandId: newCommandId(), roundId });
  return { roundId, plenary: textDocName(roundId, null), draft: (zoneId) => textDocName(roundId, zoneId) };
}

export interface PainRoundSettings {
  question?: string;
  /** The round's themes (its options, o1, o2, …); default none. */
  themes?: string[];
  perParticipant?: number;
  premoderation?: boolean;
  /** Default `manual`, as for any round. */
  reveal?: 'live' | 'manual';
  durationSeconds?: number | null;
}

/** Creates a draft pain-point round (PP1; default: no themes, 3 entries each, no pre-moderation); returns its id. */
export async function createPainRound(facilitator: TestClient, settings: PainRoundSettings = {}): Promise<string> {
  return createRound(facilitator, {
    question: settings.question ?? 'Waar loop je tegenaan?',
    options: settings.themes ?? [],
    config: {
      kind: 'pain-points',
      ...(settings.perParticipant === undefined ? {} : { perParticipant: settings.perParticipant }),
      ...(settings.premoderation === undefined ? {} : { premoderation: settings.premoderation }),
    },
    ...(settings.reveal === undefined ? {} : { reveal: settings.reveal }),
    ...(settings.durationSeconds === undefined ? {} : { durationSeconds: settings.durationSeconds }),
  });
}

/** Creates and opens a pain-point round; returns its id. */
export async function openPainRound(facilitator: TestClient, settings: PainRoundSettings = {}): Promise<string> {
  const roundId = await createPainRound(facilitator, settings);
  await facilitator.ok('round:open', { commandId: newCommandId(), roundId });
  return roundId;
}

export const single = (optionId: string): Ballot => ({ kind: 'single-choice', optionId });

/** A fresh vote:cast request. */
export const voteFor = (roundId: string, ballot: Ballot) => ({ commandId: newCommandId(), roundId, ballot });

/** Waits until the console shows `respondents` for the round, then returns its results. */
export async function resultsOnConsole(
  facilitator: TestClient,
  roundId: string,
  check: (round: { status: string; respondents: number; results: RoundResults | null }) => boolean,
  timeoutMs = 3000,
): Promise<RoundResults | null> {
  const view = await facilitator.waitFor(
    'facilitator:view',
    (v) => {
      const round = v.rounds.find((r) => r.id === roundId);
      return round !== undefined && check(round);
    },
    timeoutMs,
  );
  return view.rounds.find((r) => r.id === roundId)?.results ?? null;
}

/**
 * Waits for the console's latest view to show exactly `expected` as the round's results, then asserts
 * it (so a timeout fails with a diff).
 */
export async function expectConsoleResults(
  facilitator: TestClient,
  roundId: string,
  expected: RoundResults,
  timeoutMs = 3000,
): Promise<void> {
  const current = () => facilitator.latest('facilitator:view')?.rounds.find((r) => r.id === roundId)?.results;
  await facilitator
    .until(() => (isDeepStrictEqual(current(), expected) ? true : undefined), timeoutMs, 'the results')
    .catch(() => undefined);
  expect(current()).toEqual(expected);
}

/** Every shown breakdown group with fewer than k respondents (but some): must be empty (AN4). */
export function groupsUnderK(results: RoundResults, k: number): string[] {
  const groups = [...(results.breakdown?.zones ?? []), ...(results.breakdown?.municipalities ?? [])];
  return groups.filter((g) => !g.suppressed && g.respondents > 0 && g.respondents < k).map((g) => g.id);
}

/**
 * A read-only look at the raw database file, closed after `read`. On PostgreSQL (test-store.ts) the same
 * look at the test server's database: `prepare(sql).get/all(...)` only, through psql.
 */
export function readDb<T>(file: string, read: (db: Database.Database) => T): T {
  const postgres = databaseOfFile(file);
  if (postgres) return read(postgresReader(postgres));
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/**
 * Every row of every table, for "nothing changed" checks. Sign-ins are left out: a test signing in a
 * second account meanwhile changes no session.
 */
export function dumpDb(file: string): Record<string, unknown[]> {
  const postgres = databaseOfFile(file);
  // The shared limits (SG1) count refusals too: like sign-ins, they are not the session's data.
  if (postgres) return dumpPostgresSync(postgres, ['sign_ins', 'guard_counts', 'guard_salt']);
  return readDb(file, (db) => {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'sign_ins' ORDER BY name`)
      .all() as { name: string }[];
    const order = (name: string) => ((db.pragma(`table_info("${name}")`) as unknown[]).length > 2 ? '1, 2, 3' : '1, 2');
    return Object.fromEntries(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY ${order(name)}`).all()]),
    );
  });
}

/** The raw bytes of the database and its WAL (and shared-memory index), as they are on disk now. */
export function databaseBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

export async function getJson(url: string): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(url);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body };
}

/** readDb's `db` on PostgreSQL: prepared statements' `get` and `all`, also `pluck`ed, nothing else. */
function postgresReader(url: string): Database.Database {
  const first = (row: Record<string, unknown> | undefined) => (row ? Object.values(row)[0] : undefined);
  const prepare = (sql: string) => ({
    all: (...params: unknown[]) => queryPostgresSync(url, sql, params),
    get: (...params: unknown[]) => queryPostgresSync(url, sql, params)[0],
    pluck: () => ({
      all: (...params: unknown[]) => queryPostgresSync(url, sql, params).map(first),
      get: (...params: unknown[]) => first(queryPostgresSync(url, sql, params)[0]),
    }),
  });
  return { prepare } as unknown as Database.Database;
}
