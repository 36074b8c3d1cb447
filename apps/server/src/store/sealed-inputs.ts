import { createCipheriv, createDecipheriv, createHmac, randomFillSync } from 'node:crypto';
import type { DomainEvent } from '@vrijuit/core';
import type { BallotRow, SupportRow } from './session-rows.ts';

/**
 * AN25: what PostgreSQL receives of a round's anonymous inputs, sealed with the round's key (round-keys.ts)
 * in AES-256-GCM, so that once the key is destroyed at the close no copy of the database, its dead tuples
 * or its WAL can be read back:
 * - a ballot's row is found by an HMAC of its voter key under the round key (so a changed ballot replaces
 *   the row), and holds the voter key and the ballot sealed together with a random IV, padded to a
 *   multiple of 64 bytes (equal ballots look unequal and their lengths say little);
 * - a supporter key is sealed together with the entry it supports, deterministically (the IV an HMAC of
 *   the text, so the same support seals the same and the store can delete it again); per entry, so two
 *   supports of one phone share nothing on disk;
 * - each bound to its session, round and use (the GCM's additional data), so none can be moved to another
 *   row.
 * Base64url text, so the columns and statements stay those of SQLite (event-writes.ts).
 */
const IV = 12;
const TAG = 16;
const PAD = 64;

export interface Keys {
  enc: Buffer;
  iv: Buffer;
}

/** A key's encryption and IV subkeys for one use: `seal` (a round's inputs) or `cell` (a session's cells). */
export const subkeys = (key: Buffer, use: 'seal' | 'cell' = 'seal'): Keys => ({
  enc: createHmac('sha256', key).update(`vrijuit/${use}/enc`).digest(),
  iv: createHmac('sha256', key).update(`vrijuit/${use}/iv`).digest(),
});

/** AES-256-GCM under `enc`, bound to `aad`: iv | ciphertext | tag. Shared with sealed-cells.ts. */
export function sealBytes(enc: Buffer, aad: Buffer, clear: Buffer, iv: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', enc, iv);
  cipher.setAAD(aad);
  return Buffer.concat([iv, cipher.update(clear), cipher.final(), cipher.getAuthTag()]);
}

/** sealBytes undone; throws when `bytes` were not sealed under `enc` and `aad`. */
export function openBytes(enc: Buffer, aad: Buffer, bytes: Buffer): Buffer {
  if (bytes.length < IV + TAG) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', enc, bytes.subarray(0, IV));
  decipher.setAAD(aad);
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG));
  return Buffer.concat([decipher.update(bytes.subarray(IV, bytes.length - TAG)), decipher.final()]);
}

const seal = (keys: Keys, aad: string, text: string, iv: Buffer): string =>
  sealBytes(keys.enc, Buffer.from(aad), Buffer.from(text, 'utf8'), iv).toString('base64url');

const open = (keys: Keys, aad: string, sealed: string): string =>
  openBytes(keys.enc, Buffer.from(aad), Buffer.from(sealed, 'base64url')).toString('utf8');

/** Random IVs for ballots, filled 256 at a time (one randomBytes call costs ~9 µs here, as in secrets.ts). */
const ivPool = Buffer.alloc(IV * 256);
let ivOffset = ivPool.length;
export function randomIv(): Buffer {
  if (ivOffset === ivPool.length) {
    randomFillSync(ivPool);
    ivOffset = 0;
  }
  ivOffset += IV;
  return Buffer.from(ivPool.subarray(ivOffset - IV, ivOffset));
}

const fixedIv = (keys: Keys, aad: string, text: string) =>
  createHmac('sha256', keys.iv).update(`${aad}\u0000${text}`).digest().subarray(0, IV);

/** The sealing of one round's inputs under its key. */
export class RoundSeal {
  readonly #keys: Keys;
  readonly #scope: string;

  constructor(key: Buffer, sessionId: string, roundId: string) {
    this.#keys = subkeys(key);
    this.#scope = `${sessionId}/${roundId}`;
  }

  #fixed(use: string, text: string) {
    const aad = `${this.#scope}/${use}`;
    return seal(this.#keys, aad, text, fixedIv(this.#keys, aad, text));
  }

  /** The ballot row's key: an HMAC of the voter key (not to be opened: the key is inside the ballot). */
  voterRow(voterKey: string): string {
    return createHmac('sha256', this.#keys.iv).update(`${this.#scope}/voter\u0000${voterKey}`).digest('base64url');
  }

  supporterKey(supporterKey: string, pointId: string): string {
    return this.#fixed('support', JSON.stringify([supporterKey, pointId]));
  }

  /** A voter's key and ballot (JSON), sealed together. */
  ballot(voterKey: string, json: string): string {
    const text = JSON.stringify([voterKey, json]);
    const padded = text.padEnd(Math.ceil((text.length + 1) / PAD) * PAD, ' ');
    return seal(this.#keys, `${this.#scope}/ballot`, padded, randomIv());
  }

  openSupporterKey(sealed: string): { supporterKey: string; pointId: string } {
    const [supporterKey, pointId] = JSON.parse(open(this.#keys, `${this.#scope}/support`, sealed)) as [string, string];
    return { supporterKey, pointId };
  }

  openBallot(sealed: string): { voterKey: string; ballot: string } {
    const [voterKey, ballot] = JSON.parse(open(this.#keys, `${this.#scope}/ballot`, sealed)) as [string, string];
    return { voterKey, ballot };
  }
}

/** The rounds whose anonymous inputs `events` write: their keys must exist (and be synced) first. */
export function roundsSealedIn(events: readonly DomainEvent[]): Set<string> {
  const rounds = new Set<string>();
  for (const e of events) {
    if (e.type === 'vote:cast' || e.type === 'painpoint:supported' || e.type === 'painpoint:merged')
      rounds.add(e.roundId);
  }
  return rounds;
}

/**
 * The events as PostgreSQL stores them: voter keys, supporter keys and ballots sealed (the statements of
 * event-writes.ts then write the sealed text where SQLite writes the clear one). A ballot goes in as its
 * sealed text, which the statement writes as a JSON string; `openBallotRows` undoes both.
 */
export function sealEvents(events: readonly DomainEvent[], sealOf: (roundId: string) => RoundSeal): DomainEvent[] {
  return events.map((e): DomainEvent => {
    switch (e.type) {
      case 'vote:cast': {
        const s = sealOf(e.roundId);
        const ballot = s.ballot(e.voterKey, JSON.stringify(e.ballot)) as unknown as typeof e.ballot;
        return { ...e, voterKey: s.voterRow(e.voterKey), ballot };
      }
      case 'painpoint:supported':
        return { ...e, supporterKey: sealOf(e.roundId).supporterKey(e.supporterKey, e.pointId) };
      case 'painpoint:merged': {
        const s = sealOf(e.roundId);
        return { ...e, supporters: e.supporters.map((key) => s.supporterKey(key, e.intoId)) };
      }
      default:
        return e;
    }
  });
}

/** A session's rows as read back, opened with its rounds' keys. */
export function openBallotRows(rows: readonly BallotRow[], sealOf: (roundId: string) => RoundSeal): BallotRow[] {
  return rows.map((row) => {
    const { voterKey, ballot } = sealOf(row.round_id).openBallot(JSON.parse(row.ballot) as string);
    return { ...row, voter_key: voterKey, ballot };
  });
}

export function openSupportRows(rows: readonly SupportRow[], sealOf: (roundId: string) => RoundSeal): SupportRow[] {
  return rows
    .map((row) => ({ ...row, supporter_key: sealOf(row.round_id).openSupporterKey(row.supporter_key).supporterKey }))
    .sort((a, b) =>
      a.round_id === b.round_id
        ? a.point_id === b.point_id
          ? compare(a.supporter_key, b.supporter_key)
          : compare(a.point_id, b.point_id)
        : compare(a.round_id, b.round_id),
    );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
