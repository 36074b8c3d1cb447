import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { Ballot, RoundConfig } from '../../packages/protocol/src/index.ts';
import { SETUP_ACCOUNT } from './server-process.ts';

/*
 * A room driven through the real server's sockets, as the console and the phones drive it, but without
 * their pages: the projector specs need many rounds in many states, and clicking each through the
 * console would take minutes. Every command goes through the same socket.io API and checks.
 */

/** The five Kempen zones the /new page prefills (the template's zones, without municipalities). */
export const KEMPEN_ZONES = ['Baldemore', 'Neteland', 'Noorderkempen', 'RIT', 'Zuiderkempen'] as const;

/** Eight options long enough to wrap, as a real agenda has them. */
export const EIGHT_OPTIONS = [
  'Opgroeien en jeugdhulp in de eigen buurt',
  'Ouder worden in de eigen gemeente',
  'Tewerkstelling en sociale economie',
  'Gezondheidszorg en eerstelijnszorg',
  '(Precair) wonen en dakloosheid',
  'Armoede en schulden',
  'Mobiliteit voor wie geen auto heeft',
  'Eenzaamheid en sociaal isolement',
] as const;

const id = () => randomBytes(12).toString('base64url');

type Ack = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** One socket.io connection that sends commands and fails loudly on a refusal. */
export class Driver {
  readonly socket: Socket;
  constructor(url: string, cookie?: string) {
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      ...(cookie ? { extraHeaders: { cookie } } : {}),
    });
  }

  async ok<T = unknown>(name: string, request: Record<string, unknown>): Promise<T> {
    const ack = (await this.socket.timeout(10_000).emitWithAck(name, request)) as Ack;
    if (!ack.ok) throw new Error(`${name} refused: ${ack.error.code} ${ack.error.message}`);
    return ack.value as T;
  }

  close(): void {
    this.socket.close();
  }
}

/** Signs the test server's first admin in over HTTP and returns the cookie header (accounts.ts for pages). */
export async function signInCookie(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: SETUP_ACCOUNT.email, password: SETUP_ACCOUNT.password }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

export interface Room {
  sessionId: string;
  joinCode: string;
  facilitator: Driver;
  /** Each phone with the zone (index into KEMPEN_ZONES) it joined. */
  phones: { driver: Driver; zone: number }[];
  close(): void;
}

/**
 * A session with the five Kempen zones, k = 3, and `perZone[i]` phones joined in zone i (in order, so the
 * results are the same every run).
 */
export async function openRoom(url: string, title: string, perZone: readonly number[]): Promise<Room> {
  const cookie = await signInCookie(url);
  const facilitator = new Driver(url, cookie);
  const { sessionId, joinCode } = await facilitator.ok<{ sessionId: string; joinCode: string }>('session:create', {
    commandId: id(),
    title,
    zones: [...KEMPEN_ZONES],
    // Pain points go out in batches at a tick: the floor (10 s), so a wall fills within a test's patience.
    releaseEverySeconds: 10,
  });
  const phones: Room['phones'] = [];
  for (const [zone, count] of perZone.entries()) {
    for (let i = 0; i < count; i++) {
      const driver = new Driver(url);
      await driver.ok('participant:join', { joinCode, token: id() + id(), zoneId: `z${zone + 1}` });
      phones.push({ driver, zone });
    }
  }
  return {
    sessionId,
    joinCode,
    facilitator,
    phones,
    close: () => {
      facilitator.close();
      for (const phone of phones) phone.driver.close();
    },
  };
}

/** The round kinds the projector shows, each with eight options (themes, statements) where it has any. */
export const ROUND_KINDS: { name: string; config: RoundConfig; options: readonly string[] }[] = [
  { name: 'single-choice', config: { kind: 'single-choice' }, options: EIGHT_OPTIONS },
  { name: 'multiple-choice', config: { kind: 'multiple-choice', min: 1, max: 3 }, options: EIGHT_OPTIONS },
  { name: 'ranking', config: { kind: 'ranking' }, options: EIGHT_OPTIONS },
  { name: 'dot-voting', config: { kind: 'dot-voting', budget: 5, maxPerOption: 3 }, options: EIGHT_OPTIONS },
  {
    name: 'scale',
    config: { kind: 'scale', labels: ['Helemaal niet', 'Eerder niet', 'Neutraal', 'Eerder wel', 'Helemaal wel'] },
    options: EIGHT_OPTIONS,
  },
  { name: 'agreement-gradients', config: { kind: 'agreement', preset: 'gradients' }, options: EIGHT_OPTIONS },
  { name: 'agreement-fist', config: { kind: 'agreement', preset: 'fist-of-five' }, options: EIGHT_OPTIONS },
  {
    name: 'pain-points',
    config: { kind: 'pain-points', perParticipant: 3, premoderation: false },
    options: EIGHT_OPTIONS,
  },
  { name: 'position-text', config: { kind: 'position-text', zoneDrafts: false }, options: [] },
];

/** Phone `p`'s ballot in a round of `config` with `n` options: spread over the options, the same every run. */
export function ballotFor(config: RoundConfig, n: number, p: number): Ballot | null {
  const o = (i: number) => `o${(i % n) + 1}`;
  switch (config.kind) {
    case 'single-choice':
      return { kind: 'single-choice', optionId: o(p) };
    case 'multiple-choice':
      return { kind: 'multiple-choice', optionIds: [o(p), o(p + 3)] };
    case 'dot-voting':
      return { kind: 'dot-voting', dots: { [o(p)]: 3, [o(p + 2)]: 2 } };
    case 'ranking':
      return { kind: 'ranking', order: Array.from({ length: n }, (_, i) => o(p + i)) };
    case 'scale':
    case 'agreement': {
      const levels = config.kind === 'scale' ? config.labels.length : config.preset === 'gradients' ? 8 : 6;
      const answers = Object.fromEntries(Array.from({ length: n }, (_, i) => [o(i), (p + i) % levels]));
      return { kind: config.kind, answers };
    }
    default:
      return null;
  }
}

/** Pain points as people write them: some short, some long enough to fill three lines. */
const PAINS = [
  'De facturen komen altijd te laat',
  'Niemand weet wie er beslist over de verdeling van de middelen tussen de gemeenten',
  'Te weinig personeel',
  'Wachtlijsten in de jeugdhulp zijn maanden lang, ook voor dringende situaties in gezinnen met jonge kinderen',
  'Geen bus na acht uur',
  'Formulieren zijn te ingewikkeld',
];

export interface DrivenRound {
  roundId: string;
  lock(locked: boolean): Promise<void>;
  reveal(): Promise<void>;
  close(): Promise<void>;
}

/** Creates and opens a round of `kind`, and lets every phone answer it (pain points: two entries each). */
export async function runRound(room: Room, kind: (typeof ROUND_KINDS)[number], question: string): Promise<DrivenRound> {
  const f = room.facilitator;
  const { roundId } = await f.ok<{ roundId: string }>('round:create', {
    commandId: id(),
    question,
    options: [...kind.options],
    config: kind.config,
  });
  await f.ok('round:open', { commandId: id(), roundId });
  for (const [p, phone] of room.phones.entries()) {
    if (kind.config.kind === 'pain-points') {
      for (const k of [0, 1]) {
        const text = PAINS[(p + k * 3) % PAINS.length]!;
        await phone.driver.ok('painpoint:submit', { commandId: id(), roundId, text, themeId: `o${((p + k) % 8) + 1}` });
      }
      continue;
    }
    const ballot = ballotFor(kind.config, kind.options.length, p);
    if (ballot) await phone.driver.ok('vote:cast', { commandId: id(), roundId, ballot });
  }
  return {
    roundId,
    lock: async (locked) => void (await f.ok('round:lock', { commandId: id(), roundId, locked })),
    reveal: async () => void (await f.ok('round:reveal', { commandId: id(), roundId, revealed: true })),
    close: async () => void (await f.ok('round:close', { commandId: id(), roundId })),
  };
}
