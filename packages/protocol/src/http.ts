/**
 * The HTTP endpoints, for the docs and the docs test. JSON endpoints answer in the ack envelope
 * (`{ ok: true, value } | { ok: false, error }`). State-changing requests must send
 * `Content-Type: application/json` and, from a browser, an allowed `Origin` (CSRF).
 */
export interface HttpEndpoint {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly description: string;
  /** Who may call it: anyone, a signed-in account (the sign-in cookie), or an admin. */
  readonly auth: 'anyone' | 'account' | 'admin' | 'owner';
  /** The request body's schema name in accounts.ts, if any. */
  readonly request?: string;
  /** The `value` of a successful answer. */
  readonly response?: string;
}

export const httpEndpoints: readonly HttpEndpoint[] = [
  {
    method: 'GET',
    path: '/healthz',
    auth: 'anyone',
    description: 'Liveness and store check: `200 {"ok":true}` when the store answers, `503` otherwise.',
  },
  {
    method: 'GET',
    path: '/api/join/:code',
    auth: 'anyone',
    response: 'SessionInfo',
    description:
      'Session title and zones for a join code (`SessionInfo`), for the join page; `404` with an error body if unknown. Wrong codes are limited per client address (core SPEC NE6): `429` `RATE_LIMITED` with `retryAfterSeconds` and `Retry-After`. The server renders `/j/:code` with the same lookup for the same address (PH6).',
  },
  {
    method: 'GET',
    path: '/api/results/:code',
    auth: 'anyone',
    response: 'ResultsPageView',
    description:
      'The results page of an ended session for its join code (core SPEC RP1-RP8), no account: `running` while the session is a draft or live, `over` once the period the facilitator set has run out (with the title), `open` with the outcomes (k-suppressed as in the export, only what the room saw), the final text and the follow-up note. `404` for an unknown or deleted code, which counts as a wrong join code (NE6); right codes have their own bucket per address: `429` `RATE_LIMITED` with `retryAfterSeconds` and `Retry-After`.',
  },
  {
    method: 'GET',
    path: '/api/auth/me',
    auth: 'anyone',
    response: 'Me',
    description:
      'The signed-in account (or null), whether the first admin still has to be made (`setupNeeded`), and whether this page came over plain http from another machine (`plainHttp`).',
  },
  {
    method: 'POST',
    path: '/api/auth/setup',
    auth: 'anyone',
    request: 'SetupRequest',
    response: 'Account',
    description:
      'Make the first admin with the one-time setup token printed by the server at start; signs in (sets the cookie). `SETUP_DONE` once any account exists, `FORBIDDEN` for a wrong token; `INSECURE_HTTP` as for sign-in.',
  },
  {
    method: 'POST',
    path: '/api/auth/login',
    auth: 'anyone',
    request: 'LoginRequest',
    response: 'Account',
    description:
      'Sign in: sets the HTTP-only sign-in cookie (SameSite=Lax, Secure over https). `INVALID_CREDENTIALS` for a wrong email or password; failed attempts slow down per (email, address) and per address (`429` `RATE_LIMITED` with `retryAfterSeconds`, core SPEC NE5). Over plain http from another machine `403` `INSECURE_HTTP` unless the server allows it (NE4).',
  },
  {
    method: 'POST',
    path: '/api/auth/logout',
    auth: 'anyone',
    response: 'null',
    description:
      'Sign out: the sign-in is deleted on the server (consoles using it are refused from their next message) and the cookie cleared.',
  },
  {
    method: 'POST',
    path: '/api/auth/password',
    auth: 'account',
    request: 'PasswordChange',
    response: 'null',
    description: 'Change your own password (the current one is checked, `INVALID_CREDENTIALS` otherwise).',
  },
  {
    method: 'GET',
    path: '/api/accounts',
    auth: 'admin',
    response: 'Account[]',
    description: 'Every account (admins only).',
  },
  {
    method: 'POST',
    path: '/api/accounts',
    auth: 'admin',
    request: 'NewAccount',
    response: 'Account',
    description: 'Add an account (admins only); `ACCOUNT_EXISTS` when the email is taken.',
  },
  {
    method: 'GET',
    path: '/api/sessions',
    auth: 'account',
    response: 'SessionSummary[]',
    description: 'The sessions this account owns plus those shared with it (no others, not even for admins).',
  },
  {
    method: 'GET',
    path: '/api/sessions/:id/shares',
    auth: 'owner',
    response: 'Share[]',
    description: 'The facilitators a session is shared with (its owner only).',
  },
  {
    method: 'POST',
    path: '/api/sessions/:id/shares',
    auth: 'owner',
    request: 'ShareRequest',
    response: 'Share',
    description:
      'Share a session with another account by email (its owner only); `ACCOUNT_NOT_FOUND` if no such account.',
  },
  {
    method: 'DELETE',
    path: '/api/sessions/:id/shares/:accountId',
    auth: 'owner',
    response: 'null',
    description: 'Stop sharing; that account’s consoles are refused from their next message.',
  },
  {
    method: 'GET',
    path: '/api/templates',
    auth: 'account',
    response: 'SavedTemplate[]',
    description: 'The templates this account saved (its own only), by name.',
  },
  {
    method: 'POST',
    path: '/api/sessions/:id/template',
    auth: 'account',
    request: 'SaveTemplateRequest',
    response: 'SavedTemplate',
    description:
      'Save the design of a session the account can reach (owner or shared) as its own template: details, zones, settings and agenda, never people, input or results (DE8).',
  },
  {
    method: 'DELETE',
    path: '/api/templates/:id',
    auth: 'account',
    response: 'null',
    description: 'Delete one of your own templates; `TEMPLATE_NOT_FOUND` for any other id.',
  },
  {
    method: 'GET',
    path: '/api/sessions/:id/export',
    auth: 'account',
    response: 'a file',
    description:
      "The session’s anonymised outcome as a file (issue 7; docs/export.md): `?format=` one of `md`, `docx`, `pdf`, `csv`, `json`; for an account that reaches the session (owner or shared), in any status (draft, live, closed, archived). Answers the file itself, not JSON: `Content-Type` of the format, `Content-Disposition: attachment` with a name from the title and date (`filename*=UTF-8''…`), `Content-Length`, `Cache-Control: no-store`. Errors in the ack envelope: `UNAUTHENTICATED` (401), `BAD_REQUEST` for a missing or unknown format (400), `SESSION_NOT_FOUND` (404), `FORBIDDEN` for a session of another account (403), `INTERNAL` (500) if rendering fails. Rendered off the main event loop, in a worker process of its own at the lowest priority (P5).",
  },
  {
    method: 'GET',
    path: '/api/compare/:compareKey',
    auth: 'account',
    response: 'ComparedRound[]',
    description:
      'Every closed round with this compareKey in the sessions the account can reach, newest date first, with its kept results (no per-group breakdown).',
  },
];
