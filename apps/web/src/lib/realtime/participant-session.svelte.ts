import type {
  ErrorBody,
  JoinAnswer,
  ParticipantSelf,
  ParticipantView,
  RoundView,
  SessionInfo,
} from '@vrijuit/protocol';
import { fetchJoinAnswer } from '../join-lookup.ts';
import { randomToken } from '../random.ts';
import { readJson, storageKeys, writeJson } from '../storage.ts';
import { realtime, type RealtimeClient } from './client.svelte.ts';
import { forgetSession } from './forget-session.ts';
import type * as PhoneRoundModule from './phone-round.svelte.ts';
import type { PhoneRound } from './phone-round.svelte.ts';

/** What the join form sent: kept while the join waits at the door, so a reload sends it again (DO5). */
interface JoinInput {
  zoneId: string;
  municipalityId: string | null;
  name: string;
}

/** What a phone keeps per join code, so a reload or a lost ack leaves it the same participant. */
interface StoredPhone {
  token: string;
  sessionId: string | null;
  joined: boolean;
  pending?: JoinInput;
}

function readPending(value: unknown): JoinInput | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { zoneId, municipalityId, name } = value as Record<string, unknown>;
  if (typeof zoneId !== 'string' || typeof name !== 'string') return undefined;
  return { zoneId, municipalityId: typeof municipalityId === 'string' ? municipalityId : null, name };
}

function readPhone(code: string): StoredPhone | null {
  const value = readJson(storageKeys.phone(code));
  if (typeof value !== 'object' || value === null) return null;
  const { token, sessionId, joined, pending } = value as Record<string, unknown>;
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{22,128}$/.test(token)) return null;
  const phone: StoredPhone = {
    token,
    sessionId: typeof sessionId === 'string' ? sessionId : null,
    joined: joined === true,
  };
  const input = joined === true ? undefined : readPending(pending);
  return input ? { ...phone, pending: input } : phone;
}

/** How often a phone at the door sends its join again (it is also told at once when let in, DO4). */
const DOOR_RETRY_MS = 20_000;
/** After `RATE_LIMITED` on a join: a few seconds, spread so a room does not retry in step (DO6). */
const BUSY_RETRY_MS = 4000;

export type PhonePhase =
  | 'checking' // looking the code up
  | 'unknown-code'
  | 'lookup-failed'
  | 'join-form'
  | 'joining' // join sent (or waiting for a connection to send it)
  | 'at-the-door' // the join waits for the facilitator, or for a busy moment to pass (DO1, DO6)
  | 'turned-away' // the facilitator turned this join away (DO4)
  | 'resuming' // known phone, waiting for the server's current state
  | 'joined'
  | 'ended' // the session refused to take this phone in: it has ended (LC4)
  | 'gone'; // the session was deleted while this phone was in it (LC7)

export type RoundState = 'waiting' | 'open' | 'closed';

/** The phone's side of a session: look up, join or resume, follow the rounds, vote through the outbox. */
export class ParticipantSession {
  phase = $state<PhonePhase>('checking');
  info = $state.raw<SessionInfo | null>(null);
  view = $state.raw<ParticipantView | null>(null);
  self = $state.raw<ParticipantSelf | null>(null);
  /** Why the last join or resume was refused, shown above the form. */
  problem = $state.raw<ErrorBody | null>(null);
  /** Set when a stored identity turned out to be unknown to the server. */
  forgotten = $state(false);
  /** At the door: waiting for the facilitator, or the server was busy with joins (it retries by itself). */
  doorReason = $state<'facilitator' | 'busy'>('facilitator');
  /** What the phone does in a round (vote, pain points, "ik ook", its own entries): loaded with the first round (P6). */
  actions = $state.raw<PhoneRound | null>(null);
  #inputs: typeof PhoneRoundModule | null = null;
  #inputsLoading: Promise<void> | null = null;
  /** The session the queue is for, once this phone is in one. */
  #sessionId: string | null = null;
  /** Identified on a live connection: the queue may send. */
  #ready = false;
  /**
   * Server clock minus this phone's clock (ms), from the last view's `serverTime`; the round screen's
   * countdown adds it. A plain number here: the ticking clock is loaded with the round screen.
   */
  serverOffset = $state(0);
  readonly code: string;
  /** What the server rendered the page with (P6), taken at start instead of asking again; null: ask. */
  readonly #rendered: JoinAnswer | null;
  #phone: StoredPhone | null = null;
  #join: JoinInput | null = null;
  #identifying = false;
  #retry: ReturnType<typeof setTimeout> | null = null;
  #cleanup: (() => void)[] = [];

  /**
   * Safe on the server: the page is rendered from `rendered` (the server's answer for this code, P6) and
   * hydrates in the same state; the connection and this phone's stored identity come with `start`.
   */
  constructor(code: string, rendered: JoinAnswer | null = null) {
    this.code = code;
    this.#rendered = rendered;
    if (rendered) this.#show(rendered);
  }

  /** The page's one connection, opened on first use in the browser (never on the server). */
  get #client(): RealtimeClient {
    return realtime();
  }

  /**
   * What a co-edited text needs to open (position-text rounds): the session, and one-time tickets asked
   * for over this connection (TX5), so the phone's token never goes in a URL.
   */
  get textAccess(): { sessionId: string; ticket: (docName: string) => Promise<string> } | null {
    const phone = this.#phone;
    return phone?.joined && phone.sessionId ? { sessionId: phone.sessionId, ticket: this.#textTicket } : null;
  }

  readonly #textTicket = async (docName: string): Promise<string> => {
    const result = await this.#client.send('text:ticket', { docName });
    if (result.kind === 'ack' && result.ack.ok) return result.ack.value.ticket;
    throw new Error('no ticket');
  };

  /** RT1: the session's id, the key its requests are routed by, from the stored phone or the rendered lookup. */
  get routingKey(): string | null {
    return this.#phone?.sessionId ?? this.info?.sessionId ?? null;
  }

  /** Which end-of-session screen to show instead of everything else, if any (LC4, LC7). */
  get endedAs(): 'closed' | 'deleted' | null {
    if (this.phase === 'gone') return 'deleted';
    if (this.phase === 'ended') return 'closed';
    const status = (this.phase === 'joined' ? this.view?.session : this.info)?.status;
    return status === 'closed' || status === 'archived' ? 'closed' : null;
  }

  get round(): RoundView | null {
    return this.view?.round ?? null;
  }

  /** PH3: the current round is closed and no round is left to open after it ("no more questions"). */
  get lastRoundDone(): boolean {
    return this.round?.status === 'closed' && this.view?.moreRounds === false;
  }

  get roundState(): RoundState {
    const status = this.round?.status;
    return status === 'open' || status === 'closed' ? status : 'waiting';
  }

  /** Starts the page; returns the cleanup for onMount. */
  start(): () => void {
    this.#phone = readPhone(this.code);
    // RT1: the connection is this session's (its key).
    const routed = this.routingKey;
    if (routed) this.#client.routeBy(routed);
    this.#cleanup.push(
      this.#client.on('participant:view', (view) => this.#applyView(view)),
      // AN14: received inputs of this phone are stored now: no need to keep or send them again.
      this.#client.on('inputs:stored', ({ commandIds }) => this.actions?.queue.stored(commandIds)),
      this.#client.on('session:deleted', ({ sessionId }) => {
        if (sessionId === this.#phone?.sessionId) this.#gone();
      }),
      this.#client.onDisconnect(() => this.#setReady(false)),
      this.#client.onConnect(() => void this.#identify()),
      // DO4: let in: the same join again makes this phone the participant it became.
      this.#client.on('door:admitted', ({ sessionId }) => {
        if (this.phase === 'at-the-door' && sessionId === this.info?.sessionId) void this.#identify();
      }),
      this.#client.on('door:turned-away', ({ sessionId }) => {
        if (this.phase === 'at-the-door' && sessionId === this.info?.sessionId) this.#turnedAway();
      }),
    );
    const pending = this.#phone?.pending;
    if (this.#phone?.joined && this.#phone.sessionId) {
      this.#useSession(this.#phone.sessionId);
      this.phase = 'resuming';
      void this.#identify();
    } else {
      // What the server rendered needs no second request; a phone waiting at the door sends the same join
      // again, with the same token, after a reload (DO5).
      const rendered = this.#rendered;
      const looked = rendered ? Promise.resolve(this.#take(rendered)) : this.lookup();
      if (pending)
        void looked.then(() => {
          if (this.phase === 'join-form') this.join(pending.zoneId, pending.municipalityId, pending.name);
        });
    }
    return () => {
      for (const stop of this.#cleanup) stop();
      this.#cleanup = [];
      this.#stopRetry();
      this.#setReady(false);
    };
  }

  /** Fetches the title and zones for the join form (HTTP, so the form shows before the socket is up). */
  async lookup(): Promise<void> {
    this.phase = 'checking';
    try {
      this.#take(await fetchJoinAnswer(fetch, this.code));
    } catch {
      this.phase = 'lookup-failed';
    }
  }

  /** Shows the answer for this code; asks again when this network must wait first. */
  #take(answer: JoinAnswer): void {
    const waitSeconds = this.#show(answer);
    // RT1: the session is known now: the connection goes to its process (a phone that joined keeps its own).
    if (answer.ok && !this.#phone?.joined) this.#client.routeBy(answer.value.sessionId);
    // NE6: this network's budget of wrong codes is spent for a moment (a room's typos): ask again soon,
    // spread so the room does not ask in step.
    if (waitSeconds) this.#retryIn(waitSeconds * 1000 * (1 + Math.random()), () => this.lookup());
  }

  /** The page's state for an answer (no timers: also on the server); the seconds to wait if limited. */
  #show(answer: JoinAnswer): number | null {
    if (answer.ok) {
      this.info = answer.value;
      this.phase = 'join-form';
    } else if (answer.error.code === 'SESSION_NOT_FOUND') {
      this.phase = 'unknown-code';
    } else if (answer.error.code === 'RATE_LIMITED' && answer.error.retryAfterSeconds) {
      this.phase = 'checking';
      return answer.error.retryAfterSeconds;
    } else {
      this.problem = answer.error;
      this.phase = 'lookup-failed';
    }
    return null;
  }

  /** Joins with a token made (and stored) before the first attempt: a retry is the same person (SE1). */
  join(zoneId: string, municipalityId: string | null, name: string): void {
    this.#join = { zoneId, municipalityId, name: name.trim() };
    this.#phone = {
      ...(this.#phone ?? { token: randomToken(), sessionId: this.info?.sessionId ?? null, joined: false }),
      pending: this.#join,
    };
    writeJson(storageKeys.phone(this.code), this.#phone);
    this.problem = null;
    this.phase = 'joining';
    void this.#identify();
  }

  /**
   * Loads the round's actions (once; again after a failed fetch) and starts their outbox. The session
   * asks for them when a round comes; the page waits for them with the round screen.
   */
  inputsReady(): Promise<void> {
    this.#inputsLoading ??= import('./phone-round.svelte.ts').then(
      (inputs) => {
        this.#inputs = inputs;
        this.#startQueue();
      },
      (error: unknown) => {
        this.#inputsLoading = null;
        throw error;
      },
    );
    return this.#inputsLoading;
  }

  /** Loads the inputs' code once there is a round to send to (errors: the page shows them and retries). */
  #needInputs(): void {
    if (this.view?.round) this.inputsReady().catch(() => undefined);
  }

  #setReady(ready: boolean): void {
    this.#ready = ready;
    this.actions?.queue.setReady(ready);
  }

  /** This phone is in `sessionId`: a queue for it now if its code is here or inputs wait in storage. */
  #useSession(sessionId: string): void {
    this.#sessionId = sessionId;
    if (this.#inputs) this.#startQueue();
    else if (readJson(storageKeys.outbox('participant', sessionId)) !== null) this.inputsReady().catch(() => undefined);
  }

  #startQueue(): void {
    const sessionId = this.#sessionId;
    const inputs = this.#inputs;
    if (this.actions || !sessionId || !inputs) return;
    const actions = new inputs.PhoneRound(this, this.#client, sessionId, () => void this.#identify());
    actions.loadOwn(this.round?.id);
    if (this.#ready) actions.queue.setReady(true);
    this.actions = actions;
  }

  /** Runs on every (re)connect: join or resume, then replace the local state with the answer. */
  async #identify(): Promise<void> {
    const phone = this.#phone;
    if (this.#identifying || !phone || !this.#client.connected) return;
    const joined = phone.joined && phone.sessionId;
    if (!joined && !this.#join) return;
    this.#identifying = true;
    try {
      const result = joined
        ? await this.#client.send('participant:resume', { sessionId: phone.sessionId!, token: phone.token })
        : await this.#client.send('participant:join', {
            joinCode: this.code,
            token: phone.token,
            zoneId: this.#join!.zoneId,
            ...(this.#join!.municipalityId ? { municipalityId: this.#join!.municipalityId } : {}),
            ...(this.#join!.name ? { name: this.#join!.name } : {}),
          });
      if (result.kind === 'no-answer') {
        // Timed out while connected: try again; offline: the next connect will.
        if (result.reason === 'timeout') setTimeout(() => void this.#identify(), 1000);
        return;
      }
      const { ack } = result;
      if (ack.ok) {
        this.#stopRetry();
        const sessionId = ack.value.view.session.sessionId;
        this.#phone = { token: phone.token, sessionId, joined: true };
        writeJson(storageKeys.phone(this.code), this.#phone);
        this.#useSession(sessionId);
        this.info = ack.value.view.session;
        this.serverOffset = ack.value.view.serverTime - Date.now();
        this.view = ack.value.view;
        this.self = ack.value.self;
        this.actions?.loadOwn(ack.value.view.round?.id);
        this.phase = 'joined';
        this.#setReady(true);
        this.#needInputs();
      } else if (joined && (ack.error.code === 'FORBIDDEN' || ack.error.code === 'SESSION_NOT_FOUND')) {
        // The server does not know this phone (any more): start over with a fresh join.
        this.#phone = null;
        writeJson(storageKeys.phone(this.code), null);
        this.forgotten = true;
        this.view = null;
        await this.lookup();
      } else if (ack.error.code === 'SESSION_CLOSED') {
        this.phase = 'ended';
        this.#join = null;
      } else if (!joined && (ack.error.code === 'WAITING_AT_DOOR' || ack.error.code === 'RATE_LIMITED')) {
        // DO1, DO6: not refused, not in yet: wait here and send the same join again now and then.
        const busy = ack.error.code === 'RATE_LIMITED';
        this.doorReason = busy ? 'busy' : 'facilitator';
        this.phase = 'at-the-door';
        this.#retryIn(busy ? BUSY_RETRY_MS * (1 + Math.random()) : DOOR_RETRY_MS);
      } else {
        this.problem = ack.error;
        this.phase = joined ? 'lookup-failed' : 'join-form';
        this.#join = null;
        // A refused join is not sent again after a reload; the form asks anew.
        if (!joined && this.#phone?.pending) {
          this.#phone = { token: this.#phone.token, sessionId: this.#phone.sessionId, joined: false };
          writeJson(storageKeys.phone(this.code), this.#phone);
        }
      }
    } finally {
      this.#identifying = false;
    }
  }

  #retryIn(ms: number, then: () => Promise<void> = () => this.#identify()): void {
    this.#stopRetry();
    this.#retry = setTimeout(() => {
      this.#retry = null;
      void then();
    }, ms);
  }

  #stopRetry(): void {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
  }

  /** DO4: the facilitator turned this join away; the phone may ask again from the form. */
  #turnedAway(): void {
    this.#stopRetry();
    this.#join = null;
    if (this.#phone) {
      this.#phone = { token: this.#phone.token, sessionId: this.#phone.sessionId, joined: false };
      writeJson(storageKeys.phone(this.code), this.#phone);
    }
    this.phase = 'turned-away';
  }

  /** LC7: nothing of the session stays on the phone either: its identity and queue go. */
  #gone(): void {
    this.#setReady(false);
    if (this.#phone?.sessionId) forgetSession(this.#phone.sessionId);
    this.#phone = null;
    writeJson(storageKeys.phone(this.code), null);
    this.view = null;
    this.self = null;
    this.phase = 'gone';
  }

  #applyView(view: ParticipantView): void {
    if (this.phase !== 'joined') return;
    // A new current round starts without a ballot or support; the server sends `self` only on join/resume.
    if (view.round?.id !== this.view?.round?.id && this.self) this.self = { ...this.self, ballot: null, supported: [] };
    this.serverOffset = view.serverTime - Date.now();
    this.actions?.loadOwn(view.round?.id);
    this.view = view;
    this.#needInputs();
  }
}
