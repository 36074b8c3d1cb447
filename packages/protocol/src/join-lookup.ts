import type { Ack } from './errors.ts';
import type { SessionInfo } from './session.ts';

/** What a join code names: `GET /api/join/:code`'s body, and what the join page is rendered with (P6). */
export type JoinAnswer = Ack<SessionInfo>;

/** Looks a join code up for one client: wrong codes count against that client's address (NE6). */
export type JoinLookup = (code: string) => Promise<JoinAnswer>;

/**
 * P6: the server renders the join page with the session's join form, in the same process as the API. It
 * hands the web app's server side the lookup of `GET /api/join/:code`, bound to the phone's own address
 * (client-address.ts), on the Node request itself (SvelteKit: `event.platform.req`), so wrong codes still
 * count per phone and never per server. A symbol from the global registry: the server's bundle and the
 * web build each have their own copy of this module; a request from outside cannot set it.
 */
const JOIN_LOOKUP = Symbol.for('vrijuit.join-lookup');

interface WithJoinLookup {
  [JOIN_LOOKUP]?: JoinLookup;
}

/** The server's side: gives this request's page renderer the lookup for its client. */
export function provideJoinLookup(request: object, lookup: JoinLookup): void {
  (request as WithJoinLookup)[JOIN_LOOKUP] = lookup;
}

/** The web app's side: the lookup the server gave this request, or null (vite's dev server, another host). */
export function joinLookupOf(request: unknown): JoinLookup | null {
  if (typeof request !== 'object' || request === null) return null;
  return (request as WithJoinLookup)[JOIN_LOOKUP] ?? null;
}
