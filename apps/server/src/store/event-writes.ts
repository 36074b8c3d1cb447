import { UNPLACED, type DomainEvent, type PainPointEvent } from '@vrijuit/core';
import type { CommandRecord } from './store.ts';
import { designWrites } from './design-writes.ts';
import { get, run, sealed, sealedKey, type SqlSteps } from './sql-steps.ts';

/** Bytes go to a BLOB (SQLite) or BYTEA (PostgreSQL) column as a Buffer; a view, no copy. */
export const blob = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * A command's stored ack (VO4), in the same transaction as its events; `seal`: a session's record, whose
 * result may name what someone sent (LC7), sealed on PostgreSQL (the global records hold ids only).
 */
export const insertCommand = (command: CommandRecord, seal = false) =>
  run(
    'INSERT INTO commands (scope, command_id, result) VALUES (?, ?, ?)',
    command.scope,
    command.commandId,
    seal ? sealed(JSON.stringify(command.result)) : JSON.stringify(command.result),
  );

/** A commit's writes: each event's, then the command records. Run inside one transaction by the store. */
export function* commitWrites(
  sessionId: string,
  events: readonly DomainEvent[],
  commands: readonly CommandRecord[],
): SqlSteps {
  for (const event of events) yield* eventWrites(sessionId, event);
  for (const command of commands) yield insertCommand(command, command.scope === sessionId);
}

/**
 * Changes entries of a round, open or closed (the facilitator may still moderate a closed round): on
 * both tables, each a look-up by key. `params`: those of `set`, the session, the round, those of `where`.
 */
function* updatePoints(set: string, where: string, ...params: unknown[]): SqlSteps {
  for (const table of ['pain_points', 'closed_pain_points']) {
    yield run(`UPDATE ${table} SET ${set} WHERE session_id = ? AND round_id = ? AND ${where}`, ...params);
  }
}

/**
 * Appends `item` to a round's JSON list column (`options`, `moderation`; null reads as empty). The lists
 * are JSON text in both stores; appended here rather than with a JSON function of one database's dialect.
 */
function* appendToList(column: 'options' | 'moderation', item: unknown, round: readonly [string, string]): SqlSteps {
  const row = (yield get(`SELECT ${column} AS list FROM rounds WHERE session_id = ? AND id = ?`, ...round)) as
    { list: string | null } | undefined;
  if (!row) return;
  const list = row.list === null ? [] : (JSON.parse(row.list) as unknown[]);
  yield run(
    `UPDATE rounds SET ${column} = ? WHERE session_id = ? AND id = ?`,
    sealed(JSON.stringify([...list, item])),
    ...round,
  );
}

/** One event's writes to the session's rows. */
export function* eventWrites(sessionId: string, event: DomainEvent): SqlSteps {
  switch (event.type) {
    case 'session:created':
      yield run(
        `INSERT INTO sessions (id, join_code, title, zones, settings, owner_account_id, description, date, language, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft')`,
        event.sessionId,
        event.joinCode,
        sealed(event.title),
        sealed(JSON.stringify(event.zones)),
        sealed(JSON.stringify(event.settings)),
        event.ownerAccountId,
        sealed(event.description),
        event.date,
        event.language,
      );
      return;
    case 'session:status-changed':
      yield run('UPDATE sessions SET status = ? WHERE id = ?', event.status, sessionId);
      return;
    case 'session:results-page-set':
      yield run(
        'UPDATE sessions SET results_page = ? WHERE id = ?',
        sealed(JSON.stringify(event.resultsPage)),
        sessionId,
      );
      return;
    case 'participant:joined': {
      const p = event.participant;
      yield run(
        'INSERT INTO participants (session_id, id, token_hash, zone_id, municipality_id, name) VALUES (?, ?, ?, ?, ?, ?)',
        sessionId,
        p.id,
        sealedKey(p.tokenHash),
        sealed(p.zoneId),
        sealed(p.municipalityId),
        sealed(p.name),
      );
      return;
    }
    case 'round:created':
      yield run(
        'UPDATE rounds SET position = position + 1 WHERE session_id = ? AND position >= ?',
        sessionId,
        event.position,
      );
      yield run(
        `INSERT INTO rounds (session_id, id, position, question, options, config, status, reveal, duration_seconds, rerun_of, compare_key, plain)
         VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)`,
        sessionId,
        event.roundId,
        event.position,
        sealed(event.question),
        sealed(JSON.stringify(event.options)),
        sealed(JSON.stringify(event.config)),
        event.reveal,
        event.durationSeconds,
        event.rerunOf,
        event.compareKey,
        event.plain ? sealed(JSON.stringify(event.plain)) : null,
      );
      return;
    case 'round:opened':
      yield run(
        `UPDATE rounds SET status = 'open', closes_at = ? WHERE session_id = ? AND id = ?`,
        event.closesAt,
        sessionId,
        event.roundId,
      );
      yield run('UPDATE sessions SET current_round_id = ? WHERE id = ?', event.roundId, sessionId);
      return;
    case 'round:shown':
      yield run('UPDATE sessions SET current_round_id = ? WHERE id = ?', event.roundId, sessionId);
      return;
    case 'round:timer-set':
      yield run(
        'UPDATE rounds SET closes_at = ? WHERE session_id = ? AND id = ?',
        event.closesAt,
        sessionId,
        event.roundId,
      );
      return;
    case 'round:locked':
      yield run(
        'UPDATE rounds SET locked = ? WHERE session_id = ? AND id = ?',
        event.locked ? 1 : 0,
        sessionId,
        event.roundId,
      );
      return;
    case 'round:revealed':
      yield run(
        'UPDATE rounds SET revealed = ? WHERE session_id = ? AND id = ?',
        event.revealed ? 1 : 0,
        sessionId,
        event.roundId,
      );
      return;
    case 'round:closed':
      yield run(
        `UPDATE rounds SET status = 'closed', locked = 0, closes_at = NULL, results = ?
         WHERE session_id = ? AND id = ?`,
        sealed(JSON.stringify(event.results)),
        sessionId,
        event.roundId,
      );
      yield run('DELETE FROM ballots WHERE session_id = ? AND round_id = ?', sessionId, event.roundId);
      yield run('DELETE FROM pain_point_support WHERE session_id = ? AND round_id = ?', sessionId, event.roundId);
      return;
    case 'vote:cast':
      // AN16: a phone's ballot goes to disk without its groups: in a municipality (or zone) of one or
      // two people they would name its voter. The server keeps them in memory (ballot:placed after a
      // restart). A paper ballot keeps them: it is nobody in the participants table.
      yield run(
        `INSERT INTO ballots (session_id, round_id, voter_key, zone_id, municipality_id, ballot, paper) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (session_id, round_id, voter_key) DO UPDATE SET ballot = excluded.ballot`,
        sessionId,
        event.roundId,
        event.voterKey,
        event.paper ? sealed(event.zoneId) : UNPLACED,
        event.paper ? sealed(event.municipalityId) : null,
        JSON.stringify(event.ballot),
        event.paper ? 1 : 0,
      );
      return;
    case 'ballot:placed':
      // Memory only (AN16): writing it would put the group back on disk.
      return;
    case 'text:version-saved':
      yield run(
        'INSERT INTO text_versions (session_id, round_id, id, number, label, zone_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
        sessionId,
        event.roundId,
        event.version.id,
        event.version.number,
        sealed(event.version.label),
        sealed(event.version.zoneId),
        sealed(blob(event.snapshot)),
      );
      return;
    case 'door:changed':
      yield run('UPDATE sessions SET door_closed = ? WHERE id = ?', event.closed ? 1 : 0, sessionId);
      return;
    case 'door:waiting':
      // DO9: the name stays in memory.
      yield run(
        `INSERT INTO waiting_joins (session_id, token_hash, zone_id, municipality_id) VALUES (?, ?, ?, ?)
         ON CONFLICT (session_id, token_hash) DO UPDATE SET zone_id = excluded.zone_id, municipality_id = excluded.municipality_id`,
        sessionId,
        sealedKey(event.join.tokenHash),
        sealed(event.join.zoneId),
        sealed(event.join.municipalityId),
      );
      return;
    case 'door:cleared':
      for (const tokenHash of event.tokenHashes) {
        yield run('DELETE FROM waiting_joins WHERE session_id = ? AND token_hash = ?', sessionId, sealedKey(tokenHash));
      }
      return;
    case 'session:updated':
    case 'round:updated':
    case 'round:moved':
    case 'round:deleted':
      yield* designWrites(sessionId, event);
      return;
    default:
      yield* painPointWrites(sessionId, event);
  }
}

/** AN7: no statement here writes a participant id, a voter key next to an entry, or a time. */
function* painPointWrites(sessionId: string, event: PainPointEvent): SqlSteps {
  const round = [sessionId, event.roundId] as const;
  switch (event.type) {
    case 'painpoint:submitted':
      yield run(
        'INSERT INTO pain_point_inbox (session_id, round_id, id, text, theme_id) VALUES (?, ?, ?, ?, ?)',
        ...round,
        event.pointId,
        sealed(event.text),
        event.themeId,
      );
      return;
    case 'painpoints:released':
      for (const id of event.pointIds) {
        yield run(
          `INSERT INTO pain_points (session_id, round_id, id, text, theme_id, stage)
           SELECT session_id, round_id, id, text, theme_id, ? FROM pain_point_inbox
           WHERE session_id = ? AND round_id = ? AND id = ?`,
          event.stage,
          ...round,
          id,
        );
        yield run('DELETE FROM pain_point_inbox WHERE session_id = ? AND round_id = ? AND id = ?', ...round, id);
      }
      // PA4: the batch's paper entries join the round's count (which ones were paper is not kept).
      if (event.paper) {
        yield run(
          'UPDATE rounds SET paper_points = paper_points + ? WHERE session_id = ? AND id = ?',
          event.paper,
          ...round,
        );
      }
      return;
    case 'painpoint:supported':
      if (event.supported) {
        yield run(
          'INSERT INTO pain_point_support (session_id, round_id, point_id, supporter_key) VALUES (?, ?, ?, ?)',
          ...round,
          event.pointId,
          event.supporterKey,
        );
      } else {
        yield run(
          'DELETE FROM pain_point_support WHERE session_id = ? AND round_id = ? AND point_id = ? AND supporter_key = ?',
          ...round,
          event.pointId,
          event.supporterKey,
        );
      }
      // A "me too" comes only in an open round (PP3), whose entries are all among the open ones.
      yield run(
        'UPDATE pain_points SET support = support + ? WHERE session_id = ? AND round_id = ? AND id = ?',
        event.supported ? 1 : -1,
        ...round,
        event.pointId,
      );
      return;
    case 'painpoint:hidden':
      yield* updatePoints(`hidden = ?, stage = 'wall'`, 'id = ?', event.reason, ...round, event.pointId);
      return;
    case 'painpoints:approved':
      for (const id of event.pointIds) {
        yield* updatePoints(`stage = 'wall'`, 'id = ?', ...round, id);
      }
      return;
    case 'painpoint:merged':
      yield* updatePoints(
        'merged_into = ?',
        '(merged_into = ? OR id = ?)',
        event.intoId,
        ...round,
        event.pointId,
        event.pointId,
      );
      yield* updatePoints('support = ?', 'id = ?', event.support, ...round, event.intoId);
      yield run(
        'DELETE FROM pain_point_support WHERE session_id = ? AND round_id = ? AND point_id IN (?, ?)',
        ...round,
        event.pointId,
        event.intoId,
      );
      for (const key of event.supporters) {
        yield run(
          'INSERT INTO pain_point_support (session_id, round_id, point_id, supporter_key) VALUES (?, ?, ?, ?)',
          ...round,
          event.intoId,
          key,
        );
      }
      return;
    case 'question:answered':
      yield* updatePoints('answered = ?', 'id = ?', event.answered ? 1 : 0, ...round, event.pointId);
      return;
    case 'painpoint:themed':
      yield* updatePoints('theme_id = ?', 'id = ?', event.themeId, ...round, event.pointId);
      return;
    case 'round:theme-added':
      yield* appendToList('options', event.theme, round);
      return;
    case 'moderation:logged':
      yield* appendToList('moderation', event.entry, round);
      return;
  }
}
