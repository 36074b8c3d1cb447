/**
 * Plain values of the protocol, free of zod, so the phone's bundle can import them
 * (`@vrijuit/protocol/constants`) without pulling in the schemas (P6 budget).
 */
export const PROTOCOL_VERSION = 1;

/** Alphabet for join codes: no 0/O, 1/I/L, so a code read aloud or from a projector is typed right. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;

export const LIMITS = {
  title: 120,
  zoneName: 80,
  zones: 30,
  question: 300,
  optionLabel: 120,
  options: 30,
  participantName: 60,
  municipalities: 60,
  scaleLabels: 10,
  dotBudget: 100,
  roundSeconds: 24 * 60 * 60,
  anonymityThreshold: 50,
  painPointText: 280,
  painPointsPerParticipant: 20,
  /** Core WC2: a word-cloud round asks for one to this many short answers per participant… */
  wordCloudAnswers: 3,
  /** …each at most this long (characters, trimmed). */
  wordCloudAnswer: 40,
  /** Core WC3: the words the server keeps of one participant's answers, at most. */
  wordCloudWords: 15,
  /** The longest word kept (characters). */
  wordCloudWord: 40,
  releaseEverySeconds: 600,
  releaseMinEntries: 50,
  versionLabel: 80,
  versions: 100,
  description: 2000,
  /** Rounds a session's agenda may hold. */
  agenda: 100,
  /** The expected number of participants a facilitator may set (core DO2). */
  expectedParticipants: 20_000,
  /** Joins that may wait at a session's door at once (core DO7); more are `RATE_LIMITED`. */
  waitingJoins: 1000,
} as const;

/** Core RP2: results page after the session: the period in days the page stays open after the session closed (0: no page at all). */
export const RESULTS_PAGE_DAYS = { default: 30, max: 365 } as const;
/** Core RP3: the facilitator's follow-up note ("wat doen we ermee"), plain text. */
export const RESULTS_NOTE_MAX = 4000;

/**
 * AN20-AN22: the anonymity protections have floors the facilitator cannot go under (core SPEC.md,
 * "Floors"). Below them the protections switch themselves off: k 1 shows a zone of one person, a batch of
 * one puts an entry on the wall right after its author typed it, a tick of a few seconds ties an entry to
 * the last person seen typing.
 */
export const FLOORS = {
  /** AN20: no breakdown group of fewer than 3 phone voters is ever shown (AN4, AN23). */
  anonymityThreshold: 3,
  /** AN21: pain points reach the screens at least three at once (AN8). */
  releaseMinEntries: 3,
  /** AN21: and at most once per 10 s, so a release moment covers several people typing. */
  releaseEverySeconds: 10,
} as const;

/** The settings that have a floor (AN20-AN22): they may only go up once someone joined (AN22). */
export const FLOORED_SETTINGS = ['anonymityThreshold', 'releaseMinEntries', 'releaseEverySeconds'] as const;
export type FlooredSetting = (typeof FLOORED_SETTINGS)[number];

/**
 * AN24: settings raised to the floors where they are below (a design or a session stored by an older
 * build); everything else, and values at or above a floor, stay as they are. Never mutates its input.
 */
export function raiseToFloors<T extends Record<FlooredSetting, number>>(settings: T): T {
  return {
    ...settings,
    anonymityThreshold: Math.max(settings.anonymityThreshold, FLOORS.anonymityThreshold),
    releaseMinEntries: Math.max(settings.releaseMinEntries, FLOORS.releaseMinEntries),
    releaseEverySeconds: Math.max(settings.releaseEverySeconds, FLOORS.releaseEverySeconds),
  };
}

/** Defaults a session starts with when the facilitator does not say otherwise. */
export const DEFAULTS = {
  /** AN4: no breakdown group with fewer respondents than this is shown. */
  anonymityThreshold: 3,
  /** AN8: new pain points reach the screens at most once per this many seconds… */
  releaseEverySeconds: 15,
  /** …and only once at least this many are waiting (closing the round releases the rest). */
  releaseMinEntries: 3,
  /** How many pain points one participant may add to a round. */
  painPointsPerParticipant: 3,
  /** Core WC1: how many answers a word-cloud round asks for by default. */
  wordCloudAnswers: 3,
  /** How many questions one participant may ask in a Q&A round (QA1). */
  questionsPerParticipant: 5,
} as const;

/** Why the facilitator hid a pain point; every screen shows the reason in place of the text. */
export const HIDE_REASONS = ['facilitator', 'off-topic', 'names-someone', 'offensive'] as const;

/** Agreement scales: how many levels each preset has (labels are translated in the web app). */
export const AGREEMENT_LEVELS = {
  /** Gradients of agreement, from wholehearted support (0) to veto (7). */
  gradients: 8,
  /** Fist of five: five fingers (0, full support) down to a fist (5, block). */
  'fist-of-five': 6,
} as const;

/**
 * A session's life (core LC1): prepared as a `draft`, `live` while the workshop runs, `closed` after it
 * (phones are thanked and refused), `archived` to keep it read-only.
 */
/**
 * The fewest options a round of `kind` is created with (RO1): a choice needs two to choose between; a
 * scale or agreement check asks about each option on its own, so one statement is enough; a pain-point
 * round's options are optional themes; a position text has none.
 */
export function minOptions(kind: string): number {
  if (kind === 'pain-points' || kind === 'questions' || kind === 'position-text' || kind === 'word-cloud') return 0;
  return kind === 'scale' || kind === 'agreement' ? 1 : 2;
}

export const SESSION_STATUSES = ['draft', 'live', 'closed', 'archived'] as const;

/** Every error a command can answer with. Clients map each code to a translated message. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_COMMAND',
  'NOT_JOINED',
  'FORBIDDEN',
  'SESSION_NOT_FOUND',
  'ROUND_NOT_FOUND',
  'ROUND_NOT_OPEN',
  'ROUND_STATE',
  'OPTION_NOT_FOUND',
  'ZONE_NOT_FOUND',
  'MUNICIPALITY_NOT_FOUND',
  'ROUND_LOCKED',
  'BALLOT_KIND',
  'CHOICE_COUNT',
  'BUDGET_EXCEEDED',
  'MAX_PER_OPTION_EXCEEDED',
  'RANKING_INCOMPLETE',
  'ANSWER_OUT_OF_RANGE',
  'EMPTY_BALLOT',
  'ROUND_KIND',
  'POINT_NOT_FOUND',
  'POINT_STATE',
  'THEME_NOT_FOUND',
  'PAIN_POINT_LIMIT',
  'VERSION_NOT_FOUND',
  'TEXT_EMPTY',
  'ZONES_IN_USE',
  'POSITION_OUT_OF_RANGE',
  'SESSION_STATE',
  'SESSION_CLOSED',
  'TITLE_MISMATCH',
  'WAITING_AT_DOOR',
  'RATE_LIMITED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_EXISTS',
  'ACCOUNT_NOT_FOUND',
  'SETUP_DONE',
  'TEMPLATE_NOT_FOUND',
  'BELOW_FLOOR',
  'PROTECTION_LOWERED',
  'INSECURE_HTTP',
  'SERVER_STOPPING',
  'WRONG_SESSION',
  'INTERNAL',
] as const;

/**
 * RT1: the query parameter of a socket.io handshake that names the session the connection is for (its
 * routing key; the Yjs endpoint and the session's HTTP requests carry it in their path instead).
 */
export const ROUTING_PARAM = 'session';

/** Limits a well-behaved client stays under (S2, S5); the server enforces them. */
export const RATE_LIMITS = {
  /** Per connection, and per participant over all its connections together (S2, core DO8). */
  commandsPerSecond: 20,
  /**
   * S5, S9: wrong join codes per client address, a token bucket: a burst of `wrongJoinCodesBurst`, refilled at
   * `wrongJoinCodesPerMinute`; every new participant joined from the address adds `wrongJoinCodesPerJoin` to
   * both the tokens and the burst (up to `wrongJoinCodesMax`), so a room behind one NAT earns room for its
   * typos while a script that only guesses gets the steady rate (core SPEC S9).
   */
  wrongJoinCodesBurst: 60,
  wrongJoinCodesPerMinute: 30,
  wrongJoinCodesPerJoin: 3,
  wrongJoinCodesMax: 600,
  /**
   * S8, core DO6: joins with a token the session does not know, per address and session: a room behind one NAT
   * joins at once (the burst), a script gets a trickle (the steady rate per minute).
   */
  newJoinsPerAddressBurst: 100,
  newJoinsPerAddressPerMinute: 60,
  /**
   * Core RP8: looks of a results page (a right join code) per client address: a room behind one NAT
   * opens it at once (the burst), a script gets a trickle. Wrong codes count as wrong join codes (S5).
   */
  resultsPagePerAddressBurst: 100,
  resultsPagePerAddressPerMinute: 60,
} as const;

export const YJS_PATH_PREFIX = '/yjs/';

/**
 * TX4: what one connection to the Yjs endpoint may send. A writer typing fast sends about 10 updates and
 * 10 cursor moves a second; a paste or a reconnect with offline edits sends one large sync message.
 * Above the message or byte budget the server closes the connection (`YJS_CLOSE.tooFast`; the editor
 * reconnects and resyncs); cursor (awareness) messages above their rate are dropped, as the next one
 * says the same.
 */
export const YJS_LIMITS = {
  /**
   * Messages: 50 a second (5x fast typing) after a burst of 1,000: a client applying many small
   * transactions at once sends one message each (the compaction test sends 520), and a small message
   * costs the server microseconds; the steady rate is what stops a flood.
   */
  messagesBurst: 1000,
  messagesPerSecond: 50,
  /** Bytes: one largest message at once (the endpoint's 1 MiB frame limit), then 256 KiB a second. */
  bytesBurst: 1024 * 1024,
  bytesPerSecond: 256 * 1024,
  /** Cursors: 20 a second after a burst of 40 (a caret moved by held arrow keys); more are dropped. */
  awarenessBurst: 40,
  awarenessPerSecond: 20,
  /** One awareness message: a name, a colour and a selection take well under 1 KiB. */
  awarenessMaxBytes: 8 * 1024,
  /**
   * A text's encoded Yjs state: 2 MiB is some 300 pages of plain text, far beyond a position text, and
   * keeps every load, snapshot and export cheap. An update that would pass it is refused
   * (`YJS_CLOSE.tooLarge`).
   */
  documentMaxBytes: 2 * 1024 * 1024,
} as const;

/** TX4, TX5: the close codes of the Yjs endpoint (4000-4999 are the application's). */
export const YJS_CLOSE = {
  /** The sign-in behind a facilitator's editor ended (AC3). */
  signInEnded: 4401,
  /** Over the message or byte budget. */
  tooFast: 4429,
  /** An update would make the text larger than `YJS_LIMITS.documentMaxBytes`, or an awareness message is too large. */
  tooLarge: 4413,
} as const;

/** TX5: a Yjs ticket (text:ticket) opens one connection, within this many milliseconds of being issued. */
export const YJS_TICKET_TTL_MS = 30_000;

/**
 * The Yjs document of a position-text round: its plenary text (zoneId null) or a zone's draft. Every
 * client and the server name documents this way.
 */
export function textDocName(roundId: string, zoneId: string | null): string {
  return zoneId === null ? `${roundId}-plenary` : `${roundId}-${zoneId}`;
}

/** The name of the Y.XmlFragment holding the rich text inside each document. */
export const TEXT_FRAGMENT = 'text';
