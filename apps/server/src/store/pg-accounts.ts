import type pg from 'pg';
import type { SavedTemplate } from '@vrijuit/protocol';
import type { AccountStore, StoredAccount } from './account-store.ts';
import * as sql from './account-sql.ts';
import { inTransaction, onPool, runSteps } from './pg-sql.ts';
import type { CellSeal } from './sealed-cells.ts';
import { addTemplate, deleteTemplate, templatesOf } from './template-sql.ts';
import type { TemplateStore } from './template-store.ts';

/** Accounts, sign-ins and shares on PostgreSQL: account-sql.ts's statements, as SqliteAccounts runs them. */
export class PgAccounts implements AccountStore {
  readonly #pool: pg.Pool;
  /** LC7: each session's seal, to open its title (sealed-cells.ts). */
  readonly #cellsOf: (sessionId: string) => Promise<CellSeal>;

  constructor(pool: pg.Pool, cellsOf: (sessionId: string) => Promise<CellSeal>) {
    this.#pool = pool;
    this.#cellsOf = cellsOf;
  }

  count() {
    return onPool(this.#pool, sql.countAccounts());
  }

  create(account: StoredAccount, options: { onlyIfNone?: boolean } = {}) {
    // AC6: "no account yet" must still hold at the insert, across connections and processes: the table is
    // locked against other writers for the transaction (readers go on).
    return inTransaction(this.#pool, async (client) => {
      await client.query('LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE');
      return runSteps(client, sql.createAccount(account, options.onlyIfNone ?? false));
    });
  }

  byEmail(email: string) {
    return onPool(this.#pool, sql.accountByEmail(email));
  }

  byId(id: string) {
    return onPool(this.#pool, sql.accountById(id));
  }

  list() {
    return onPool(this.#pool, sql.listAccounts());
  }

  setPassword(accountId: string, passwordHash: string) {
    return onPool(this.#pool, sql.setPassword(accountId, passwordHash));
  }

  addSignIn(tokenHash: string, accountId: string, expiresAt: number) {
    return onPool(this.#pool, sql.addSignIn(tokenHash, accountId, expiresAt, Date.now()));
  }

  signIn(tokenHash: string) {
    return onPool(this.#pool, sql.signIn(tokenHash));
  }

  deleteSignIn(tokenHash: string) {
    return onPool(this.#pool, sql.deleteSignIn(tokenHash));
  }

  deleteSignInsOf(accountId: string, keep: string | null) {
    return onPool(this.#pool, sql.deleteSignInsOf(accountId, keep));
  }

  /** The titles are sealed, each with its session's key: opened here, then put in order as SQLite orders them. */
  async sessionsOf(accountId: string, legacy: boolean) {
    const listings = await onPool(this.#pool, sql.sessionsOf(accountId, legacy));
    const opened = await Promise.all(
      listings.map(async (listing) => (await this.#cellsOf(listing.id)).openRows([listing])[0]!),
    );
    return opened.sort(sql.byTitle);
  }

  ownerOf(sessionId: string) {
    return onPool(this.#pool, sql.ownerOf(sessionId));
  }

  isSharedWith(sessionId: string, accountId: string) {
    return onPool(this.#pool, sql.isSharedWith(sessionId, accountId));
  }

  share(sessionId: string, accountId: string) {
    return onPool(this.#pool, sql.share(sessionId, accountId));
  }

  unshare(sessionId: string, accountId: string) {
    return onPool(this.#pool, sql.unshare(sessionId, accountId));
  }

  sharesOf(sessionId: string) {
    return onPool(this.#pool, sql.sharesOf(sessionId));
  }
}

/** Templates on PostgreSQL: template-sql.ts's statements, as SqliteTemplates runs them. */
export class PgTemplates implements TemplateStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  add(accountId: string, template: SavedTemplate) {
    return onPool(this.#pool, addTemplate(accountId, template));
  }

  of(accountId: string) {
    return onPool(this.#pool, templatesOf(accountId));
  }

  delete(accountId: string, id: string) {
    return onPool(this.#pool, deleteTemplate(accountId, id));
  }
}
