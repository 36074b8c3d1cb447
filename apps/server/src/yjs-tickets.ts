import { YJS_TICKET_TTL_MS } from '@vrijuit/protocol';
import { hashToken, randomSecret } from './secrets.ts';

/** Who a ticket lets in, and where: one participant, one text of one session. */
export interface TicketHolder {
  sessionId: string;
  participantId: string;
  docName: string;
}

/** More tickets than this in memory and the expired ones are swept (at most once per TTL). */
const SWEEP_ABOVE = 10_000;

/**
 * TX5: one-time tickets for the Yjs endpoint, so a phone's token never travels in a URL (which proxies
 * and servers write to their access logs). A participant asks for one over its socket.io connection
 * (`text:ticket`, where the token went in a message body when it joined) and opens the text with
 * `?ticket=`. A ticket is random, held in memory only (by its sha-256), bound to the participant and
 * the text, good for YJS_TICKET_TTL_MS and one upgrade: it is used up when it is presented, for the
 * right text or not.
 *
 * Why a ticket and not a cookie for phones: a phone has no HTTP sign-in, so a cookie would need a new
 * endpoint taking the token; it would ride along with every request to the site (a cross-site upgrade
 * included, stopped only by the Origin check), last beyond one connection and open every text. A ticket
 * that lands in a log is worthless seconds later, opens one text once, and asking for one goes through
 * the socket.io connection's per-participant command limit, which also slows a script reconnecting in a
 * loop. In memory only: behind several server processes a ticket opens only the process that issued it.
 */
export class YjsTickets {
  readonly #tickets = new Map<string, TicketHolder & { expiresAt: number }>();
  #swept = 0;

  constructor(
    readonly now: () => number = Date.now,
    readonly ttlMs: number = YJS_TICKET_TTL_MS,
  ) {}

  issue(holder: TicketHolder): string {
    const now = this.now();
    if (this.#tickets.size > SWEEP_ABOVE && now - this.#swept >= this.ttlMs) this.#sweep(now);
    const ticket = randomSecret();
    this.#tickets.set(hashToken(ticket), { ...holder, expiresAt: now + this.ttlMs });
    return ticket;
  }

  /** The participant a ticket was issued to, if it is fresh and for this text; the ticket is used up. */
  redeem(ticket: string, sessionId: string, docName: string): string | null {
    const key = hashToken(ticket);
    const held = this.#tickets.get(key);
    if (!held) return null;
    this.#tickets.delete(key);
    const fits = held.sessionId === sessionId && held.docName === docName && this.now() < held.expiresAt;
    return fits ? held.participantId : null;
  }

  #sweep(now: number): void {
    this.#swept = now;
    for (const [key, held] of this.#tickets) if (held.expiresAt <= now) this.#tickets.delete(key);
  }
}
