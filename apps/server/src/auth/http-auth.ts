import express, { type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import {
  AccountId,
  LoginRequest,
  NewAccount,
  PasswordChange,
  SessionId,
  SetupRequest,
  ShareRequest,
  SIGN_IN_TTL_MS,
  type Account,
  type ErrorCode,
  type Me,
  type SessionSummary,
  type Share,
} from '@vrijuit/protocol';
import { isThisMachine } from '../client-address.ts';
import { isOriginAllowed } from '../origin.ts';
import { publicAccount, type Auth, type SignedIn } from './auth.ts';
import { clearedCookie, signInCookie, signInToken } from './cookies.ts';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  SESSION_NOT_FOUND: 404,
  ACCOUNT_NOT_FOUND: 404,
  ACCOUNT_EXISTS: 409,
  SETUP_DONE: 409,
  RATE_LIMITED: 429,
  INSECURE_HTTP: 403,
};

function fail(res: Response, code: ErrorCode, message: string, retryAfterMs?: number): void {
  if (retryAfterMs === undefined) {
    res.status(STATUS[code] ?? 400).json({ ok: false, error: { code, message } });
    return;
  }
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  res.setHeader('Retry-After', String(retryAfterSeconds));
  res.status(STATUS[code] ?? 400).json({ ok: false, error: { code, message, retryAfterSeconds } });
}

const ok = (res: Response, value: unknown) => res.json({ ok: true, value });

/**
 * Over https directly, or behind a trusted proxy (TRUST_PROXY) that says so in `X-Forwarded-Proto`
 * (express's `req.secure` under the app's `trust proxy`): then the cookie is `Secure` (AC4).
 */
const isHttps = (req: Request) => req.secure;

/**
 * NE4: the request crossed the network in plain text: http, from a client that is not this machine
 * (behind a trusted proxy: the forwarded client, and the proxy's word on the scheme). A request that
 * carries `X-Forwarded-For` from a proxy that is not trusted may come from anywhere: not this machine.
 */
export const plainAcrossNetwork = (req: Request) => {
  if (req.secure) return false;
  const untrustedProxy = req.headers['x-forwarded-for'] !== undefined && req.ip === req.socket.remoteAddress;
  return untrustedProxy || !isThisMachine(req.ip ?? '', req.socket.localAddress);
};

function parse<S extends z.ZodType>(schema: S, req: Request, res: Response): z.output<S> | null {
  const parsed = schema.safeParse(req.body);
  if (parsed.success) return parsed.data;
  res.status(400).json({
    ok: false,
    error: {
      code: 'BAD_REQUEST',
      message: 'invalid request body',
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    },
  });
  return null;
}

/**
 * The account endpoints (packages/protocol/src/http.ts): sign-in, setup, accounts, the session list
 * and shares. AC5: every state-changing request must be JSON and come from an allowed Origin, so a
 * foreign page can neither post a form nor a fetch that carries the sign-in cookie.
 */
export function authRouter(
  auth: Auth,
  { allowedOrigins, allowInsecureHttp }: { allowedOrigins: readonly string[]; allowInsecureHttp: boolean },
): Router {
  const router = express.Router();
  /** NE4: a password or a new sign-in cookie would cross the network readable by anyone on it. */
  const refusedInsecure = (req: Request, res: Response) => {
    if (allowInsecureHttp || !plainAcrossNetwork(req)) return false;
    fail(res, 'INSECURE_HTTP', 'sign in over https, or on the server itself');
    return true;
  };
  router.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    if (!isOriginAllowed(req, allowedOrigins)) return fail(res, 'FORBIDDEN', 'foreign origin');
    if (req.method === 'POST' && !req.is('application/json')) return fail(res, 'BAD_REQUEST', 'send JSON');
    next();
  });
  router.use(express.json({ limit: '16kb' }));

  const who = (req: Request) => auth.signedIn(signInToken(req));
  /** Runs `then` with the signed-in account, or answers UNAUTHENTICATED. */
  const signedIn = async (req: Request, res: Response, then: (me: SignedIn) => Promise<void>) => {
    const me = await who(req);
    if (!me) return fail(res, 'UNAUTHENTICATED', 'sign in first');
    await then(me);
  };
  const setCookie = (req: Request, res: Response, token: string) =>
    res.setHeader('Set-Cookie', signInCookie(token, SIGN_IN_TTL_MS, isHttps(req)));

  router.get('/auth/me', async (req, res) => {
    const me = await who(req);
    ok(res, {
      account: me?.account ?? null,
      setupNeeded: await auth.setupNeeded(),
      plainHttp: plainAcrossNetwork(req),
    } satisfies Me);
  });

  router.post('/auth/setup', async (req, res) => {
    if (refusedInsecure(req, res)) return;
    const input = parse(SetupRequest, req, res);
    if (!input) return;
    const result = await auth.setup(input.token, input);
    if (!result.ok)
      return fail(res, result.code, result.code === 'SETUP_DONE' ? 'an account exists' : 'wrong setup token');
    setCookie(req, res, await auth.startSignIn(result.account.id));
    ok(res, result.account satisfies Account);
  });

  router.post('/auth/login', async (req, res) => {
    if (refusedInsecure(req, res)) return;
    const input = parse(LoginRequest, req, res);
    if (!input) return;
    const result = await auth.login(input.email, input.password, req.ip ?? '');
    if (!result.ok) {
      return result.code === 'RATE_LIMITED'
        ? fail(res, result.code, 'too many failed sign-ins; wait and try again', result.retryAfterMs)
        : fail(res, result.code, 'wrong email or password');
    }
    setCookie(req, res, result.token);
    ok(res, result.account satisfies Account);
  });

  router.post('/auth/logout', async (req, res) => {
    await auth.logout(signInToken(req));
    res.setHeader('Set-Cookie', clearedCookie(isHttps(req)));
    ok(res, null);
  });

  router.post('/auth/password', (req, res) =>
    signedIn(req, res, async (me) => {
      const input = parse(PasswordChange, req, res);
      if (!input) return;
      if (!(await auth.changePassword(me, input.current, input.next))) {
        return fail(res, 'INVALID_CREDENTIALS', 'the current password is wrong');
      }
      ok(res, null);
    }),
  );

  router.get('/accounts', (req, res) =>
    signedIn(req, res, async (me) => {
      if (me.account.role !== 'admin') return fail(res, 'FORBIDDEN', 'admins only');
      ok(res, (await auth.store.list()).map(publicAccount) satisfies Account[]);
    }),
  );

  router.post('/accounts', (req, res) =>
    signedIn(req, res, async (me) => {
      if (me.account.role !== 'admin') return fail(res, 'FORBIDDEN', 'admins only');
      const input = parse(NewAccount, req, res);
      if (!input) return;
      const result = await auth.createAccount(input);
      if (!result.ok) return fail(res, 'ACCOUNT_EXISTS', 'an account with this email exists');
      ok(res, result.account satisfies Account);
    }),
  );

  router.get('/sessions', (req, res) =>
    signedIn(req, res, async (me) => {
      const list = await auth.store.sessionsOf(me.account.id, me.account.role === 'admin');
      ok(res, list satisfies SessionSummary[]);
    }),
  );

  /** Runs `then` for the owner of session `:id` only (AC2: sharing is the owner's call). */
  const asOwner = (req: Request, res: Response, then: (sessionId: string) => Promise<void>) =>
    signedIn(req, res, async (me) => {
      const id = SessionId.safeParse(req.params.id);
      if (!id.success) return fail(res, 'SESSION_NOT_FOUND', 'no such session');
      const owner = await auth.store.ownerOf(id.data);
      if (owner === undefined) return fail(res, 'SESSION_NOT_FOUND', 'no such session');
      if (owner !== me.account.id) return fail(res, 'FORBIDDEN', 'only the owner shares a session');
      await then(id.data);
    });

  const shareOf = (a: Account): Share => ({ accountId: a.id, email: a.email, name: a.name });

  router.get('/sessions/:id/shares', (req, res) =>
    asOwner(req, res, async (sessionId) => {
      ok(res, (await auth.store.sharesOf(sessionId)).map(shareOf));
    }),
  );

  router.post('/sessions/:id/shares', (req, res) =>
    asOwner(req, res, async (sessionId) => {
      const input = parse(ShareRequest, req, res);
      if (!input) return;
      const account = await auth.store.byEmail(input.email);
      if (!account) return fail(res, 'ACCOUNT_NOT_FOUND', 'no account with this email');
      if ((await auth.store.ownerOf(sessionId)) === account.id) return fail(res, 'BAD_REQUEST', 'you own this session');
      await auth.share(sessionId, account.id);
      ok(res, shareOf(account));
    }),
  );

  router.delete('/sessions/:id/shares/:accountId', (req, res) =>
    asOwner(req, res, async (sessionId) => {
      const accountId = AccountId.safeParse(req.params.accountId);
      if (!accountId.success) return fail(res, 'ACCOUNT_NOT_FOUND', 'no such account');
      await auth.unshare(sessionId, accountId.data);
      ok(res, null);
    }),
  );

  // A body that is not JSON (or too big) is a typed error, not express's HTML page.
  router.use((error: unknown, _req: Request, res: Response, next: (error?: unknown) => void) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status ?? 500;
    if (status >= 500) return next(error);
    fail(res, 'BAD_REQUEST', 'unreadable request body');
  });

  return router;
}
