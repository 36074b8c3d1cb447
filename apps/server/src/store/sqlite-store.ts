import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DomainEvent, Round, SessionState, ZoneTally } from '@vrijuit/core';
import type { RoundKind, RoundStatus, VoteOption, Zone } from '@vrijuit/protocol';
import type { CommandRecord, Store } from './store.ts';
import { SCHEMA, SCHEMA_VERSION } from './sqlite-schema.ts';

interface SessionRow {
  id: string;
  join_code: string;
  title: string;
  zones: string;
  facilitator_token_hash: string;
  current_round_id: string | null;
}
interface ParticipantRow {
  id: string;
  token_hash: string;
  zone_id: string;
  name: string;
}
interface RoundRow {
  id: string;
  kind: string;
  question: string;
  options: string;
  status: string;
  voter_secret: string | null;
  tally: string | null;
}
interface BallotRow {
  round_id: string;
  voter_key: string;
  zone_id: string;
  option_id: string;
}

export const DATABASE_FILE = 'vrijuit.sqlite';

/** Opens (creating if needed) the embedded store at `dir/vrijuit.sqlite`, in WAL mode. */
export function openSqliteStore(dir: string): SqliteStore {
  mkdirSync(dir, { recursive: true });
  return new SqliteStore(new Database(join(dir, DATABASE_FILE)));
}

export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #write: (sessionId: string, events: readonly DomainEvent[], command: CommandRecord | null) => void;

  constructor(db: Database.Database) {
    this.#db = db;
    // WAL: readers never block the writer; NORMAL sync keeps every committed transaction across a
    // process crash (kill -9), which is what an ack promises (VO5).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Deleted ballots are overwritten, not left readable in free pages (AN1).
    db.pragma('secure_delete = ON');
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    this.#write = db.transaction((sessionId: string, events: readonly DomainEvent[], command: CommandRecord | null) => {
      for (const event of events) this.#apply(sessionId, event);
      if (command) {
        this.#stmt('INSERT INTO commands (scope, command_id, result) VALUES (?, ?, ?)').run(
          command.scope,
          command.commandId,
          JSON.stringify(command.result),
        );
      }
    });
  }

  async loadSession(sessionId: string): Promise<SessionState | null> {
    const s = this.#stmt('SELECT * FROM sessions WHERE id = ?').get(sessionId) as SessionRow | undefined;
    if (!s) return null;
    const participants = this.#stmt('SELECT id, token_hash, zone_id, name FROM participants WHERE session_id = ?').all(
      sessionId,
    ) as ParticipantRow[];
    const rounds = this.#stmt(
      'SELECT id, kind, question, options, status, voter_secret, tally FROM rounds WHERE session_id = ? ORDER BY position',
    ).all(sessionId) as RoundRow[];
    const ballots = this.#stmt('SELECT round_id, voter_key, zone_id, option_id FROM ballots WHERE session_id = ?').all(
      sessionId,
    ) as BallotRow[];
    return {
      id: s.id,
      title: s.title,
      joinCode: s.join_code,
      zones: JSON.parse(s.zones) as Zone[],
      facilitatorTokenHash: s.facilitator_token_hash,
      currentRoundId: s.current_round_id,
      participants: Object.fromEntries(
        participants.map((p) => [p.id, { id: p.id, tokenHash: p.token_hash, zoneId: p.zone_id, name: p.name }]),
      ),
      rounds: rounds.map((r): Round => ({
        id: r.id,
        kind: r.kind as RoundKind,
        question: r.question,
        options: JSON.parse(r.options) as VoteOption[],
        status: r.status as RoundStatus,
        voterSecret: r.voter_secret,
        closedTally: r.tally === null ? null : (JSON.parse(r.tally) as ZoneTally),
        ballots: Object.fromEntries(
          ballots
            .filter((b) => b.round_id === r.id)
            .map((b) => [b.voter_key, { zoneId: b.zone_id, optionId: b.option_id }]),
        ),
      })),
    };
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

  async commit(sessionId: string, events: readonly DomainEvent[], command: CommandRecord | null): Promise<void> {
    this.#write(sessionId, events, command);
    // AN1: older page versions in the WAL still hold a closed round's ballots and voter secret;
    // copy the scrubbed pages into the database and empty the WAL.
    if (events.some((e) => e.type === 'round:closed')) this.#db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async ping(): Promise<boolean> {
    return (this.#stmt('SELECT 1 AS one').get() as { one: number }).one === 1;
  }

  async close(): Promise<void> {
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

  #apply(sessionId: string, event: DomainEvent): void {
    switch (event.type) {
      case 'session:created':
        this.#stmt(
          'INSERT INTO sessions (id, join_code, title, zones, facilitator_token_hash) VALUES (?, ?, ?, ?, ?)',
        ).run(event.sessionId, event.joinCode, event.title, JSON.stringify(event.zones), event.facilitatorTokenHash);
        return;
      case 'participant:joined': {
        const p = event.participant;
        this.#stmt('INSERT INTO participants (session_id, id, token_hash, zone_id, name) VALUES (?, ?, ?, ?, ?)').run(
          sessionId,
          p.id,
          p.tokenHash,
          p.zoneId,
          p.name,
        );
        return;
      }
      case 'round:created':
        this.#stmt(
          `INSERT INTO rounds (session_id, id, position, kind, question, options, status)
           VALUES (?, ?, ?, ?, ?, ?, 'draft')`,
        ).run(sessionId, event.roundId, event.position, event.kind, event.question, JSON.stringify(event.options));
        return;
      case 'round:opened':
        this.#stmt(`UPDATE rounds SET status = 'open', voter_secret = ? WHERE session_id = ? AND id = ?`).run(
          event.voterSecret,
          sessionId,
          event.roundId,
        );
        this.#stmt('UPDATE sessions SET current_round_id = ? WHERE id = ?').run(event.roundId, sessionId);
        return;
      case 'round:closed':
        this.#stmt(
          `UPDATE rounds SET status = 'closed', voter_secret = NULL, tally = ? WHERE session_id = ? AND id = ?`,
        ).run(JSON.stringify(event.tally), sessionId, event.roundId);
        this.#stmt('DELETE FROM ballots WHERE session_id = ? AND round_id = ?').run(sessionId, event.roundId);
        return;
      case 'vote:cast':
        this.#stmt(
          `INSERT INTO ballots (session_id, round_id, voter_key, zone_id, option_id) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (session_id, round_id, voter_key) DO UPDATE SET option_id = excluded.option_id`,
        ).run(sessionId, event.roundId, event.voterKey, event.zoneId, event.optionId);
        return;
    }
  }
}
