import type { Round, SessionState } from '@vrijuit/core';
import type { Ballot, RevealMode, RoundConfig, RoundResults, RoundStatus, VoteOption, Zone } from '@vrijuit/protocol';

/** Row shapes of the SQLite schema and their mapping to core's state. */

export interface SessionRow {
  id: string;
  join_code: string;
  title: string;
  zones: string;
  settings: string;
  facilitator_token_hash: string;
  current_round_id: string | null;
}
export interface ParticipantRow {
  id: string;
  token_hash: string;
  zone_id: string;
  municipality_id: string | null;
  name: string;
}
export interface RoundRow {
  id: string;
  question: string;
  options: string;
  config: string;
  status: string;
  reveal: string;
  revealed: number;
  locked: number;
  duration_seconds: number | null;
  closes_at: number | null;
  rerun_of: string | null;
  voter_secret: string | null;
  results: string | null;
}
export interface BallotRow {
  round_id: string;
  voter_key: string;
  zone_id: string;
  municipality_id: string | null;
  ballot: string;
}

export function sessionFromRows(
  s: SessionRow,
  participants: readonly ParticipantRow[],
  rounds: readonly RoundRow[],
  ballots: readonly BallotRow[],
): SessionState {
  return {
    id: s.id,
    title: s.title,
    joinCode: s.join_code,
    zones: JSON.parse(s.zones) as Zone[],
    settings: JSON.parse(s.settings) as SessionState['settings'],
    facilitatorTokenHash: s.facilitator_token_hash,
    currentRoundId: s.current_round_id,
    participants: Object.fromEntries(
      participants.map((p) => [
        p.id,
        { id: p.id, tokenHash: p.token_hash, zoneId: p.zone_id, municipalityId: p.municipality_id, name: p.name },
      ]),
    ),
    rounds: rounds.map((r): Round => ({
      id: r.id,
      question: r.question,
      options: JSON.parse(r.options) as VoteOption[],
      config: JSON.parse(r.config) as RoundConfig,
      status: r.status as RoundStatus,
      reveal: r.reveal as RevealMode,
      revealed: r.revealed === 1,
      locked: r.locked === 1,
      durationSeconds: r.duration_seconds,
      closesAt: r.closes_at,
      rerunOf: r.rerun_of,
      voterSecret: r.voter_secret,
      closedResults: r.results === null ? null : (JSON.parse(r.results) as RoundResults),
      ballots: Object.fromEntries(
        ballots
          .filter((b) => b.round_id === r.id)
          .map((b) => [
            b.voter_key,
            { zoneId: b.zone_id, municipalityId: b.municipality_id, ballot: JSON.parse(b.ballot) as Ballot },
          ]),
      ),
    })),
  };
}
