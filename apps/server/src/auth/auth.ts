import { randomBytes } from 'node:crypto';
import type { LRUCache } from 'lru-cache';
import { SIGN_IN_TTL_MS, type Account, type AccountRole } from '@vrijuit/protocol';
import type { AccountStore, StoredAccount } from '../store/account-store.ts';
import { hashToken, randomId } from '../secrets.ts';
import { dummyHash, hashPassword, verifyPassword } from './password.ts';
import { SignInGuard, type SignInLimiter, type SignInLimits } from './sign-in-guard.ts';
import { boundedLru } from '../bounded-lru.ts';

/** Sign-ins kept in memory (the most recently used): far more consoles than one server serves at once. */
const CACHED_SIGN_INS = 10_000;
/** (account, session) access answers kept in memory. */
const CACHED_ACCESS = 50_000;

/** A valid sign-in: who, and the hash of its cookie token (the key to end it). */
export interface SignedIn {
  readonly account: Account;
  readonly tokenHash: string;
  readonly expiresAt: number;
}

export const publicAccount = (a: StoredAccount): Account => ({ id: a.id, email: a.email, name: a.name, role: a.role });

export type LoginResult =
  | { ok: true; token: string; account: Account }
  | { ok: false; code: 'INVALID_CREDENTIALS' }
  | { ok: false; code: 'RATE_LIMITED'; retryAfterMs: number };

export interface AuthOptions {
  /** NE5: the backoff's limits (default SIGN_IN_LIMITS), for the in-memory backoff. */
  signInLimits?: SignInLimits;
  /** The backoff's own clock (real time unless a test of the limits moves it). */
  limitClock?: () => number;
  /** SG2: the backoff shared by every process on the store (PostgreSQL); this process's own by default. */
  guard?: SignInLimiter;
  /**
   * SG4: the store is shared by other processes, which may end a sign-in or withdraw a share: nothing is
   * cached here, every check reads the store (a facilitator's message costs its round trips on PostgreSQL).
   */
  shared?: boolean;
  /**
   * SG5: the other processes on the store, told when a sign-in ends or a share is withdrawn here, and
   * telling this one of theirs (`onRevoked` then fires here too).
   */
  revocations?: { announce(): Promise<void>; onRevoked(listener: () => void): () => void };
}

/**
 * Accounts, sign-ins and access to sessions (AC1-AC6). One process (SQLite): in-memory caches in front of
 * the store, so the per-message check (AC3) is two map lookups; they are dropped on sign-out, password
 * change and (un)sharing. Several processes on one store (`shared`, SG4): no caches, since another process
 * may end a sign-in or a share. A sign-in's expiry is checked against the clock on every use.
 */
export class Auth {
  readonly #store: AccountStore;
  readonly #now: () => number;
  /** Bounded (issue 14): a flood of made-up cookies or session ids cannot grow memory; a miss reads the store. */
  readonly #signIns: LRUCache<string, SignedIn> = boundedLru(CACHED_SIGN_INS);
  readonly #access: LRUCache<string, boolean> = boundedLru(CACHED_ACCESS);
  readonly #guard: SignInLimiter;
  readonly #shared: boolean;
  readonly #revocations: AuthOptions['revocations'] | null;
  #setupToken: string | null = null;
  readonly #revoked = new Set<() => void>();

  constructor(store: AccountStore, now: () => number, options: AuthOptions = {}) {
    this.#store = store;
    this.#now = now;
    this.#guard = options.guard ?? new SignInGuard(options.signInLimits, options.limitClock);
    this.#shared = options.shared ?? false;
    this.#revocations = options.revocations ?? null;
    this.#revocations?.onRevoked(() => this.#notifyRevoked());
  }

  /**
   * Called after a sign-in ended or an access was withdrawn, so open consoles and screens can be
   * re-checked at once (a projector sends no messages that would be refused).
   */
  onRevoked(listener: () => void): () => void {
    this.#revoked.add(listener);
    return () => this.#revoked.delete(listener);
  }

  #notifyRevoked(): void {
    for (const listener of this.#revoked) listener();
  }

  /**
   * After a sign-in ended or a share was withdrawn (in the store): this process's connections are
   * re-checked, and the other processes are told (SG5). A notice that fails to go out is not an error of
   * the request: the change is stored, and every message is checked against the store (AC3).
   */
  async #ended(): Promise<void> {
    this.#notifyRevoked();
    await this.#revocations?.announce().catch(() => {});
  }

  /** AC6: a one-time setup token while no account exists (null otherwise); the same one until used. */
  async setupToken(): Promise<string | null> {
    if ((await this.#store.count()) > 0) return (this.#setupToken = null);
    this.#setupToken ??= randomBytes(24).toString('base64url');
    return this.#setupToken;
  }

  async setupNeeded(): Promise<boolean> {
    return (await this.#store.count()) === 0;
  }

  /** AC6: makes the first admin with the printed token; the token dies with it. */
  async setup(
    token: string,
    input: { email: string; name: string; password: string },
  ): Promise<{ ok: true; account: Account } | { ok: false; code: 'SETUP_DONE' | 'FORBIDDEN' }> {
    if (!(await this.setupNeeded())) return { ok: false, code: 'SETUP_DONE' };
    const expected = this.#setupToken;
    if (!expected || hashToken(token) !== hashToken(expected)) return { ok: false, code: 'FORBIDDEN' };
    const created = await this.createAccount({ ...input, role: 'admin' }, { onlyIfNone: true });
    if (!created.ok) return { ok: false, code: 'SETUP_DONE' };
    this.#setupToken = null;
    return created;
  }

  async createAccount(
    input: { email: string; name: string; password: string; role: AccountRole },
    options: { onlyIfNone?: boolean } = {},
  ): Promise<{ ok: true; account: Account } | { ok: false; code: 'ACCOUNT_EXISTS' }> {
    const account: StoredAccount = {
      id: randomId(),
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    };
    const result = await this.#store.create(account, options);
    return result === 'created' ? { ok: true, account: publicAccount(account) } : { ok: false, code: 'ACCOUNT_EXISTS' };
  }

  /**
   * AC5, S9: failures slow down per (email, address) and per address, with a cap over all addresses
   * (sign-in-guard.ts); a caller that must wait is told how long, before any password is checked.
   */
  async login(email: string, password: string, address: string): Promise<LoginResult> {
    const wait = await this.#guard.waitMs(email, address);
    if (wait > 0) return { ok: false, code: 'RATE_LIMITED', retryAfterMs: wait };
    const account = await this.#store.byEmail(email);
    const matches = await verifyPassword(password, account?.passwordHash ?? (await dummyHash()));
    if (!account || !matches) {
      await this.#guard.failed(email, address);
      return { ok: false, code: 'INVALID_CREDENTIALS' };
    }
    await this.#guard.succeeded(email, address);
    return { ok: true, token: await this.startSignIn(account.id), account: publicAccount(account) };
  }

  /** A new sign-in for an account: 256 random bits; only the hash is stored (AC4). */
  async startSignIn(accountId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.#store.addSignIn(hashToken(token), accountId, this.#now() + SIGN_IN_TTL_MS);
    return token;
  }

  /** The sign-in a cookie token stands for, if it is still valid. */
  async signedIn(token: string | null): Promise<SignedIn | null> {
    return token ? this.byHash(hashToken(token)) : null;
  }

  async byHash(tokenHash: string): Promise<SignedIn | null> {
    let entry = this.#signIns.get(tokenHash);
    if (!entry) {
      const row = await this.#store.signIn(tokenHash);
      if (!row) return null;
      entry = { account: publicAccount(row.account), tokenHash, expiresAt: row.expiresAt };
      if (!this.#shared) this.#signIns.set(tokenHash, entry);
    }
    if (entry.expiresAt <= this.#now()) {
      this.#signIns.delete(tokenHash);
      return null;
    }
    return entry;
  }

  async logout(token: string | null): Promise<void> {
    if (!token) return;
    const tokenHash = hashToken(token);
    this.#signIns.delete(tokenHash);
    await this.#store.deleteSignIn(tokenHash);
    await this.#ended();
  }

  /** Checks the current password, sets the new one and ends the account's other sign-ins. */
  async changePassword(who: SignedIn, current: string, next: string): Promise<boolean> {
    const account = await this.#store.byId(who.account.id);
    if (!account || !(await verifyPassword(current, account.passwordHash))) return false;
    await this.#store.setPassword(account.id, await hashPassword(next));
    for (const hash of await this.#store.deleteSignInsOf(account.id, who.tokenHash)) this.#signIns.delete(hash);
    await this.#ended();
    return true;
  }

  /** AC2: owner or shared; sessions without owner (made before accounts) to admins only. */
  async canReach(account: Account, sessionId: string): Promise<boolean> {
    const key = `${account.id}\n${sessionId}`;
    const cached = this.#access.get(key);
    if (cached !== undefined) return cached;
    const owner = await this.#store.ownerOf(sessionId);
    if (owner === undefined) return false; // no such session (yet): not cached
    const allowed =
      owner === account.id ||
      (owner === null && account.role === 'admin') ||
      (await this.#store.isSharedWith(sessionId, account.id));
    if (!this.#shared) this.#access.set(key, allowed);
    return allowed;
  }

  async isOwner(account: Account, sessionId: string): Promise<boolean> {
    return (await this.#store.ownerOf(sessionId)) === account.id;
  }

  /** AC3: the per-message check of a console: sign-in still valid, session still reachable. */
  async authorise(tokenHash: string, sessionId: string): Promise<'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN'> {
    const who = await this.byHash(tokenHash);
    if (!who) return 'UNAUTHENTICATED';
    return (await this.canReach(who.account, sessionId)) ? 'ok' : 'FORBIDDEN';
  }

  async share(sessionId: string, accountId: string): Promise<void> {
    await this.#store.share(sessionId, accountId);
    this.#access.clear();
  }

  async unshare(sessionId: string, accountId: string): Promise<void> {
    await this.#store.unshare(sessionId, accountId);
    this.#access.clear();
    await this.#ended();
  }

  get store(): AccountStore {
    return this.#store;
  }
}
