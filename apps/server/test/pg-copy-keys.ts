/**
 * The attacker's use of the round keys a copy holds (core SPEC AN25): it reads the keyring's file in the
 * copy with the store's own code and opens every sealed voter key, supporter key and ballot it can. While
 * a round is open its key is in the files, so a copy taken then reads its inputs as on SQLite (and the
 * shared attacks run on them); after the close nothing opens them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROUND_KEYS_FILE, RoundKeyring } from '../src/store/round-keys.ts';
import { RoundSeal } from '../src/store/sealed-inputs.ts';
import type { Row } from './live-audit.ts';

export interface CopyKeyring {
  /** Round id -> key (base64url). */
  readonly keys: Map<string, string>;
  readonly seals: Map<string, RoundSeal>;
}

export async function readCopyKeyring(dir: string): Promise<CopyKeyring> {
  const keys = new Map<string, string>();
  const seals = new Map<string, RoundSeal>();
  if (!existsSync(join(dir, ROUND_KEYS_FILE))) return { keys, seals };
  const ring = RoundKeyring.open(dir);
  try {
    for (const { sessionId, roundId } of ring.rounds()) {
      const key = ring.key(sessionId, roundId)!;
      keys.set(roundId, key.toString('base64url'));
      seals.set(roundId, new RoundSeal(Buffer.from(key), sessionId, roundId));
    }
  } finally {
    ring.close();
  }
  return { keys, seals };
}

const attempt = <T>(open: () => T): T | undefined => {
  try {
    return open();
  } catch {
    return undefined;
  }
};

/**
 * The rows with what the copy's keys open in clear. Ballots and supports they cannot open are left out:
 * sealed text says nothing the attacks below could use (its voter key is no voter key).
 */
export function openCopyRows(keyring: CopyKeyring, table: string, rows: Row[]): Row[] {
  if (table !== 'ballots' && table !== 'pain_point_support') return rows;
  return rows.flatMap((row): Row[] => {
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
