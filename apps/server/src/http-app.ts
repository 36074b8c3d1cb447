import express, { type Express, type RequestHandler } from 'express';
import type { SessionHub } from './session-hub.ts';
import type { Store } from './store/store.ts';
import type { JoinCodeLimiter } from './join-code-guard.ts';
import { joinEndpoint, joinLookup, joinLookupForPages } from './join-lookup.ts';
import { resultsPageEndpoint } from './results-page-http.ts';
import type { TrustRule } from './client-address.ts';
import type { Auth } from './auth/auth.ts';
import { authRouter } from './auth/http-auth.ts';
import { templatesRouter } from './templates-http.ts';
import type { TemplateStore } from './store/template-store.ts';
import { exportRouter } from './export/export-http.ts';
import type { ExportRenderer } from './export/export-renderer.ts';
import type { YjsStore } from './store/yjs-store.ts';
import type { Logger } from './log.ts';

/**
 * S7: headers on every response. The CSP itself comes from SvelteKit (kit.csp), which knows its hashes.
 * The projector page alone may be framed, and only by this origin: the console shows it as a live preview
 * (ST7; hooks.server.ts relaxes its CSP frame-ancestors to match). NE2: HSTS only over TLS (served here,
 * or by a trusted proxy that says so): over plain http it would mean nothing, or pin a venue laptop.
 */
const securityHeaders: RequestHandler = (req, res, next) => {
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=15552000');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', req.path.startsWith('/present/') ? 'SAMEORIGIN' : 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  next();
};

export function createHttpApp(options: {
  hub: SessionHub;
  store: Store;
  joinCodes: JoinCodeLimiter;
  auth: Auth;
  allowedOrigins: readonly string[];
  /** NE1: which hops are proxies whose forwarded headers count (express's `trust proxy`). */
  trust: TrustRule;
  allowInsecureHttp: boolean;
  web: RequestHandler | null;
  templates: TemplateStore;
  now: () => number;
  /** The clock of the limits (server.ts `limitClock`). */
  limitClock?: () => number;
  /** The export endpoint's needs: the texts' store and the worker that renders (issue 7). */
  exports: { yjs: YjsStore; renderer: ExportRenderer; log: Logger };
}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trust);
  app.use(securityHeaders);
  // NE3: no answer of the API (accounts, sessions, a join's session info, exports) is kept by a cache.
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  app.get('/healthz', async (_req, res) => {
    const ok = await options.store.ping().catch(() => false);
    res.status(ok ? 200 : 503).json({ ok });
  });

  const lookUp = joinLookup(options);
  app.get('/api/join/:code', joinEndpoint(lookUp));
  // RP1, RP8: an ended session's results page, for anyone with its join code.
  app.get('/api/results/:code', resultsPageEndpoint({ ...options, yjs: options.exports.yjs }));

  app.use('/api', authRouter(options.auth, options));
  app.use('/api', templatesRouter({ ...options, templates: options.templates }));
  app.use('/api', exportRouter({ auth: options.auth, hub: options.hub, ...options.exports }));

  app.use('/api', (_req, res) => {
    res.status(404).json({ ok: false, error: { code: 'BAD_REQUEST', message: 'no such endpoint' } });
  });

  if (options.web) app.use(joinLookupForPages(lookUp), options.web);
  else {
    app.use((_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send('Vrijuit web app is not built. Run `pnpm build` (or use `npm start`, which builds it).');
    });
  }
  return app;
}
