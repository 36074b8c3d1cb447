import type Database from 'better-sqlite3';
import type { AccountRole, SessionStatus } from '@vrijuit/protocol';
import type { AccountStore, SessionListing, StoredAccount } from './account-store.ts';

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

/** The account tables of the embedded store (sqlite-schema.ts); same file, same connection. */
export class SqliteAccounts implements AccountStore {
  readonly #db: Database.Database;
  readonly #create: (account: StoredAccount, onlyIfNone: boolean) => 'created' | 'exists' | 'not-first';

  constructor(db: Database.Database) {
    this.#db = db;
    // One transaction: "no account yet" and the insert cannot be split by a second setup request (AC6).
    this.#create = db.transaction((a: StoredAccount, onlyIfNone: boolean) => {
      if (onlyIfNone && this.#countSync() > 0) return 'not-first';
      if (db.prepare('SELECT 1 FROM accounts WHERE email = ?').get(a.email)) return 'exists';
      db.prepare('INSERT INTO accounts (id, email, name, role, password_hash) VALUES (?, ?, ?, ?, ?)').run(
        a.id,
        a.email,
        a.name,
        a.role,
        a.passwordHash,
      );
      return 'created';
    });
  }

  #countSync(): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
  }

  async count() {
    return this.#countSync();
  }

  async create(account: StoredAccount, options: { onlyIfNone?: boolean } = {}) {
    return this.#create(account, options.onlyIfNone ?? false);
  }

  async byEmail(email: string) {
    const row = this.#db.prepare('SELECT * FROM accounts WHERE email = ?').get(email) as AccountRow | undefined;
    return row ? toAccount(row) : null;
  }

  async byId(id: string) {
    const row = this.#db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
    return row ? toAccount(row) : null;
  }

  async list() {
    return (this.#db.prepare('SELECT * FROM accounts ORDER BY name, email').all() as AccountRow[]).map(toAccount);
  }

  async setPassword(accountId: string, passwordHash: string) {
    this.#db.prepare('UPDATE accounts SET password_hash = ? WHERE id = ?').run(passwordHash, accountId);
  }

  async addSignIn(tokenHash: string, accountId: string, expiresAt: number) {
    // Expired sign-ins are swept when new ones are made, so the table stays small.
    this.#db.prepare('DELETE FROM sign_ins WHERE expires_at < ?').run(Date.now());
    this.#db
      .prepare('INSERT INTO sign_ins (token_hash, account_id, expires_at) VALUES (?, ?, ?)')
      .run(tokenHash, accountId, expiresAt);
  }

  async signIn(tokenHash: string) {
    const row = this.#db
      .prepare('SELECT a.*, s.expires_at FROM sign_ins s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ?')
      .get(tokenHash) as (AccountRow & { expires_at: number }) | undefined;
    return row ? { account: toAccount(row), expiresAt: row.expires_at } : null;
  }

  async deleteSignIn(tokenHash: string) {
    this.#db.prepare('DELETE FROM sign_ins WHERE token_hash = ?').run(tokenHash);
  }

  async deleteSignInsOf(accountId: string, keep: string | null) {
    const rows = this.#db
      .prepare('DELETE FROM sign_ins WHERE account_id = ? AND token_hash IS NOT ? RETURNING token_hash')
      .all(accountId, keep) as { token_hash: string }[];
    return rows.map((r) => r.token_hash);
  }

  async sessionsOf(accountId: string, legacy: boolean): Promise<SessionListing[]> {
    const rows = this.#db
      .prepare(
        `SELECT s.id, s.title, s.join_code, s.status, s.date, coalesce(o.name, '') AS owner_name,
                (s.owner_account_id IS NOT ?) AS shared,
                (SELECT count(*) FROM participants p WHERE p.session_id = s.id) AS participants,
                (SELECT count(*) FROM rounds r WHERE r.session_id = s.id) AS rounds
         FROM sessions s LEFT JOIN accounts o ON o.id = s.owner_account_id
         WHERE s.owner_account_id = ?
            OR s.id IN (SELECT session_id FROM session_shares WHERE account_id = ?)
            OR (? AND s.owner_account_id IS NULL)
         ORDER BY s.title, s.id`,
      )
      .all(accountId, accountId, accountId, legacy ? 1 : 0) as {
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

  async ownerOf(sessionId: string) {
    const row = this.#db.prepare('SELECT owner_account_id FROM sessions WHERE id = ?').get(sessionId) as
      { owner_account_id: string | null } | undefined;
    return row ? row.owner_account_id : undefined;
  }

  async isSharedWith(sessionId: string, accountId: string) {
    return !!this.#db
      .prepare('SELECT 1 FROM session_shares WHERE session_id = ? AND account_id = ?')
      .get(sessionId, accountId);
  }

  async share(sessionId: string, accountId: string) {
    this.#db
      .prepare('INSERT OR IGNORE INTO session_shares (session_id, account_id) VALUES (?, ?)')
      .run(sessionId, accountId);
  }

  async unshare(sessionId: string, accountId: string) {
    this.#db.prepare('DELETE FROM session_shares WHERE session_id = ? AND account_id = ?').run(sessionId, accountId);
  }

  async sharesOf(sessionId: string) {
    return (
      this.#db
        .prepare(
          'SELECT a.* FROM session_shares s JOIN accounts a ON a.id = s.account_id WHERE s.session_id = ? ORDER BY a.name',
        )
        .all(sessionId) as AccountRow[]
    ).map(toAccount);
  }
}
