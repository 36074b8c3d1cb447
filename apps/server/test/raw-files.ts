/**
 * Reading the store's raw files the way an attacker with a copy of `data/` would: byte copies taken file by
 * file while the server runs, the WAL's frames and transactions in the order they were written, and every
 * record on every b-tree page (current pages and older page versions alike), without SQLite's help. Used
 * by the audits of what the files give away (core SPEC AN1, AN7-AN11; targets A1).
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../src/store/sqlite-store.ts';
import { readDb, seeded } from './helpers.ts';

/** mulberry32 (helpers.ts `seeded`): a run's choices are the same every time. */
export const seededRandom = seeded;

export const STORE_FILES = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`] as const;

/**
 * Copies the data directory's store files into `to`, one file after the other, as `cp data/* backup/`
 * would while the server keeps writing (so a copy may be torn between files, as an operator's can be).
 */
export async function copyStoreFiles(dataDir: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const file of STORE_FILES) {
    const from = join(dataDir, file);
    if (!existsSync(from)) continue;
    await copyFile(from, join(to, file)).catch((error: NodeJS.ErrnoException) => {
      // The WAL can vanish between the check and the copy (a checkpoint truncates, a close deletes it).
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

export interface StoreCopy {
  db: Buffer;
  wal: Buffer;
  shm: Buffer;
}

export async function readStoreCopy(dir: string): Promise<StoreCopy> {
  const read = (file: string) => readFile(join(dir, file)).catch(() => Buffer.alloc(0));
  const [db, wal, shm] = await Promise.all(STORE_FILES.map(read));
  return { db: db!, wal: wal!, shm: shm! };
}

/**
 * Every row of every table of a copy, read by SQLite itself (database plus WAL, readonly). A torn copy
 * that SQLite refuses gives no rows (the page-level reading below still sees its bytes).
 */
export function dumpStoreCopy(dir: string): Record<string, Record<string, unknown>[]> {
  try {
    return readDb(join(dir, DATABASE_FILE), (db) => {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
      return Object.fromEntries(
        tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]]),
      );
    });
  } catch {
    return {};
  }
}

export type Value = string | Buffer | number | null;

/** SQLite's variable-length integer (1-9 bytes, big-endian, 7 bits a byte, the ninth 8). */
function varint(buf: Buffer, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = buf[at + i];
    if (byte === undefined) throw new RangeError('varint past the end');
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [value, at + i + 1];
  }
  const last = buf[at + 8];
  if (last === undefined) throw new RangeError('varint past the end');
  return [value * 256 + last, at + 9];
}

/** The values of one record (the payload of a cell); values cut off by an overflow page are left out. */
function recordValues(payload: Buffer): Value[] {
  const [headerLength, start] = varint(payload, 0);
  const types: number[] = [];
  for (let at = start; at < headerLength;) {
    const [type, next] = varint(payload, at);
    types.push(type);
    at = next;
  }
  const values: Value[] = [];
  let at = headerLength;
  for (const type of types) {
    if (type === 0 || type === 8 || type === 9) {
      values.push(type === 0 ? null : type - 8);
      continue;
    }
    const size =
      type <= 4 ? type : type === 5 ? 6 : type === 6 || type === 7 ? 8 : type >= 12 ? Math.floor((type - 12) / 2) : 0;
    if (at + size > payload.length) break;
    const bytes = payload.subarray(at, at + size);
    if (type >= 13 && type % 2 === 1) values.push(bytes.toString('utf8'));
    else if (type >= 12) values.push(Buffer.from(bytes));
    else if (type === 7) values.push(bytes.readDoubleBE(0));
    else values.push(Number(bytes.readIntBE(0, Math.min(size, 6))));
    at += size;
  }
  return values;
}

/** How much of a payload of `size` bytes sits on the b-tree page itself (SQLite file format, 1.6). */
function localPayload(size: number, usable: number, tableLeaf: boolean): number {
  const max = tableLeaf ? usable - 35 : Math.floor(((usable - 12) * 64) / 255) - 23;
  if (size <= max) return size;
  const min = Math.floor(((usable - 12) * 32) / 255) - 23;
  const k = min + ((size - min) % (usable - 4));
  return k <= max ? k : min;
}

/**
 * Every record on a b-tree page (table and index pages, leaves and interior ones: WITHOUT ROWID tables
 * keep their rows in index pages). Pages of another kind (overflow, freelist) give nothing; a page that
 * is not what its first byte says gives what could be read.
 */
export function pageRecords(page: Buffer, pageNo: number, usable = page.length): Value[][] {
  const header = pageNo === 1 ? 100 : 0;
  const type = page[header];
  if (type !== 2 && type !== 5 && type !== 10 && type !== 13) return [];
  if (type === 5) return []; // interior table pages hold only child pointers and rowids
  const cells = page.readUInt16BE(header + 3);
  const pointers = header + (type === 2 ? 12 : 8);
  const records: Value[][] = [];
  for (let i = 0; i < cells && pointers + 2 * i + 2 <= page.length; i++) {
    try {
      let at = page.readUInt16BE(pointers + 2 * i);
      if (type === 2) at += 4;
      const [size, afterSize] = varint(page, at);
      at = afterSize;
      if (type === 13) at = varint(page, at)[1];
      const local = localPayload(size, usable, type === 13);
      records.push(recordValues(page.subarray(at, Math.min(at + local, page.length))));
    } catch {
      // a cell that does not parse: skip it
    }
  }
  return records;
}

/** The database file's page size (header offset 16; 1 means 65536), or 0 for an empty file. */
export function pageSizeOf(db: Buffer): number {
  if (db.length < 100) return 0;
  const size = db.readUInt16BE(16);
  return size === 1 ? 65536 : size;
}

/** The main database file's pages, numbered from 1. */
export function dbPages(db: Buffer): { pageNo: number; page: Buffer }[] {
  const size = pageSizeOf(db);
  if (!size) return [];
  const pages: { pageNo: number; page: Buffer }[] = [];
  for (let at = 0; at + size <= db.length; at += size)
    pages.push({ pageNo: at / size + 1, page: db.subarray(at, at + size) });
  return pages;
}

export interface WalFrame {
  pageNo: number;
  /** Non-zero on the frame that commits a transaction: the database's size in pages after it. */
  commitSize: number;
  /** Which transaction the frame belongs to, counted in the order written (older WAL generations first). */
  tx: number;
  page: Buffer;
}

/**
 * The WAL's frames in the order they were written (SQLite file format, 4.1): a 32-byte header, then
 * frames of a 24-byte header and one page. A frame whose "database size after commit" is non-zero ends a
 * transaction. After a checkpoint the WAL is rewritten from its start with salt-1 incremented, so frames
 * with an older salt-1 left further on in the file are older, and come first; none is skipped (the
 * attacker reads what is there, checksums or not).
 */
export function walFrames(wal: Buffer): WalFrame[] {
  if (wal.length < 32) return [];
  const magic = wal.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return [];
  const pageSize = wal.readUInt32BE(8);
  const salt = wal.readUInt32BE(16);
  const raw: (Omit<WalFrame, 'tx'> & { generation: number })[] = [];
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    const pageNo = wal.readUInt32BE(at);
    if (pageNo === 0) continue;
    raw.push({
      pageNo,
      commitSize: wal.readUInt32BE(at + 4),
      generation: wal.readInt32BE(at + 8) - (salt | 0),
      page: wal.subarray(at + 24, at + 24 + pageSize),
    });
  }
  const ordered = raw.map((f, i) => ({ f, i })).sort((a, b) => a.f.generation - b.f.generation || a.i - b.i);
  const frames: WalFrame[] = [];
  let tx = 0;
  let generation: number | null = null;
  for (const { f } of ordered) {
    if (generation !== null && f.generation !== generation && frames.at(-1)?.commitSize === 0) tx++;
    generation = f.generation;
    frames.push({ pageNo: f.pageNo, commitSize: f.commitSize, tx, page: f.page });
    if (f.commitSize !== 0) tx++;
  }
  return frames;
}

/** The strings a record holds, JSON inside a text included (a secret can hide in a JSON column). */
export function stringsOf(values: readonly Value[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const value of values) {
    if (typeof value !== 'string') continue;
    out.push(value);
    if (value.startsWith('{') || value.startsWith('[')) {
      try {
        walk(JSON.parse(value));
      } catch {
        // not JSON
      }
    }
  }
  return out;
}

/** Page contents are cached by hash: most pages repeat from one copy to the next. */
export class PageReader {
  readonly #cache = new Map<string, Value[][]>();

  records(page: Buffer, pageNo: number): Value[][] {
    const key = `${pageNo === 1 ? 1 : 0}:${createHash('sha1').update(page).digest('base64')}`;
    let records = this.#cache.get(key);
    if (!records) this.#cache.set(key, (records = pageRecords(page, pageNo)));
    return records;
  }
}
