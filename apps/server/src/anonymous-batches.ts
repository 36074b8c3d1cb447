import { randomInt } from 'node:crypto';
import { tableGet, tableValues, type DomainEvent, type SessionState } from '@vrijuit/core';
import type { Ack } from '@vrijuit/protocol';
import type { CommandRecord } from './store/store.ts';

/**
 * AN13: anonymous inputs (ballots, "ik ook", pain points) wait here, in memory only, until they reach
 * the store in one transaction with the inputs of at least k other participants. Until then the phone
 * holds them in its outbox (AN14), so a crash loses nothing a phone was told is stored.
 *
 * Inputs queue per round, per kind, and, for keys the files show (ballots, supports), apart for a key's
 * first input and its later ones: a batch of one newcomer among k - 1 changed ballots would single the
 * newcomer's key out (a latecomer who just joined).
 */
export type InputKind = 'ballot' | 'support' | 'point';

export interface PendingInput {
  readonly queue: string;
  readonly roundId: string;
  readonly kind: InputKind;
  /** The sender's voter key in the round (distinct participants); null for paper, which counts toward no k. */
  readonly sender: string | null;
  readonly events: readonly DomainEvent[];
  /** Where the command's ack is recorded (AN15), and the ack to record: `stored: true`. */
  readonly record: CommandRecord;
  /** The ack the sender got at once: `stored: false`. */
  readonly received: Ack<unknown>;
  /** Sockets to tell once it is stored, with the command id each knows it by; retries add theirs. */
  readonly notify: Map<string, string>;
  /** Commands of the same sender that changed nothing while this one waited: stored with it. */
  readonly riders: Rider[];
}

/** A command that changed nothing, stored (and confirmed) with its sender's waiting input. */
export interface Rider {
  readonly record: CommandRecord;
  readonly received: Ack<unknown>;
  readonly notify: Map<string, string>;
}

export const queueOf = (roundId: string, kind: InputKind, first: boolean): string =>
  kind === 'point' ? `${roundId}|point` : `${roundId}|${kind}|${first ? 'first' : 'again'}`;

/** AN13: whether a key shows up in the files for the first time with this input. */
export function isFirst(state: SessionState, roundId: string, kind: InputKind, key: string): boolean {
  const round = state.rounds.find((r) => r.id === roundId);
  if (!round) return true;
  if (kind === 'ballot') return tableGet(round.ballots, key) === undefined;
  if (kind === 'support') return !tableValues(round.points).some((p) => p.supporters.includes(key));
  return true;
}

/** How many distinct participants (paper excluded) have inputs in `items`. */
export function distinctSenders(items: Iterable<PendingInput>): number {
  const senders = new Set<string>();
  for (const item of items) if (item.sender !== null) senders.add(item.sender);
  return senders.size;
}

/**
 * The events of a batch, senders in random order (each sender's own inputs keep their order: a changed
 * ballot must land after the first). The store writes them in one transaction, so the files keep no
 * order anyway; the shuffle keeps it that way if a store ever writes row by row.
 */
export function batchEvents(items: readonly PendingInput[]): DomainEvent[] {
  const bySender = new Map<string, PendingInput[]>();
  let paper = 0;
  for (const item of items) {
    const key = item.sender ?? `paper:${paper++}`;
    const list = bySender.get(key);
    if (list) list.push(item);
    else bySender.set(key, [item]);
  }
  const groups = [...bySender.values()];
  for (let i = groups.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [groups[i], groups[j]] = [groups[j]!, groups[i]!];
  }
  return groups.flatMap((group) => group.flatMap((item) => item.events));
}

/** The pain points a batch's inputs add (paper ones included). */
export function pointIdsOf(items: readonly PendingInput[]): string[] {
  return items.flatMap((item) => item.events.flatMap((e) => (e.type === 'painpoint:submitted' ? [e.pointId] : [])));
}

/**
 * P3: a release tick's batch cut into slices in random order, each of at least `size` entries from at
 * least `k` distinct participants (a remainder joins the last slice), so each slice is a batch of its own
 * (AN13) and the server stores one slice per turn, answering phones in between.
 */
export function releaseSlices(items: readonly PendingInput[], k: number, size: number): PendingInput[][] {
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const slices: PendingInput[][] = [];
  let slice: PendingInput[] = [];
  let senders = new Set<string>();
  for (const item of shuffled) {
    slice.push(item);
    if (item.sender !== null) senders.add(item.sender);
    if (slice.length >= size && senders.size >= k) {
      slices.push(slice);
      slice = [];
      senders = new Set();
    }
  }
  const last = slices.at(-1);
  if (slice.length > 0 && last) last.push(...slice);
  else if (slice.length > 0) slices.push(slice);
  return slices;
}

/** The command records a batch stores: each input's, and its riders'. */
export function batchRecords(items: readonly PendingInput[]): CommandRecord[] {
  return items.flatMap((item) => [item.record, ...item.riders.map((r) => r.record)]);
}

/** Socket id -> the command ids it sent that a batch stored. */
export function batchNotices(items: readonly PendingInput[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (notify: Map<string, string>) => {
    for (const [socketId, commandId] of notify) {
      const list = out.get(socketId);
      if (list) list.push(commandId);
      else out.set(socketId, [commandId]);
    }
  };
  for (const item of items) {
    add(item.notify);
    for (const rider of item.riders) add(rider.notify);
  }
  return out;
}

/**
 * One session's waiting inputs, by queue (each in arrival order), so an input costs the size of its own
 * queue, not of everything waiting (thousands of pain points may wait for a tick beside a vote).
 */
export class PendingInputs {
  readonly #queues = new Map<string, PendingInput[]>();
  /** Arrival order across queues, for replaying what waits (rare: after a close or a merge). */
  readonly #arrival = new Map<PendingInput, number>();
  readonly #byRecord = new Map<string, PendingInput | Rider>();
  #next = 0;

  get size(): number {
    return this.#arrival.size;
  }

  /** Whether `item` still waits (a close may have stored it with the round's results). */
  has(item: PendingInput): boolean {
    return this.#arrival.has(item);
  }

  /** A waiting command (an input or a rider) by its record key, for retries. */
  find(recordKey: string): PendingInput | Rider | null {
    return this.#byRecord.get(recordKey) ?? null;
  }

  add(item: PendingInput): void {
    const queue = this.#queues.get(item.queue);
    if (queue) queue.push(item);
    else this.#queues.set(item.queue, [item]);
    this.#arrival.set(item, this.#next++);
    this.#byRecord.set(item.record.commandId, item);
  }

  /** The sender's latest waiting input in a round, for a command that changed nothing to ride with. */
  latestOf(roundId: string, sender: string): PendingInput | null {
    let latest: PendingInput | null = null;
    for (const item of this.inRound(roundId)) {
      if (item.sender === sender && (!latest || this.#arrival.get(item)! > this.#arrival.get(latest)!)) latest = item;
    }
    return latest;
  }

  ride(item: PendingInput, rider: Rider): void {
    item.riders.push(rider);
    this.#byRecord.set(rider.record.commandId, rider);
  }

  inQueue(queue: string): PendingInput[] {
    return this.#queues.get(queue) ?? [];
  }

  inRound(roundId: string): PendingInput[] {
    const prefix = `${roundId}|`;
    return [...this.#queues].filter(([queue]) => queue.startsWith(prefix)).flatMap(([, items]) => items);
  }

  /** Rounds with pain points waiting (for the release tick). */
  pointRounds(): string[] {
    return [...this.#queues.keys()].filter((q) => q.endsWith('|point')).map((q) => q.slice(0, -'|point'.length));
  }

  /** Every waiting event, in arrival order (the live state is the stored state plus these). */
  events(): DomainEvent[] {
    return [...this.#arrival].sort((a, b) => a[1] - b[1]).flatMap(([item]) => item.events);
  }

  /**
   * Puts taken inputs back, ahead of everything that waits (they came first), in their order: a batch
   * whose transaction failed waits again.
   */
  restore(items: readonly PendingInput[]): void {
    let first = this.#next;
    for (const arrival of this.#arrival.values()) first = Math.min(first, arrival);
    const byQueue = new Map<string, PendingInput[]>();
    items.forEach((item, index) => {
      byQueue.set(item.queue, [...(byQueue.get(item.queue) ?? []), item]);
      this.#arrival.set(item, first - items.length + index);
      this.#byRecord.set(item.record.commandId, item);
      for (const rider of item.riders) this.#byRecord.set(rider.record.commandId, rider);
    });
    for (const [name, back] of byQueue) this.#queues.set(name, [...back, ...(this.#queues.get(name) ?? [])]);
  }

  take(items: readonly PendingInput[]): void {
    const gone = new Set(items);
    for (const name of new Set(items.map((i) => i.queue))) {
      const rest = (this.#queues.get(name) ?? []).filter((i) => !gone.has(i));
      if (rest.length > 0) this.#queues.set(name, rest);
      else this.#queues.delete(name);
    }
    for (const item of items) {
      this.#arrival.delete(item);
      this.#byRecord.delete(item.record.commandId);
      for (const rider of item.riders) this.#byRecord.delete(rider.record.commandId);
    }
  }
}
