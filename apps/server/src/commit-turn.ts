import type { DomainEvent, SessionState } from '@vrijuit/core';
import type { Ack } from '@vrijuit/protocol';
import { batchNotices, type PendingInput } from './anonymous-batches.ts';
import type { CommandRecord } from './store/store.ts';

/** The key of a command record, for a retry that comes while its turn is still being stored. */
export const recordKeyOf = (scope: string, commandId: string) => `${scope}\n${commandId}`;

/** A phone's anonymous input whose ack waits for the end of the turn: stored by then, or received. */
interface Deferred {
  readonly input: PendingInput;
  readonly socketId: string;
  readonly answer: (ack: Ack<unknown>) => void;
}

/**
 * Group commit (issue 17, P2): what one session's commands decided within one turn of the event loop,
 * stored in one transaction at the turn's end and acknowledged after it (VO5). The commands of a turn
 * are decided one after the other against the state with the earlier ones in it, without waiting for
 * the store in between; a failed transaction fails them all and the hub returns to the stored state.
 */
export class CommitTurn {
  readonly events: DomainEvent[] = [];
  readonly records: CommandRecord[] = [];
  /** The waiting inputs this turn stores (whole batches, AN13), in the order they were taken. */
  readonly inputs: PendingInput[] = [];
  /** Record key -> the ack it stores: a retry during the turn answers it once stored. */
  readonly #staged = new Map<string, unknown>();
  readonly #deferred: Deferred[] = [];
  /** The state once this turn is stored: the decided state when its transaction starts. */
  after: SessionState | null = null;
  /** Whether its transaction has begun: the turn takes no more commands. */
  started = false;
  /** Set when this turn (or one before it) failed to store: nothing of it is stored. */
  failed: unknown = null;
  /** Resolves once stored; rejects with the store's error. */
  readonly stored: Promise<void>;
  /** Resolves once the turn is over, stored or failed (for drain). */
  readonly over: Promise<void>;
  #resolve!: () => void;
  #reject!: (error: unknown) => void;

  constructor() {
    this.stored = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // Callers that staged nothing await `stored` only through `ackAfter`; no rejection goes unhandled.
    this.over = this.stored.catch(() => undefined);
  }

  /** Whether the turn has anything for the store. */
  get writes(): boolean {
    return this.events.length > 0 || this.records.length > 0;
  }

  stage(events: readonly DomainEvent[], records: readonly CommandRecord[], inputs: readonly PendingInput[]): void {
    this.events.push(...events);
    this.records.push(...records);
    this.inputs.push(...inputs);
    for (const record of records) this.#staged.set(recordKeyOf(record.scope, record.commandId), record.result);
  }

  /** The ack a record of this turn stores, once stored; null when the turn holds no such record. */
  retry(key: string): Promise<unknown> | null {
    if (!this.#staged.has(key)) return null;
    const result = this.#staged.get(key);
    return this.stored.then(() => result);
  }

  /** `ack` once this turn is stored (the turn's error if it fails). */
  ackAfter<T>(ack: T): Promise<T> {
    return this.stored.then(() => ack);
  }

  /**
   * AN14: the ack of an anonymous input, at the end of the turn: stored when its batch is stored in this
   * turn (no `inputs:stored` follows for that socket), received otherwise.
   */
  defer<T>(input: PendingInput, socketId: string): Promise<T> {
    return new Promise<T>((resolve) => this.#deferred.push({ input, socketId, answer: resolve as Deferred['answer'] }));
  }

  /**
   * The turn is stored: answers the deferred acks and returns who else to tell (socket id -> command
   * ids) that their inputs are stored.
   */
  succeed(): Map<string, string[]> {
    const storedNow = new Set(this.inputs);
    for (const { input, socketId, answer } of this.#deferred) {
      if (storedNow.has(input)) {
        input.notify.delete(socketId);
        answer(input.record.result as Ack<unknown>);
      } else {
        answer(input.received);
      }
    }
    this.#resolve();
    return batchNotices(this.inputs);
  }

  /** Nothing of the turn is stored: its inputs wait again (received), its other commands fail. */
  fail(error: unknown): void {
    this.failed = error;
    for (const { input, answer } of this.#deferred) answer(input.received);
    this.#reject(error);
  }
}
