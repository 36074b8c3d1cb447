import type { ProjectorView } from '@vrijuit/protocol';
import { ServerClock } from '../time/server-clock.svelte.ts';
import { realtime, type RealtimeClient } from './client.svelte.ts';
import { accountAttacher } from './account-attach.ts';
import { toLogin } from '../auth/api.ts';

/** `deleted`: the session was deleted while this screen showed it (LC7); it keeps nothing of it. */
export type ProjectorPhase = 'attaching' | 'attached' | 'forbidden' | 'not-found' | 'deleted';

/**
 * The room's screen: it attaches as the signed-in account (owner or shared, AC2) and only follows the
 * projector view, which carries results only once revealed. It sends nothing else, so it needs no outbox.
 */
export class ProjectorSession {
  phase = $state<ProjectorPhase>('attaching');
  view = $state.raw<ProjectorView | null>(null);
  readonly clock = new ServerClock();
  readonly sessionId: string;
  readonly #client: RealtimeClient;
  /** Runs on every (re)connect; the answer replaces the whole view. */
  readonly #attach: () => Promise<void>;

  constructor(sessionId: string) {
    this.sessionId = sessionId;
    this.#client = realtime();
    // RT1: this page's connection is this session's, so a proxy sends it to the session's process.
    this.#client.routeBy(sessionId);
    this.#attach = accountAttacher(this.#client, 'projector:attach', sessionId, (ack) => {
      if (ack.ok) {
        this.clock.sync(ack.value.serverTime);
        this.view = ack.value;
        this.phase = 'attached';
      } else if (ack.error.code === 'UNAUTHENTICATED') {
        toLogin();
      } else {
        this.phase = ack.error.code === 'SESSION_NOT_FOUND' ? 'not-found' : 'forbidden';
      }
    });
  }

  start(): () => void {
    const stops = [
      this.#client.on('projector:view', (view) => {
        if (view.session.sessionId !== this.sessionId || this.phase !== 'attached') return;
        this.clock.sync(view.serverTime);
        this.view = view;
      }),
      this.#client.on('session:deleted', ({ sessionId }) => {
        if (sessionId !== this.sessionId) return;
        this.view = null;
        this.phase = 'deleted';
      }),
      this.#client.onConnect(() => {
        if (this.phase !== 'deleted') void this.#attach();
      }),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }
}
