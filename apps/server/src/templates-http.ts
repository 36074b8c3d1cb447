import express, { type Request, type Response, type Router } from 'express';
import { designOf } from '@vrijuit/core';
import {
  CompareKey,
  SaveTemplateRequest,
  SessionId,
  TemplateId,
  type ComparedRound,
  type ErrorCode,
  type SavedTemplate,
} from '@vrijuit/protocol';
import type { Auth, SignedIn } from './auth/auth.ts';
import { signInToken } from './auth/cookies.ts';
import { isOriginAllowed } from './origin.ts';
import { randomId } from './secrets.ts';
import type { SessionHub } from './session-hub.ts';
import type { TemplateStore } from './store/template-store.ts';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  SESSION_NOT_FOUND: 404,
  TEMPLATE_NOT_FOUND: 404,
};

function fail(res: Response, code: ErrorCode, message: string): void {
  res.status(STATUS[code] ?? 400).json({ ok: false, error: { code, message } });
}

const ok = (res: Response, value: unknown) => res.json({ ok: true, value });

/**
 * Saved templates per account and the pulse across sessions (packages/protocol/src/templates.ts).
 * Same CSRF rule as the account endpoints (AC5): state-changing requests are JSON from an allowed Origin.
 * A session another account cannot reach answers SESSION_NOT_FOUND, so ids cannot be probed.
 */
export function templatesRouter(options: {
  auth: Auth;
  hub: SessionHub;
  templates: TemplateStore;
  allowedOrigins: readonly string[];
  now: () => number;
}): Router {
  const { auth, hub, templates } = options;
  const router = express.Router();
  router.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    if (!isOriginAllowed(req, options.allowedOrigins)) return fail(res, 'FORBIDDEN', 'foreign origin');
    if (req.method === 'POST' && !req.is('application/json')) return fail(res, 'BAD_REQUEST', 'send JSON');
    next();
  });
  router.use(express.json({ limit: '16kb' }));

  const signedIn = async (req: Request, res: Response, then: (me: SignedIn) => Promise<void>) => {
    const me = await auth.signedIn(signInToken(req));
    if (!me) return fail(res, 'UNAUTHENTICATED', 'sign in first');
    await then(me);
  };

  router.get('/templates', (req, res) =>
    signedIn(req, res, async (me) => {
      ok(res, (await templates.of(me.account.id)) satisfies SavedTemplate[]);
    }),
  );

  router.post('/sessions/:id/template', (req, res) =>
    signedIn(req, res, async (me) => {
      const id = SessionId.safeParse(req.params.id);
      if (!id.success || !(await auth.canReach(me.account, id.data))) {
        return fail(res, 'SESSION_NOT_FOUND', 'no such session');
      }
      const input = SaveTemplateRequest.safeParse(req.body);
      if (!input.success) return fail(res, 'BAD_REQUEST', 'a template needs a name');
      const state = await hub.state(id.data);
      if (!state) return fail(res, 'SESSION_NOT_FOUND', 'no such session');
      // designOf keeps the plan only (DE8): no participants, ballots, pain points, texts or results.
      const template: SavedTemplate = {
        id: randomId(),
        name: input.data.name,
        design: designOf(state),
        createdAt: options.now(),
      };
      await templates.add(me.account.id, template);
      ok(res, template);
    }),
  );

  router.delete('/templates/:id', (req, res) =>
    signedIn(req, res, async (me) => {
      const id = TemplateId.safeParse(req.params.id);
      if (!id.success || !(await templates.delete(me.account.id, id.data))) {
        return fail(res, 'TEMPLATE_NOT_FOUND', 'no such template');
      }
      ok(res, null);
    }),
  );

  router.get('/compare/:compareKey', (req, res) =>
    signedIn(req, res, async (me) => {
      const key = CompareKey.safeParse(req.params.compareKey);
      if (!key.success || key.data === null) return fail(res, 'BAD_REQUEST', 'invalid compare key');
      const reachable = await auth.store.sessionsOf(me.account.id, me.account.role === 'admin');
      const found: ComparedRound[] = [];
      for (const listing of reachable) {
        const state = await hub.state(listing.id);
        if (!state) continue;
        for (const round of state.rounds) {
          if (round.compareKey !== key.data || round.status !== 'closed' || !round.closedResults) continue;
          found.push({
            sessionId: state.id,
            title: state.title,
            date: state.date,
            roundId: round.id,
            question: round.question,
            options: round.options.map((o) => ({ id: o.id, label: o.label })),
            config: round.config,
            // The totals only: a comparison across sessions needs no per-zone breakdown.
            results: { ...round.closedResults, breakdown: null },
          });
        }
      }
      // Newest workshop first; undated sessions last, then by title for a stable order.
      found.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title));
      ok(res, found);
    }),
  );

  return router;
}
