import type { AccountRole, SessionStatus } from '@vrijuit/protocol';
import type { SessionListing, StoredAccount } from './account-store.ts';
import { all, get, run, type SqlSteps } from './sql-steps.ts';

/**
 * The account store's statements (account-store.ts), written once for SQLite (sqlite-accounts.ts) and
 * PostgreSQL (pg-accounts.ts) as sql-steps.ts's steps: only SQL both engines read the same way
 * (`IS DISTINCT FROM`, `ON CONFLICT DO NOTHING`, integers rather than booleans in and out).
 */

interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
}

const toAccount = (r: AccountRow): StoredAccount => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role as AccountRole,
  passwordHash: r.password_hash,
});

export function* countAccounts(): SqlSteps<number> {
  return ((yield get('SELECT count(*) AS n FROM accounts')) as { n: number }).n;
}

/** Run in one transaction (and on PostgreSQL with the table locked), so "no account yet" holds at the insert (AC6). */
export function* createAccount(a: StoredAccount, onlyIfNone: boolean): SqlSteps<'created' | 'exists' | 'not-first'> {
  if (onlyIfNone && (yield* countAccounts()) > 0) return 'not-first';
  if (yield get('SELECT 1 AS one FROM accounts WHERE email = ?', a.email)) return 'exists';
  yield run(
    'INSERT INTO accounts (id, email, name, role, password_hash) VALUES (?, ?, ?, ?, ?)',
    a.id,
    a.email,
    a.name,
    a.role,
    a.passwordHash,
  );
  return 'created';
}

function* oneAccount(where: string, value: string): SqlSteps<StoredAccount | null> {
  const row = (yield get(`SELECT * FROM accounts WHERE ${where} = ?`, value)) as AccountRow | undefined;
  return row ? toAccount(row) : null;
}

export const accountByEmail = (email: string) => oneAccount('email', email);
export const accountById = (id: string) => oneAccount('id', id);

export function* listAccounts(): SqlSteps<StoredAccount[]> {
  return ((yield all('SELECT * FROM accounts ORDER BY name, email')) as AccountRow[]).map(toAccount);
}

export function* setPassword(accountId: string, passwordHash: string): SqlSteps {
  yield run('UPDATE accounts SET password_hash = ? WHERE id = ?', passwordHash, accountId);
}

export function* addSignIn(tokenHash: string, accountId: string, expiresAt: number, now: number): SqlSteps {
  // Expired sign-ins are swept when new ones are made, so the table stays small.
  yield run('DELETE FROM sign_ins WHERE expires_at < ?', now);
  yield run(
    'INSERT INTO sign_ins (token_hash, account_id, expires_at) VALUES (?, ?, ?)',
    tokenHash,
    accountId,
    expiresAt,
  );
}

export function* signIn(tokenHash: string): SqlSteps<{ account: StoredAccount; expiresAt: number } | null> {
  const row = (yield get(
    'SELECT a.*, s.expires_at FROM sign_ins s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ?',
    tokenHash,
  )) as (AccountRow & { expires_at: number }) | undefined;
  return row ? { account: toAccount(row), expiresAt: row.expires_at } : null;
}

export function* deleteSignIn(tokenHash: string): SqlSteps {
  yield run('DELETE FROM sign_ins WHERE token_hash = ?', tokenHash);
}

export function* deleteSignInsOf(accountId: string, keep: string | null): SqlSteps<string[]> {
  const rows = (yield all(
    'DELETE FROM sign_ins WHERE account_id = ? AND token_hash IS DISTINCT FROM ? RETURNING token_hash',
    accountId,
    keep,
  )) as { token_hash: string }[];
  return rows.map((r) => r.token_hash);
}

/** The order of an account's sessions: by title, then id (as SQLite's `ORDER BY title, id` compares them). */
export const byTitle = (a: SessionListing, b: SessionListing): number =>
  a.title === b.title
    ? a.id < b.id
      ? -1
      : a.id > b.id
        ? 1
        : 0
    : Buffer.compare(Buffer.from(a.title), Buffer.from(b.title));

export function* sessionsOf(accountId: string, legacy: boolean): SqlSteps<SessionListing[]> {
  const rows = (yield all(
    `SELECT s.id, s.title, s.join_code, s.status, s.date, coalesce(o.name, '') AS owner_name,
            CASE WHEN s.owner_account_id IS DISTINCT FROM ? THEN 1 ELSE 0 END AS shared,
            (SELECT count(*) FROM participants p WHERE p.session_id = s.id) AS participants,
            (SELECT count(*) FROM rounds r WHERE r.session_id = s.id) AS rounds
     FROM sessions s LEFT JOIN accounts o ON o.id = s.owner_account_id
     WHERE s.owner_account_id = ?
        OR s.id IN (SELECT session_id FROM session_shares WHERE account_id = ?)
        OR (? = 1 AND s.owner_account_id IS NULL)
     ORDER BY s.title, s.id`,
    accountId,
    accountId,
    accountId,
    legacy ? 1 : 0,
  )) as {
    id: string;
    title: string;
    join_code: string;
    owner_name: string;
    shared: number;
    participants: number;
    rounds: number;
    status: string;
    date: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    joinCode: r.join_code,
    ownerName: r.owner_name,
    shared: r.shared === 1,
    participants: r.participants,
    rounds: r.rounds,
    status: r.status as SessionStatus,
    date: r.date,
  }));
}

export function* ownerOf(sessionId: string): SqlSteps<string | null | undefined> {
  const row = (yield get('SELECT owner_account_id FROM sessions WHERE id = ?', sessionId)) as
    { owner_account_id: string | null } | undefined;
  return row ? row.owner_account_id : undefined;
}

export function* isSharedWith(sessionId: string, accountId: string): SqlSteps<boolean> {
  return !!(yield get(
    'SELECT 1 AS one FROM session_shares WHERE session_id = ? AND account_id = ?',
    sessionId,
    accountId,
  ));
}

export function* share(sessionId: string, accountId: string): SqlSteps {
  yield run(
    'INSERT INTO session_shares (session_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
    sessionId,
    accountId,
  );
}

export function* unshare(sessionId: string, accountId: string): SqlSteps {
  yield run('DELETE FROM session_shares WHERE session_id = ? AND account_id = ?', sessionId, accountId);
}

export function* sharesOf(sessionId: string): SqlSteps<StoredAccount[]> {
  return (
    (yield all(
      'SELECT a.* FROM session_shares s JOIN accounts a ON a.id = s.account_id WHERE s.session_id = ? ORDER BY a.name',
      sessionId,
    )) as AccountRow[]
  ).map(toAccount);
}
