import type { SessionState } from '@vrijuit/core';
import type { SessionInfo } from '@vrijuit/protocol';
import {
  sessionFromRows,
  sessionInfoFromRow,
  type BallotRow,
  type PainPointRow,
  type ParticipantRow,
  type RoundRow,
  type SessionRow,
  type SupportRow,
  type VersionRow,
  type WaitingRow,
} from './session-rows.ts';
import { all, get, type SqlSteps } from './sql-steps.ts';

/** The Store's reads (store.ts), written once for SQLite and PostgreSQL (sql-steps.ts). */

/** How a store turns the ballots and supports it read back into clear ones (PostgreSQL opens them: AN25). */
export interface RowOpener {
  ballots(rows: BallotRow[]): BallotRow[];
  support(rows: SupportRow[]): SupportRow[];
}

const asStored: RowOpener = { ballots: (rows) => rows, support: (rows) => rows };

export function* loadSessionReads(sessionId: string, opener: RowOpener = asStored): SqlSteps<SessionState | null> {
  const session = (yield get('SELECT * FROM sessions WHERE id = ?', sessionId)) as SessionRow | undefined;
  if (!session) return null;
  const participants = (yield all(
    'SELECT id, token_hash, zone_id, municipality_id, name FROM participants WHERE session_id = ?',
    sessionId,
  )) as ParticipantRow[];
  const rounds = (yield all('SELECT * FROM rounds WHERE session_id = ? ORDER BY position', sessionId)) as RoundRow[];
  const ballots = (yield all(
    'SELECT round_id, voter_key, zone_id, municipality_id, ballot, paper FROM ballots WHERE session_id = ?',
    sessionId,
  )) as BallotRow[];
  const points = (yield all(
    `SELECT round_id, id, text, theme_id, stage, hidden, merged_into, support, answered FROM pain_points
     WHERE session_id = ?
     UNION ALL
     SELECT round_id, id, text, theme_id, stage, hidden, merged_into, support, answered FROM closed_pain_points
     WHERE session_id = ?
     UNION ALL
     SELECT round_id, id, text, theme_id, 'inbox', NULL, NULL, 0, 0 FROM pain_point_inbox WHERE session_id = ?`,
    sessionId,
    sessionId,
    sessionId,
  )) as PainPointRow[];
  const support = (yield all(
    // In key order, as SQLite reads its primary key (a point's supporters are a list).
    'SELECT round_id, point_id, supporter_key FROM pain_point_support WHERE session_id = ? ORDER BY round_id, point_id, supporter_key',
    sessionId,
  )) as SupportRow[];
  const versions = (yield all(
    'SELECT round_id, id, number, label, zone_id FROM text_versions WHERE session_id = ?',
    sessionId,
  )) as VersionRow[];
  const waiting = (yield all(
    'SELECT token_hash, zone_id, municipality_id FROM waiting_joins WHERE session_id = ?',
    sessionId,
  )) as WaitingRow[];
  return sessionFromRows({
    session,
    participants,
    rounds,
    ballots: opener.ballots(ballots),
    points,
    support: opener.support(support),
    versions,
    waiting,
  });
}

/** Sessions with pain points an older build left in the inbox, so a restarted server releases them (AN8). */
export function* sessionsWithWaitingPainPointsReads(): SqlSteps<string[]> {
  const rows = (yield all('SELECT DISTINCT session_id FROM pain_point_inbox')) as { session_id: string }[];
  return rows.map((r) => r.session_id);
}

/** Sessions with a round whose timer runs, so a restarted server closes them on time (RO5). */
export function* sessionsWithTimersReads(): SqlSteps<string[]> {
  const rows = (yield all(
    "SELECT DISTINCT session_id FROM rounds WHERE status = 'open' AND closes_at IS NOT NULL",
  )) as {
    session_id: string;
  }[];
  return rows.map((r) => r.session_id);
}

export function* sessionIdByJoinCodeReads(joinCode: string): SqlSteps<string | null> {
  const row = (yield get('SELECT id FROM sessions WHERE join_code = ?', joinCode)) as { id: string } | undefined;
  return row?.id ?? null;
}

/**
 * RT4: what anyone with the join code may see (SE3), from the session's row alone: any process answers
 * it, its owner or not, without loading the session (which, with leases, would take it).
 */
export function* sessionInfoReads(sessionId: string): SqlSteps<SessionInfo | null> {
  const row = (yield get(
    'SELECT id, title, zones, status, language, settings FROM sessions WHERE id = ?',
    sessionId,
  )) as Pick<SessionRow, 'id' | 'title' | 'zones' | 'status' | 'language' | 'settings'> | undefined;
  return row ? sessionInfoFromRow(row) : null;
}

export function* commandResultReads(scope: string, commandId: string): SqlSteps<{ result: unknown } | null> {
  const row = (yield get('SELECT result FROM commands WHERE scope = ? AND command_id = ?', scope, commandId)) as
    { result: string } | undefined;
  return row ? { result: JSON.parse(row.result) as unknown } : null;
}

export function* commandIdsReads(scope: string): SqlSteps<string[]> {
  const rows = (yield all('SELECT command_id FROM commands WHERE scope = ?', scope)) as { command_id: string }[];
  return rows.map((r) => r.command_id);
}
