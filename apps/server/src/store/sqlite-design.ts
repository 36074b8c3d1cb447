import type { DesignEvent } from '@vrijuit/core';
import type Database from 'better-sqlite3';

type Prepare = (sql: string) => Database.Statement;

/** Writes of a design change (core DE1-DE6): details, settings, zones, and the agenda's order. */
export function applyDesign(stmt: Prepare, sessionId: string, event: DesignEvent): void {
  switch (event.type) {
    case 'session:updated':
      stmt(
        `UPDATE sessions SET title = ?, description = ?, date = ?, language = ?, zones = ?, settings = ? WHERE id = ?`,
      ).run(
        event.title,
        event.description,
        event.date,
        event.language,
        JSON.stringify(event.zones),
        JSON.stringify(event.settings),
        sessionId,
      );
      return;
    case 'round:updated':
      stmt(
        `UPDATE rounds SET question = ?, options = ?, config = ?, reveal = ?, duration_seconds = ?, compare_key = ?, plain = ?
         WHERE session_id = ? AND id = ?`,
      ).run(
        event.question,
        JSON.stringify(event.options),
        JSON.stringify(event.config),
        event.reveal,
        event.durationSeconds,
        event.compareKey,
        event.plain ? JSON.stringify(event.plain) : null,
        sessionId,
        event.roundId,
      );
      return;
    case 'round:moved': {
      // Positions are 0…n-1 without gaps: close the gap the round leaves, open one where it lands.
      const row = stmt('SELECT position FROM rounds WHERE session_id = ? AND id = ?').get(sessionId, event.roundId) as
        { position: number } | undefined;
      if (!row) return;
      stmt('UPDATE rounds SET position = position - 1 WHERE session_id = ? AND position > ?').run(
        sessionId,
        row.position,
      );
      stmt('UPDATE rounds SET position = position + 1 WHERE session_id = ? AND position >= ? AND id != ?').run(
        sessionId,
        event.position,
        event.roundId,
      );
      stmt('UPDATE rounds SET position = ? WHERE session_id = ? AND id = ?').run(
        event.position,
        sessionId,
        event.roundId,
      );
      return;
    }
    case 'round:deleted': {
      const row = stmt('SELECT position FROM rounds WHERE session_id = ? AND id = ?').get(sessionId, event.roundId) as
        { position: number } | undefined;
      if (!row) return;
      stmt('DELETE FROM rounds WHERE session_id = ? AND id = ?').run(sessionId, event.roundId);
      stmt('UPDATE rounds SET position = position - 1 WHERE session_id = ? AND position > ?').run(
        sessionId,
        row.position,
      );
      return;
    }
  }
}
