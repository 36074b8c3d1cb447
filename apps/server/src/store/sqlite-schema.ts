/**
 * The embedded schema. Anonymity shapes it (core SPEC AN1, AN3):
 * - ids are random (never time-ordered); no column holds the time of an input (only a round's own deadline);
 * - ballots live in a WITHOUT ROWID table keyed by (round, voter key), so the file keeps no insertion
 *   order, and they are deleted when the round closes, leaving only `rounds.results`, whose
 *   breakdowns are already suppressed below the anonymity threshold (AN4, AN5);
 * - tokens are stored as hashes;
 * - pain points (AN7-AN10) have no author column and no time: a new entry waits in
 *   `pain_point_inbox` until its batch is released, then moves to `pain_points` (the inbox rows are
 *   deleted and the WAL checkpointed, so no file keeps the order entries came in), and to
 *   `closed_pain_points` in id order when its round closes (sqlite-closed-entries.ts); support keys live in
 *   `pain_point_support` while the round is open and are deleted when it closes, leaving `support` counts.
 *   How many entries each voter added (the limit) is kept in memory only;
 * - co-edited documents are an append-only log of Yjs updates per document (`yjs_updates`), compacted
 *   into one update now and then; Yjs client ids are inside the updates, never next to a participant;
 * - a join waiting at the door (core DO9) is its token hash, zone and municipality, in a WITHOUT ROWID
 *   table keyed by the hash (no order of arrival), never its name; the row goes when it is let in or
 *   turned away.
 */
export const SCHEMA_VERSION = 6;

/** Older schema versions this build upgrades in place (the tables below are created if missing). */
export const UPGRADES_FROM = [2, 3, 4, 5];

/**
 * Columns added to a table after it first shipped: a store made by an older version gets each one on
 * open (ALTER TABLE … ADD COLUMN when missing), so upgrades stay in one list.
 */
export const ADDED_COLUMNS: readonly { table: string; column: string; definition: string }[] = [
  // Schema 6: a session's details and a round's compareKey (session design).
  { table: 'sessions', column: 'description', definition: "TEXT NOT NULL DEFAULT ''" },
  { table: 'sessions', column: 'date', definition: 'TEXT' },
  { table: 'sessions', column: 'language', definition: "TEXT NOT NULL DEFAULT 'nl-BE'" },
  { table: 'rounds', column: 'compare_key', definition: 'TEXT' },
  // LC1: sessions made before statuses existed were running workshops: `live`. New ones start `draft`.
  { table: 'sessions', column: 'status', definition: "TEXT NOT NULL DEFAULT 'live'" },
  // PA1: a ballot typed in from paper (dropped with the others when the round closes, AN1).
  { table: 'ballots', column: 'paper', definition: 'INTEGER NOT NULL DEFAULT 0' },
  // PA4: how many released pain points of the round came from paper; a count, never a mark on an entry.
  { table: 'rounds', column: 'paper_points', definition: 'INTEGER NOT NULL DEFAULT 0' },
  // Schema 6: sessions belong to facilitator accounts (AC1); older sessions have no owner.
  { table: 'sessions', column: 'owner_account_id', definition: 'TEXT' },
  // DO1: whether the door is closed (new phones wait for the facilitator).
  { table: 'sessions', column: 'door_closed', definition: 'INTEGER NOT NULL DEFAULT 0' },
  // KT2: a round's plain-language question and options (JSON), or null.
  { table: 'rounds', column: 'plain', definition: 'TEXT' },
  // RP2, RP3: the results page after the session (JSON: days, note, closedAt), or null for the defaults.
  { table: 'sessions', column: 'results_page', definition: 'TEXT' },
  // ML1: a pain-point round's moderation log (JSON list of actions, reasons and counts; no author, no time).
  { table: 'rounds', column: 'moderation', definition: 'TEXT' },
  // QA2: a question the facilitator marked answered (1), on a pain point always 0.
  { table: 'pain_points', column: 'answered', definition: 'INTEGER NOT NULL DEFAULT 0' },
  { table: 'closed_pain_points', column: 'answered', definition: 'INTEGER NOT NULL DEFAULT 0' },
];

/**
 * Columns of older schemas that are gone: dropped on open when present (SQLite >= 3.35). Schema 6
 * replaced the per-session facilitator token (NOT NULL, so it would refuse new sessions) by accounts.
 */
export const DROPPED_COLUMNS: readonly { table: string; column: string }[] = [
  { table: 'sessions', column: 'facilitator_token_hash' },
  // AN11: voter keys come from the phone's token, which no file holds; a round secret beside the keys
  // it made tied every ballot to its participant.
  { table: 'rounds', column: 'voter_secret' },
];

/** A pain point's columns, open (`pain_points`) or closed (`closed_pain_points`): no author, no time (AN7). */
const PAIN_POINT_COLUMNS = `  session_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  id TEXT NOT NULL,
  text TEXT NOT NULL,
  theme_id TEXT,
  stage TEXT NOT NULL,
  hidden TEXT,
  merged_into TEXT,
  support INTEGER NOT NULL DEFAULT 0,`;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  join_code TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  zones TEXT NOT NULL,
  settings TEXT NOT NULL,
  owner_account_id TEXT,
  current_round_id TEXT
) STRICT;

CREATE TABLE IF NOT EXISTS participants (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  zone_id TEXT NOT NULL,
  municipality_id TEXT,
  name TEXT NOT NULL,
  PRIMARY KEY (session_id, id),
  UNIQUE (session_id, token_hash)
) STRICT, WITHOUT ROWID;

-- DO1, DO9: joins waiting at the door; no name (it stays in memory until the join is let in).
CREATE TABLE IF NOT EXISTS waiting_joins (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL,
  zone_id TEXT NOT NULL,
  municipality_id TEXT,
  PRIMARY KEY (session_id, token_hash)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS rounds (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  question TEXT NOT NULL,
  options TEXT NOT NULL,
  config TEXT NOT NULL,
  status TEXT NOT NULL,
  reveal TEXT NOT NULL,
  revealed INTEGER NOT NULL DEFAULT 0,
  locked INTEGER NOT NULL DEFAULT 0,
  duration_seconds INTEGER,
  closes_at INTEGER,
  rerun_of TEXT,
  results TEXT,
  PRIMARY KEY (session_id, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS ballots (
  session_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  voter_key TEXT NOT NULL,
  zone_id TEXT NOT NULL,
  municipality_id TEXT,
  ballot TEXT NOT NULL,
  PRIMARY KEY (session_id, round_id, voter_key),
  FOREIGN KEY (session_id, round_id) REFERENCES rounds(session_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS pain_point_inbox (
  session_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  id TEXT NOT NULL,
  text TEXT NOT NULL,
  theme_id TEXT,
  PRIMARY KEY (session_id, round_id, id),
  FOREIGN KEY (session_id, round_id) REFERENCES rounds(session_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS pain_points (
${PAIN_POINT_COLUMNS}
  PRIMARY KEY (session_id, round_id, id),
  FOREIGN KEY (session_id, round_id) REFERENCES rounds(session_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- AN9, AN17: a closed round's entries, appended in id order at its close (sqlite-closed-entries.ts).
-- The integer key only grows, so a close adds pages at the end and moves nothing written before.
CREATE TABLE IF NOT EXISTS closed_pain_points (
  seq INTEGER PRIMARY KEY,
${PAIN_POINT_COLUMNS}
  UNIQUE (session_id, round_id, id),
  FOREIGN KEY (session_id, round_id) REFERENCES rounds(session_id, id) ON DELETE CASCADE
) STRICT;

CREATE TABLE IF NOT EXISTS pain_point_support (
  session_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  point_id TEXT NOT NULL,
  supporter_key TEXT NOT NULL,
  PRIMARY KEY (session_id, round_id, point_id, supporter_key),
  FOREIGN KEY (session_id, round_id) REFERENCES rounds(session_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS yjs_updates (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  doc_name TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (session_id, doc_name, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS text_versions (
  session_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  id TEXT NOT NULL,
  number INTEGER NOT NULL,
  label TEXT NOT NULL,
  zone_id TEXT,
  data BLOB NOT NULL,
  PRIMARY KEY (session_id, round_id, id),
  FOREIGN KEY (session_id, round_id) REFERENCES rounds(session_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- Facilitator accounts (AC4): the password only as an scrypt hash string (salt and parameters inside).
CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL
) STRICT;

-- Sign-ins (AC4): only the sha-256 of the cookie's token, with its expiry (epoch ms).
CREATE TABLE IF NOT EXISTS sign_ins (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Sessions an owner shared with other accounts (AC2).
CREATE TABLE IF NOT EXISTS session_shares (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  PRIMARY KEY (session_id, account_id)
) STRICT, WITHOUT ROWID;

-- Templates an account saved from a session: the design JSON only (DE8), gone with the account.
CREATE TABLE IF NOT EXISTS templates (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  design TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS templates_by_account ON templates (account_id, name);

CREATE TABLE IF NOT EXISTS commands (
  scope TEXT NOT NULL,
  command_id TEXT NOT NULL,
  result TEXT NOT NULL,
  PRIMARY KEY (scope, command_id)
) STRICT, WITHOUT ROWID;
`;

/** What `applySchema` needs of a connection (better-sqlite3's Database). */
interface SchemaDb {
  exec(sql: string): unknown;
  pragma(source: string): unknown;
}

/**
 * This build's tables on `db`: SCHEMA's made where missing, then ADDED_COLUMNS added and DROPPED_COLUMNS
 * dropped where a store made by an older version needs it. The store opens with it; tests and benchmarks
 * that make a bare file use it too, so they meet the same columns.
 */
export function applySchema(db: SchemaDb): void {
  db.exec(SCHEMA);
  const has = (table: string, column: string) =>
    (db.pragma(`table_info(${table})`) as { name: string }[]).some((c) => c.name === column);
  for (const { table, column, definition } of ADDED_COLUMNS) {
    if (!has(table, column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
  for (const { table, column } of DROPPED_COLUMNS) {
    if (has(table, column)) db.exec(`ALTER TABLE ${table} DROP COLUMN ${column}`);
  }
}
