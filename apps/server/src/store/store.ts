import type { DomainEvent, SessionState } from '@vrijuit/core';
import type { SessionInfo } from '@vrijuit/protocol';
import type { AccountStore } from './account-store.ts';
import type { PgLeases } from './pg-leases.ts';
import type { PgGuards } from './pg-guards.ts';
import type { PgRevocations } from './pg-revocations.ts';
import type { TemplateStore } from './template-store.ts';
import type { YjsLog, YjsStore } from './yjs-store.ts';

/** The global scope of the command log: session:create and session:delete records (no session scope). */
export const GLOBAL_SCOPE = 'global';

/** A command's stored ack, so a retry with the same command id answers the same (VO4). */
export interface CommandRecord {
  readonly scope: string;
  readonly commandId: string;
  readonly result: unknown;
}

/**
 * The session store. Async so that the PostgreSQL implementation fits the same shape; the SQLite
 * implementation resolves at once. `commit` is atomic: the events and the command record land together.
 */
export interface Store extends SessionStore {
  /** Facilitator accounts, sign-ins and shares (AC1-AC6). */
  readonly accounts: AccountStore;
}

/**
 * Everything the server keeps (createServer's `store`): SqliteStore (the default) and PgStore
 * (PostgreSQL, DATABASE_URL) implement it; the store contract (core SPEC DB1-DB9)
 * runs against both.
 */
export interface ServerStore extends Store {
  /** Templates saved per account (DE8). */
  readonly templates: TemplateStore;
  /**
   * The co-edited texts' log: synchronous in this process (SQLite), or awaited (PostgreSQL), which the
   * server then writes behind an in-memory copy (yjs-write-behind.ts).
   */
  readonly yjs: YjsStore | YjsLog;
  /** PL1-PL7: the sessions this process owns, when several processes share the store (PostgreSQL). */
  readonly leases?: PgLeases | null;
  /**
   * SG1-SG3: limits shared by every process on the store (PostgreSQL). Without them (SQLite, one process)
   * the limits and sign-ins are this process's own, in memory.
   */
  readonly guards?: PgGuards | null;
  /** SG5: tells the other processes on the store that a sign-in ended or a share was withdrawn. */
  readonly revocations?: PgRevocations | null;
}

/** The store's session side (SessionHub needs no more). */
export interface SessionStore {
  loadSession(sessionId: string): Promise<SessionState | null>;
  sessionIdByJoinCode(joinCode: string): Promise<string | null>;
  /** RT4: a session's join-page info from its row, without loading it (with leases: without taking it). */
  sessionInfo(sessionId: string): Promise<SessionInfo | null>;
  /** Sessions with an open round whose timer runs (to schedule them after a restart). */
  sessionsWithTimers(): Promise<string[]>;
  /**
   * Sessions with pain points in the stored inbox, which only an older build left there (AN13: entries now
   * wait in memory and come back from the phones): released after a restart (AN8).
   */
  sessionsWithWaitingPainPoints(): Promise<string[]>;
  commandResult(scope: string, commandId: string): Promise<{ result: unknown } | null>;
  /** Every command id stored under `scope` (a session's: loaded with it, so a new command skips the lookup). */
  commandIds(scope: string): Promise<string[]>;
  /** `commands`: the records to store with the events (one command, or a batch's, AN13), or none. */
  commit(
    sessionId: string,
    events: readonly DomainEvent[],
    commands: CommandRecord | readonly CommandRecord[] | null,
  ): Promise<void>;
  /**
   * Leaves no file holding what `events` (just committed) deleted or reordered: a closed round's ballots
   * and support keys (AN1, AN10), the order its pain points came in (AN9). A step of its own, after the
   * commit and the ack (a failure here leaves the committed command committed); resolves once done.
   */
  scrub(sessionId: string, events: readonly DomainEvent[]): Promise<void>;
  /**
   * LC7: deletes every row of the session (its command log and the record of its creation included)
   * and stores `command`, which must hold nothing of the session, in the same transaction; resolves once
   * no byte of it is left in the store's files.
   */
  deleteSession(sessionId: string, command: CommandRecord): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
