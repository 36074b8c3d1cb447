import type {
  Account,
  Ack,
  ErrorCode,
  LoginRequest,
  Me,
  NewAccount,
  PasswordChange,
  SessionSummary,
  SetupRequest,
  Share,
} from '@vrijuit/protocol';

/** A refusal from the server, or TIMEOUT when it could not be reached. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode | 'TIMEOUT' };

/**
 * The account endpoints (packages/protocol/src/http.ts). Same origin, so the HTTP-only sign-in cookie
 * rides along; state changes are JSON (the server refuses anything else, against CSRF).
 */
export async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const ack = (await res.json()) as Ack<T>;
    return ack.ok ? { ok: true, value: ack.value } : { ok: false, code: ack.error.code };
  } catch {
    return { ok: false, code: 'TIMEOUT' };
  }
}

export const authApi = {
  me: () => call<Me>('GET', '/api/auth/me'),
  login: (request: LoginRequest) => call<Account>('POST', '/api/auth/login', request),
  setup: (request: SetupRequest) => call<Account>('POST', '/api/auth/setup', request),
  logout: () => call<null>('POST', '/api/auth/logout', {}),
  changePassword: (request: PasswordChange) => call<null>('POST', '/api/auth/password', request),
  accounts: () => call<Account[]>('GET', '/api/accounts'),
  addAccount: (request: NewAccount) => call<Account>('POST', '/api/accounts', request),
  sessions: () => call<SessionSummary[]>('GET', '/api/sessions'),
  shares: (sessionId: string) => call<Share[]>('GET', `/api/sessions/${encodeURIComponent(sessionId)}/shares`),
  share: (sessionId: string, email: string) =>
    call<Share>('POST', `/api/sessions/${encodeURIComponent(sessionId)}/shares`, { email }),
  unshare: (sessionId: string, accountId: string) =>
    call<null>('DELETE', `/api/sessions/${encodeURIComponent(sessionId)}/shares/${encodeURIComponent(accountId)}`),
};

/** Only a path of this site (not `//elsewhere`, not a URL) is a place to go back to after sign-in. */
export function safeNext(next: string | null | undefined, fallback = '/sessions'): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}

/** /login with a way back to `here` (path and query). */
export function loginHref(here: string): string {
  return `/login?next=${encodeURIComponent(here)}`;
}

/**
 * Leaves for another page with a full load: the realtime socket was opened before the sign-in cookie
 * changed, and only a new handshake carries the new one.
 */
export function reloadTo(path: string): void {
  window.location.assign(path);
}

/** Sends an unsigned-in visitor to /login, to come back here afterwards. */
export function toLogin(): void {
  reloadTo(loginHref(window.location.pathname + window.location.search));
}
