import type { AccountRole, SessionStatus } from '@vrijuit/protocol';

/** An account as stored; `passwordHash` never leaves the server (AC4). */
export interface StoredAccount {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: AccountRole;
  readonly passwordHash: string;
}

/** A session as listed for an account (`GET /api/sessions`). */
export interface SessionListing {
  readonly id: string;
  readonly title: string;
  readonly joinCode: string;
  readonly ownerName: string;
  readonly shared: boolean;
  readonly participants: number;
  readonly rounds: number;
  readonly status: SessionStatus;
  readonly date: string | null;
}

/**
 * Facilitator accounts, their sign-ins and session shares (AC1-AC6). Async like `Store`, so a
 * PostgreSQL implementation fits the same shape.
 */
export interface AccountStore {
  count(): Promise<number>;
  /** Adds an account; false when the email is taken. With `onlyIfNone`, only while no account exists (AC6). */
  create(account: StoredAccount, options?: { onlyIfNone?: boolean }): Promise<'created' | 'exists' | 'not-first'>;
  byEmail(email: string): Promise<StoredAccount | null>;
  byId(id: string): Promise<StoredAccount | null>;
  list(): Promise<StoredAccount[]>;
  setPassword(accountId: string, passwordHash: string): Promise<void>;
  addSignIn(tokenHash: string, accountId: string, expiresAt: number): Promise<void>;
  signIn(tokenHash: string): Promise<{ account: StoredAccount; expiresAt: number } | null>;
  deleteSignIn(tokenHash: string): Promise<void>;
  /** Ends every sign-in of an account but `keep` (after a password change). */
  deleteSignInsOf(accountId: string, keep: string | null): Promise<string[]>;
  /** Sessions the account owns or that are shared with it; with `legacy`, also those without owner (AC2). */
  sessionsOf(accountId: string, legacy: boolean): Promise<SessionListing[]>;
  /** The owner (null for sessions made before accounts), or undefined when no such session. */
  ownerOf(sessionId: string): Promise<string | null | undefined>;
  isSharedWith(sessionId: string, accountId: string): Promise<boolean>;
  share(sessionId: string, accountId: string): Promise<void>;
  unshare(sessionId: string, accountId: string): Promise<void>;
  sharesOf(sessionId: string): Promise<StoredAccount[]>;
}
