import type { DomainEvent, SessionState } from '@vrijuit/core';
import type { SessionInfo } from '@vrijuit/protocol';
import type pg from 'pg';
import { commitWrites } from './event-writes.ts';
import { deleteSessionRows } from './pg-delete.ts';
import { LEASES_DDL, LEASES_WANTED_DDL, PgLeases, TIMERS_INDEX_DDL, type LeaseOptions } from './pg-leases.ts';
import { GUARDS_DDL, guardSalt, PgGuards } from './pg-guards.ts';
import { PgRevocations } from './pg-revocations.ts';
import { migrations, SCHEMA_VERSION_QUERIES } from './pg-schema.ts';
import { PgAccounts, PgTemplates } from './pg-accounts.ts';
import { inTransaction, onPool, openPool, runSteps } from './pg-sql.ts';
import { PgYjsLog } from './pg-yjs.ts';
import { DELETE_MOVED_ENTRIES, LEFT_ENTRIES, MOVE_CLOSED_ENTRIES } from './sqlite-closed-entries.ts';
import { RoundKeyring, SESSION_KEY_SLOT, type RoundKeyShare } from './round-keys.ts';
import { MissingSeal, SessionSeal, type CellSeal } from './sealed-cells.ts';
import { openBallotRows, openSupportRows, RoundSeal, roundsSealedIn, sealEvents } from './sealed-inputs.ts';
import { all, run, type SqlSteps } from './sql-steps.ts';
import { GLOBAL_SCOPE, type CommandRecord, type ServerStore } from './store.ts';
import {
  commandIdsReads,
  commandResultReads,
  loadSessionReads,
  sessionIdByJoinCodeReads,
  sessionInfoReads,
  sessionsWithTimersReads,
  sessionsWithWaitingPainPointsReads,
} from './store-reads.ts';

/** Any fixed number: the advisory lock that lets one process at a time create or upgrade the tables. */
const MIGRATION_LOCK = 0x76726a74;

export interface PgStoreOptions {
  /** PL1-PL8: several processes share the database; each writes only to the sessions it holds. */
  readonly leases?: LeaseOptions;
  /**
   * The folder of the round keys' file (round-keys.ts, AN25): on the machine of the process that owns
   * the sessions, never on PostgreSQL's; kept as long as the database (a round's ballots cannot be read
   * without it while the round is open).
   */
  readonly keyringDir: string;
  /** CL9: with owners on several machines, where an open round's key waits for the session's next owner. */
  readonly keyShare?: RoundKeyShare;
}

/**
 * The store on PostgreSQL (issue 18): the same tables (pg-schema.ts), the same statements (event-writes.ts,
 * store-reads.ts, account-sql.ts, template-sql.ts, yjs-sql.ts) and the same meaning as SqliteStore, one
 * transaction per commit. Selected by DATABASE_URL (config.ts).
 * PostgreSQL keeps dead tuples until VACUUM and old row versions in its WAL, so a deletion is not one
 * there: a round's voter keys, supporter keys and ballots reach it only sealed with the round's key
 * (sealed-inputs.ts), and every cell that names or describes someone sealed with the session's key
 * (sealed-cells.ts); both live in the keyring beside the process, a round's key destroyed when the round
 * closes, the session's when it is deleted (AN25-AN27, LC7). What this does and does not give:
 * docs/anonymity.md, "On PostgreSQL". With leases (several processes), every write is fenced (PL1-PL8).
 */
export class PgStore implements ServerStore {
  readonly #pool: pg.Pool;
  /**
   * PL1-PL5: with several processes, the sessions this one owns; every write on a session is fenced by
   * its lease (a write of a process that lost it is refused). Null: one process, no leases.
   */
  readonly leases: PgLeases | null;
  /** Accounts, sign-ins and shares (AC1-AC6), on the same database. */
  readonly accounts: PgAccounts;
  /** Templates saved per account (DE8). */
  readonly templates: PgTemplates;
  /** The co-edited texts' log, awaited: the server writes it behind an in-memory copy (yjs-write-behind.ts). */
  readonly yjs: PgYjsLog;
  /** SG1-SG3: the sign-in backoff and wrong-join-code budgets, shared by every process on this database. */
  readonly guards: PgGuards;
  /** SG5: sign-ins ended and shares withdrawn, told to every process on this database. */
  readonly revocations: PgRevocations;
  readonly #keys: RoundKeyring;
  readonly #share: RoundKeyShare | null;
  /** CL9: the rounds (and sessions) whose key this process has put in the share (or taken from it). */
  readonly #shared = new Set<string>();
  /** LC7: the seals of the sessions whose key this process holds. */
  readonly #cells = new Map<string, SessionSeal>();

  private constructor(
    pool: pg.Pool,
    keys: RoundKeyring,
    options: PgStoreOptions,
    salt: string,
    revocations: PgRevocations,
  ) {
    const leases = options.leases;
    this.#pool = pool;
    this.#keys = keys;
    this.#share = options.keyShare ?? null;
    this.revocations = revocations;
    this.guards = new PgGuards(pool, salt);
    this.leases = leases ? new PgLeases(pool, leases) : null;
    this.accounts = new PgAccounts(pool, (sessionId) => this.#cellsToRead(sessionId));
    this.templates = new PgTemplates(pool);
    this.yjs = new PgYjsLog(pool, this.leases, {
      read: (sessionId) => this.#cellsToRead(sessionId),
      write: (sessionId) => this.#cellsToWrite(sessionId),
    });
  }

  /**
   * Connects, creates or upgrades the tables (one process at a time), files closed rounds' entries, and
   * destroys the keys of rounds no longer open and of sessions no longer there (a close or delete whose
   * scrub a crash cut short). With `leases`, this process writes only to the sessions whose lease it holds
   * (PL2).
   */
  static async open(connectionString: string, options: PgStoreOptions): Promise<PgStore> {
    const pool = openPool(connectionString, options.leases?.ttlMs);
    let keys: RoundKeyring | undefined;
    let salt = '';
    try {
      keys = RoundKeyring.open(options.keyringDir);
      await inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(SCHEMA_VERSION_QUERIES.create);
        const { rows } = await client.query<{ version: number }>(SCHEMA_VERSION_QUERIES.read);
        for (const sql of migrations(rows[0]?.version ?? null)) await client.query(sql);
        await client.query(LEASES_DDL);
        await client.query(LEASES_WANTED_DDL);
        await client.query(TIMERS_INDEX_DDL);
        for (const sql of GUARDS_DDL) await client.query(sql);
        salt = await guardSalt(client);
        await runSteps(client, closeLeftEntries());
      });
      const open = await pool.query<{ session_id: string; id: string }>(
        "SELECT session_id, id FROM rounds WHERE status = 'open'",
      );
      const stillOpen = new Set(open.rows.map((r) => `${r.session_id}/${r.id}`));
      // A session's key whose session is gone (LC7); one being created holds its lease first (PL6).
      const present = await pool.query<{ id: string }>(
        `SELECT id FROM sessions UNION SELECT session_id FROM session_leases`,
      );
      const stillThere = new Set(present.rows.map((r) => r.id));
      for (const { sessionId, roundId } of keys.rounds()) {
        if (roundId === SESSION_KEY_SLOT) {
          if (stillThere.has(sessionId)) continue;
          keys.destroySession(sessionId);
          await options.keyShare?.drop(sessionId, null);
          continue;
        }
        if (stillOpen.has(`${sessionId}/${roundId}`)) continue;
        keys.destroy(sessionId, roundId);
        await options.keyShare?.drop(sessionId, roundId);
      }
    } catch (error) {
      keys?.close();
      await pool.end();
      throw error;
    }
    return new PgStore(pool, keys, options, salt, new PgRevocations(connectionString, pool));
  }

  /** The round's sealing, to open what is stored. */
  #seal(sessionId: string, roundId: string): RoundSeal {
    const key = this.#keys.key(sessionId, roundId);
    // Ballots or supports of a round without a key: never written (the key is synced before), so the
    // keyring is not the one this database was used with.
    if (!key) throw new Error(`no round key for ${sessionId}/${roundId}: is this the keyring of this database?`);
    return new RoundSeal(key, sessionId, roundId);
  }

  /**
   * CL9: the round's key to seal its inputs with, made here when new; with a share, kept there too before
   * the first input sealed with it is committed, so a next owner on another machine can open them.
   */
  async #sealToWrite(sessionId: string, roundId: string): Promise<RoundSeal> {
    const key = this.#keys.keyFor(sessionId, roundId);
    const id = `${sessionId}/${roundId}`;
    if (this.#share && !this.#shared.has(id)) {
      await this.#share.put(sessionId, roundId, key);
      this.#shared.add(id);
    }
    return new RoundSeal(key, sessionId, roundId);
  }

  /**
   * LC7: the session's seal for its cells, or one that refuses sealed cells when this process has no key
   * for it (a keyring not of this database). CL9: a key another machine's process made is taken from the
   * share.
   */
  async #cellsToRead(sessionId: string): Promise<CellSeal> {
    const cached = this.#cells.get(sessionId);
    if (cached) return cached;
    let key = this.#keys.key(sessionId, SESSION_KEY_SLOT);
    const shared = key ? null : await this.#share?.get(sessionId, SESSION_KEY_SLOT);
    if (shared) {
      key = this.#keys.keep(sessionId, SESSION_KEY_SLOT, shared);
      this.#shared.add(`${sessionId}/${SESSION_KEY_SLOT}`);
    }
    if (!key) return new MissingSeal(sessionId);
    const cells = new SessionSeal(key, sessionId);
    this.#cells.set(sessionId, cells);
    return cells;
  }

  /**
   * LC7: the session's seal to write its cells with; its key is made (and synced to the keyring, and put
   * in the share: CL9) before the first cell sealed with it is committed, as a round's key is (AN25).
   */
  async #cellsToWrite(sessionId: string): Promise<SessionSeal> {
    const id = `${sessionId}/${SESSION_KEY_SLOT}`;
    const cached = this.#cells.get(sessionId);
    if (cached && (!this.#share || this.#shared.has(id))) return cached;
    await this.#cellsToRead(sessionId);
    const key = this.#keys.keyFor(sessionId, SESSION_KEY_SLOT);
    if (this.#share && !this.#shared.has(id)) {
      await this.#share.put(sessionId, SESSION_KEY_SLOT, key);
      this.#shared.add(id);
    }
    let cells = this.#cells.get(sessionId);
    if (!cells) this.#cells.set(sessionId, (cells = new SessionSeal(key, sessionId)));
    return cells;
  }

  /** CL9: the keys of the session's open rounds that another machine's owner made, taken from the share. */
  async #takeSharedKeys(sessionId: string): Promise<void> {
    if (!this.#share) return;
    const { rows } = await this.#pool.query<{ id: string }>(
      "SELECT id FROM rounds WHERE session_id = $1 AND status = 'open'",
      [sessionId],
    );
    for (const { id: roundId } of rows) {
      if (this.#keys.key(sessionId, roundId)) continue;
      const key = await this.#share.get(sessionId, roundId);
      if (!key) continue;
      this.#keys.keep(sessionId, roundId, key);
      this.#shared.add(`${sessionId}/${roundId}`);
    }
  }

  async loadSession(sessionId: string): Promise<SessionState | null> {
    await this.#takeSharedKeys(sessionId);
    const found = await this.#load(sessionId);
    if (!found || !this.leases || this.leases.fenceOf(sessionId) !== undefined) return found;
    // PL6: a session this process will write to is owned first, then read again: the lease waits for the
    // old owner's last write, so the state read after it holds everything stored.
    await this.leases.acquireWaiting(sessionId);
    return this.#load(sessionId);
  }

  async #load(sessionId: string): Promise<SessionState | null> {
    const cells = await this.#cellsToRead(sessionId);
    // One snapshot for the session's tables, as SQLite's synchronous reads see one.
    return inTransaction(
      this.#pool,
      (client) =>
        runSteps(
          client,
          loadSessionReads(sessionId, {
            ballots: (rows) => openBallotRows(rows, (roundId) => this.#seal(sessionId, roundId)),
            support: (rows) => openSupportRows(rows, (roundId) => this.#seal(sessionId, roundId)),
          }),
          cells,
        ),
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }

  async sessionIdByJoinCode(joinCode: string): Promise<string | null> {
    return this.#read(sessionIdByJoinCodeReads(joinCode));
  }

  async sessionInfo(sessionId: string): Promise<SessionInfo | null> {
    return onPool(this.#pool, sessionInfoReads(sessionId), await this.#cellsToRead(sessionId));
  }

  async sessionsWithTimers(): Promise<string[]> {
    return this.#read(sessionsWithTimersReads());
  }

  async sessionsWithWaitingPainPoints(): Promise<string[]> {
    return this.#read(sessionsWithWaitingPainPointsReads());
  }

  /** A session's records are sealed with its key (LC7); the global ones hold ids only. */
  async commandResult(scope: string, commandId: string): Promise<{ result: unknown } | null> {
    const cells = scope === GLOBAL_SCOPE ? undefined : await this.#cellsToRead(scope);
    return onPool(this.#pool, commandResultReads(scope, commandId), cells);
  }

  async commandIds(scope: string): Promise<string[]> {
    return this.#read(commandIdsReads(scope));
  }

  async commit(
    sessionId: string,
    events: readonly DomainEvent[],
    commands: CommandRecord | readonly CommandRecord[] | null,
  ): Promise<void> {
    const records = commands === null ? [] : 'scope' in commands ? [commands] : commands;
    // PL6: a session created here is owned from its first write.
    if (this.leases && events[0]?.type === 'session:created') await this.leases.acquire(sessionId);
    // AN25: each round's key is on disk (synced) before the first input sealed with it is committed.
    const seals = new Map<string, RoundSeal>();
    for (const roundId of roundsSealedIn(events)) seals.set(roundId, await this.#sealToWrite(sessionId, roundId));
    const sealed = seals.size ? sealEvents(events, (roundId) => seals.get(roundId)!) : events;
    // LC7: the session's key is on disk (synced) before the first cell sealed with it is committed.
    const cells = await this.#cellsToWrite(sessionId);
    await inTransaction(this.#pool, async (client) => {
      await this.leases?.fence(client, sessionId);
      await runSteps(client, commitWrites(sessionId, sealed, records), cells);
    });
  }

  /**
   * After a close: AN25, the round's key is destroyed (its ballots and supports, deleted by the close's
   * commit, stay in dead tuples and WAL segments, sealed for good); AN9's filing, as on SQLite, moves the
   * round's entries to `closed_pain_points` in id order (PostgreSQL keeps the old tuples: AN28).
   */
  async scrub(sessionId: string, events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type !== 'round:closed') continue;
      this.#keys.destroy(sessionId, event.roundId);
      await inTransaction(this.#pool, async (client) => {
        await this.leases?.fence(client, sessionId);
        await runSteps(client, moveEntries(sessionId, event.roundId));
      });
      this.#shared.delete(`${sessionId}/${event.roundId}`);
      await this.#share?.drop(sessionId, event.roundId);
    }
  }

  /**
   * LC7: the rows go, then the keys of the session and its rounds (AN27): what PostgreSQL keeps of the
   * rows (dead tuples, WAL) is sealed with keys no file holds any more.
   */
  async deleteSession(sessionId: string, command: CommandRecord): Promise<void> {
    await inTransaction(this.#pool, async (client) => {
      await this.leases?.fence(client, sessionId);
      await runSteps(client, deleteSessionRows(sessionId, command));
    });
    this.leases?.forget(sessionId);
    this.#keys.destroySession(sessionId);
    this.#cells.delete(sessionId);
    await this.#share?.drop(sessionId, null);
  }

  async ping(): Promise<boolean> {
    const { rows } = await this.#pool.query<{ one: number }>('SELECT 1 AS one');
    return rows[0]?.one === 1;
  }

  async close(): Promise<void> {
    if (!this.#pool.ended) {
      await this.revocations.close();
      await this.#pool.end();
      this.#keys.close();
    }
  }

  #read<T>(steps: SqlSteps<T>): Promise<T> {
    return onPool(this.#pool, steps);
  }
}

function* moveEntries(sessionId: string, roundId: string): SqlSteps {
  yield run(MOVE_CLOSED_ENTRIES, sessionId, roundId);
  yield run(DELETE_MOVED_ENTRIES, sessionId, roundId);
}

function* closeLeftEntries(): SqlSteps {
  const left = (yield all(LEFT_ENTRIES)) as { session_id: string; round_id: string }[];
  for (const round of left) yield* moveEntries(round.session_id, round.round_id);
}
