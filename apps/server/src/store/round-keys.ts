import { randomBytes } from 'node:crypto';
import { closeSync, fdatasyncSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';

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
 * AN25: the round keys, kept where a deletion is a deletion: a small file of fixed slots beside the
 * process (never in PostgreSQL, whose dead tuples and WAL segments keep what was deleted). A key is
 * written to its slot and the file synced before the first input sealed with it is committed, so an
 * acknowledged input survives a crash (kill -9) of the process; destroying a key overwrites its slot with
 * zeros in place and syncs, so a copy of the files taken afterwards holds neither the key nor anything
 * the ciphertexts it sealed can be opened with. In place: the file never shrinks or moves, so on a file
 * system that rewrites a block where it lies (ext4, xfs; not a copy-on-write one such as btrfs or ZFS,
 * nor a snapshot taken before) no older copy of a slot stays behind, the same reliance SQLite's
 * secure_delete has. One process uses a keyring at a time.
 */
export class RoundKeyring {
  readonly #fd: number;
  readonly #slots = new Map<string, Slot>();
  readonly #free: number[] = [];
  #size: number;

  private constructor(fd: number, size: number) {
    this.#fd = fd;
    this.#size = size;
  }

  /** Opens (or creates) the keyring in `dir` and reads its keys. */
  static open(dir: string): RoundKeyring {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, ROUND_KEYS_FILE);
    // Created if missing, then opened for writing in place ('r+': no append, no truncation).
    closeSync(openSync(file, 'a', 0o600));
    const fd = openSync(file, 'r+');
    const size = Math.floor(fstatSync(fd).size / SLOT);
    const ring = new RoundKeyring(fd, size);
    const bytes = Buffer.alloc(SLOT);
    for (let index = 0; index < size; index++) {
      readSync(fd, bytes, 0, SLOT, index * SLOT);
      const slot = parseSlot(bytes, index);
      if (slot) ring.#slots.set(slotKey(slot.sessionId, slot.roundId), slot);
      else ring.#free.push(index);
    }
    return ring;
  }

  key(sessionId: string, roundId: string): Buffer | undefined {
    return this.#slots.get(slotKey(sessionId, roundId))?.key;
  }

  /** The round's key; a new one is made and synced to the file first when there is none. */
  keyFor(sessionId: string, roundId: string): Buffer {
    const found = this.key(sessionId, roundId);
    if (found) return found;
    if (Buffer.byteLength(sessionId) > ID_MAX || Buffer.byteLength(roundId) > ID_MAX) {
      throw new Error(`ids longer than ${ID_MAX} bytes have no slot in the round keys' file`);
    }
    const index = this.#free.shift() ?? this.#size++;
    const slot: Slot = { index, sessionId, roundId, key: randomBytes(KEY_BYTES) };
    this.#write(index, slotBytes(slot));
    this.#slots.set(slotKey(sessionId, roundId), slot);
    return slot.key;
  }

  /** Every (session, round) that has a key. */
  rounds(): { sessionId: string; roundId: string }[] {
    return [...this.#slots.values()].map(({ sessionId, roundId }) => ({ sessionId, roundId }));
  }

  /** Overwrites the round's slot with zeros and syncs: the key is gone from the file. */
  destroy(sessionId: string, roundId: string): void {
    const slot = this.#slots.get(slotKey(sessionId, roundId));
    if (!slot) return;
    this.#write(slot.index, Buffer.alloc(SLOT));
    slot.key.fill(0);
    this.#slots.delete(slotKey(sessionId, roundId));
    this.#free.push(slot.index);
  }

  /** Destroys every key of the session (LC7). */
  destroySession(sessionId: string): void {
    for (const slot of [...this.#slots.values()])
      if (slot.sessionId === sessionId) this.destroy(sessionId, slot.roundId);
  }

  close(): void {
    for (const slot of this.#slots.values()) slot.key.fill(0);
    this.#slots.clear();
    closeSync(this.#fd);
  }

  #write(index: number, bytes: Buffer) {
    writeSync(this.#fd, bytes, 0, SLOT, index * SLOT);
    fdatasyncSync(this.#fd);
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
