import type { Server } from 'socket.io';
import { currentRound, facilitatorView, participantView, projectorView, type DomainEvent } from '@vrijuit/core';
import type { Logger } from './log.ts';
import type { SessionHub } from './session-hub.ts';

export const rooms = {
  participants: (sessionId: string) => `s:${sessionId}:p`,
  facilitators: (sessionId: string) => `s:${sessionId}:f`,
  projectors: (sessionId: string) => `s:${sessionId}:v`,
  /** RT1: every connection whose handshake names the session, identified or not (nothing is sent to it). */
  routed: (sessionId: string) => `s:${sessionId}:r`,
} as const;

/** Consoles and projectors get at most one view per this delay: a burst of votes becomes one update. */
const CONSOLE_DELAY_MS = 25;
/** Phones get new results at most once a second (targets.md); round changes reach them at once. */
const PHONE_RESULTS_INTERVAL_MS = 1000;

/** What an event changes for whom. */
function reach(event: DomainEvent): 'phones' | 'results' | 'consoles' | 'facilitators' {
  // Released entries are the wall's results: phones see them only where the room does, once a second.
  if (event.type === 'vote:cast' || event.type === 'painpoint:supported' || event.type === 'painpoints:released')
    return 'results';
  // A submitted pain point is committed only with its release (AN13), which reaches everyone; alone (a
  // store from before the batches) it reaches no screen of the room, not even an unchanged view (AN8).
  if (event.type === 'painpoint:submitted') return 'facilitators';
  if (event.type === 'participant:joined') return 'consoles';
  // DO1: the door and who waits at it are the console's business only; ML1: so is the moderation log.
  if (event.type.startsWith('door:') || event.type === 'moderation:logged') return 'facilitators';
  return 'phones';
}

interface Pending {
  consoles: ReturnType<typeof setTimeout> | null;
  /** The pending console update goes to the projector too. */
  projector: boolean;
  phones: ReturnType<typeof setTimeout> | null;
  phonesDue: number;
  /** The pending phone update carries a change phones must see (not only new results). */
  phonesForced: boolean;
  lastPhones: number;
}

/**
 * Pushes views after changes, coalesced per session. Every view is built by core's projection, so
 * what each audience may see is decided in one place.
 */
export class Broadcaster {
  readonly #pending = new Map<string, Pending>();
  #stopped = false;

  constructor(
    private readonly io: Server,
    private readonly hub: SessionHub,
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly online: (sessionId: string) => number,
    private readonly onlineByZone: (sessionId: string) => Record<string, number>,
  ) {}

  changed(sessionId: string, events: readonly DomainEvent[]): void {
    const reaches = new Set(events.map(reach));
    this.consoles(
      sessionId,
      [...reaches].some((r) => r !== 'facilitators'),
    );
    if (reaches.has('phones')) this.phones(sessionId, CONSOLE_DELAY_MS);
    else if (reaches.has('results')) this.phones(sessionId, null);
  }

  /**
   * Consoles and, unless `projector` is false, projectors (attendance changes when a phone connects or
   * leaves, which the projector's count shows too).
   */
  consoles(sessionId: string, projector = true): void {
    if (this.#stopped) return;
    const p = this.#entry(sessionId);
    p.projector ||= projector;
    if (p.consoles) return;
    p.consoles = setTimeout(() => {
      const toProjector = p.projector;
      p.consoles = null;
      p.projector = false;
      this.#run(sessionId, async () => {
        const state = await this.hub.state(sessionId);
        if (!state) return;
        const now = this.now();
        this.io
          .to(rooms.facilitators(sessionId))
          .emit(
            'facilitator:view',
            facilitatorView(
              state,
              this.online(sessionId),
              now,
              this.onlineByZone(sessionId),
              this.hub.waitingPeople(sessionId),
            ),
          );
        if (toProjector) this.io.to(rooms.projectors(sessionId)).emit('projector:view', projectorView(state, now));
      });
    }, CONSOLE_DELAY_MS);
  }

  /** `delay` null: only results changed, so wait out the once-a-second interval. */
  phones(sessionId: string, delay: number | null): void {
    if (this.#stopped) return;
    const p = this.#entry(sessionId);
    const now = this.now();
    const due = delay ?? Math.max(CONSOLE_DELAY_MS, p.lastPhones + PHONE_RESULTS_INTERVAL_MS - now);
    // A round change folded into an update already pending for results must still reach the phones.
    if (delay !== null) p.phonesForced = true;
    if (p.phones && p.phonesDue - now <= due) return;
    if (p.phones) clearTimeout(p.phones);
    p.phonesDue = now + due;
    p.phones = setTimeout(() => {
      const forced = p.phonesForced;
      p.phones = null;
      p.phonesForced = false;
      p.lastPhones = this.now();
      this.#run(sessionId, async () => {
        const state = await this.hub.state(sessionId);
        if (!state) return;
        const round = currentRound(state);
        // A vote in a round whose results the room does not see changes nothing on the phones.
        if (!forced && !(round && (round.reveal === 'live' || round.revealed))) return;
        this.io.to(rooms.participants(sessionId)).emit('participant:view', participantView(state, this.now()));
      });
    }, due);
  }

  #entry(sessionId: string): Pending {
    let p = this.#pending.get(sessionId);
    if (!p) {
      p = { consoles: null, projector: false, phones: null, phonesDue: 0, phonesForced: false, lastPhones: 0 };
      this.#pending.set(sessionId, p);
    }
    return p;
  }

  #run(sessionId: string, task: () => Promise<void>): void {
    task().catch((error: unknown) => this.log.error('broadcast failed', { sessionId, error: String(error) }));
  }

  /** LC7: updates still pending for a deleted session are dropped. */
  forget(sessionId: string): void {
    const p = this.#pending.get(sessionId);
    if (p?.consoles) clearTimeout(p.consoles);
    if (p?.phones) clearTimeout(p.phones);
    this.#pending.delete(sessionId);
  }

  /** Updates scheduled now (PR3: none once stopped). */
  get armed(): number {
    let n = 0;
    for (const p of this.#pending.values()) n += (p.consoles ? 1 : 0) + (p.phones ? 1 : 0);
    return n;
  }

  /**
   * PR3: no update after this. Commands drained during a stop still change the state; the clients
   * reconnect (to this server started again, or another) and get fresh views then.
   */
  stop(): void {
    this.#stopped = true;
    for (const p of this.#pending.values()) {
      if (p.consoles) clearTimeout(p.consoles);
      if (p.phones) clearTimeout(p.phones);
    }
    this.#pending.clear();
  }
}
