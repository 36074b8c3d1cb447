import { randomBytes } from 'node:crypto';
import { closeSync, fdatasyncSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * LC7, AN27: the slot of a session's own key (sealed-cells.ts), beside its rounds' keys; no round id is
 * empty. Destroyed with the session's round keys when it is deleted.
 */
export const SESSION_KEY_SLOT = '';

/** The keyring's file in its folder. */
export const ROUND_KEYS_FILE = 'round-keys';
/** A slot: in use (1 byte), the session id and the round id (a length byte and up to 60 bytes each), the key. */
const SLOT = 160;
const ID_MAX = 60;
const KEY_BYTES = 32;

interface Slot {
  readonly index: number;
  readonly sessionId: string;
  readonly roundId: string;
  readonly key: Buffer;
}

/**
 * CL9: where an open round's key waits for its session's next owner on another machine (Redis, sealed with
 * the cluster key: cluster/round-key-share.ts). Kept before the first input sealed with it is committed,
 * forgotten when the round closes or its session is deleted.
 */
export interface RoundKeyShare {
  put(sessionId: string, roundId: string, key: Buffer): Promise<void>;
  /** The key another owner kept, or null. */
  get(sessionId: string, roundId: string): Promise<Buffer | null>;
  /** Forgets the round's key, or (`roundId` null) every key of the session. */
  drop(sessionId: string, roundId: string | null): Promise<void>;
}

/**
 * AN25: the round keys, kept where a deletion is a deletion: a small file of fixed slots beside the
 * process (never in PostgreSQL, whose dead tuples and WAL segments keep what was deleted). A key is
 * written to its slot and the file synced before the first input sealed with it is committed, so an
 * acknowledged input survives a crash (kill -9) of the process; destroying a key overwrites its slot with
 * zeros in place and syncs, so a copy of the files taken afterwards holds neither the key nor anything
 * the ciphertexts it sealed can be opened with. In place: a slot never moves, so on a file system that
 * rewrites a block where it lies (ext4, xfs; not a copy-on-write one such as btrfs or ZFS, nor a snapshot
 * taken before) no older copy of a slot stays behind, the same reliance SQLite's secure_delete has.
 *
 * PL8: processes on one machine may share the folder, so whichever owns a session can read its open
 * round's key after a take-over. A new key is appended (O_APPEND: two processes never write the same
 * slot; a zeroed slot is not used again), a key not in memory is looked for in the file again before it
 * counts as missing, and a key is destroyed wherever its round's slots are in the file.
 */
export class RoundKeyring {
  /** Read and written in place (zeros). */
  readonly #fd: number;
  /** New slots only, at the file's end. */
  readonly #append: number;
  readonly #slots = new Map<string, Slot>();

  private constructor(fd: number, append: number) {
    this.#fd = fd;
    this.#append = append;
  }

  /** Opens (or creates) the keyring in `dir` and reads its keys. */
  static open(dir: string): RoundKeyring {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, ROUND_KEYS_FILE);
    const append = openSync(file, 'a', 0o600);
    const ring = new RoundKeyring(openSync(file, 'r+'), append);
    ring.#read();
    return ring;
  }

  /** The round's key, if it has one (looked for in the file again when not in memory: PL8). */
  key(sessionId: string, roundId: string): Buffer | undefined {
    const id = slotKey(sessionId, roundId);
    if (!this.#slots.has(id)) this.#read();
    return this.#slots.get(id)?.key;
  }

  /** The round's key; a new one is made and synced to the file first when there is none. */
  keyFor(sessionId: string, roundId: string): Buffer {
    const found = this.key(sessionId, roundId);
    if (found) return found;
    if (Buffer.byteLength(sessionId) > ID_MAX || Buffer.byteLength(roundId) > ID_MAX) {
      throw new Error(`ids longer than ${ID_MAX} bytes have no slot in the round keys' file`);
    }
    return this.keep(sessionId, roundId, randomBytes(KEY_BYTES));
  }

  /** Writes the round's key (made here, or by its previous owner: CL9) to a new slot, synced. */
  keep(sessionId: string, roundId: string, key: Buffer): Buffer {
    const slot: Slot = { index: -1, sessionId, roundId, key };
    writeSync(this.#append, slotBytes(slot));
    fdatasyncSync(this.#append);
    this.#slots.set(slotKey(sessionId, roundId), slot);
    return slot.key;
  }

  /** Every (session, round) that has a key in the file. */
  rounds(): { sessionId: string; roundId: string }[] {
    this.#read();
    return [...this.#slots.values()].map(({ sessionId, roundId }) => ({ sessionId, roundId }));
  }

  /** Overwrites the round's slots with zeros and syncs: the key is gone from the file. */
  destroy(sessionId: string, roundId: string): void {
    this.#zero((slot) => slot.sessionId === sessionId && slot.roundId === roundId);
  }

  /** Destroys every key of the session (LC7). */
  destroySession(sessionId: string): void {
    this.#zero((slot) => slot.sessionId === sessionId);
  }

  close(): void {
    for (const slot of this.#slots.values()) slot.key.fill(0);
    this.#slots.clear();
    closeSync(this.#fd);
    closeSync(this.#append);
  }

  /** Every slot in the file now (another process may have added some). */
  #scan(): Slot[] {
    const size = Math.floor(fstatSync(this.#fd).size / SLOT);
    const bytes = Buffer.alloc(SLOT);
    const slots: Slot[] = [];
    for (let index = 0; index < size; index++) {
      readSync(this.#fd, bytes, 0, SLOT, index * SLOT);
      const slot = parseSlot(bytes, index);
      if (slot) slots.push(slot);
    }
    return slots;
  }

  #read(): void {
    for (const slot of this.#scan()) this.#slots.set(slotKey(slot.sessionId, slot.roundId), slot);
  }

  #zero(matches: (slot: Slot) => boolean): void {
    const zeros = Buffer.alloc(SLOT);
    let wrote = false;
    for (const slot of this.#scan()) {
      if (!matches(slot)) continue;
      writeSync(this.#fd, zeros, 0, SLOT, slot.index * SLOT);
      slot.key.fill(0);
      wrote = true;
    }
    if (wrote) fdatasyncSync(this.#fd);
    for (const [id, slot] of this.#slots) {
      if (!matches(slot)) continue;
      slot.key.fill(0);
      this.#slots.delete(id);
    }
  }
}

const slotKey = (sessionId: string, roundId: string) => `${sessionId}\u0000${roundId}`;

function slotBytes(slot: Slot): Buffer {
  const bytes = Buffer.alloc(SLOT);
  bytes[0] = 1;
  let at = 1;
  for (const id of [slot.sessionId, slot.roundId]) {
    const written = bytes.write(id, at + 1, 'utf8');
    bytes[at] = written;
    at += 1 + ID_MAX;
  }
  slot.key.copy(bytes, at);
  return bytes;
}

function parseSlot(bytes: Buffer, index: number): Slot | null {
  if (bytes[0] !== 1) return null;
  const sessionId = bytes.toString('utf8', 2, 2 + bytes[1]!);
  const roundAt = 1 + 1 + ID_MAX;
  const roundId = bytes.toString('utf8', roundAt + 1, roundAt + 1 + bytes[roundAt]!);
  const keyAt = roundAt + 1 + ID_MAX;
  return { index, sessionId, roundId, key: Buffer.from(bytes.subarray(keyAt, keyAt + KEY_BYTES)) };
}
