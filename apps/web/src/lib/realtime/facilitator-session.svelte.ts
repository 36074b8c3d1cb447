import type { CommandRequest, CommandResult, FacilitatorView, HideReason } from '@vrijuit/protocol';
import { randomCommandId } from '../random.ts';
import { storageKeys } from '../storage.ts';
import { toLogin } from '../auth/api.ts';
import { ServerClock } from '../time/server-clock.svelte.ts';
import { realtime, type RealtimeClient, type SendResult } from './client.svelte.ts';
import { accountAttacher } from './account-attach.ts';
import type { OutboxEntry } from './outbox.ts';
import { OutboxQueue } from './outbox-queue.svelte.ts';

export type ConsolePhase = 'attaching' | 'attached' | 'forbidden' | 'not-found';

/**
 * The console's side of a session: attach as the signed-in account, follow the view, steer rounds.
 * A sign-in that ended (signed out elsewhere, expired) sends the page to /login (AC3).
 */
export class FacilitatorSession {
  phase = $state<ConsolePhase>('attaching');
  view = $state.raw<FacilitatorView | null>(null);
  readonly queue: OutboxQueue;
  /** The server's clock, for the countdowns of rounds with a timer. */
  readonly clock = new ServerClock();
  readonly sessionId: string;
  /**
   * Paper entries the server acked from this console (received or stored), per round: the panel's
   * running count.
   */
  paperSaved = $state<Record<string, number>>({});
  readonly #client: RealtimeClient;
  /** Runs on every (re)connect; the answer replaces the whole view. */
  readonly #attach: () => Promise<void>;

  constructor(sessionId: string) {
    this.sessionId = sessionId;
    this.#client = realtime();
    // RT1: this page's connection is this session's, so a proxy sends it to the session's process.
    this.#client.routeBy(sessionId);
    this.#attach = accountAttacher(this.#client, 'facilitator:attach', sessionId, (ack) => {
      if (ack.ok) {
        this.clock.sync(ack.value.serverTime);
        this.view = ack.value;
        this.phase = 'attached';
        this.queue.setReady(true);
      } else if (ack.error.code === 'UNAUTHENTICATED') {
        toLogin();
      } else {
        this.phase = ack.error.code === 'SESSION_NOT_FOUND' ? 'not-found' : 'forbidden';
      }
    });
    this.queue = new OutboxQueue({
      client: this.#client,
      storageKey: storageKeys.outbox('facilitator', sessionId),
      onIdentityLost: () => void this.#attach(),
      onSettled: (entry, ack) => {
        if (ack.ok && (entry.name === 'paper:vote' || entry.name === 'paper:painpoint')) {
          const roundId = entry.request.roundId;
          this.paperSaved = { ...this.paperSaved, [roundId]: (this.paperSaved[roundId] ?? 0) + 1 };
        }
      },
    });
  }

  /**
   * Commands refused by the server, newest last, for the console's alert area. A close refused because
   * the final text would be empty (TX6) is asked about in its own dialog instead (`emptyTextClose`).
   */
  get failures(): OutboxEntry[] {
    return this.queue.entries.filter((e) => e.state === 'failed' && !isPaper(e) && !isEmptyTextClose(e));
  }

  /** TX6: the close (or "next") refused because the plenary text is empty while zones wrote drafts. */
  get emptyTextClose(): OutboxEntry | undefined {
    return this.queue.entries.find(isEmptyTextClose);
  }

  /**
   * Paper entries of a round still on their way, received but not stored yet, or refused: the paper
   * panel shows them (PA1-PA3).
   */
  paperEntries(roundId: string): OutboxEntry[] {
    return this.queue.entries.filter((e) => e.state !== 'sent' && isPaper(e) && e.request.roundId === roundId);
  }

  /** One paper ballot; its own slot, so every form stays pending until its own ack. */
  paperVote(request: Omit<CommandRequest<'paper:vote'>, 'commandId'>): void {
    const commandId = randomCommandId();
    this.queue.add({ name: 'paper:vote', request: { commandId, ...request } }, `paper:${commandId}`);
  }

  /** One pain point from paper; it waits for its batch like a phone's (AN8). */
  paperPainPoint(roundId: string, text: string, themeId: string | null): void {
    const commandId = randomCommandId();
    this.queue.add({ name: 'paper:painpoint', request: { commandId, roundId, text, themeId } }, `paper:${commandId}`);
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
    const stops = [
      this.#client.on('facilitator:view', (view) => {
        if (view.session.sessionId !== this.sessionId || this.phase !== 'attached') return;
        this.clock.sync(view.serverTime);
        this.view = view;
      }),
      // AN14: paper entries received earlier are stored now.
      this.#client.on('inputs:stored', ({ commandIds }) => this.queue.stored(commandIds)),
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

  /** `closeEmptyText`: the round open until now may close with an empty plenary text (TX6). */
  openRound(roundId: string, closeEmptyText?: true): void {
    this.queue.add(
      {
        name: 'round:open',
        request: { commandId: randomCommandId(), roundId, ...(closeEmptyText && { closeEmptyText }) },
      },
      roundSlot(roundId),
    );
  }

  /** `closeEmptyText`: the facilitator confirmed closing a text round with an empty plenary text (TX6). */
  closeRound(roundId: string, closeEmptyText?: true): void {
    this.queue.add(
      {
        name: 'round:close',
        request: { commandId: randomCommandId(), roundId, ...(closeEmptyText && { closeEmptyText }) },
      },
      roundSlot(roundId),
    );
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

  /** The pending moderation command of one pain point (hide, theme, merge, approve), if any. */
  pendingForPoint(pointId: string): OutboxEntry | undefined {
    const entry = this.queue.latest(pointSlot(pointId));
    return entry?.state === 'pending' ? entry : undefined;
  }

  /** theme:add commands of a round still on their way, to show their labels as "being added". */
  pendingThemes(roundId: string): string[] {
    return this.queue.entries.flatMap((e) =>
      e.state === 'pending' && e.name === 'painpoint:add-theme' && e.request.roundId === roundId
        ? [e.request.label]
        : [],
    );
  }

  /** Hides a pain point with a reason every screen shows instead (a queued one is rejected), or shows it again. */
  hidePoint(roundId: string, pointId: string, reason: HideReason | null): void {
    this.queue.add(
      { name: 'painpoint:hide', request: { commandId: randomCommandId(), roundId, pointId, reason } },
      pointSlot(pointId),
    );
  }

  /** QA2: marks a question answered, or not answered again. */
  answerQuestion(roundId: string, pointId: string, answered: boolean): void {
    this.queue.add(
      { name: 'question:answer', request: { commandId: randomCommandId(), roundId, pointId, answered } },
      pointSlot(pointId),
    );
  }

  /** Merges a duplicate into another entry; irreversible, so the console asks first. */
  mergePoint(roundId: string, pointId: string, intoId: string): void {
    this.queue.add(
      { name: 'painpoint:merge', request: { commandId: randomCommandId(), roundId, pointId, intoId } },
      pointSlot(pointId),
    );
  }

  /** Clusters a pain point into one of the round's themes, or into none. */
  themePoint(roundId: string, pointId: string, themeId: string | null): void {
    this.queue.add(
      { name: 'painpoint:theme', request: { commandId: randomCommandId(), roundId, pointId, themeId } },
      pointSlot(pointId),
    );
  }

  addTheme(roundId: string, label: string): void {
    const commandId = randomCommandId();
    this.queue.add({ name: 'painpoint:add-theme', request: { commandId, roundId, label } }, `theme:${commandId}`);
  }

  /**
   * SU6: themes the server suggests for the round's wall. Sent directly (it changes nothing): the console
   * shows the answer at once.
   */
  async suggestThemes(roundId: string): Promise<SendResult<CommandResult<'painpoint:suggest-themes'>>> {
    return this.#client.send('painpoint:suggest-themes', { roundId });
  }

  /**
   * SU6, ML4: accepts a suggested group: its entries go under the theme (one of the round's, or a new one
   * by its label) in one step the moderation log records. Sent directly, so the console can say at once
   * when it failed. False when it did.
   */
  async acceptSuggestion(
    roundId: string,
    theme: { themeId: string } | { label: string },
    pointIds: readonly string[],
  ): Promise<boolean> {
    const request = { commandId: randomCommandId(), roundId, theme, pointIds: [...pointIds] };
    const sent = await this.#client.send('painpoint:accept-suggestion', request);
    return sent.kind === 'ack' && sent.ack.ok;
  }

  /** Pre-moderation: puts queued entries on the wall. */
  approvePoints(roundId: string, pointIds: string[]): void {
    if (pointIds.length === 0) return;
    const commandId = randomCommandId();
    const slot = pointIds.length === 1 ? pointSlot(pointIds[0]!) : `approve:${commandId}`;
    this.queue.add({ name: 'painpoint:approve', request: { commandId, roundId, pointIds } }, slot);
  }

  /** Whether an "approve all" of this round is on its way. */
  approvingAll(roundId: string): boolean {
    return this.queue.entries.some(
      (e) =>
        e.state === 'pending' &&
        e.name === 'painpoint:approve' &&
        e.request.roundId === roundId &&
        e.slot.startsWith('approve:'),
    );
  }

  /**
   * Saves a named version of a position-text round's plenary text (zoneId null) or a zone's draft (TX3).
   * Sent directly rather than queued: the console says at once whether it worked; a retry with the same
   * commandId after no answer is counted once.
   */
  async saveTextVersion(
    roundId: string,
    zoneId: string | null,
    label: string,
    commandId = randomCommandId(),
  ): Promise<SendResult<CommandResult<'text:save-version'>>> {
    return this.#client.send('text:save-version', { commandId, roundId, zoneId, label });
  }

  /** A saved version's content (one Yjs update, base64). */
  async getTextVersion(roundId: string, versionId: string): Promise<SendResult<CommandResult<'text:get-version'>>> {
    return this.#client.send('text:get-version', { roundId, versionId });
  }

  /** TX6: every zone draft that holds text into the plenary text (the round stays open). */
  async gatherDrafts(roundId: string): Promise<SendResult<CommandResult<'text:gather-drafts'>>> {
    return this.#client.send('text:gather-drafts', { commandId: randomCommandId(), roundId });
  }

  /** Hides a failure message once the facilitator has read it. */
  dismiss(entry: OutboxEntry): void {
    this.queue.forget(entry);
  }
}

/** The controls of a round whose commands are shown pending independently of each other. */
export type RoundControl = 'status' | 'lock' | 'reveal' | 'timer' | 'rerun';

const isPaper = (e: OutboxEntry) => e.name === 'paper:vote' || e.name === 'paper:painpoint';

const isEmptyTextClose = (e: OutboxEntry) =>
  e.state === 'failed' &&
  e.error?.code === 'TEXT_EMPTY' &&
  (e.name === 'round:close' || e.name === 'round:open' || e.name === 'session:next');

const pointSlot = (pointId: string) => `point:${pointId}`;

const roundSlot = (roundId: string, control: RoundControl = 'status') =>
  control === 'status' ? `round:${roundId}` : `round:${roundId}:${control}`;
