import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DomainEvent, SessionState } from '@vrijuit/core';
import type { SessionInfo } from '@vrijuit/protocol';
import type { CommandRecord, ServerStore } from './store.ts';
import type { YjsStore } from './yjs-store.ts';
import { checkpointTruncate, deleteRows, scrubFiles } from './sqlite-delete.ts';
import { WalCheckpointer, WAL_AUTOCHECKPOINT_PAGES } from './sqlite-checkpointer.ts';
import { closeEntries, closeLeftEntries } from './sqlite-closed-entries.ts';
import { applySchema, SCHEMA_VERSION, UPGRADES_FROM } from './sqlite-schema.ts';
import { SqliteAccounts } from './sqlite-accounts.ts';
import { SqliteTemplates } from './sqlite-templates.ts';
import { commitWrites } from './event-writes.ts';
import { sqliteSteps, type SqliteSteps } from './sqlite-steps.ts';
import { appendYjsWrites, compactYjsWrites, textVersionReads, yjsUpdatesReads } from './yjs-sql.ts';
import {
  commandIdsReads,
  commandResultReads,
  loadSessionReads,
  sessionIdByJoinCodeReads,
  sessionInfoReads,
  sessionsWithTimersReads,
  sessionsWithWaitingPainPointsReads,
} from './store-reads.ts';

export const DATABASE_FILE = 'vrijuit.sqlite';

/** Opens (creating if needed) the embedded store at `dir/vrijuit.sqlite`, in WAL mode. */
export function openSqliteStore(dir: string): SqliteStore {
  mkdirSync(dir, { recursive: true });
  return new SqliteStore(new Database(join(dir, DATABASE_FILE)));
}

export class SqliteStore implements ServerStore, YjsStore {
  readonly #db: Database.Database;
  /** Accounts, sign-ins and shares, on the same database file. */
  readonly accounts: SqliteAccounts;
  /** Templates saved per account, on the same database file. */
  readonly templates: SqliteTemplates;
  /** The co-edited texts' log: this store itself, synchronous. */
  readonly yjs: YjsStore = this;
  /** Prepared statements compiled once and reused: the vote path runs one per ballot. */
  readonly #steps: SqliteSteps;
  readonly #stmt: (sql: string) => Database.Statement;
  readonly #write: (sessionId: string, events: readonly DomainEvent[], commands: readonly CommandRecord[]) => void;
  readonly #delete: (sessionId: string, command: CommandRecord) => void;
  readonly #closeEntries: (sessionId: string, roundId: string) => void;
  readonly #appendYjs: (sessionId: string, docName: string, update: Uint8Array) => number;
  readonly #compactYjs: (sessionId: string, docName: string, state: Uint8Array) => void;
  readonly #checkpointer: WalCheckpointer;

  constructor(db: Database.Database) {
    this.#db = db;
    ({ steps: this.#steps, stmt: this.#stmt } = sqliteSteps(db));
    // WAL: readers never block the writer; NORMAL sync keeps every committed transaction across a
    // process crash (kill -9), which is what an ack promises (VO5).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Deleted ballots are overwritten, not left readable in free pages (AN1).
    db.pragma('secure_delete = ON');
    // P4: the WAL is checkpointed in a worker thread (its fsync held the event loop 20-35 ms);
    // this connection only checkpoints should the WAL pass ~40 MB (sqlite-checkpointer.ts).
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== 0 && version !== SCHEMA_VERSION && !UPGRADES_FROM.includes(version)) {
      throw new Error(
        `The data directory holds a store of schema version ${version} (this build uses ${SCHEMA_VERSION}), made by a development build before the first release. Move it away and start again.`,
      );
    }
    applySchema(db);
    this.#checkpointer = new WalCheckpointer(db.name);
    this.accounts = new SqliteAccounts(db);
    this.templates = new SqliteTemplates(db);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    this.#write = db.transaction(
      (sessionId: string, events: readonly DomainEvent[], commands: readonly CommandRecord[]) =>
        this.#steps(commitWrites(sessionId, events, commands)),
    );
    this.#delete = db.transaction((sessionId: string, command: CommandRecord) => deleteRows(db, sessionId, command));
    this.#closeEntries = db.transaction((sessionId: string, roundId: string) => closeEntries(db, sessionId, roundId));
    db.transaction(() => closeLeftEntries(db))();
    this.#appendYjs = db.transaction((sessionId: string, docName: string, update: Uint8Array) =>
      this.#steps(appendYjsWrites(sessionId, docName, [update])),
    );
    this.#compactYjs = db.transaction((sessionId: string, docName: string, state: Uint8Array) =>
      this.#steps(compactYjsWrites(sessionId, docName, state)),
    );
  }

  async loadSession(sessionId: string): Promise<SessionState | null> {
    return this.#steps(loadSessionReads(sessionId));
  }

  async sessionsWithWaitingPainPoints(): Promise<string[]> {
    return this.#steps(sessionsWithWaitingPainPointsReads());
  }

  async sessionsWithTimers(): Promise<string[]> {
    return this.#steps(sessionsWithTimersReads());
  }

  async sessionIdByJoinCode(joinCode: string): Promise<string | null> {
    return this.#steps(sessionIdByJoinCodeReads(joinCode));
  }

  async sessionInfo(sessionId: string): Promise<SessionInfo | null> {
    return this.#steps(sessionInfoReads(sessionId));
  }

  async commandResult(scope: string, commandId: string): Promise<{ result: unknown } | null> {
    return this.#steps(commandResultReads(scope, commandId));
  }

  async commandIds(scope: string): Promise<string[]> {
    return this.#steps(commandIdsReads(scope));
  }

  async commit(
    sessionId: string,
    events: readonly DomainEvent[],
    commands: CommandRecord | readonly CommandRecord[] | null,
  ): Promise<void> {
    this.#write(sessionId, events, commands === null ? [] : 'scope' in commands ? [commands] : commands);
  }

  async scrub(sessionId: string, events: readonly DomainEvent[]): Promise<void> {
    // AN9, AN10, AN17: a closed round's pain points were laid down batch by batch, in the order the batches
    // came; they move to the closed entries in id order and the open ones are written afresh
    // (sqlite-closed-entries.ts).
    for (const event of events) if (event.type === 'round:closed') this.#closeEntries(sessionId, event.roundId);
    // AN1: older page versions in the WAL still hold a closed round's ballots and support keys;
    // AN8: and an older build's inbox rows, in the order they came in (since AN13 a batch's entries are
    // written and released in one transaction). Copy the scrubbed pages into the database and empty the WAL.
    checkpointTruncate(this.#db);
  }

  async deleteSession(sessionId: string, command: CommandRecord): Promise<void> {
    this.#delete(sessionId, command);
    scrubFiles(this.#db);
  }

  yjsUpdates(sessionId: string, docName: string): Uint8Array[] {
    return this.#steps(yjsUpdatesReads(sessionId, docName));
  }

  appendYjsUpdate(sessionId: string, docName: string, update: Uint8Array): number {
    return this.#appendYjs(sessionId, docName, update);
  }

  compactYjs(sessionId: string, docName: string, state: Uint8Array): void {
    this.#compactYjs(sessionId, docName, state);
  }

  textVersionData(sessionId: string, roundId: string, versionId: string): Uint8Array | null {
    return this.#steps(textVersionReads(sessionId, roundId, versionId));
  }

  async ping(): Promise<boolean> {
    return (this.#stmt('SELECT 1 AS one').get() as { one: number }).one === 1;
  }

  async close(): Promise<void> {
    await this.#checkpointer.stop();
    if (this.#db.open) this.#db.close();
  }
}
