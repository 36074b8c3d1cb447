import type { ProjectorView } from '@vrijuit/protocol';
import { ServerClock } from '../time/server-clock.svelte.ts';
import { realtime, type RealtimeClient } from './client.svelte.ts';
import { tokenAttacher } from './token-attach.ts';
import { readFacilitatorToken } from './facilitator-session.svelte.ts';

export type ProjectorPhase = 'no-token' | 'attaching' | 'attached' | 'forbidden' | 'not-found';

/**
 * The room's screen: it attaches with the facilitator token of this laptop (the one that opened the
 * console) and only follows the projector view, which carries results only once revealed. It sends
 * nothing else, so it needs no outbox.
 */
export class ProjectorSession {
  phase = $state<ProjectorPhase>('attaching');
  view = $state.raw<ProjectorView | null>(null);
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
    this.#attach = tokenAttacher(this.#client, 'projector:attach', sessionId, this.#token, (ack) => {
      if (ack.ok) {
        this.clock.sync(ack.value.serverTime);
        this.view = ack.value;
        this.phase = 'attached';
      } else {
        this.phase = ack.error.code === 'SESSION_NOT_FOUND' ? 'not-found' : 'forbidden';
      }
    });
  }

  /** The token a co-edited text opens with (position-text rounds), null without one. */
  get textToken(): string | null {
    return this.#token;
  }

  start(): () => void {
    if (!this.#token) return () => undefined;
    const stops = [
      this.#client.on('projector:view', (view) => {
        if (view.session.sessionId !== this.sessionId || this.phase !== 'attached') return;
        this.clock.sync(view.serverTime);
        this.view = view;
      }),
      this.#client.onConnect(() => void this.#attach()),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }
}
