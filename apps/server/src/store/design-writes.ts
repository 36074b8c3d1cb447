import type { DesignEvent } from '@vrijuit/core';
import { get, run, sealed, type SqlSteps } from './sql-steps.ts';

/** Writes of a design change (core DE1-DE6): details, settings, zones, and the agenda's order. */
export function* designWrites(sessionId: string, event: DesignEvent): SqlSteps {
  switch (event.type) {
    case 'session:updated':
      yield run(
        `UPDATE sessions SET title = ?, description = ?, date = ?, language = ?, zones = ?, settings = ? WHERE id = ?`,
        sealed(event.title),
        sealed(event.description),
        event.date,
        event.language,
        sealed(JSON.stringify(event.zones)),
        sealed(JSON.stringify(event.settings)),
        sessionId,
      );
      return;
    case 'round:updated':
      yield run(
        `UPDATE rounds SET question = ?, options = ?, config = ?, reveal = ?, duration_seconds = ?, compare_key = ?, plain = ?
         WHERE session_id = ? AND id = ?`,
        sealed(event.question),
        sealed(JSON.stringify(event.options)),
        sealed(JSON.stringify(event.config)),
        event.reveal,
        event.durationSeconds,
        event.compareKey,
        event.plain ? sealed(JSON.stringify(event.plain)) : null,
        sessionId,
        event.roundId,
      );
      return;
    case 'round:moved': {
      // Positions are 0…n-1 without gaps: close the gap the round leaves, open one where it lands.
      const row = (yield get(
        'SELECT position FROM rounds WHERE session_id = ? AND id = ?',
        sessionId,
        event.roundId,
      )) as { position: number } | undefined;
      if (!row) return;
      yield run(
        'UPDATE rounds SET position = position - 1 WHERE session_id = ? AND position > ?',
        sessionId,
        row.position,
      );
      yield run(
        'UPDATE rounds SET position = position + 1 WHERE session_id = ? AND position >= ? AND id != ?',
        sessionId,
        event.position,
        event.roundId,
      );
      yield run(
        'UPDATE rounds SET position = ? WHERE session_id = ? AND id = ?',
        event.position,
        sessionId,
        event.roundId,
      );
      return;
    }
    case 'round:deleted': {
      const row = (yield get(
        'SELECT position FROM rounds WHERE session_id = ? AND id = ?',
        sessionId,
        event.roundId,
      )) as { position: number } | undefined;
      if (!row) return;
      yield run('DELETE FROM rounds WHERE session_id = ? AND id = ?', sessionId, event.roundId);
      yield run(
        'UPDATE rounds SET position = position - 1 WHERE session_id = ? AND position > ?',
        sessionId,
        row.position,
      );
      return;
    }
  }
}
