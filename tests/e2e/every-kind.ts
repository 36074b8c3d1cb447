import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type {
  Ballot,
  FacilitatorRound,
  FacilitatorView,
  RoundDesignInput,
  SessionDesignInput,
  SessionLanguage,
} from '../../packages/protocol/src/index.ts';
import { SETUP_ACCOUNT } from './server-process.ts';

/*
 * A session with every round kind, 8 options where the kind has them and 5 zones, steered through its
 * states (open, answered, locked, revealed, closed, ended) over the server's socket.io protocol, as the
 * console does, so tests of phones, console and projector share it without depending on the console's
 * layout. Answers come from participants that are socket clients too ("answerers"); a phone that must
 * show something joins in a browser (phones.ts joinWith). Every step resolves once the server acked it.
 */

/** Five zones; one keeps fewer than k answers (its group hidden), one none. */
export const ZONES = ['Baldemore', 'Neteland', 'Noorderkempen', 'RIT', 'Zuiderkempen'] as const;

/** Answerers per zone (in the order of ZONES) by default: with k = 3, RIT's group is hidden, Zuiderkempen empty. */
export const ANSWERERS = [2, 3, 3, 1, 0] as const;

/** The zone a browser phone joins by default (its answer makes Baldemore's group 3). */
export const PHONE_ZONE = ZONES[0];

/** Eight options, the longest ones real (the Kempen themes). */
export const OPTIONS = [
  'Opgroeien',
  'Ouder worden',
  'Diversiteit en gelijke kansen',
  'Tewerkstelling',
  'Gezondheidszorg',
  '(Precair) wonen',
  'Geestelijke gezondheidszorg',
  'Welzijn en hulpverlening',
];

/** What answerer i writes in a pain-point round, tagged with theme i (mod 8). */
const PAIN_POINTS = [
  'De wachtlijsten voor de kinderopvang zijn te lang',
  'Ouderen vinden de weg niet naar de thuiszorg',
  'Anderstalige gezinnen bereiken we nauwelijks',
  'Te weinig vervoer naar het werk in de kleine gemeenten',
  'Huisartsen nemen geen nieuwe patiënten meer aan',
  'Huurwoningen zijn onbetaalbaar voor wie alleen woont',
  'Jongeren wachten maanden op een psycholoog',
  'Elke gemeente heeft een ander loket voor hetzelfde',
  'Jonge ouders weten niet waar ze met vragen terecht kunnen',
];

/** What answerer i asks in a question round. */
const QUESTIONS = [
  'Wanneer komt de nieuwe busverbinding naar het station?',
  'Wie betaalt de fietsstraat in de Kerkstraat?',
  'Waarom sluit het loket op zaterdag?',
  'Komt er een tweede speelplein in de wijk?',
];

/** What answerer i sends in a word-cloud round: three answers that share words with the others' (so words reach k). */
const CLOUD_ANSWERS = [
  ['fietspaden', 'openbaar vervoer', 'groen'],
  ['veilige fietspaden', 'vervoer op maat', 'ontmoeting'],
  ['fietspad', 'meer groen', 'openbaar vervoer'],
];

const SCALE_LABELS = ['Helemaal niet', 'Eerder niet', 'Neutraal', 'Eerder wel', 'Helemaal wel'];

/** Every round kind (both agreement presets), in agenda order; the key names it in tests. */
export const ROUNDS = {
  single: { question: 'Welk thema eerst?', options: OPTIONS, config: { kind: 'single-choice' } },
  multiple: {
    question: 'Welke thema’s nog?',
    options: OPTIONS,
    config: { kind: 'multiple-choice', min: 1, max: 3 },
  },
  ranking: { question: 'Zet de thema’s in jouw volgorde', options: OPTIONS, config: { kind: 'ranking' } },
  dots: {
    question: 'Verdeel je punten over de thema’s',
    options: OPTIONS,
    config: { kind: 'dot-voting', budget: 5, maxPerOption: 3 },
  },
  scale: { question: 'Hoe dringend is elk thema?', options: OPTIONS, config: { kind: 'scale', labels: SCALE_LABELS } },
  gradients: {
    question: 'Kunnen we leven met deze uitgangspunten?',
    options: OPTIONS,
    config: { kind: 'agreement', preset: 'gradients' },
  },
  fist: {
    question: 'Hoeveel vingers geef je elk thema?',
    options: OPTIONS,
    config: { kind: 'agreement', preset: 'fist-of-five' },
  },
  pain: { question: 'Welke pijnpunten zie je?', options: OPTIONS, config: { kind: 'pain-points' } },
  questions: { question: 'Wat wil je de schepen vragen?', options: [], config: { kind: 'questions' } },
  cloud: {
    question: 'Welk woord zegt wat de Kempen nodig hebben?',
    options: [],
    config: { kind: 'word-cloud', answers: 3 },
  },
  text: { question: 'Standpunttekst', options: [], config: { kind: 'position-text' } },
  /** A variant, not in ROUND_KEYS: each zone writes a draft first (the phone switches between two texts). */
  drafts: {
    question: 'Standpunt per zone',
    options: [],
    config: { kind: 'position-text', zoneDrafts: true },
  },
} as const satisfies Record<string, RoundDesignInput>;

export type RoundKey = keyof typeof ROUNDS;
/** Every kind once (both agreement presets), the default agenda. */
export const ROUND_KEYS: RoundKey[] = [
  'single',
  'multiple',
  'ranking',
  'dots',
  'scale',
  'gradients',
  'fist',
  'pain',
  'questions',
  'cloud',
  'text',
];
/** Variants of a kind a test may add to the agenda. */
export const VARIANT_KEYS: RoundKey[] = ['drafts'];

/** The design: a test may shorten the agenda (`keys`); threshold k = 3, the floor. */
export function everyKindDesign(title: string, keys: readonly RoundKey[] = ROUND_KEYS): SessionDesignInput {
  return {
    title,
    zones: ZONES.map((name) => ({ name })),
    settings: { anonymityThreshold: 3, weighted: false, releaseEverySeconds: 10, releaseMinEntries: 3 },
    agenda: keys.map((key) => ROUNDS[key]),
  };
}

const newId = () => randomBytes(12).toString('base64url');

type Ack = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** A socket.io connection that sends commands and waits for pushed events; no schema checks (the server tests do those). */
class Client {
  readonly socket: Socket;
  readonly #listeners = new Set<() => void>();
  latest: FacilitatorView | null = null;

  constructor(url: string, cookie?: string) {
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      ...(cookie ? { extraHeaders: { cookie } } : {}),
    });
    this.socket.on('facilitator:view', (view: FacilitatorView) => {
      this.latest = view;
      for (const listener of [...this.#listeners]) listener();
    });
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  async ok(name: string, request: Record<string, unknown>): Promise<unknown> {
    const ack = (await this.socket.timeout(10_000).emitWithAck(name, { commandId: newId(), ...request })) as Ack;
    if (!ack.ok) throw new Error(`${name} failed: ${ack.error.code} ${ack.error.message}`);
    return ack.value;
  }

  /** Resolves with the first (or current) console view that satisfies `check`. */
  view(check: (view: FacilitatorView) => boolean, what: string, timeoutMs = 15_000): Promise<FacilitatorView> {
    return new Promise((resolve, reject) => {
      const listener = () => {
        if (!this.latest || !check(this.latest)) return;
        clearTimeout(timer);
        this.#listeners.delete(listener);
        resolve(this.latest);
      };
      const timer = setTimeout(() => {
        this.#listeners.delete(listener);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.#listeners.add(listener);
      listener();
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** Signs in as the test server's first admin (server-process.ts) over HTTP; the `Cookie` header to send. */
async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: SETUP_ACCOUNT.email, password: SETUP_ACCOUNT.password }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return cookie;
}

/** Participant `index` answers round `round` (its option ids in order): varied, always valid. */
function ballotFor(round: FacilitatorRound, index: number): Ballot | null {
  const ids = round.options.map((o) => o.id);
  const pick = (n: number) => ids[(index + n) % ids.length]!;
  const config = round.config;
  switch (config.kind) {
    case 'single-choice':
      return { kind: 'single-choice', optionId: pick(0) };
    case 'multiple-choice':
      return { kind: 'multiple-choice', optionIds: [...new Set([pick(0), pick(3)])].slice(0, config.max) };
    case 'ranking':
      return { kind: 'ranking', order: ids.map((_, i) => pick(i)) };
    case 'dot-voting': {
      const first = Math.min(config.maxPerOption, config.budget);
      return {
        kind: 'dot-voting',
        dots: { [pick(0)]: first, [pick(2)]: Math.min(config.maxPerOption, config.budget - first) },
      };
    }
    case 'scale':
      return {
        kind: 'scale',
        answers: Object.fromEntries(ids.map((id, i) => [id, (index + i) % config.labels.length])),
      };
    case 'agreement':
      return { kind: 'agreement', answers: Object.fromEntries(ids.map((id, i) => [id, (index + i) % 6])) };
    case 'word-cloud':
      return { kind: 'word-cloud', answers: CLOUD_ANSWERS[index % CLOUD_ANSWERS.length]!, words: [] };
    default:
      return null;
  }
}

/** A session with every round kind on the server at `url`, and the facilitator's connection that steers it. */
export class EveryKindSession {
  readonly #url: string;
  readonly #console: Client;
  readonly #answerers: Client[] = [];
  readonly sessionId: string;
  /** As a phone types it (no dashes). */
  readonly joinCode: string;
  readonly #roundIds: Map<RoundKey, string>;

  private constructor(
    url: string,
    console: Client,
    sessionId: string,
    joinCode: string,
    roundIds: Map<RoundKey, string>,
  ) {
    this.#url = url;
    this.#console = console;
    this.sessionId = sessionId;
    this.joinCode = joinCode;
    this.#roundIds = roundIds;
  }

  /** Makes the session (a draft with every round of `keys` as drafts) and attaches its console. */
  static async create(
    url: string,
    title: string,
    keys: readonly RoundKey[] = ROUND_KEYS,
    language: SessionLanguage = 'nl-BE',
    /** Changes the design before the session is made (e.g. klare taal: settings and plain wording). */
    adapt: (design: SessionDesignInput) => SessionDesignInput = (design) => design,
  ): Promise<EveryKindSession> {
    const console = new Client(url, await signIn(url));
    await console.connected();
    const { agenda, settings, ...design } = adapt(everyKindDesign(title, keys));
    const created = await console.ok('session:create', { ...design, ...settings, agenda, language });
    const { sessionId, joinCode } = created as {
      sessionId: string;
      joinCode: string;
    };
    const view = (await console.ok('facilitator:attach', { sessionId })) as FacilitatorView;
    console.latest = view;
    const roundIds = new Map(keys.map((key, i) => [key, view.rounds[i]!.id]));
    return new EveryKindSession(url, console, sessionId, joinCode.replace(/[\s-]/g, ''), roundIds);
  }

  /** The id of round `key`. */
  roundId(key: RoundKey): string {
    const id = this.#roundIds.get(key);
    if (!id) throw new Error(`no round ${key} in this session`);
    return id;
  }

  /** Round `key` as the console sees it now. */
  round(key: RoundKey): FacilitatorRound {
    const id = this.roundId(key);
    return this.#console.latest!.rounds.find((r) => r.id === id)!;
  }

  /** Joins socket participants: `perZone[i]` in zone i (default ANSWERERS); they answer with `answer`. */
  async addAnswerers(perZone: readonly number[] = ANSWERERS): Promise<void> {
    const before = this.#console.latest?.attendance.joined ?? 0;
    let count = 0;
    for (const [zone, n] of perZone.entries()) {
      for (let i = 0; i < n; i++, count++) {
        const client = new Client(this.#url);
        await client.connected();
        await client.ok('participant:join', {
          joinCode: this.joinCode,
          token: randomBytes(18).toString('base64url'),
          zoneId: `z${zone + 1}`,
          name: `Deelnemer ${this.#answerers.length + 1}`,
        });
        this.#answerers.push(client);
      }
    }
    await this.#console.view((v) => v.attendance.joined >= before + count, `${count} answerers joined`);
  }

  async open(key: RoundKey): Promise<void> {
    // A text round open until now closes as it is, even with an empty plenary text (TX6).
    await this.#console.ok('round:open', { roundId: this.roundId(key), closeEmptyText: true });
  }

  /** Every answerer answers round `key` (a pain point or a question for a wall; nothing for a text). */
  async answer(key: RoundKey): Promise<void> {
    const round = this.round(key);
    await Promise.all(
      this.#answerers.map((client, i) => {
        if (round.config.kind === 'pain-points') {
          const themeId = round.options[i % round.options.length]?.id ?? null;
          const text = PAIN_POINTS[i % PAIN_POINTS.length]!;
          return client.ok('painpoint:submit', { roundId: round.id, text, themeId });
        }
        if (round.config.kind === 'questions') {
          const text = QUESTIONS[i % QUESTIONS.length]!;
          return client.ok('painpoint:submit', { roundId: round.id, text, themeId: null });
        }
        const ballot = ballotFor(round, i);
        return ballot ? client.ok('vote:cast', { roundId: round.id, ballot }) : undefined;
      }),
    );
  }

  /** Waits until the console counts at least `n` respondents (a pain wall: released entries) for `key`. */
  async answered(key: RoundKey, n: number): Promise<void> {
    const id = this.roundId(key);
    await this.#console.view(
      (v) => (v.rounds.find((r) => r.id === id)?.respondents ?? 0) >= n,
      `${n} answers to ${key}`,
    );
  }

  /**
   * A wall with what moderation leaves on it: once `released` entries are on the wall, the second is
   * merged into the first, the third hidden (off topic) and every answerer supports the first ("ik ook",
   * a vote for a question); on a question wall the first is then marked answered (QA2).
   */
  async moderate(key: RoundKey, released = 3): Promise<void> {
    const id = this.roundId(key);
    const view = await this.#console.view(
      (v) => (v.rounds.find((r) => r.id === id)?.wall?.points.length ?? 0) >= released,
      `${released} entries on the wall of ${key}`,
      15_000,
    );
    const [first, second, third] = view.rounds.find((r) => r.id === id)!.wall!.points;
    await this.#console.ok('painpoint:merge', { roundId: id, pointId: second!.id, intoId: first!.id });
    await this.#console.ok('painpoint:hide', { roundId: id, pointId: third!.id, reason: 'off-topic' });
    await Promise.all(
      this.#answerers.map((client) =>
        client.ok('painpoint:support', { roundId: id, pointId: first!.id, supported: true }),
      ),
    );
    if (this.round(key).config.kind === 'questions')
      await this.#console.ok('question:answer', { roundId: id, pointId: first!.id, answered: true });
  }

  /** Sets an open round to close by itself in `seconds` (the countdown shows on every screen), or cancels it with null. */
  async timer(key: RoundKey, seconds: number | null): Promise<void> {
    await this.#console.ok('round:timer', { roundId: this.roundId(key), seconds });
  }

  async lock(key: RoundKey, locked = true): Promise<void> {
    await this.#console.ok('round:lock', { roundId: this.roundId(key), locked });
  }

  async reveal(key: RoundKey, revealed = true): Promise<void> {
    await this.#console.ok('round:reveal', { roundId: this.roundId(key), revealed });
  }

  async close(key: RoundKey): Promise<void> {
    await this.#console.ok('round:close', { roundId: this.roundId(key), closeEmptyText: true });
  }

  /** Makes an open or closed round the current one again (round:show). */
  async show(key: RoundKey): Promise<void> {
    await this.#console.ok('round:show', { roundId: this.roundId(key) });
  }

  /** Ends the session (live → closed): phones are thanked. */
  async end(): Promise<void> {
    await this.#console.ok('session:status', { status: 'closed' });
  }

  /** Closes every socket of this helper (the session stays on the server). */
  dispose(): void {
    for (const client of [this.#console, ...this.#answerers]) client.close();
  }
}
