import type Database from 'better-sqlite3';
import type { AccountStore, StoredAccount } from './account-store.ts';
import * as sql from './account-sql.ts';
import { sqliteSteps, type SqliteSteps } from './sqlite-steps.ts';

/** The account tables of the embedded store (sqlite-schema.ts); same file, same connection; SQL in account-sql.ts. */
export class SqliteAccounts implements AccountStore {
  readonly #steps: SqliteSteps;
  readonly #create: (account: StoredAccount, onlyIfNone: boolean) => 'created' | 'exists' | 'not-first';

  constructor(db: Database.Database) {
    this.#steps = sqliteSteps(db).steps;
    // One transaction: "no account yet" and the insert cannot be split by a second setup request (AC6).
    this.#create = db.transaction((a: StoredAccount, onlyIfNone: boolean) =>
      this.#steps(sql.createAccount(a, onlyIfNone)),
    );
  }

  async count() {
    return this.#steps(sql.countAccounts());
  }

  async create(account: StoredAccount, options: { onlyIfNone?: boolean } = {}) {
    return this.#create(account, options.onlyIfNone ?? false);
  }

  async byEmail(email: string) {
    return this.#steps(sql.accountByEmail(email));
  }

  async byId(id: string) {
    return this.#steps(sql.accountById(id));
  }

  async list() {
    return this.#steps(sql.listAccounts());
  }

  async setPassword(accountId: string, passwordHash: string) {
    this.#steps(sql.setPassword(accountId, passwordHash));
  }

  async addSignIn(tokenHash: string, accountId: string, expiresAt: number) {
    this.#steps(sql.addSignIn(tokenHash, accountId, expiresAt, Date.now()));
  }

  async signIn(tokenHash: string) {
    return this.#steps(sql.signIn(tokenHash));
  }

  async deleteSignIn(tokenHash: string) {
    this.#steps(sql.deleteSignIn(tokenHash));
  }

  async deleteSignInsOf(accountId: string, keep: string | null) {
    return this.#steps(sql.deleteSignInsOf(accountId, keep));
  }

  async sessionsOf(accountId: string, legacy: boolean) {
    return this.#steps(sql.sessionsOf(accountId, legacy));
  }

  async ownerOf(sessionId: string) {
    return this.#steps(sql.ownerOf(sessionId));
  }

  async isSharedWith(sessionId: string, accountId: string) {
    return this.#steps(sql.isSharedWith(sessionId, accountId));
  }

  async share(sessionId: string, accountId: string) {
    this.#steps(sql.share(sessionId, accountId));
  }

  async unshare(sessionId: string, accountId: string) {
    this.#steps(sql.unshare(sessionId, accountId));
  }

  async sharesOf(sessionId: string) {
    return this.#steps(sql.sharesOf(sessionId));
  }
}
