import { z } from 'zod';
import { SessionId } from './ids.ts';
import { IsoDate, SessionStatus } from './session.ts';

/** Facilitator accounts and sign-in over HTTP (JSON bodies, answers in the ack envelope). */

export const AccountRole = z.enum(['admin', 'facilitator']);
export type AccountRole = z.infer<typeof AccountRole>;

/** Stored lower-cased, so "Ann@X.be" and "ann@x.be" are one account. */
export const Email = z
  .string()
  .trim()
  .max(254)
  .transform((s) => s.toLowerCase())
  .pipe(z.email('invalid email address'));
export type Email = z.output<typeof Email>;

export const AccountName = z.string().trim().min(1).max(80);

/** Long enough to resist guessing; the upper bound keeps scrypt's input bounded. */
export const Password = z.string().min(10, 'a password has at least 10 characters').max(200);

export const AccountId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid account id');
export type AccountId = z.infer<typeof AccountId>;

export const Account = z.object({
  id: AccountId,
  email: z.string(),
  name: z.string(),
  role: AccountRole,
});
export type Account = z.infer<typeof Account>;

/** `GET /api/auth/me`: who is signed in (null if nobody) and whether the first admin is still to be made. */
export const Me = z.object({
  account: Account.nullable(),
  setupNeeded: z.boolean(),
  /**
   * This page reached the server over plain http from another machine (allowed only with
   * ALLOW_INSECURE_HTTP=1): others on the same network can read what it sends and receives.
   */
  plainHttp: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const SetupRequest = z.object({
  token: z.string().min(1).max(200),
  email: Email,
  name: AccountName,
  password: Password,
});
export type SetupRequest = z.input<typeof SetupRequest>;

export const LoginRequest = z.object({ email: Email, password: z.string().min(1).max(200) });
export type LoginRequest = z.input<typeof LoginRequest>;

export const PasswordChange = z.object({ current: z.string().min(1).max(200), next: Password });
export type PasswordChange = z.input<typeof PasswordChange>;

export const NewAccount = z.object({
  email: Email,
  name: AccountName,
  password: Password,
  role: AccountRole.default('facilitator'),
});
export type NewAccount = z.input<typeof NewAccount>;

/** One line of `GET /api/sessions`: a session the account owns or that is shared with it. */
export const SessionSummary = z.object({
  id: SessionId,
  title: z.string(),
  joinCode: z.string(),
  ownerName: z.string(),
  shared: z.boolean(),
  participants: z.number().int().min(0),
  rounds: z.number().int().min(0),
  status: SessionStatus,
  /** The day of the workshop, or null. */
  date: IsoDate.nullable(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const ShareRequest = z.object({ email: Email });
export type ShareRequest = z.input<typeof ShareRequest>;

export const Share = z.object({ accountId: AccountId, email: z.string(), name: z.string() });
export type Share = z.infer<typeof Share>;

/** The sign-in cookie's name; HTTP-only, so page scripts never read it. */
export const SIGN_IN_COOKIE = 'vrijuit_signin';
/** How long a sign-in lasts (ms). */
export const SIGN_IN_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/**
 * S9, AC5: failed sign-ins slow down, they never lock an account. Per (email, address) and per address,
 * the first `free…` failures cost nothing; each further one doubles a wait from `backoffBaseMs` up to
 * `backoffMaxMs`; a counter is forgotten `forgetAfterMs` after its last failure (or, per pair, on a
 * success). Over all addresses together, failures beyond a bucket of `globalBurst` (refilled at
 * `globalPerMinute`) make callers wait unless that email signed in from that address before.
 */
export const SIGN_IN_LIMITS = {
  freePerPair: 5,
  freePerAddress: 20,
  backoffBaseMs: 1000,
  backoffMaxMs: 15 * 60 * 1000,
  forgetAfterMs: 60 * 60 * 1000,
  globalBurst: 100,
  globalPerMinute: 10,
} as const;
