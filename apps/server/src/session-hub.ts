import {
  applyToDraft,
  draftOf,
  evolveAll,
  releaseEntries,
  sealDraft,
  type Decision,
  type DomainEvent,
  type SessionDraft,
  type SessionState,
} from '@vrijuit/core';
import { FLOORS, type Ack } from '@vrijuit/protocol';
import { GLOBAL_SCOPE, type CommandRecord, type SessionStore } from './store/store.ts';
import {
  batchEvents,
  batchRecords,
  distinctSenders,
  isFirst,
  PendingInputs,
  pointIdsOf,
  queueOf,
  releaseSlices,
  type InputKind,
  type PendingInput,
} from './anonymous-batches.ts';
import type { Logger } from './log.ts';
import { CommitTurn, recordKeyOf } from './commit-turn.ts';
import { KnownCommands } from './known-commands.ts';
import { isStaleOwner } from './store/pg-leases.ts';

export type ChangeListener = (sessionId: string, events: readonly DomainEvent[]) => void;
/** LC7: `before` runs ahead of the store's delete (stop what would write), `after` once the data is gone. */
export interface RemoveListener {
  /** Awaited before the rows are deleted (e.g. texts written behind must be stored or dropped first). */
  before?(sessionId: string): void | Promise<void>;
  after?(sessionId: string): void;
}

/** AN13: a batch holds inputs from at least k distinct participants (never fewer than the floor). */
const batchSize = (state: SessionState) => Math.max(FLOORS.anonymityThreshold, state.settings.anonymityThreshold);

/**
 * P3: entries per slice of a release (at least k people each): about 10 ms of one core on this
 * machine's benchmark, store, views and notices included, so a phone's ack waits at most about that long.
 */
const RELEASE_SLICE_ENTRIES = 200;

/** Events that change nothing a waiting input was decided on: the live state takes them as they come. */
const commutesWithWaiting = (event: DomainEvent) =>
  event.type === 'participant:joined' || event.type === 'painpoints:released';

/**
 * Whether the files are scrubbed after these events (`SessionStore.scrub`): after a close (AN1, AN9, AN10), and
 * after a release of entries an older build stored in the inbox (AN8). A batch's entries, written and
 * released in one transaction (AN13), leave nothing to scrub.
 */
const needsScrub = (events: readonly DomainEvent[]) =>
  events.some((e) => e.type === 'round:closed') ||
  (events.some((e) => e.type === 'painpoints:released') && !events.some((e) => e.type === 'painpoint:submitted'));

/**
 * Sessions kept in memory before idle ones leave it (issue 14): a busy server runs a few dozen at once,
 * and an idle one costs a load from the store (a few ms) when it is used again.
 */
const MAX_CACHED_SESSIONS = 500;

export { GLOBAL_SCOPE };

/**
 * Holds each live session's state in memory and runs its commands one at a time: look up the command
 * id, decide, evolve the decided state, and stage the events in the turn's transaction (`CommitTurn`);
 * at the end of the turn of the event loop the turn is committed, the stored state moves on, and only
 * then are its acks answered. A failed commit returns the session to its stored state (VO4, VO5).
 */
export class SessionHub {
  readonly #store: SessionStore;
  readonly #log: Logger;
  /** Each session's state as stored: what every screen shows (AN12). */
  readonly #states = new Map<string, SessionState>();
  /** The stored state plus what turns not yet stored decided, while any are (`CommitTurn`). */
  readonly #decided = new Map<string, SessionState>();
  /** The decided state plus the inputs waiting for their batch, while any wait (AN13). */
  readonly #live = new Map<string, SessionState>();
  /**
   * SE8: the draft whose state `#live` holds while inputs are decided one after the other: each input's
   * events are written into the draft's own copy of the round instead of copying it again; and the draft
   * whose state `#decided` holds while their batches are staged. Both are sealed (`#seal`) before their
   * state is read anywhere else (a view, a command that is not a batch of inputs) or stored.
   */
  readonly #drafts = new Map<string, SessionDraft>();
  readonly #decidedDrafts = new Map<string, SessionDraft>();
  readonly #allDrafts = [this.#drafts, this.#decidedDrafts] as const;
  readonly #decidedOnly = [this.#decidedDrafts] as const;
  /** Per session, its turns not yet stored, in order; the last one may still take commands (`#open`). */
  readonly #turns = new Map<string, CommitTurn[]>();
  readonly #open = new Map<string, CommitTurn>();
  readonly #pending = new Map<string, PendingInputs>();
  readonly #storedListeners: ((sessionId: string, notices: Map<string, string[]>) => void)[] = [];
  readonly #waitingListeners: ((sessionId: string, stepped: boolean) => void)[] = [];
  readonly #tails = new Map<string, Promise<unknown>>();
  /** Pain-point releases under way (`releasePainPoints`), for `drain`. */
  readonly #releases = new Set<Promise<void>>();
  readonly #listeners: ChangeListener[] = [];
  readonly #removeListeners: RemoveListener[] = [];
  readonly #forgetListeners: ((sessionId: string) => void)[] = [];
  readonly #loadListeners: ((sessionId: string) => void)[] = [];
  readonly #lostListeners: ((sessionId: string) => void)[] = [];
  /** Events whose scrub failed, per session: scrubbed with the next (see `#scrubLater`). */
  readonly #unscrubbed = new Map<string, DomainEvent[]>();
  /** Deleted sessions: a load that raced the delete must not put one back in the cache. */
  readonly #removed = new Set<string>();
  /** Which command ids each session in memory may have stored: a new one skips the store's lookup. */
  readonly #known = new KnownCommands();

  readonly #maxCached: number;

  constructor(store: SessionStore, log: Logger, options: { maxCachedSessions?: number } = {}) {
    this.#store = store;
    this.#log = log;
    this.#maxCached = options.maxCachedSessions ?? MAX_CACHED_SESSIONS;
  }

  onChange(listener: ChangeListener): void {
    this.#listeners.push(listener);
  }

  /** The state if it is in memory now (no store access): for checks that must not wait. */
  cached(sessionId: string): SessionState | null {
    return this.#states.get(sessionId) ?? null;
  }

  /** The cached state, loading it from the store on first use. */
  async state(sessionId: string): Promise<SessionState | null> {
    const cached = this.#used(sessionId);
    if (cached) return cached;
    const loaded = await this.#store.loadSession(sessionId);
    const commandIds = loaded ? await this.#store.commandIds(sessionId) : [];
    if (this.#removed.has(sessionId)) return null;
    if (loaded && !this.#states.has(sessionId)) {
      // The state and its command ids together, before any command of the session can be staged.
      this.#states.set(sessionId, loaded);
      this.#known.load(sessionId, commandIds);
      this.#forgetIdle();
      this.#tell(this.#loadListeners, sessionId, 'load');
    }
    return this.#states.get(sessionId) ?? loaded;
  }

  /** The state in memory, marked as just used; undefined when not in memory (no promise: P2, per vote). */
  #used(sessionId: string): SessionState | undefined {
    const cached = this.#states.get(sessionId);
    if (cached) {
      // Most recently used last (a Map keeps insertion order): idle sessions are the first ones.
      this.#states.delete(sessionId);
      this.#states.set(sessionId, cached);
    }
    return cached;
  }

  /**
   * Issue 14: past `maxCachedSessions`, the least recently used sessions leave memory and load again on
   * their next use, but only idle ones: nothing waits for a batch, no command is queued, and no round is
   * open (an open round holds what is in memory only: ballots' groups, AN16, and who may edit a text).
   */
  #forgetIdle(): void {
    let over = this.#states.size - this.#maxCached;
    for (const [sessionId, state] of this.#states) {
      if (over <= 0) return;
      if (this.#tails.has(sessionId) || !this.#quiet(sessionId, state)) continue;
      this.#drop(sessionId);
      this.#tell(this.#forgetListeners, sessionId, 'forget');
      over--;
    }
  }

  /** Nothing of the session lives only in memory: no input waits, no turn or scrub is due, no round is open. */
  #quiet(sessionId: string, state: SessionState): boolean {
    return (
      !this.#pending.get(sessionId)?.size &&
      !this.#turns.has(sessionId) &&
      !this.#unscrubbed.has(sessionId) &&
      !state.rounds.some((r) => r.status === 'open')
    );
  }

  /**
   * RT3: lets a session go from memory after the commands queued before, if nothing of it lives only in
   * memory, telling the forget listeners (with leases: its lease is handed back, so the process its
   * clients are routed to takes it at once). A session not quiet stays.
   */
  letGo(sessionId: string): Promise<void> {
    return this.exclusive(sessionId, async () => {
      await this.#settle(sessionId);
      const state = this.#states.get(sessionId);
      if (!state || !this.#quiet(sessionId, state)) return;
      this.#drop(sessionId);
      this.#tell(this.#forgetListeners, sessionId, 'forget');
    });
  }

  /** Told when a session came into memory from the store (PL7: its owner arms its timers). */
  onLoad(listener: (sessionId: string) => void): void {
    this.#loadListeners.push(listener);
  }

  /** Told when a session left memory idle (issue 14), e.g. to hand its lease back (PL7). */
  onForget(listener: (sessionId: string) => void): void {
    this.#forgetListeners.push(listener);
  }

  /** Calls each listener; a failure is logged, not thrown. */
  #tell(listeners: readonly ((sessionId: string) => void)[], sessionId: string, what: string): void {
    for (const listener of listeners) {
      try {
        listener(sessionId);
      } catch (error) {
        this.#log.error(`${what} listener failed`, { error: String(error) });
      }
    }
  }

  /** What this process holds of a session in memory goes (its stored rows stay). */
  #drop(sessionId: string): void {
    this.#seal(sessionId);
    this.#states.delete(sessionId);
    this.#decided.delete(sessionId);
    this.#live.delete(sessionId);
    this.#pending.delete(sessionId);
    this.#unscrubbed.delete(sessionId);
    this.#known.forget(sessionId);
  }

  /** Told when a session moved to another process (PL7), found at renewal or by a refused write. */
  onLost(listener: (sessionId: string) => void): void {
    this.#lostListeners.push(listener);
  }

  /**
   * PL7: the session moved to another process (it took the lease over): what this one holds of it goes,
   * the inputs waiting in memory too (their phones were told "received" and send them again, AN14, to the
   * new owner). A command still queued loads it again, which waits for the lease (PL6).
   */
  lost(sessionId: string): void {
    this.#drop(sessionId);
    this.#tell(this.#lostListeners, sessionId, 'lost');
  }

  /**
   * RT6: another process asked for the session (its clients are routed there): the commands queued before
   * finish and are stored, then it goes from here as a lost one does (PL7: its connections close and
   * reconnect through the proxy; inputs waiting in memory are sent again by their phones, AN14).
   */
  handOver(sessionId: string): Promise<void> {
    return this.exclusive(sessionId, async () => {
      await this.#settle(sessionId);
      if (!this.#states.has(sessionId)) return;
      this.lost(sessionId);
    });
  }

  onRemove(listener: RemoveListener): void {
    this.#removeListeners.push(listener);
  }

  /**
   * LC7: deletes a session and all its data, in turn with its other commands. `confirm` checks the
   * request against the session (LC6). The ack is stored under the global scope, holding nothing of
   * the session, so a retry (even after the session is gone) answers the same.
   */
  remove(
    sessionId: string,
    commandId: string,
    confirm: (state: SessionState) => Decision<Record<string, never>>,
  ): Promise<Ack<Record<string, never>>> {
    return this.exclusive(sessionId, async () => {
      await this.#settle(sessionId);
      const previous = await this.#store.commandResult(GLOBAL_SCOPE, commandId);
      if (previous) return previous.result as Ack<Record<string, never>>;
      const state = await this.state(sessionId);
      if (!state) return { ok: false, error: { code: 'SESSION_NOT_FOUND', message: 'the session no longer exists' } };
      const decision = confirm(state);
      if (!decision.ok) return { ok: false, error: decision.error };
      const ack: Ack<Record<string, never>> = { ok: true, value: {} };
      await this.#notifyRemove('before', sessionId);
      await this.#store.deleteSession(sessionId, { scope: GLOBAL_SCOPE, commandId, result: ack });
      this.#removed.add(sessionId);
      this.#drop(sessionId);
      for (const listener of this.#removeListeners) void this.#guarded('after', () => listener.after?.(sessionId));
      return ack;
    });
  }

  async #notifyRemove(phase: 'before', sessionId: string): Promise<void> {
    for (const listener of this.#removeListeners) await this.#guarded(phase, () => listener.before?.(sessionId));
  }

  /** A remove listener's call (synchronous up to its first await); its failure is logged, not thrown. */
  async #guarded(phase: 'before' | 'after', call: () => void | Promise<void>): Promise<void> {
    try {
      await call();
    } catch (error) {
      this.#log.error('remove listener failed', { phase, error: String(error) });
    }
  }

  /** Resolves when every command queued so far has finished (graceful shutdown, R4). */
  async drain(): Promise<void> {
    while (this.#tails.size > 0 || this.#releases.size > 0 || this.#turns.size > 0) {
      const turns = [...this.#turns.values()].flatMap((list) => list.map((turn) => turn.over));
      await Promise.allSettled([...this.#tails.values(), ...this.#releases, ...turns]);
    }
  }

  /** Runs `task` after every earlier task of the same key has finished. */
  exclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    // The chain's tail settles once the task has, and takes itself off the map when it is still the last
    // (one promise and one closure per command, P2: a vote burst queues thousands).
    const tails = this.#tails;
    const done = () => {
      if (tails.get(key) === tail) tails.delete(key);
    };
    const tail: Promise<void> = next.then(done, done);
    tails.set(key, tail);
    return next;
  }

  /**
   * Executes one command against a session. `commandId` (with its scope) makes retries idempotent;
   * `decide` gets the state with every earlier command in it (or null when the session is to be
   * created). A command that closes a round first folds in that round's waiting inputs (AN13: the
   * remainder goes into the results). Stored with the other commands of its turn; the ack once stored.
   */
  async execute<T>(
    sessionId: string,
    command: { scope: string; commandId: string } | null,
    decide: (state: SessionState | null) => Decision<T>,
  ): Promise<Ack<T>> {
    const { ack } = await this.exclusive(command?.scope ?? sessionId, async () => {
      if (command) {
        const lookUp = this.#previous(sessionId, command.scope, command.commandId);
        const previous = lookUp && (await lookUp);
        if (previous) return { ack: previous as Promise<Ack<T>> };
      }
      const state = this.#decided.get(sessionId) ?? this.#used(sessionId) ?? (await this.state(sessionId));
      let decision = decide(state);
      if (!decision.ok) return answer<T>({ ok: false, error: decision.error });
      const pending = this.#pending.get(sessionId);
      let folded: PendingInput[] = [];
      if (state && pending && pending.size > 0) {
        const closing = new Set(decision.events.flatMap((e) => (e.type === 'round:closed' ? [e.roundId] : [])));
        folded = [...closing].flatMap((roundId) => pending.inRound(roundId));
        if (folded.length > 0) decision = decide(evolveAll(state, batchEvents(folded)));
        if (!decision.ok) return answer<T>({ ok: false, error: decision.error });
      }
      const ack: Ack<T> = { ok: true, value: decision.value };
      const records = command ? [{ ...command, result: ack }] : [];
      const turn = this.#stage(sessionId, state, folded, decision.events, records);
      return { ack: turn ? turn.ackAfter(ack) : Promise.resolve(ack) };
    });
    return ack;
  }

  /**
   * AN13, AN14: an anonymous input. Decided at once against the live state (the stored state plus the
   * inputs still waiting), acknowledged as received, and stored with its batch once inputs from k
   * distinct participants wait in its queue (pain points: at the release tick, `releasePainPoints`).
   * A retry answers as the first try did: from the store once stored, from memory while it waits.
   */
  async submit<T extends object>(
    sessionId: string,
    input: {
      scope: string;
      recordKey: string;
      commandId: string;
      socketId: string;
      roundId: string;
      kind: InputKind;
      /** The sender's voter key in the round; null for paper. */
      sender: string | null;
    },
    decide: (live: SessionState) => Decision<T>,
  ): Promise<Ack<T & { stored: boolean }>> {
    type Answer = Ack<T & { stored: boolean }>;
    const { ack } = await this.exclusive(sessionId, async () => {
      // A new command id of a session in memory is decided without a promise in between (P2, per vote).
      const lookUp = this.#previous(sessionId, input.scope, input.recordKey);
      const previous = lookUp && (await lookUp);
      if (previous) return { ack: previous as Promise<Answer> };
      const pending = this.#pendingOf(sessionId);
      const waiting = pending.find(input.recordKey);
      if (waiting) {
        waiting.notify.set(input.socketId, input.commandId);
        return answer(waiting.received as Answer);
      }
      const state = this.#decided.get(sessionId) ?? this.#used(sessionId) ?? (await this.state(sessionId));
      if (!state) return answer<T & { stored: boolean }>(SESSION_GONE);
      const live = this.#live.get(sessionId) ?? state;
      const decision = decide(live);
      if (!decision.ok) return answer<T & { stored: boolean }>({ ok: false, error: decision.error });
      const received: Answer = { ok: true, value: { ...decision.value, stored: false } };
      const stored: Answer = { ok: true, value: { ...decision.value, stored: true } };
      const record = { scope: input.scope, commandId: input.recordKey, result: stored };
      const notify = new Map([[input.socketId, input.commandId]]);
      if (decision.events.length === 0) {
        // Nothing changes (the same ballot again): it rides with the sender's waiting input, if any…
        const latest = input.sender === null ? null : pending.latestOf(input.roundId, input.sender);
        if (latest) {
          pending.ride(latest, { record, received, notify });
          return answer(received);
        }
        // …or, with nothing waiting, is stored now: a record that says nothing about anyone.
        return { ack: this.#stage(sessionId, state, [], [], [record])!.ackAfter(stored) };
      }
      const first = input.sender === null || isFirst(state, input.roundId, input.kind, input.sender);
      const queue = queueOf(input.roundId, input.kind, first);
      const item: PendingInput = {
        queue,
        roundId: input.roundId,
        kind: input.kind,
        sender: input.sender,
        events: decision.events,
        record,
        received,
        notify,
        riders: [],
      };
      pending.add(item);
      this.#live.set(sessionId, this.#evolveLive(sessionId, live, decision.events));
      if (input.kind === 'point') {
        // The console hears of waiting entries once per batch: when this entry's author is the k-th
        // person with entries waiting (later steps show with the console's next view, still in steps of k).
        const step =
          input.sender !== null &&
          distinctSenders(pending.inQueue(queue)) === batchSize(state) &&
          pending.inQueue(queue).filter((i) => i.sender === input.sender).length === 1;
        for (const listener of this.#waitingListeners) listener(sessionId, step);
        // Stored at the release tick, never in this turn: received at once.
        return answer(received);
      }
      // Answered at the turn's end: stored if its batch is stored in this turn (no `inputs:stored`
      // follows), received otherwise.
      const ack = this.#turnOf(sessionId).defer<Answer>(item, input.socketId);
      const batch = pending.inQueue(queue);
      if (distinctSenders(batch) >= batchSize(state)) this.#stage(sessionId, state, batch, [], []);
      return { ack };
    });
    return ack;
  }

  /**
   * AN8, AN13: the release tick. Each open round whose waiting pain points come from at least k
   * distinct participants, and number at least `releaseMinEntries`, goes to the store and the wall in
   * shuffled batches: a big one in slices, each a batch of its own, one per turn, so the phones typing
   * meanwhile are answered between slices instead of after the whole batch (P3).
   */
  releasePainPoints(sessionId: string): Promise<void> {
    // Between its slices a release holds no place on the chain: drain() waits for it all the same.
    const release = this.#releaseInSlices(sessionId);
    this.#releases.add(release);
    void release.finally(() => this.#releases.delete(release)).catch(() => undefined);
    return release;
  }

  async #releaseInSlices(sessionId: string): Promise<void> {
    const slices = await this.exclusive(sessionId, async () => {
      const pending = this.#pending.get(sessionId);
      const state = await this.state(sessionId);
      if (!pending || !state) return [];
      const k = batchSize(state);
      return pending.pointRounds().flatMap((roundId) => {
        const points = pending.inQueue(queueOf(roundId, 'point', true));
        if (points.length < state.settings.releaseMinEntries || distinctSenders(points) < k) return [];
        return releaseSlices(points, k, Math.max(RELEASE_SLICE_ENTRIES, state.settings.releaseMinEntries));
      });
    });
    for (const slice of slices) {
      await new Promise((resolve) => setImmediate(resolve));
      const turn = await this.exclusive(sessionId, async () => {
        const state = this.#decided.get(sessionId) ?? this.#states.get(sessionId);
        const pending = this.#pending.get(sessionId);
        // A close in between stored the round's waiting entries with its results.
        const points = slice.filter((item) => pending?.has(item));
        if (!state || points.length < slice.length) return null;
        // The live state holds these entries already: the release is decided there, not on the stored
        // state with them evolved into it again (P3).
        const round = this.live(sessionId)?.rounds.find((r) => r.id === points[0]?.roundId);
        const paper = points.filter((item) => item.sender === null).length;
        return round
          ? this.#stage(sessionId, state, points, releaseEntries(round, pointIdsOf(points), paper), [])
          : null;
      });
      // Each slice stored before the next is cut (and the release over once the last one is).
      await turn?.stored;
    }
  }

  /**
   * AN12: per round, how many participants have pain points waiting, in whole steps of k (0 until k
   * people wrote): the console's waiting count, which never moves with one submission.
   */
  waitingPeople(sessionId: string): Record<string, number> {
    const pending = this.#pending.get(sessionId);
    const state = this.#states.get(sessionId);
    if (!pending || !state) return {};
    const k = batchSize(state);
    const out: Record<string, number> = {};
    for (const roundId of pending.pointRounds()) {
      const people = distinctSenders(pending.inQueue(queueOf(roundId, 'point', true)));
      out[roundId] = Math.floor(people / k) * k;
    }
    return out;
  }

  /** Whether pain points wait for the release tick (the server keeps its tick while they do). */
  hasWaitingPoints(sessionId: string): boolean {
    return (this.#pending.get(sessionId)?.pointRounds().length ?? 0) > 0;
  }

  /** The live state: stored plus waiting inputs. A phone's own ballot and supports are read from it. */
  live(sessionId: string): SessionState | null {
    this.#seal(sessionId);
    return this.#live.get(sessionId) ?? this.#decided.get(sessionId) ?? this.#states.get(sessionId) ?? null;
  }

  /**
   * AN16: applies memory-only events (`ballot:placed`) to the stored and the live state; the store
   * writes nothing, so the files never get the groups back.
   */
  inMemory(sessionId: string, events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return this.exclusive(sessionId, async () => {
      this.#seal(sessionId);
      for (const states of [this.#states, this.#decided, this.#live]) {
        const state = states.get(sessionId);
        if (state) states.set(sessionId, evolveAll(state, events) ?? state);
      }
      for (const turn of this.#turns.get(sessionId) ?? []) if (turn.after) turn.after = evolveAll(turn.after, events);
    });
  }

  /** Pain points now wait for the release tick in this session; `stepped`: the waiting count moved by k. */
  onWaiting(listener: (sessionId: string, stepped: boolean) => void): void {
    this.#waitingListeners.push(listener);
  }

  /** Socket id -> the command ids it sent that are now stored (AN14). */
  onStored(listener: (sessionId: string, notices: Map<string, string[]>) => void): void {
    this.#storedListeners.push(listener);
  }

  #pendingOf(sessionId: string): PendingInputs {
    let pending = this.#pending.get(sessionId);
    if (!pending) {
      pending = new PendingInputs();
      this.#pending.set(sessionId, pending);
    }
    return pending;
  }

  /**
   * Scrubs the files after what was just committed (a closed round's ballots, support keys and entry
   * order), as a step of its own: queued on the session's chain behind the command, whose ack is answered
   * first. On SQLite in the same turn, so nothing (not even a test reading the files) sees the files between
   * the command and its scrub; on PostgreSQL a few awaits later, where what is in the files meanwhile is
   * sealed or in batches (AN25-AN29, the live audit copies them at any moment). A failure is logged and the scrub tried again with the next one, never turned
   * into an error for a command that is stored. Events of a scrub that failed wait in `#unscrubbed`.
   */
  #scrubLater(sessionId: string, events: readonly DomainEvent[]): void {
    const due = [...(this.#unscrubbed.get(sessionId) ?? []), ...events.filter((e) => e.type === 'round:closed')];
    this.#unscrubbed.delete(sessionId);
    void this.exclusive(sessionId, async () => {
      if (this.#removed.has(sessionId)) return;
      try {
        await this.#store.scrub(sessionId, due);
      } catch (error) {
        this.#unscrubbed.set(sessionId, [...(this.#unscrubbed.get(sessionId) ?? []), ...due]);
        this.#log.error('scrub failed; tried again after the next close or release', {
          sessionId,
          error: String(error),
        });
      }
    });
  }

  /**
   * Stages `batch` (waiting inputs, shuffled) and `events` with `records` in this turn's transaction
   * (`CommitTurn`), and moves the decided state and the live state on at once, so the next command is
   * decided with this one in it. Null when there is nothing to store.
   */
  #stage(
    sessionId: string,
    state: SessionState | null,
    batch: readonly PendingInput[],
    events: readonly DomainEvent[],
    records: readonly CommandRecord[],
  ): CommitTurn | null {
    const all = [...batchEvents(batch), ...events];
    const allRecords = [...batchRecords(batch), ...records];
    if (all.length === 0 && allRecords.length === 0) return null;
    const turn = this.#turnOf(sessionId);
    turn.stage(all, allRecords, batch);
    // A session created by this turn has no command in the store yet.
    if (state === null) this.#known.load(sessionId, []);
    for (const record of allRecords) if (record.scope === sessionId) this.#known.add(sessionId, record.commandId);
    if (all.length === 0) return turn;
    const pending = this.#pending.get(sessionId);
    pending?.take(batch);
    const live = this.#live.get(sessionId);
    if (live && state && batch.length > 0 && events.length === 0 && !pending?.size) {
      // SE8: a batch of inputs, nothing else waiting: the live state holds the batch already and stays the
      // live state, its draft open for the turn's next inputs; the decided state takes the batch into its
      // own draft (the senders' order kept, so it equals the live state).
      this.#decided.set(sessionId, this.#evolveDecided(sessionId, state, all));
      return turn;
    }
    // The live state may become the decided state below: from here on nothing writes into either.
    this.#seal(sessionId);
    // With nothing else waiting, the live state is the decided state plus this batch already: the batch
    // is not evolved a second time (each input would cost two copies of the round, P2).
    const next = live && batch.length > 0 && !pending?.size ? evolveAll(live, events) : evolveAll(state, all);
    if (next) this.#decided.set(sessionId, next);
    if (next && pending && pending.size > 0) {
      // The live state already holds the batch; joins and a release commute with every input still
      // waiting, so only they move it on. Anything else (a close, a merge) replays what still waits.
      this.#live.set(
        sessionId,
        live && events.every(commutesWithWaiting)
          ? (evolveAll(live, events) ?? next)
          : (evolveAll(next, pending.events()) ?? next),
      );
    } else {
      this.#live.delete(sessionId);
    }
    return turn;
  }

  /**
   * SE8: the live state with an input's events in it, written into the session's draft (one copy of the
   * round for all the inputs decided until the draft is sealed, not one per input). A new draft starts from
   * sealed states only (the decided draft too): what one draft shares with another must be what neither
   * writes into.
   */
  #evolveLive(sessionId: string, live: SessionState, events: readonly DomainEvent[]): SessionState {
    return this.#evolveIn(this.#drafts, this.#allDrafts, sessionId, live, events);
  }

  /**
   * SE8: the decided state with a staged batch in it, written into the decided state's draft. The decided
   * state here is sealed (stored, or made outside a draft): the live draft may go on.
   */
  #evolveDecided(sessionId: string, decided: SessionState, events: readonly DomainEvent[]): SessionState {
    return this.#evolveIn(this.#decidedDrafts, this.#decidedOnly, sessionId, decided, events);
  }

  /** SE8: `state` with `events` in it, written into its draft in `drafts`; a new draft seals `sealFirst`. */
  #evolveIn(
    drafts: Map<string, SessionDraft>,
    sealFirst: readonly Map<string, SessionDraft>[],
    sessionId: string,
    state: SessionState,
    events: readonly DomainEvent[],
  ): SessionState {
    let draft = drafts.get(sessionId);
    if (draft?.state !== state) {
      this.#sealIn(sealFirst, sessionId);
      draft = draftOf(state);
      drafts.set(sessionId, draft);
    }
    applyToDraft(draft, events);
    return draft.state;
  }

  /** SE8: ends the decided state's draft, if any. */
  #sealDecided(sessionId: string): void {
    this.#sealIn(this.#decidedOnly, sessionId);
  }

  /** SE8: ends the session's drafts, if any: their states are final from now on. */
  #seal(sessionId: string): void {
    this.#sealIn(this.#allDrafts, sessionId);
  }

  #sealIn(maps: readonly Map<string, SessionDraft>[], sessionId: string): void {
    for (const drafts of maps) {
      const draft = drafts.get(sessionId);
      if (!draft) continue;
      sealDraft(draft);
      drafts.delete(sessionId);
    }
  }

  /** The session's open turn, or a new one, stored at the end of this turn of the event loop. */
  #turnOf(sessionId: string): CommitTurn {
    const open = this.#open.get(sessionId);
    if (open) return open;
    const turn = new CommitTurn();
    this.#open.set(sessionId, turn);
    this.#turns.set(sessionId, [...(this.#turns.get(sessionId) ?? []), turn]);
    setImmediate(() => void this.#flush(sessionId, turn));
    return turn;
  }

  /**
   * A stored command's ack, or the ack a turn not yet stored will store (VO4); null when unknown. Null at
   * once, without a promise, for a command id the session in memory cannot hold (nearly every vote).
   */
  #previous(sessionId: string, scope: string, commandId: string): Promise<Promise<unknown> | null> | null {
    // Neither stored nor staged: every record staged since the session's ids were loaded is known.
    if (scope === sessionId && !this.#known.mayHold(sessionId, commandId)) return null;
    return this.#lookUp(sessionId, scope, commandId);
  }

  async #lookUp(sessionId: string, scope: string, commandId: string): Promise<Promise<unknown> | null> {
    const stored = await this.#store.commandResult(scope, commandId);
    if (stored) return Promise.resolve(stored.result);
    const key = recordKeyOf(scope, commandId);
    for (const turn of this.#turns.get(sessionId) ?? []) {
      const staged = turn.retry(key);
      if (staged) return staged;
    }
    return null;
  }

  /** Stores the open turn now and waits for every turn of the session (before a delete). */
  async #settle(sessionId: string): Promise<void> {
    const open = this.#open.get(sessionId);
    if (open) void this.#flush(sessionId, open);
    await Promise.all((this.#turns.get(sessionId) ?? []).map((turn) => turn.over));
  }

  /**
   * Stores a turn in one transaction (after the session's turns before it), then moves the stored state
   * on, tells the listeners and the senders of its batches, and answers its acks. A failure answers them
   * with the error and returns the session to its stored state (`#failFrom`).
   */
  async #flush(sessionId: string, turn: CommitTurn): Promise<void> {
    if (turn.started || turn.failed !== null) return;
    const list = this.#turns.get(sessionId) ?? [];
    const before = list[list.indexOf(turn) - 1];
    // Group commit: while the turn before is still being stored, this one stays open and takes every
    // command that comes meanwhile, so they share its transaction (on PostgreSQL a commit waits for the
    // disk: without this, each turn of a burst waited for the one before, DB12).
    if (before) await before.over;
    if (turn.started || turn.failed !== null) return;
    turn.started = true;
    if (this.#open.get(sessionId) === turn) this.#open.delete(sessionId);
    // SE8: the state this turn stores is final: no later input writes into it (the live state's draft
    // goes on: it is never stored).
    this.#sealDecided(sessionId);
    turn.after = this.#decided.get(sessionId) ?? null;
    if (turn.writes) {
      try {
        await this.#store.commit(sessionId, turn.events, turn.records);
      } catch (error) {
        this.#failFrom(sessionId, turn, error);
        return;
      }
    }
    const rest = (this.#turns.get(sessionId) ?? []).filter((t) => t !== turn);
    if (rest.length > 0) this.#turns.set(sessionId, rest);
    else {
      this.#turns.delete(sessionId);
      this.#decided.delete(sessionId);
    }
    if (turn.events.length > 0 && turn.after) {
      const created = !this.#states.has(sessionId);
      this.#states.set(sessionId, turn.after);
      if (created) this.#forgetIdle();
    }
    const notices = turn.succeed();
    if (turn.events.length === 0) return;
    if (needsScrub(turn.events)) this.#scrubLater(sessionId, turn.events);
    for (const listener of this.#listeners) {
      try {
        listener(sessionId, turn.events);
      } catch (error) {
        this.#log.error('change listener failed', { error: String(error) });
      }
    }
    if (notices.size === 0) return;
    for (const listener of this.#storedListeners) {
      try {
        listener(sessionId, notices);
      } catch (error) {
        this.#log.error('stored listener failed', { error: String(error) });
      }
    }
  }

  /**
   * A turn failed to store: it and every later turn (decided on it) fail; their inputs wait again, the
   * other commands answer the error (nothing was changed), and the session is back at its stored state.
   */
  #failFrom(sessionId: string, turn: CommitTurn, error: unknown): void {
    const list = this.#turns.get(sessionId) ?? [];
    const failing = list.slice(Math.max(0, list.indexOf(turn)));
    const kept = list.slice(0, Math.max(0, list.indexOf(turn)));
    if (kept.length > 0) this.#turns.set(sessionId, kept);
    else this.#turns.delete(sessionId);
    this.#open.delete(sessionId);
    this.#decided.delete(sessionId);
    this.#seal(sessionId);
    const inputs = failing.flatMap((t) => t.inputs);
    if (inputs.length > 0) this.#pendingOf(sessionId).restore(inputs);
    const stored = this.#states.get(sessionId);
    const pending = this.#pending.get(sessionId);
    if (stored && pending && pending.size > 0) this.#live.set(sessionId, evolveAll(stored, pending.events()) ?? stored);
    else this.#live.delete(sessionId);
    this.#log.error('commit failed; its commands answered an error and their inputs wait again', {
      sessionId,
      commands: failing.reduce((n, t) => n + t.records.length, 0),
      error: String(error),
    });
    for (const t of failing) t.fail(error);
    // PL7: refused because another process took the session over: nothing of it stays here.
    if (isStaleOwner(error)) this.lost(sessionId);
  }
}

/** An answer decided without the store: as it is, on no turn. */
const answer = <T>(ack: Ack<T>) => ({ ack: Promise.resolve(ack) });

const SESSION_GONE = {
  ok: false,
  error: { code: 'SESSION_NOT_FOUND', message: 'the session no longer exists' },
} as const;
