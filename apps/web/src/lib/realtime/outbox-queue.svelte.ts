import type { Ack } from '@vrijuit/protocol';
import { readJson, writeJson } from '../storage.ts';
import type { RealtimeClient } from './client.svelte.ts';
import {
  enqueue,
  fromStored,
  isRetryable,
  latestInSlot,
  nextPending,
  settle,
  toStored,
  type OutboxCommand,
  type OutboxEntry,
} from './outbox.ts';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Pause before re-sending after a timeout or a rate limit, so a struggling server is not hammered. */
const RETRY_DELAY_MS = 1500;

export interface OutboxQueueOptions {
  client: RealtimeClient;
  storageKey: string;
  /** Called once per command with the server's final answer (ok or refused). */
  onSettled?: (entry: OutboxEntry, ack: Ack<unknown>) => void;
  /** The server no longer knows who we are (NOT_JOINED): re-identify, then call `setReady(true)`. */
  onIdentityLost?: () => void;
}

/**
 * The outbox of one page (outbox.ts holds the rules). It sends only while `ready` (connected and
 * identified), one command at a time in order, and persists pending commands in localStorage.
 */
export class OutboxQueue {
  entries = $state.raw<OutboxEntry[]>([]);
  readonly #options: OutboxQueueOptions;
  #ready = false;
  #flushing = false;
  #again = false;

  constructor(options: OutboxQueueOptions) {
    this.#options = options;
    this.entries = fromStored(readJson(options.storageKey));
  }

  /** Call with true once the page has (re-)identified itself, with false when the connection drops. */
  setReady(ready: boolean): void {
    this.#ready = ready;
    if (ready) void this.flush();
  }

  add(command: OutboxCommand, slot: string, supersede = false): void {
    this.#update(enqueue(this.entries, command, slot, supersede));
    void this.flush();
  }

  /** Drops a settled entry whose status line the person has read. */
  forget(entry: OutboxEntry): void {
    if (entry.state !== 'pending') this.#update(this.entries.filter((e) => e !== entry));
  }

  latest(slot: string): OutboxEntry | undefined {
    return latestInSlot(this.entries, slot);
  }

  #update(entries: OutboxEntry[]): void {
    this.entries = entries;
    writeJson(this.#options.storageKey, toStored(entries));
  }

  async flush(): Promise<void> {
    if (this.#flushing) {
      // A loop is running (maybe about to stop on a stale disconnect): make it look once more.
      this.#again = true;
      return;
    }
    this.#flushing = true;
    try {
      while (this.#ready) {
        const entry = nextPending(this.entries);
        if (!entry) return;
        const result = await this.#options.client.send(entry.name, entry.request);
        if (result.kind === 'no-answer') {
          // Offline: the reconnect re-identifies and flushes again. Timeout: same commandId, again.
          if (result.reason === 'offline') return;
          await delay(RETRY_DELAY_MS);
          continue;
        }
        const { ack } = result;
        if (!ack.ok && isRetryable(ack.error)) {
          if (ack.error.code === 'NOT_JOINED') {
            this.#ready = false;
            this.#options.onIdentityLost?.();
            return;
          }
          await delay(RETRY_DELAY_MS);
          continue;
        }
        this.#update(settle(this.entries, entry.request.commandId, ack));
        this.#options.onSettled?.(entry, ack);
      }
    } finally {
      this.#flushing = false;
      if (this.#again) {
        this.#again = false;
        void this.flush();
      }
    }
  }
}
