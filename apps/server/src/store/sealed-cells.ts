import { createHmac } from 'node:crypto';
import { openBytes, randomIv, sealBytes, subkeys, type Keys } from './sealed-inputs.ts';
import { Sealed } from './sql-steps.ts';

/**
 * LC7, AN27 on PostgreSQL (crypto-shredding): every cell of a session that names or describes someone
 * (sql-steps.ts's `sealed`: names, zones, token hashes, titles, questions, texts, results, command
 * records) reaches PostgreSQL only sealed in AES-256-GCM with the session's key, which lives in the
 * keyring file beside the process (round-keys.ts, slot SESSION_KEY_SLOT) and is zeroed in place when the
 * session is deleted. What PostgreSQL keeps of a deleted session (dead tuples, WAL segments) is then
 * ciphertext nothing opens. Each seal is bound to its session (GCM's additional data), so no cell can be
 * moved to another session.
 *
 * A sealed text is PREFIX + base64url(iv | ciphertext | tag); sealed bytes (BYTEA) are MAGIC + the same
 * bytes. A random IV each time, except for a lookup cell (a token hash that is a key or is looked up by
 * equality), whose IV is an HMAC of its value, so the same value seals the same. Cells written before
 * sealing existed carry no prefix and are read as they are.
 */
const PREFIX = '\u0001s1.';
const MAGIC = Buffer.from(PREFIX, 'latin1');
const IV = 12;

export class SessionSeal {
  readonly #keys: Keys;
  readonly #text: Buffer;
  readonly #bytes: Buffer;

  constructor(key: Buffer, sessionId: string) {
    this.#keys = subkeys(key, 'cell');
    this.#text = Buffer.from(`vrijuit/cell/${sessionId}/text`);
    this.#bytes = Buffer.from(`vrijuit/cell/${sessionId}/bytes`);
  }

  /** Whether `value` is a sealed cell (of any session). */
  static isSealed(value: unknown): value is string | Buffer {
    return typeof value === 'string'
      ? value.startsWith(PREFIX)
      : Buffer.isBuffer(value) && value.length > MAGIC.length && MAGIC.equals(value.subarray(0, MAGIC.length));
  }

  seal(value: string | Buffer, lookup = false): string | Buffer {
    const text = typeof value === 'string';
    const clear = text ? Buffer.from(value, 'utf8') : value;
    const aad = text ? this.#text : this.#bytes;
    const iv = lookup
      ? createHmac('sha256', this.#keys.iv).update(aad).update(clear).digest().subarray(0, IV)
      : randomIv();
    const sealed = sealBytes(this.#keys.enc, aad, clear, iv);
    return text ? PREFIX + sealed.toString('base64url') : Buffer.concat([MAGIC, sealed]);
  }

  /** A parameter as PostgreSQL receives it: a Sealed cell sealed, anything else as it is. */
  param(value: unknown): unknown {
    return value instanceof Sealed ? this.seal(value.value, value.lookup) : value;
  }

  /** A sealed cell opened (throws when it is not this session's); anything else as it is. */
  open(value: unknown): unknown {
    if (!SessionSeal.isSealed(value)) return value;
    const text = typeof value === 'string';
    const bytes = text ? Buffer.from(value.slice(PREFIX.length), 'base64url') : value.subarray(MAGIC.length);
    const clear = openBytes(this.#keys.enc, text ? this.#text : this.#bytes, bytes);
    return text ? clear.toString('utf8') : clear;
  }

  /** Every sealed cell of the rows opened, in place. */
  openRows<T>(rows: T[]): T[] {
    return replaceSealed(rows, (value) => this.open(value));
  }
}

/** Each sealed cell of `rows` replaced, in place, by `by(cell)`. */
function replaceSealed<T>(rows: T[], by: (sealed: string | Buffer) => unknown): T[] {
  for (const row of rows as Record<string, unknown>[]) {
    for (const column in row) {
      const value = row[column];
      if (SessionSeal.isSealed(value)) row[column] = by(value);
    }
  }
  return rows;
}

/**
 * The cells of a session whose key this process does not have: writing a sealed cell or reading one
 * throws (the keyring is not the one this database was used with), clear cells pass.
 */
export class MissingSeal {
  constructor(readonly sessionId: string) {}

  #fail(): never {
    throw new Error(`no session key for ${this.sessionId}: is this the keyring of this database?`);
  }

  param(value: unknown): unknown {
    return value instanceof Sealed ? this.#fail() : value;
  }

  openRows<T>(rows: T[]): T[] {
    return replaceSealed(rows, () => this.#fail());
  }
}

/** How pg-sql.ts's runner seals a statement's parameters and opens the rows it reads. */
export type CellSeal = Pick<SessionSeal, 'param' | 'openRows'>;

/** A store's seals per session: to read with (MissingSeal without a key), to write with (the key made if new). */
export interface SessionCells {
  read(sessionId: string): Promise<CellSeal>;
  write(sessionId: string): Promise<CellSeal>;
}
