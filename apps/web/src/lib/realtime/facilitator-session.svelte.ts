import type { CommandRequest, FacilitatorView } from '@vrijuit/protocol';
import { randomCommandId } from '../random.ts';
import { readJson, storageKeys } from '../storage.ts';
import { ServerClock } from '../time/server-clock.svelte.ts';
import { realtime, type RealtimeClient } from './client.svelte.ts';
import { tokenAttacher } from './token-attach.ts';
import type { OutboxEntry } from './outbox.ts';
import { OutboxQueue } from './outbox-queue.svelte.ts';

export type ConsolePhase = 'no-token' | 'attaching' | 'attached' | 'forbidden' | 'not-found';

export function readFacilitatorToken(sessionId: string): string | null {
  const value = readJson(storageKeys.facilitatorToken(sessionId));
  return typeof value === 'string' && /^[A-Za-z0-9_-]{22,128}$/.test(value) ? value : null;
}

/** The console's side of a session: attach with the stored token, follow the view, steer rounds. */
export class FacilitatorSession {
  phase = $state<ConsolePhase>('attaching');
  view = $state.raw<FacilitatorView | null>(null);
  readonly queue: OutboxQueue;
  /** The server's clock, for the countdowns of rounds with a timer. */
  readonly clock = new ServerClock();
  readonly sessionId: string;
  readonly #client: RealtimeClient;
  readonly #token: string | null;
  /** Runs on every (re)connect; the answer replaces the whole view. */
  readonly #attach: () => Promise<void>;

  constructor(sessionId: string) {
    this.sessionId = sessionId;
    this.#client = realtime();
    this.#token = readFacilitatorToken(sessionId);
    if (!this.#token) this.phase = 'no-token';
    this.#attach = tokenAttacher(this.#client, 'facilitator:attach', sessionId, this.#token, (ack) => {
      if (ack.ok) {
        this.clock.sync(ack.value.serverTime);
        this.view = ack.value;
        this.phase = 'attached';
        this.queue.setReady(true);
      } else {
        this.phase = ack.error.code === 'SESSION_NOT_FOUND' ? 'not-found' : 'forbidden';
      }
    });
    this.queue = new OutboxQueue({
      client: this.#client,
      storageKey: storageKeys.outbox('facilitator', sessionId),
      onIdentityLost: () => void this.#attach(),
    });
  }

  /** Commands refused by the server, newest last, for the console's alert area. */
  get failures(): OutboxEntry[] {
    return this.queue.entries.filter((e) => e.state === 'failed');
  }

  /** round:create commands still on their way, shown at the end of the agenda. */
  get pendingRounds(): OutboxEntry[] {
    return this.queue.entries.filter((e) => e.state === 'pending' && e.name === 'round:create');
  }

  /** The pending command of a round's control (open/close, lock, reveal, timer, rerun), if any. */
  pendingFor(roundId: string, control: RoundControl = 'status'): OutboxEntry | undefined {
    const entry = this.queue.latest(roundSlot(roundId, control));
    return entry?.state === 'pending' ? entry : undefined;
  }

  start(): () => void {
    if (!this.#token) return () => undefined;
    const stops = [
      this.#client.on('facilitator:view', (view) => {
        if (view.session.sessionId !== this.sessionId || this.phase !== 'attached') return;
        this.clock.sync(view.serverTime);
        this.view = view;
      }),
      this.#client.onDisconnect(() => this.queue.setReady(false)),
      this.#client.onConnect(() => void this.#attach()),
    ];
    return () => {
      for (const stop of stops) stop();
      this.queue.setReady(false);
    };
  }

  createRound(round: Omit<CommandRequest<'round:create'>, 'commandId'>): void {
    const commandId = randomCommandId();
    this.queue.add({ name: 'round:create', request: { commandId, ...round } }, `create:${commandId}`);
  }

  openRound(roundId: string): void {
    this.queue.add({ name: 'round:open', request: { commandId: randomCommandId(), roundId } }, roundSlot(roundId));
  }

  closeRound(roundId: string): void {
    this.queue.add({ name: 'round:close', request: { commandId: randomCommandId(), roundId } }, roundSlot(roundId));
  }

  lockRound(roundId: string, locked: boolean): void {
    this.queue.add(
      { name: 'round:lock', request: { commandId: randomCommandId(), roundId, locked } },
      roundSlot(roundId, 'lock'),
    );
  }

  revealRound(roundId: string, revealed: boolean): void {
    this.queue.add(
      { name: 'round:reveal', request: { commandId: randomCommandId(), roundId, revealed } },
      roundSlot(roundId, 'reveal'),
    );
  }

  /** Closes the round `seconds` from now, or cancels its timer with null. */
  setTimer(roundId: string, seconds: number | null): void {
    this.queue.add(
      { name: 'round:timer', request: { commandId: randomCommandId(), roundId, seconds } },
      roundSlot(roundId, 'timer'),
    );
  }

  rerunRound(roundId: string): void {
    this.queue.add(
      { name: 'round:rerun', request: { commandId: randomCommandId(), roundId } },
      roundSlot(roundId, 'rerun'),
    );
  }

  /** Hides a failure message once the facilitator has read it. */
  dismiss(entry: OutboxEntry): void {
    this.queue.forget(entry);
  }
}

/** The controls of a round whose commands are shown pending independently of each other. */
export type RoundControl = 'status' | 'lock' | 'reveal' | 'timer' | 'rerun';

const roundSlot = (roundId: string, control: RoundControl = 'status') =>
  control === 'status' ? `round:${roundId}` : `round:${roundId}:${control}`;
