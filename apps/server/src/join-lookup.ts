import type { RequestHandler } from 'express';
import { sessionInfo } from '@vrijuit/core';
import { JoinCode, provideJoinLookup, type JoinAnswer, type SessionInfo } from '@vrijuit/protocol';
import type { JoinCodeLimiter } from './join-code-guard.ts';
import type { SessionHub } from './session-hub.ts';
import type { Store } from './store/store.ts';

/**
 * The join page's lookup (SE3, NE6): the session info for a join code, asked by a client at `address`.
 * A wrong code takes a token of that address's bucket; with none left every code is refused.
 */
export function joinLookup(options: { hub: SessionHub; store: Store; joinCodes: JoinCodeLimiter }) {
  return async (address: string, typed: string): Promise<JoinAnswer> => {
    const wait = await options.joinCodes.waitMs(address);
    if (wait > 0) {
      const retryAfterSeconds = Math.ceil(wait / 1000);
      return { ok: false, error: { code: 'RATE_LIMITED', message: 'too many wrong join codes', retryAfterSeconds } };
    }
    const code = JoinCode.safeParse(typed);
    const sessionId = code.success ? await options.store.sessionIdByJoinCode(code.data) : null;
    const info = sessionId ? await infoOf(options, sessionId) : null;
    if (!info) {
      await options.joinCodes.wrong(address);
      return { ok: false, error: { code: 'SESSION_NOT_FOUND', message: 'no session with this code' } };
    }
    return { ok: true, value: info };
  };
}

/**
 * RT4: a session's join info, from memory when this process holds the session, else from its stored row:
 * never by loading it, so with leases any process answers a join page, the session's owner or not.
 */
export async function infoOf(
  options: { hub: SessionHub; store: Pick<Store, 'sessionInfo'> },
  sessionId: string,
): Promise<SessionInfo | null> {
  const state = options.hub.cached(sessionId);
  return state ? sessionInfo(state) : options.store.sessionInfo(sessionId);
}

export type JoinLookupAt = ReturnType<typeof joinLookup>;

/** `GET /api/join/:code`: the lookup for the requesting client's address (`req.ip`, client-address.ts). */
export function joinEndpoint(lookUp: JoinLookupAt): RequestHandler<{ code: string }> {
  return async (req, res) => {
    const answer = await lookUp(req.ip ?? '', req.params.code);
    if (answer.ok) {
      res.json(answer);
      return;
    }
    const { retryAfterSeconds } = answer.error;
    if (retryAfterSeconds) res.setHeader('Retry-After', String(retryAfterSeconds));
    res.status(answer.error.code === 'RATE_LIMITED' ? 429 : 404).json(answer);
  };
}

/**
 * P6: the web handler renders the join page with the same lookup, bound to the same client address as the
 * API would see (never the server's own: the page's server side asks in this process, not over HTTP).
 */
export function joinLookupForPages(lookUp: JoinLookupAt): RequestHandler {
  return (req, _res, next) => {
    const address = req.ip ?? '';
    provideJoinLookup(req, (code) => lookUp(address, code));
    next();
  };
}
