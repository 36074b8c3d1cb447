import type { Ack } from '@vrijuit/protocol';
import { readJson, writeJson } from '../storage.ts';
import type { RealtimeClient } from './client.svelte.ts';
import {
  enqueue,
  fromStored,
  isRetryable,
  latestInSlot,
  markStored,
  nextToSend,
  receivedIds,
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
  /**
   * Called once per command with the server's first answer: its first ok ack (received or stored), or
   * its refusal. Not again for a received command sent again, nor when it is stored later.
   */
  onSettled?: (entry: OutboxEntry, ack: Ack<unknown>) => void;
  /** The server no longer knows who we are (NOT_JOINED): re-identify, then call `setReady(true)`. */
  onIdentityLost?: () => void;
}

/**
 * The outbox of one page (outbox.ts holds the rules). It sends only while `ready` (connected and
 * identified), one command at a time in order, and persists pending and received commands in
 * localStorage. Each identification sends every received command once more (same commandId), since
 * a server that restarted meanwhile lost it; the page passes `inputs:stored` on to `stored()`.
 */
export class OutboxQueue {
  entries = $state.raw<OutboxEntry[]>([]);
  readonly #options: OutboxQueueOptions;
  #ready = false;
  /** Received commands still to send again since the last identification. */
  #resend: readonly string[] = [];
  #flushing = false;
  #again = false;

  constructor(options: OutboxQueueOptions) {
    this.#options = options;
    this.entries = fromStored(readJson(options.storageKey));
  }

  /** Call with true once the page has (re-)identified itself, with false when the connection drops. */
  setReady(ready: boolean): void {
    this.#ready = ready;
    if (!ready) return;
    this.#resend = receivedIds(this.entries);
    void this.flush();
  }

  /** `inputs:stored`: these commands (received earlier) are stored now. */
  stored(commandIds: readonly string[]): void {
    this.#resend = this.#resend.filter((id) => !commandIds.includes(id));
    this.#update(markStored(this.entries, commandIds));
  }

  add(command: OutboxCommand, slot: string, supersede = false): void {
    this.#update(enqueue(this.entries, command, slot, supersede));
    void this.flush();
  }

  /** Drops a settled entry whose status line the person has read (never one still to deliver). */
  forget(entry: OutboxEntry): void {
    if (entry.state === 'sent' || entry.state === 'failed') this.#update(this.entries.filter((e) => e !== entry));
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
        const entry = nextToSend(this.entries, this.#resend);
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
        const commandId = entry.request.commandId;
        this.#resend = this.#resend.filter((id) => id !== commandId);
        this.#update(settle(this.entries, commandId, ack));
        // The first answer (to a pending command, not to a received one sent again) goes to onSettled.
        if (entry.state === 'pending') this.#options.onSettled?.(entry, ack);
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
