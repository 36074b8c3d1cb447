import type { RequestHandler } from 'express';
import { resultsPageUntil, resultsPageView, type SessionState } from '@vrijuit/core';
import { exportWords } from '@vrijuit/export/words';
import { JoinCode, RATE_LIMITS, type Ack, type ResultsPageView } from '@vrijuit/protocol';
import { limitKey } from './client-address.ts';
import { sessionTexts } from './export/text-snapshot.ts';
import type { JoinCodeLimiter } from './join-code-guard.ts';
import { infoOf } from './join-lookup.ts';
import { TokenBucket } from './rate-limit.ts';
import type { SessionHub } from './session-hub.ts';
import type { Store } from './store/store.ts';
import type { YjsStore } from './store/yjs-store.ts';

/**
 * Core RP1, RP8: `GET /api/results/:code`, the results page of an ended session for anyone with its
 * join code, no account. A wrong code (or a deleted session, LC7) costs a wrong-code token as the join
 * page's lookup does (NE6); a right one takes a token of the address's own bucket. A session still
 * running answers `running` from its row, without loading it.
 */
export function resultsPageEndpoint(options: {
  hub: SessionHub;
  store: Store;
  joinCodes: JoinCodeLimiter;
  yjs: YjsStore;
  now: () => number;
  limitClock?: () => number;
}): RequestHandler<{ code: string }> {
  const looks = new TokenBucket(
    RATE_LIMITS.resultsPagePerAddressBurst,
    RATE_LIMITS.resultsPagePerAddressPerMinute / 60,
    options.limitClock,
  );
  // The page of one state, built once: a room opening it at once costs one build, not one per phone. A
  // session's state is a new object at every change (reopened, the note edited), so it is never stale;
  // only the period's end is checked again. Texts of an ended session are read-only (TX2).
  const built = new WeakMap<SessionState, ResultsPageView>();
  const viewOf = (state: SessionState, now: number): ResultsPageView => {
    const kept = built.get(state);
    const until = resultsPageUntil(state);
    if (kept && (kept.state !== 'open' || (until !== null && now < until))) return kept;
    const view = resultsPageView(state, {
      texts: sessionTexts(state, options.yjs),
      words: exportWords(state.language),
      now,
    });
    built.set(state, view);
    return view;
  };
  const answer = async (address: string, typed: string): Promise<{ status: number; body: Ack<ResultsPageView> }> => {
    const wait = await options.joinCodes.waitMs(address);
    const limited = (ms: number) => ({
      status: 429,
      body: {
        ok: false as const,
        error: { code: 'RATE_LIMITED' as const, message: 'too many looks', retryAfterSeconds: Math.ceil(ms / 1000) },
      },
    });
    if (wait > 0) return limited(wait);
    const code = JoinCode.safeParse(typed);
    const sessionId = code.success ? await options.store.sessionIdByJoinCode(code.data) : null;
    const info = sessionId ? await infoOf(options, sessionId) : null;
    if (!sessionId || !info) {
      await options.joinCodes.wrong(address);
      return {
        status: 404,
        body: { ok: false, error: { code: 'SESSION_NOT_FOUND', message: 'no session with this code' } },
      };
    }
    const key = limitKey(address);
    if (!looks.take(key)) return limited(looks.waitMs(key));
    if (info.status === 'draft' || info.status === 'live')
      return { status: 200, body: { ok: true, value: { state: 'running' } } };
    await options.yjs.ready?.(sessionId);
    const state = await options.hub.state(sessionId);
    if (!state) {
      return {
        status: 404,
        body: { ok: false, error: { code: 'SESSION_NOT_FOUND', message: 'no session with this code' } },
      };
    }
    const view = viewOf(state, options.now());
    return { status: 200, body: { ok: true, value: view } };
  };
  return async (req, res) => {
    const { status, body } = await answer(req.ip ?? '', req.params.code);
    if (!body.ok && body.error.retryAfterSeconds) res.setHeader('Retry-After', String(body.error.retryAfterSeconds));
    res.status(status).json(body);
  };
}
