import {
  cloudCountsOf,
  participantsFrom,
  tableFromEntries,
  tallyOf,
  type PainPoint,
  type Round,
  type SessionState,
  type Table,
} from '@vrijuit/core';
import {
  DEFAULTS,
  ModerationLogEntry,
  raiseToFloors,
  ResultsPageSettings,
  type Ballot,
  type HideReason,
  type RevealMode,
  type RoundConfig,
  type RoundPlain,
  type RoundResults,
  type RoundStatus,
  type SessionInfo,
  type SessionLanguage,
  type SessionStatus,
  type VoteOption,
  type Zone,
} from '@vrijuit/protocol';

/**
 * Row shapes of the store's tables (sqlite-schema.ts; the same tables on PostgreSQL, pg-schema.ts) and
 * their mapping to core's state.
 */

export interface SessionRow {
  id: string;
  join_code: string;
  title: string;
  zones: string;
  settings: string;
  owner_account_id: string | null;
  current_round_id: string | null;
  description: string;
  date: string | null;
  language: string;
  status: string;
  /** DO1: 1 while the door is closed (schema 6, added later). */
  door_closed?: number;
  /** RP2, RP3: the results page's settings as JSON, or null (added later). */
  results_page?: string | null;
}
export interface ParticipantRow {
  id: string;
  token_hash: string;
  zone_id: string;
  municipality_id: string | null;
  name: string;
}
/** DO9: a join waiting at the door, without its name. */
export interface WaitingRow {
  token_hash: string;
  zone_id: string;
  municipality_id: string | null;
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
  results: string | null;
  compare_key: string | null;
  /** KT2: the plain-language wording as JSON (schema 6, added column). */
  plain?: string | null;
  /** PA4: released pain points from paper (schema 6). */
  paper_points?: number;
  /** ML1: the moderation log as JSON, or null while it is empty. */
  moderation?: string | null;
}
export interface BallotRow {
  round_id: string;
  voter_key: string;
  zone_id: string;
  municipality_id: string | null;
  ballot: string;
  /** PA1: 1 for a ballot typed in from paper (schema 6). */
  paper?: number;
}

/** A pain point waiting for its batch (`inbox`) or released (`pain_points`). */
export interface PainPointRow {
  round_id: string;
  id: string;
  text: string;
  theme_id: string | null;
  stage: string;
  hidden: string | null;
  merged_into: string | null;
  support: number;
  /** QA2: 1 on a question marked answered (absent in rows of an older build). */
  answered?: number;
}
export interface VersionRow {
  round_id: string;
  id: string;
  number: number;
  label: string;
  zone_id: string | null;
}
export interface SupportRow {
  round_id: string;
  point_id: string;
  supporter_key: string;
}

function group<T extends { round_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const byRound = new Map<string, T[]>();
  for (const row of rows) {
    const list = byRound.get(row.round_id) ?? [];
    list.push(row);
    byRound.set(row.round_id, list);
  }
  return byRound;
}

function pointsOf(rows: readonly PainPointRow[], support: readonly SupportRow[]): Table<PainPoint> {
  const supporters = new Map<string, string[]>();
  for (const row of support) {
    const keys = supporters.get(row.point_id) ?? [];
    keys.push(row.supporter_key);
    supporters.set(row.point_id, keys);
  }
  return tableFromEntries(
    rows.map((p): [string, PainPoint] => [
      p.id,
      {
        id: p.id,
        text: p.text,
        themeId: p.theme_id,
        stage: p.stage as PainPoint['stage'],
        hidden: p.hidden as HideReason | null,
        mergedInto: p.merged_into,
        support: p.support,
        supporters: supporters.get(p.id) ?? [],
        // QA2: only an answered question carries the mark, so a pain point reads as it always did.
        ...(Number(p.answered ?? 0) === 1 ? { answered: true } : {}),
      },
    ]),
  );
}

/** A closed round's results; those kept before paper input (schema < 6) had no paper ballots. */
function keptResults(json: string): RoundResults | null {
  // A pain-point or text round keeps `null` (its outcome is elsewhere).
  const kept = JSON.parse(json) as (Omit<RoundResults, 'paper'> & { paper?: number | null }) | null;
  return kept && { ...kept, paper: kept.paper ?? 0 };
}

export interface SessionRows {
  session: SessionRow;
  participants: readonly ParticipantRow[];
  rounds: readonly RoundRow[];
  ballots: readonly BallotRow[];
  points: readonly PainPointRow[];
  support: readonly SupportRow[];
  versions: readonly VersionRow[];
  waiting?: readonly WaitingRow[];
}

/** DO9: the door as stored; a waiting join comes back without its name until its phone sends it again. */
function doorOf(s: SessionRow, waiting: readonly WaitingRow[]): Pick<SessionState, 'door'> {
  if (!s.door_closed && waiting.length === 0) return {};
  return {
    door: {
      closed: s.door_closed === 1,
      waiting: tableFromEntries(
        waiting.map((w) => [
          w.token_hash,
          { tokenHash: w.token_hash, zoneId: w.zone_id, municipalityId: w.municipality_id, name: '' },
        ]),
      ),
    },
  };
}

/** RT4: a session's row as its join page shows it (core's `sessionInfo` of the loaded state, the same fields). */
export function sessionInfoFromRow(
  s: Pick<SessionRow, 'id' | 'title' | 'zones' | 'status' | 'language' | 'settings'>,
): SessionInfo {
  const settings = JSON.parse(s.settings) as Partial<SessionState['settings']>;
  return {
    sessionId: s.id,
    title: s.title,
    zones: JSON.parse(s.zones) as Zone[],
    status: s.status as SessionStatus,
    language: s.language as SessionLanguage,
    ...(settings.plainLanguage ? { plainLanguage: true as const } : {}),
  };
}

export function sessionFromRows({
  session: s,
  participants,
  rounds,
  ballots,
  points,
  support,
  versions,
  waiting = [],
}: SessionRows): SessionState {
  const pointsByRound = group(points);
  const supportByRound = group(support);
  const settings = JSON.parse(s.settings) as Partial<SessionState['settings']>;
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    date: s.date,
    language: s.language as SessionLanguage,
    joinCode: s.join_code,
    status: s.status as SessionStatus,
    zones: JSON.parse(s.zones) as Zone[],
    // Sessions made before pain points (schema 2) get the default release settings; sessions made before
    // the floors are read at the floors (core AN24), so every view and result holds to them.
    settings: raiseToFloors({
      anonymityThreshold: settings.anonymityThreshold ?? DEFAULTS.anonymityThreshold,
      weighted: settings.weighted ?? false,
      releaseEverySeconds: settings.releaseEverySeconds ?? DEFAULTS.releaseEverySeconds,
      releaseMinEntries: settings.releaseMinEntries ?? DEFAULTS.releaseMinEntries,
      ...(settings.expectedParticipants === undefined ? {} : { expectedParticipants: settings.expectedParticipants }),
      ...(settings.plainLanguage ? { plainLanguage: true } : {}),
    }),
    ...doorOf(s, waiting),
    ...(s.results_page ? { resultsPage: ResultsPageSettings.parse(JSON.parse(s.results_page)) } : {}),
    ownerAccountId: s.owner_account_id,
    currentRoundId: s.current_round_id,
    participants: participantsFrom(
      participants.map((p) => ({
        id: p.id,
        tokenHash: p.token_hash,
        zoneId: p.zone_id,
        municipalityId: p.municipality_id,
        name: p.name,
      })),
    ),
    rounds: rounds.map((r): Round => {
      const options = JSON.parse(r.options) as VoteOption[];
      const config = JSON.parse(r.config) as RoundConfig;
      const cast = ballots
        .filter((b) => b.round_id === r.id)
        .map(
          (b) =>
            [
              b.voter_key,
              {
                zoneId: b.zone_id,
                municipalityId: b.municipality_id,
                ballot: JSON.parse(b.ballot) as Ballot,
                ...(b.paper ? { paper: true as const } : {}),
              },
            ] as const,
        );
      return {
        id: r.id,
        question: r.question,
        options,
        config,
        status: r.status as RoundStatus,
        reveal: r.reveal as RevealMode,
        revealed: r.revealed === 1,
        locked: r.locked === 1,
        durationSeconds: r.duration_seconds,
        closesAt: r.closes_at,
        rerunOf: r.rerun_of,
        compareKey: r.compare_key,
        plain: r.plain ? (JSON.parse(r.plain) as RoundPlain) : null,
        closedResults: r.results === null ? null : keptResults(r.results),
        ballots: tableFromEntries(cast),
        // SE7: counted once here; from now on kept up to date by each event.
        tally: tallyOf(
          config,
          options,
          cast.map(([, c]) => c),
        ),
        // WC6: the word cloud's counts, likewise counted once here.
        ...(config.kind === 'word-cloud' ? { cloud: cloudCountsOf(cast.map(([, c]) => c.ballot)) } : {}),
        points: pointsOf(pointsByRound.get(r.id) ?? [], supportByRound.get(r.id) ?? []),
        // AN7: how many entries each voter added is never stored; after a restart the count starts again.
        submitted: {},
        // PA4: paper entries still waiting are counted in memory only; after a restart they count as phone entries.
        ...(r.paper_points ? { paperPoints: r.paper_points } : {}),
        ...(r.moderation ? { moderation: ModerationLogEntry.array().parse(JSON.parse(r.moderation)) } : {}),
        versions: versions
          .filter((v) => v.round_id === r.id)
          .sort((a, b) => a.number - b.number)
          .map((v) => ({ id: v.id, number: v.number, label: v.label, zoneId: v.zone_id })),
      };
    }),
  };
}
