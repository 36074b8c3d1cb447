import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { UNPLACED, type DomainEvent, type PainPointEvent, type SessionState } from '@vrijuit/core';
import type { CommandRecord, Store } from './store.ts';
import type { YjsStore } from './yjs-store.ts';
import { applyDesign } from './sqlite-design.ts';
import { checkpointTruncate, deleteRows, scrubFiles } from './sqlite-delete.ts';
import { WalCheckpointer, WAL_AUTOCHECKPOINT_PAGES } from './sqlite-checkpointer.ts';
import { closeEntries, closeLeftEntries } from './sqlite-closed-entries.ts';
import { ADDED_COLUMNS, DROPPED_COLUMNS, SCHEMA, SCHEMA_VERSION, UPGRADES_FROM } from './sqlite-schema.ts';
import { SqliteAccounts } from './sqlite-accounts.ts';
import { SqliteTemplates } from './sqlite-templates.ts';
import {
  sessionFromRows,
  type BallotRow,
  type PainPointRow,
  type ParticipantRow,
  type RoundRow,
  type SessionRow,
  type SupportRow,
  type VersionRow,
  type WaitingRow,
} from './sqlite-rows.ts';

export const DATABASE_FILE = 'vrijuit.sqlite';

/** better-sqlite3 binds Buffers as BLOBs; a view, no copy. */
const blob = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Opens (creating if needed) the embedded store at `dir/vrijuit.sqlite`, in WAL mode. */
export function openSqliteStore(dir: string): SqliteStore {
  mkdirSync(dir, { recursive: true });
  return new SqliteStore(new Database(join(dir, DATABASE_FILE)));
}

export class SqliteStore implements Store, YjsStore {
  readonly #db: Database.Database;
  /** Accounts, sign-ins and shares, on the same database file. */
  readonly accounts: SqliteAccounts;
  /** Templates saved per account, on the same database file. */
  readonly templates: SqliteTemplates;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #write: (sessionId: string, events: readonly DomainEvent[], commands: readonly CommandRecord[]) => void;
  readonly #delete: (sessionId: string, command: CommandRecord) => void;
  readonly #closeEntries: (sessionId: string, roundId: string) => void;
  readonly #appendYjs: (sessionId: string, docName: string, update: Uint8Array) => number;
  readonly #compactYjs: (sessionId: string, docName: string, state: Uint8Array) => void;
  readonly #checkpointer: WalCheckpointer;

  constructor(db: Database.Database) {
    this.#db = db;
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
    db.exec(SCHEMA);
    for (const { table, column, definition } of ADDED_COLUMNS) {
      const columns = db.pragma(`table_info(${table})`) as { name: string }[];
      if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
    for (const { table, column } of DROPPED_COLUMNS) {
      const columns = db.pragma(`table_info(${table})`) as { name: string }[];
      if (columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} DROP COLUMN ${column}`);
    }
    this.#checkpointer = new WalCheckpointer(db.name);
    this.accounts = new SqliteAccounts(db);
    this.templates = new SqliteTemplates(db);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    this.#write = db.transaction(
      (sessionId: string, events: readonly DomainEvent[], commands: readonly CommandRecord[]) => {
        for (const event of events) this.#apply(sessionId, event);
        for (const command of commands) {
          this.#stmt('INSERT INTO commands (scope, command_id, result) VALUES (?, ?, ?)').run(
            command.scope,
            command.commandId,
            JSON.stringify(command.result),
          );
        }
      },
    );
    this.#delete = db.transaction((sessionId: string, command: CommandRecord) => deleteRows(db, sessionId, command));
    this.#closeEntries = db.transaction((sessionId: string, roundId: string) => closeEntries(db, sessionId, roundId));
    db.transaction(() => closeLeftEntries(db))();
    this.#appendYjs = db.transaction((sessionId: string, docName: string, update: Uint8Array) => {
      // The log is numbered 0, 1, 2, … without gaps (compaction starts it again at 0), so the next
      // number is also the count so far: one look at the end of the primary key, no count(*).
      const { last } = this.#stmt('SELECT max(seq) AS last FROM yjs_updates WHERE session_id = ? AND doc_name = ?').get(
        sessionId,
        docName,
      ) as { last: number | null };
      const seq = (last ?? -1) + 1;
      this.#stmt('INSERT INTO yjs_updates (session_id, doc_name, seq, data) VALUES (?, ?, ?, ?)').run(
        sessionId,
        docName,
        seq,
        blob(update),
      );
      return seq + 1;
    });
    this.#compactYjs = db.transaction((sessionId: string, docName: string, state: Uint8Array) => {
      this.#stmt('DELETE FROM yjs_updates WHERE session_id = ? AND doc_name = ?').run(sessionId, docName);
      this.#stmt('INSERT INTO yjs_updates (session_id, doc_name, seq, data) VALUES (?, ?, 0, ?)').run(
        sessionId,
        docName,
        blob(state),
      );
    });
  }

  async loadSession(sessionId: string): Promise<SessionState | null> {
    const session = this.#stmt('SELECT * FROM sessions WHERE id = ?').get(sessionId) as SessionRow | undefined;
    if (!session) return null;
    const participants = this.#stmt(
      'SELECT id, token_hash, zone_id, municipality_id, name FROM participants WHERE session_id = ?',
    ).all(sessionId) as ParticipantRow[];
    const rounds = this.#stmt('SELECT * FROM rounds WHERE session_id = ? ORDER BY position').all(
      sessionId,
    ) as RoundRow[];
    const ballots = this.#stmt(
      'SELECT round_id, voter_key, zone_id, municipality_id, ballot, paper FROM ballots WHERE session_id = ?',
    ).all(sessionId) as BallotRow[];
    const points = this.#stmt(
      `SELECT round_id, id, text, theme_id, stage, hidden, merged_into, support FROM pain_points WHERE session_id = ?
       UNION ALL
       SELECT round_id, id, text, theme_id, stage, hidden, merged_into, support FROM closed_pain_points
       WHERE session_id = ?
       UNION ALL
       SELECT round_id, id, text, theme_id, 'inbox', NULL, NULL, 0 FROM pain_point_inbox WHERE session_id = ?`,
    ).all(sessionId, sessionId, sessionId) as PainPointRow[];
    const support = this.#stmt(
      'SELECT round_id, point_id, supporter_key FROM pain_point_support WHERE session_id = ?',
    ).all(sessionId) as SupportRow[];
    const versions = this.#stmt(
      'SELECT round_id, id, number, label, zone_id FROM text_versions WHERE session_id = ?',
    ).all(sessionId) as VersionRow[];
    const waiting = this.#stmt(
      'SELECT token_hash, zone_id, municipality_id FROM waiting_joins WHERE session_id = ?',
    ).all(sessionId) as WaitingRow[];
    return sessionFromRows({ session, participants, rounds, ballots, points, support, versions, waiting });
  }

  /** Sessions with pain points an older build left in the inbox, so a restarted server releases them (AN8). */
  async sessionsWithWaitingPainPoints(): Promise<string[]> {
    const rows = this.#stmt('SELECT DISTINCT session_id FROM pain_point_inbox').all() as { session_id: string }[];
    return rows.map((r) => r.session_id);
  }

  /** Sessions with a round whose timer runs, so a restarted server closes them on time (RO5). */
  async sessionsWithTimers(): Promise<string[]> {
    const rows = this.#stmt(
      "SELECT DISTINCT session_id FROM rounds WHERE status = 'open' AND closes_at IS NOT NULL",
    ).all() as { session_id: string }[];
    return rows.map((r) => r.session_id);
  }

  async sessionIdByJoinCode(joinCode: string): Promise<string | null> {
    const row = this.#stmt('SELECT id FROM sessions WHERE join_code = ?').get(joinCode) as { id: string } | undefined;
    return row?.id ?? null;
  }

  async commandResult(scope: string, commandId: string): Promise<{ result: unknown } | null> {
    const row = this.#stmt('SELECT result FROM commands WHERE scope = ? AND command_id = ?').get(scope, commandId) as
      { result: string } | undefined;
    return row ? { result: JSON.parse(row.result) as unknown } : null;
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
    const rows = this.#stmt('SELECT data FROM yjs_updates WHERE session_id = ? AND doc_name = ? ORDER BY seq').all(
      sessionId,
      docName,
    ) as { data: Buffer }[];
    return rows.map((r) => new Uint8Array(r.data));
  }

  appendYjsUpdate(sessionId: string, docName: string, update: Uint8Array): number {
    return this.#appendYjs(sessionId, docName, update);
  }

  compactYjs(sessionId: string, docName: string, state: Uint8Array): void {
    this.#compactYjs(sessionId, docName, state);
  }

  textVersionData(sessionId: string, roundId: string, versionId: string): Uint8Array | null {
    const row = this.#stmt('SELECT data FROM text_versions WHERE session_id = ? AND round_id = ? AND id = ?').get(
      sessionId,
      roundId,
      versionId,
    ) as { data: Buffer } | undefined;
    return row ? new Uint8Array(row.data) : null;
  }

  async ping(): Promise<boolean> {
    return (this.#stmt('SELECT 1 AS one').get() as { one: number }).one === 1;
  }

  async close(): Promise<void> {
    await this.#checkpointer.stop();
    if (this.#db.open) this.#db.close();
  }

  /** Prepared statements are compiled once and reused: the vote path runs one per ballot. */
  #stmt(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Changes entries of a round, open or closed (the facilitator may still moderate a closed round): on
   * both tables, each a look-up by key. `params`: those of `set`, the session, the round, those of `where`.
   */
  #updatePoints(set: string, where: string, ...params: unknown[]): void {
    for (const table of ['pain_points', 'closed_pain_points']) {
      this.#stmt(`UPDATE ${table} SET ${set} WHERE session_id = ? AND round_id = ? AND ${where}`).run(...params);
    }
  }

  #apply(sessionId: string, event: DomainEvent): void {
    switch (event.type) {
      case 'session:created':
        this.#stmt(
          `INSERT INTO sessions (id, join_code, title, zones, settings, owner_account_id, description, date, language, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft')`,
        ).run(
          event.sessionId,
          event.joinCode,
          event.title,
          JSON.stringify(event.zones),
          JSON.stringify(event.settings),
          event.ownerAccountId,
          event.description,
          event.date,
          event.language,
        );
        return;
      case 'session:status-changed':
        this.#stmt('UPDATE sessions SET status = ? WHERE id = ?').run(event.status, sessionId);
        return;
      case 'participant:joined': {
        const p = event.participant;
        this.#stmt(
          'INSERT INTO participants (session_id, id, token_hash, zone_id, municipality_id, name) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(sessionId, p.id, p.tokenHash, p.zoneId, p.municipalityId, p.name);
        return;
      }
      case 'round:created':
        this.#stmt('UPDATE rounds SET position = position + 1 WHERE session_id = ? AND position >= ?').run(
          sessionId,
          event.position,
        );
        this.#stmt(
          `INSERT INTO rounds (session_id, id, position, question, options, config, status, reveal, duration_seconds, rerun_of, compare_key, plain)
           VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)`,
        ).run(
          sessionId,
          event.roundId,
          event.position,
          event.question,
          JSON.stringify(event.options),
          JSON.stringify(event.config),
          event.reveal,
          event.durationSeconds,
          event.rerunOf,
          event.compareKey,
          event.plain ? JSON.stringify(event.plain) : null,
        );
        return;
      case 'round:opened':
        this.#stmt(`UPDATE rounds SET status = 'open', closes_at = ? WHERE session_id = ? AND id = ?`).run(
          event.closesAt,
          sessionId,
          event.roundId,
        );
        this.#stmt('UPDATE sessions SET current_round_id = ? WHERE id = ?').run(event.roundId, sessionId);
        return;
      case 'round:shown':
        this.#stmt('UPDATE sessions SET current_round_id = ? WHERE id = ?').run(event.roundId, sessionId);
        return;
      case 'round:timer-set':
        this.#stmt('UPDATE rounds SET closes_at = ? WHERE session_id = ? AND id = ?').run(
          event.closesAt,
          sessionId,
          event.roundId,
        );
        return;
      case 'round:locked':
        this.#stmt('UPDATE rounds SET locked = ? WHERE session_id = ? AND id = ?').run(
          event.locked ? 1 : 0,
          sessionId,
          event.roundId,
        );
        return;
      case 'round:revealed':
        this.#stmt('UPDATE rounds SET revealed = ? WHERE session_id = ? AND id = ?').run(
          event.revealed ? 1 : 0,
          sessionId,
          event.roundId,
        );
        return;
      case 'round:closed':
        this.#stmt(
          `UPDATE rounds SET status = 'closed', locked = 0, closes_at = NULL, results = ?
           WHERE session_id = ? AND id = ?`,
        ).run(JSON.stringify(event.results), sessionId, event.roundId);
        this.#stmt('DELETE FROM ballots WHERE session_id = ? AND round_id = ?').run(sessionId, event.roundId);
        this.#stmt('DELETE FROM pain_point_support WHERE session_id = ? AND round_id = ?').run(
          sessionId,
          event.roundId,
        );
        return;
      case 'vote:cast':
        // AN16: a phone's ballot goes to disk without its groups: in a municipality (or zone) of one or
        // two people they would name its voter. The server keeps them in memory (ballot:placed after a
        // restart). A paper ballot keeps them: it is nobody in the participants table.
        this.#stmt(
          `INSERT INTO ballots (session_id, round_id, voter_key, zone_id, municipality_id, ballot, paper) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (session_id, round_id, voter_key) DO UPDATE SET ballot = excluded.ballot`,
        ).run(
          sessionId,
          event.roundId,
          event.voterKey,
          event.paper ? event.zoneId : UNPLACED,
          event.paper ? event.municipalityId : null,
          JSON.stringify(event.ballot),
          event.paper ? 1 : 0,
        );
        return;
      case 'ballot:placed':
        // Memory only (AN16): writing it would put the group back on disk.
        return;
      case 'text:version-saved':
        this.#stmt(
          'INSERT INTO text_versions (session_id, round_id, id, number, label, zone_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(
          sessionId,
          event.roundId,
          event.version.id,
          event.version.number,
          event.version.label,
          event.version.zoneId,
          blob(event.snapshot),
        );
        return;
      case 'door:changed':
        this.#stmt('UPDATE sessions SET door_closed = ? WHERE id = ?').run(event.closed ? 1 : 0, sessionId);
        return;
      case 'door:waiting':
        // DO9: the name stays in memory.
        this.#stmt(
          `INSERT INTO waiting_joins (session_id, token_hash, zone_id, municipality_id) VALUES (?, ?, ?, ?)
           ON CONFLICT (session_id, token_hash) DO UPDATE SET zone_id = excluded.zone_id, municipality_id = excluded.municipality_id`,
        ).run(sessionId, event.join.tokenHash, event.join.zoneId, event.join.municipalityId);
        return;
      case 'door:cleared':
        for (const tokenHash of event.tokenHashes) {
          this.#stmt('DELETE FROM waiting_joins WHERE session_id = ? AND token_hash = ?').run(sessionId, tokenHash);
        }
        return;
      case 'session:updated':
      case 'round:updated':
      case 'round:moved':
      case 'round:deleted':
        applyDesign(this.#stmt.bind(this), sessionId, event);
        return;
      default:
        this.#applyPainPoint(sessionId, event);
    }
  }

  /** AN7: no statement here writes a participant id, a voter key next to an entry, or a time. */
  #applyPainPoint(sessionId: string, event: PainPointEvent): void {
    const round = [sessionId, event.roundId] as const;
    switch (event.type) {
      case 'painpoint:submitted':
        this.#stmt(
          'INSERT INTO pain_point_inbox (session_id, round_id, id, text, theme_id) VALUES (?, ?, ?, ?, ?)',
        ).run(...round, event.pointId, event.text, event.themeId);
        return;
      case 'painpoints:released':
        for (const id of event.pointIds) {
          this.#stmt(
            `INSERT INTO pain_points (session_id, round_id, id, text, theme_id, stage)
             SELECT session_id, round_id, id, text, theme_id, ? FROM pain_point_inbox
             WHERE session_id = ? AND round_id = ? AND id = ?`,
          ).run(event.stage, ...round, id);
          this.#stmt('DELETE FROM pain_point_inbox WHERE session_id = ? AND round_id = ? AND id = ?').run(...round, id);
        }
        // PA4: the batch's paper entries join the round's count (which ones were paper is not kept).
        if (event.paper) {
          this.#stmt('UPDATE rounds SET paper_points = paper_points + ? WHERE session_id = ? AND id = ?').run(
            event.paper,
            ...round,
          );
        }
        return;
      case 'painpoint:supported':
        if (event.supported) {
          this.#stmt(
            'INSERT INTO pain_point_support (session_id, round_id, point_id, supporter_key) VALUES (?, ?, ?, ?)',
          ).run(...round, event.pointId, event.supporterKey);
        } else {
          this.#stmt(
            'DELETE FROM pain_point_support WHERE session_id = ? AND round_id = ? AND point_id = ? AND supporter_key = ?',
          ).run(...round, event.pointId, event.supporterKey);
        }
        // A "me too" comes only in an open round (PP3), whose entries are all among the open ones.
        this.#stmt('UPDATE pain_points SET support = support + ? WHERE session_id = ? AND round_id = ? AND id = ?').run(
          event.supported ? 1 : -1,
          ...round,
          event.pointId,
        );
        return;
      case 'painpoint:hidden':
        this.#updatePoints(`hidden = ?, stage = 'wall'`, 'id = ?', event.reason, ...round, event.pointId);
        return;
      case 'painpoints:approved':
        for (const id of event.pointIds) {
          this.#updatePoints(`stage = 'wall'`, 'id = ?', ...round, id);
        }
        return;
      case 'painpoint:merged':
        this.#updatePoints(
          'merged_into = ?',
          '(merged_into = ? OR id = ?)',
          event.intoId,
          ...round,
          event.pointId,
          event.pointId,
        );
        this.#updatePoints('support = ?', 'id = ?', event.support, ...round, event.intoId);
        this.#stmt('DELETE FROM pain_point_support WHERE session_id = ? AND round_id = ? AND point_id IN (?, ?)').run(
          ...round,
          event.pointId,
          event.intoId,
        );
        for (const key of event.supporters) {
          this.#stmt(
            'INSERT INTO pain_point_support (session_id, round_id, point_id, supporter_key) VALUES (?, ?, ?, ?)',
          ).run(...round, event.intoId, key);
        }
        return;
      case 'painpoint:themed':
        this.#updatePoints('theme_id = ?', 'id = ?', event.themeId, ...round, event.pointId);
        return;
      case 'round:theme-added':
        this.#stmt(
          `UPDATE rounds SET options = json_insert(options, '$[#]', json(?)) WHERE session_id = ? AND id = ?`,
        ).run(JSON.stringify(event.theme), ...round);
        return;
    }
  }
}
