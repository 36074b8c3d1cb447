/**
 * The attacker's use of the keys a copy holds (core SPEC AN25, AN27, LC7): it reads the keyring's file in
 * the copy with the store's own code and opens every sealed cell it can. Round keys open voter keys,
 * supporter keys and ballots: while a round is open its key is in the files, so a copy taken then reads its
 * inputs as on SQLite (and the shared attacks run on them); after the close nothing opens them. Session
 * keys (the keyring's slot with round id SESSION_KEY_SLOT) open every cell of the session that names or
 * describes anyone (titles, names, zones, texts, results, command records…): while the session lives its
 * key is in the files and the attacker reads those cells in clear, as on SQLite; after its delete (LC7) the
 * slot is zeroed and they stay sealed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROUND_KEYS_FILE, RoundKeyring, SESSION_KEY_SLOT } from '../src/store/round-keys.ts';
import { SessionSeal } from '../src/store/sealed-cells.ts';
import { RoundSeal } from '../src/store/sealed-inputs.ts';
import type { Row } from './live-audit.ts';
import type { HeapTuple } from './pg-raw-files.ts';

export interface CopyKeyring {
  /** Round id -> key (base64url). */
  readonly keys: Map<string, string>;
  readonly seals: Map<string, RoundSeal>;
  /** Session id -> its session key (base64url): the slot with round id SESSION_KEY_SLOT. */
  readonly sessionKeys: Map<string, string>;
  readonly sessionSeals: Map<string, SessionSeal>;
  /** Every slot in the keyring's file: whose it is. */
  readonly slots: { sessionId: string; roundId: string }[];
}

export async function readCopyKeyring(dir: string): Promise<CopyKeyring> {
  const keyring: CopyKeyring = {
    keys: new Map(),
    seals: new Map(),
    sessionKeys: new Map(),
    sessionSeals: new Map(),
    slots: [],
  };
  if (!existsSync(join(dir, ROUND_KEYS_FILE))) return keyring;
  const ring = RoundKeyring.open(dir);
  try {
    for (const { sessionId, roundId } of ring.rounds()) {
      const key = ring.key(sessionId, roundId)!;
      keyring.slots.push({ sessionId, roundId });
      if (roundId === SESSION_KEY_SLOT) {
        keyring.sessionKeys.set(sessionId, key.toString('base64url'));
        keyring.sessionSeals.set(sessionId, new SessionSeal(Buffer.from(key), sessionId));
      } else {
        keyring.keys.set(roundId, key.toString('base64url'));
        keyring.seals.set(roundId, new RoundSeal(Buffer.from(key), sessionId, roundId));
      }
    }
  } finally {
    ring.close();
  }
  return keyring;
}

const attempt = <T>(open: () => T): T | undefined => {
  try {
    return open();
  } catch {
    return undefined;
  }
};

/** The session a row belongs to: `sessions` by its id, `commands` by its scope, every other table by session_id. */
export function sessionOfRow(table: string, row: Record<string, unknown>): string | undefined {
  const id = table === 'sessions' ? row.id : table === 'commands' ? row.scope : row.session_id;
  return typeof id === 'string' ? id : undefined;
}

/** The row with every cell its session's key opens in clear (a copy without the key leaves them sealed). */
function openSessionCells(keyring: CopyKeyring, table: string, row: Row): Row {
  const sessionId = sessionOfRow(table, row);
  const seal = sessionId === undefined ? undefined : keyring.sessionSeals.get(sessionId);
  if (!seal) return row;
  let opened: Row | undefined;
  for (const [column, value] of Object.entries(row)) {
    if (!SessionSeal.isSealed(value)) continue;
    const clear = attempt(() => seal.open(value));
    if (clear === undefined) continue;
    opened ??= { ...row };
    opened[column] = clear as Row[string];
  }
  return opened ?? row;
}

/**
 * The rows with what the copy's keys open in clear: first the session's sealed cells, then the rounds'
 * ballots and supports. Ballots and supports they cannot open are left out: sealed text says nothing the
 * attacks below could use (its voter key is no voter key).
 */
export function openCopyRows(keyring: CopyKeyring, table: string, rows: Row[]): Row[] {
  const clear = rows.map((row) => openSessionCells(keyring, table, row));
  if (table !== 'ballots' && table !== 'pain_point_support') return clear;
  return clear.flatMap((row): Row[] => {
    const seal = keyring.seals.get(String(row.round_id));
    if (!seal) return [];
    if (table === 'pain_point_support') {
      const opened = attempt(() => seal.openSupporterKey(String(row.supporter_key)));
      return opened ? [{ ...row, supporter_key: opened.supporterKey }] : [];
    }
    const opened = attempt(() => seal.openBallot(JSON.parse(String(row.ballot)) as string));
    return opened ? [{ ...row, voter_key: opened.voterKey, ballot: opened.ballot }] : [];
  });
}

/**
 * LC7 on PostgreSQL: the cells of a session that name or describe anyone, each sealed with the session's
 * key (sealed-cells.ts). A paper ballot keeps its zone and municipality (a phone's ballot has none, AN16).
 */
export const SEALED_CELLS: Record<string, readonly string[]> = {
  sessions: ['title', 'description', 'zones', 'settings', 'results_page'],
  participants: ['name', 'zone_id', 'municipality_id', 'token_hash'],
  waiting_joins: ['token_hash', 'zone_id', 'municipality_id'],
  rounds: ['question', 'options', 'config', 'results', 'plain', 'moderation'],
  pain_point_inbox: ['text'],
  pain_points: ['text', 'hidden'],
  closed_pain_points: ['text', 'hidden'],
  text_versions: ['label', 'zone_id', 'data'],
  yjs_updates: ['data'],
  ballots: ['zone_id', 'municipality_id'],
  commands: ['result'],
};

/**
 * The cells of `tuples` that should be sealed and are not, by table and column, with the first value seen.
 * Empty and null cells say nothing; a value the tuple reader could not read (compressed, out of line) is null.
 */
export function clearCells(tuples: readonly Pick<HeapTuple, 'table' | 'row'>[]): Record<string, string> {
  const clear: Record<string, string> = {};
  for (const t of tuples) {
    for (const column of SEALED_CELLS[t.table] ?? []) {
      const value = t.row[column];
      if (value === undefined || value === null || value === '' || SessionSeal.isSealed(value)) continue;
      clear[`${t.table}.${column}`] ??= Buffer.isBuffer(value)
        ? `0x${value.toString('hex', 0, 24)}`
        : String(value).slice(0, 60);
    }
  }
  return clear;
}
