/**
 * What a phone does in a round: vote, send pain points and questions, say "ik ook", and keep its own
 * entries, all through the outbox. Loaded with the first round, or at once when a reloaded phone still has
 * inputs to send, never while it waits for the first round (P6): the participant session holds only the
 * join, the resume and the views.
 */
import type { Ballot, ErrorBody, ParticipantSelf, RoundView } from '@vrijuit/protocol';
import { randomCommandId } from '../random.ts';
import { readJson, storageKeys, writeJson } from '../storage.ts';
import {
  addOwnPoint,
  dropOwnPoint,
  isPainPointText,
  ownEntries,
  ownPointsKey,
  parseOwnPoints,
  supportedIds,
  type OutgoingPoint,
  type OwnEntry,
  type OwnPoint,
  type SupportChange,
} from '../wall/own-points.ts';
import type { RealtimeClient } from './client.svelte.ts';
import { isUnsettled, type EntryState, type OutboxEntry } from './outbox.ts';
import { OutboxQueue } from './outbox-queue.svelte.ts';

/** What the round's actions read from the participant session, and the one thing they write back. */
export interface PhoneRoundHost {
  readonly round: RoundView | null;
  /** What the server knows of this phone; updated here from acks (the server does not push it back). */
  self: ParticipantSelf | null;
}

/** QA1: a round whose outcome is a wall (pain points or questions): the same entries and support. */
const walled = (kind: string) => kind === 'pain-points' || kind === 'questions';

/** No "ik ook" yet: before a round's wall. */
const NO_SUPPORT: ReadonlySet<string> = new Set();

export class PhoneRound {
  readonly queue: OutboxQueue;
  readonly #host: PhoneRoundHost;
  readonly #sessionId: string;
  /** This phone's acknowledged pain points per round id, as kept on the phone (own-points.ts). */
  #own = $state.raw<Record<string, OwnPoint[]>>({});

  constructor(host: PhoneRoundHost, client: RealtimeClient, sessionId: string, onIdentityLost: () => void) {
    this.#host = host;
    this.#sessionId = sessionId;
    this.queue = new OutboxQueue({
      client,
      storageKey: storageKeys.outbox('participant', sessionId),
      onSettled: (entry, ack) => {
        if (ack.ok) this.#settled(entry, ack.value);
      },
      onIdentityLost,
    });
  }

  /** The ballot to show as this phone's: what is on its way or waits to be stored, else what the server has. */
  get ballot(): Ballot | null {
    const round = this.#host.round;
    if (!round) return null;
    const entry = this.queue.latest(voteSlot(round.id));
    if (entry && isUnsettled(entry) && entry.name === 'vote:cast') return entry.request.ballot;
    return this.#host.self?.ballot ?? null;
  }

  /**
   * pending | received | sent (stored) | failed for the current round's vote; null before voting. A
   * ballot the server has without an outbox entry is stored: the outbox keeps received ones, even
   * across a reload.
   */
  get voteState(): EntryState | null {
    const round = this.#host.round;
    if (!round) return null;
    const entry = this.queue.latest(voteSlot(round.id));
    if (entry) return entry.state;
    return this.#host.self?.ballot ? 'sent' : null;
  }

  get voteError(): ErrorBody | null {
    const round = this.#host.round;
    return round ? (this.queue.latest(voteSlot(round.id))?.error ?? null) : null;
  }

  /**
   * "Jouw punten" of the current pain-point round: acknowledged entries (kept on this phone only, the
   * server has no link to their author), received or stored, then those on their way or refused.
   */
  get ownPoints(): OwnEntry[] {
    const round = this.#host.round;
    if (!round || !walled(round.config.kind)) return [];
    const outgoing: OutgoingPoint[] = [];
    for (const entry of this.queue.entries) {
      if (entry.name !== 'painpoint:submit' || entry.request.roundId !== round.id || entry.state === 'sent') continue;
      const { commandId, text, themeId } = entry.request;
      const { state, error } = entry;
      outgoing.push({ commandId, text, themeId: themeId ?? null, state, error, pointId: pointIdOf(entry) });
    }
    return ownEntries(this.#own[round.id] ?? [], outgoing, round.wall);
  }

  /** This phone's acknowledged entries in the current round, to mark them on the wall. */
  get ownSaved(): readonly OwnPoint[] {
    const round = this.#host.round;
    return round ? (this.#own[round.id] ?? []) : [];
  }

  /** The entries of the current round this phone says "ik ook" to, counting taps on their way. */
  get supported(): ReadonlySet<string> {
    const round = this.#host.round;
    if (!round?.wall) return NO_SUPPORT;
    const pending: SupportChange[] = [];
    for (const entry of this.queue.entries) {
      if (entry.name === 'painpoint:support' && isUnsettled(entry) && entry.request.roundId === round.id) {
        pending.push(entry.request);
      }
    }
    const ids = round.wall.points.map((p) => p.id);
    return supportedIds(ids, this.#host.self?.supported ?? [], pending);
  }

  /** pending | received | sent | failed for the last "ik ook" change on an entry; null when there was none. */
  supportState(pointId: string): { state: EntryState; error: ErrorBody | null } | null {
    const round = this.#host.round;
    const entry = round ? this.queue.latest(supportSlot(round.id, pointId)) : undefined;
    return entry ? { state: entry.state, error: entry.error } : null;
  }

  /** The open round that takes input now, if any (not paused). */
  #openRound(): RoundView | null {
    const round = this.#host.round;
    return round && round.status === 'open' && !round.locked ? round : null;
  }

  /** Casts (or replaces) this phone's ballot in the open round; shown as pending until acked. */
  vote(ballot: Ballot): void {
    const round = this.#openRound();
    if (!round) return;
    this.queue.add(
      { name: 'vote:cast', request: { commandId: randomCommandId(), roundId: round.id, ballot } },
      voteSlot(round.id),
      true,
    );
  }

  /**
   * Adds a pain point to the open round (shown as pending until acked). The text is sent trimmed, as
   * the server counts it. Returns false when nothing was sent (no open round, paused, empty or too long).
   */
  submitPainPoint(text: string, themeId: string | null): boolean {
    const round = this.#openRound();
    if (!round || !walled(round.config.kind) || !isPainPointText(text)) return false;
    const commandId = randomCommandId();
    this.queue.add(
      { name: 'painpoint:submit', request: { commandId, roundId: round.id, text: text.trim(), themeId } },
      painSlot(round.id, commandId),
    );
    return true;
  }

  /** Sends a refused pain point again (a new command: the refusal was an answer, not a lost ack). */
  retryPainPoint(commandId: string): void {
    const entry = this.#failedPainPoint(commandId);
    if (!entry || entry.name !== 'painpoint:submit') return;
    const { text, themeId } = entry.request;
    if (this.submitPainPoint(text, themeId ?? null)) this.#forgetFailed(entry);
  }

  /** Takes a refused pain point off the list. */
  dismissPainPoint(commandId: string): void {
    const entry = this.#failedPainPoint(commandId);
    if (entry) this.#forgetFailed(entry);
  }

  /** "Ik ook" on a released entry of the open round, or withdraws it; a newer tap replaces one on its way. */
  setSupport(pointId: string, supported: boolean): void {
    const round = this.#openRound();
    if (!round || !walled(round.config.kind)) return;
    this.queue.add(
      {
        name: 'painpoint:support',
        request: { commandId: randomCommandId(), roundId: round.id, pointId, supported },
      },
      supportSlot(round.id, pointId),
      true,
    );
  }

  /** Loads the phone's own entries of a round from storage, once per round. */
  loadOwn(roundId: string | undefined): void {
    if (!roundId || Object.hasOwn(this.#own, roundId)) return;
    const stored = readJson(ownPointsKey(this.#sessionId, roundId));
    this.#own = { ...this.#own, [roundId]: parseOwnPoints(stored) };
  }

  /** What an ok ack changes on the phone: its ballot, its own entries, its "ik ook". */
  #settled(entry: OutboxEntry, value: unknown): void {
    const host = this.#host;
    const self = host.self;
    const current = (roundId: string) => (self && roundId === host.round?.id ? self : null);
    if (entry.name === 'vote:cast') {
      // The server does not push our own ballot back: keep what it acknowledged (received or stored).
      const mine = current(entry.request.roundId);
      if (mine) host.self = { ...mine, ballot: entry.request.ballot };
    } else if (entry.name === 'painpoint:submit') {
      // The entry's id is in the ack only: the phone keeps it, the server cannot say whose it is.
      const pointId = pointIdOf({ ...entry, value });
      const { roundId, text, themeId } = entry.request;
      if (pointId) this.#keepOwn(roundId, { pointId, text, themeId: themeId ?? null });
    } else if (entry.name === 'painpoint:support') {
      const { roundId, pointId, supported } = entry.request;
      const mine = current(roundId);
      if (!mine) return;
      const others = mine.supported.filter((id) => id !== pointId);
      host.self = { ...mine, supported: supported ? [...others, pointId] : others };
    }
  }

  #failedPainPoint(commandId: string): OutboxEntry | undefined {
    return this.queue.entries.find(
      (e) => e.name === 'painpoint:submit' && e.request.commandId === commandId && e.state === 'failed',
    );
  }

  /** A refused entry goes, with the own entry its first ack made (received, then lost and refused). */
  #forgetFailed(entry: OutboxEntry): void {
    this.queue.forget(entry);
    const pointId = pointIdOf(entry);
    if (entry.name !== 'painpoint:submit' || !pointId) return;
    const roundId = entry.request.roundId;
    this.#store(roundId, dropOwnPoint(this.#own[roundId] ?? [], pointId));
  }

  /** Keeps an acknowledged entry as this phone's (in memory, and in storage when it can). */
  #keepOwn(roundId: string, point: OwnPoint): void {
    this.loadOwn(roundId);
    this.#store(roundId, addOwnPoint(this.#own[roundId] ?? [], point));
  }

  #store(roundId: string, points: OwnPoint[]): void {
    this.#own = { ...this.#own, [roundId]: points };
    writeJson(ownPointsKey(this.#sessionId, roundId), points);
  }
}

const voteSlot = (roundId: string) => `vote:${roundId}`;
/** A pain point's id, from its command's first ok ack (kept in the outbox entry). */
function pointIdOf(entry: OutboxEntry): string | null {
  const value = entry.value as { pointId?: unknown } | null | undefined;
  return typeof value?.pointId === 'string' ? value.pointId : null;
}
/** Each pain point is its own entry: none replaces another. */
const painSlot = (roundId: string, commandId: string) => `pain:${roundId}:${commandId}`;
/** "Ik ook" per entry: the newest tap is what counts. */
const supportSlot = (roundId: string, pointId: string) => `support:${roundId}:${pointId}`;
