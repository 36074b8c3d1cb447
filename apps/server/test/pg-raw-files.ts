/**
 * Reading a PostgreSQL data directory the way an attacker with a copy of it would (targets A1; core SPEC
 * AN25-AN28): byte copies of the whole directory (`base/`, `pg_wal/`, …) taken while the server runs,
 * every tuple of every heap page of the store's tables (live and dead versions alike, with the xmin that
 * orders them by transaction and the ctid that orders them within one), and the WAL segments' raw bytes.
 * The table layouts come from the catalog, as the attacker would read them from the copy (the schema is
 * public). Used by anonymity-pg.test.ts.
 */
import { copyFileSync, linkSync, mkdirSync, readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type pg from 'pg';
import type { Value } from './raw-files.ts';

/** A tuple as it lies on a heap page. */
export interface HeapTuple {
  table: string;
  /** The transaction that wrote this version: its place on the time line. */
  xmin: number;
  /** Set when a later transaction deleted or replaced this version (a dead tuple once it commits). */
  xmax: number;
  block: number;
  offset: number;
  values: Value[];
  /** The values by column name (dropped columns left out). */
  row: Record<string, Value>;
}

interface Column {
  name: string;
  len: number;
  align: number;
  type: 'text' | 'bytea' | 'int' | 'other';
}

/** A table's file (relfilenode) and its columns in order, dropped ones included (their bytes stay). */
export interface TableLayout {
  table: string;
  file: string;
  columns: Column[];
}

const ALIGN: Record<string, number> = { c: 1, s: 2, i: 4, d: 8 };

/** The store's tables' files under `base/<database oid>/` and how their tuples are laid out. */
export async function tableLayouts(client: pg.ClientBase): Promise<TableLayout[]> {
  const { rows } = await client.query<{
    table: string;
    file: string;
    attlen: number;
    attalign: string;
    typname: string;
    dropped: boolean;
    name: string;
  }>(
    `SELECT a.attname AS name, c.relname AS table, pg_relation_filepath(c.oid) AS file, a.attlen, a.attalign,
            t.typname, a.attisdropped AS dropped
     FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid LEFT JOIN pg_type t ON t.oid = a.atttypid
     WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace AND a.attnum > 0
     ORDER BY c.relname, a.attnum`,
  );
  const byTable = new Map<string, TableLayout>();
  for (const r of rows) {
    let layout = byTable.get(r.table);
    if (!layout) byTable.set(r.table, (layout = { table: r.table, file: r.file, columns: [] }));
    layout.columns.push({
      name: r.name,
      len: r.attlen,
      align: ALIGN[r.attalign] ?? 1,
      type: r.dropped
        ? 'other'
        : r.typname === 'text'
          ? 'text'
          : r.typname === 'bytea'
            ? 'bytea'
            : r.typname === 'int8'
              ? 'int'
              : 'other',
    });
  }
  return [...byTable.values()];
}

const alignUp = (n: number, to: number) => Math.ceil(n / to) * to;

/** The values of one tuple's data (after its header); a value that does not parse ends the tuple. */
function tupleValues(page: Buffer, start: number, end: number, columns: Column[], natts: number, nulls: Buffer | null) {
  const values: Value[] = [];
  let at = start;
  for (let i = 0; i < Math.min(natts, columns.length); i++) {
    const col = columns[i]!;
    if (nulls && !(nulls[i >> 3]! & (1 << (i & 7)))) {
      values.push(null);
      continue;
    }
    if (col.len > 0) {
      at = alignUp(at - start, col.align) + start;
      if (at + col.len > end) break;
      values.push(col.type === 'int' && col.len === 8 ? Number(page.readBigInt64LE(at)) : null);
      at += col.len;
      continue;
    }
    if (col.len !== -1) break;
    // varlena: a 1-byte header (low bit set) is never aligned; a 4-byte one is, past zero padding.
    if (page[at] === 0) at = alignUp(at - start, col.align) + start;
    const first = page[at];
    if (first === undefined || at >= end) break;
    let data: Buffer | null = null;
    let size: number;
    if (first & 1) {
      if (first === 1) {
        // an out-of-line (TOAST) pointer: 2 header bytes and an 16-byte pointer
        size = 2 + 16;
      } else {
        size = first >> 1;
        data = page.subarray(at + 1, at + size);
      }
    } else {
      const header = page.readUInt32LE(at);
      size = header >>> 2;
      if ((header & 3) === 0) data = page.subarray(at + 4, at + size);
    }
    if (size < 1 || at + size > end) break;
    values.push(data === null ? null : col.type === 'bytea' ? Buffer.from(data) : data.toString('utf8'));
    at += size;
  }
  return values;
}

/**
 * Every tuple with storage on an 8 kB heap page: normal and dead line pointers, and the bytes an unused
 * pointer still points at. A line pointer is 4 bytes (offset 15 bits, flags 2, length 15); a tuple header
 * 23 bytes (xmin, xmax, cid, ctid, infomask2, infomask, hoff) and a null bitmap.
 */
export function heapTuples(layout: TableLayout, page: Buffer, block: number): HeapTuple[] {
  const tuples: HeapTuple[] = [];
  if (page.length < 24) return tuples;
  const lower = page.readUInt16LE(12);
  for (let p = 24, offset = 1; p + 4 <= lower && p + 4 <= page.length; p += 4, offset++) {
    const item = page.readUInt32LE(p);
    const off = item & 0x7fff;
    const len = item >>> 17;
    if (len < 24 || off + len > page.length) continue;
    try {
      const infomask2 = page.readUInt16LE(off + 18);
      const infomask = page.readUInt16LE(off + 20);
      const hoff = page[off + 22]!;
      const nulls = infomask & 1 ? page.subarray(off + 23, off + hoff) : null;
      const values = tupleValues(page, off + hoff, off + len, layout.columns, infomask2 & 0x7ff, nulls);
      const row: Record<string, Value> = {};
      for (const [i, v] of values.entries()) {
        const column = layout.columns[i]!;
        if (column.type !== 'other' || column.len > 0) row[column.name] = v;
      }
      tuples.push({
        table: layout.table,
        xmin: page.readUInt32LE(off),
        xmax: page.readUInt32LE(off + 4),
        block,
        offset,
        values,
        row,
      });
    } catch {
      // a tuple that does not parse: skip it
    }
  }
  return tuples;
}

const PAGE = 8192;

/** Every tuple of each of the store's tables in a copy of the data directory (all segments of a table). */
export async function copyTuples(dir: string, layouts: readonly TableLayout[]): Promise<HeapTuple[]> {
  const tuples: HeapTuple[] = [];
  for (const layout of layouts) {
    for (let segment = 0; ; segment++) {
      const file = join(dir, segment ? `${layout.file}.${segment}` : layout.file);
      const bytes = await readFile(file).catch(() => null);
      if (!bytes) break;
      for (let at = 0; at + PAGE <= bytes.length; at += PAGE) {
        tuples.push(...heapTuples(layout, bytes.subarray(at, at + PAGE), (segment * 2 ** 30 + at) / PAGE));
      }
    }
  }
  return tuples;
}

/** Every regular file under `dir`, as paths relative to it. */
function filesUnder(dir: string, base = dir): string[] {
  const out: string[] = [];
  let entries: Dirent[] = [];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, base));
    else if (entry.isFile()) out.push(relative(base, path));
  }
  return out;
}

/**
 * Copies a running server's data directory file by file, as `cp -r` would (a copy may be torn between
 * files); `only`: just these folders of it. A file whose size and modification time are those of
 * `previous`'s copy is linked to it instead of copied again: the same bytes, without writing 40 MB a copy.
 * Synchronous: in the test's busy process, a copy made of hundreds of awaited steps took seconds.
 */
export function copyDataDir(
  from: string,
  to: string,
  previous: Map<string, { size: number; mtimeMs: number; path: string }>,
  only?: readonly string[],
): void {
  const files = only ? only.flatMap((d) => filesUnder(join(from, d)).map((f) => join(d, f))) : filesUnder(from);
  for (const file of files) {
    const source = join(from, file);
    const target = join(to, file);
    let st: Stats;
    try {
      st = statSync(source);
    } catch {
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    const before = previous.get(file);
    try {
      if (before && before.size === st.size && before.mtimeMs === st.mtimeMs) linkSync(before.path, target);
      else copyFileSync(source, target);
    } catch (error) {
      // A file can vanish between the listing and the copy (a recycled WAL segment, a dropped table).
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      continue;
    }
    previous.set(file, { size: st.size, mtimeMs: st.mtimeMs, path: target });
  }
}

/** A tuple the WAL holds: from a heap insert or update record, or on a full-page image. */
export interface WalTuple extends HeapTuple {
  /** The record's place in its segment file (records in the order written). */
  record: number;
  /** Found on a full-page image rather than as the record's own row. */
  image: boolean;
}

/** A transaction's commit record: its xid and commit time (µs since 2000-01-01), as the WAL keeps it. */
export interface WalCommit {
  xid: number;
  time: bigint;
}

const WAL_PAGE = 8192;
const RM_XACT = 1;
const RM_HEAP = 10;
const align8 = (n: number) => (n + 7) & ~7;

/**
 * The records of one WAL segment file, read as the attacker would without PostgreSQL: its 8 kB pages'
 * headers stripped (24 bytes, 40 on a segment's first page), each run of pages with consecutive addresses
 * walked record by record from the first record that starts in it. A recycled segment keeps the records
 * of its older life further on: they are read too.
 */
export function walRecords(segment: Buffer): { xid: number; rmid: number; info: number; body: Buffer }[] {
  const runs: Buffer[][] = [];
  const skip: number[] = [];
  let expected = -1n;
  for (let at = 0; at + WAL_PAGE <= segment.length; at += WAL_PAGE) {
    const page = segment.subarray(at, at + WAL_PAGE);
    if (page.readUInt16LE(0) < 0xd000) {
      expected = -1n;
      continue;
    }
    const info = page.readUInt16LE(2);
    const address = page.readBigUInt64LE(8);
    const header = info & 2 ? 40 : 24;
    if (address !== expected) {
      runs.push([]);
      // The start of a record that began on an earlier page is skipped.
      skip.push(info & 1 ? align8(page.readUInt32LE(16)) : 0);
    }
    runs.at(-1)!.push(page.subarray(header));
    expected = address + BigInt(WAL_PAGE);
  }
  const records: { xid: number; rmid: number; info: number; body: Buffer }[] = [];
  for (const [r, pages] of runs.entries()) {
    const stream = Buffer.concat(pages);
    for (let pos = skip[r]!; pos + 24 <= stream.length;) {
      const total = stream.readUInt32LE(pos);
      if (total < 24 || pos + total > stream.length) break;
      records.push({
        xid: stream.readUInt32LE(pos + 4),
        info: stream[pos + 16]!,
        rmid: stream[pos + 17]!,
        body: stream.subarray(pos, pos + total),
      });
      pos = align8(pos + total);
    }
  }
  return records;
}

interface BlockRef {
  rel: number;
  block: number;
  image: Buffer | null;
  data: Buffer | null;
}

/** A record's block references (with their page images and data) and its main data (xlogrecord.h). */
function decodeRecord(body: Buffer): { blocks: BlockRef[]; main: Buffer } | null {
  try {
    return decodeRecordOrThrow(body);
  } catch {
    // a record that does not parse (torn, or of a kind read wrongly): skipped
    return null;
  }
}

function decodeRecordOrThrow(body: Buffer): { blocks: BlockRef[]; main: Buffer } | null {
  const heads: {
    rel: number;
    block: number;
    imageLength: number;
    holeOffset: number;
    holeLength: number;
    compressed: boolean;
    dataLength: number;
  }[] = [];
  let p = 24;
  let mainLength = 0;
  let rel = 0;
  while (p < body.length) {
    const id = body[p]!;
    if (id === 255) {
      mainLength = body[p + 1]!;
      p += 2;
      break;
    }
    if (id === 254) {
      mainLength = body.readUInt32LE(p + 1);
      p += 5;
      break;
    }
    if (id === 253) {
      p += 3;
      continue;
    }
    if (id === 252) {
      p += 5;
      continue;
    }
    if (id > 32) return null;
    const flags = body[p + 1]!;
    const dataLength = body.readUInt16LE(p + 2);
    p += 4;
    let imageLength = 0;
    let holeOffset = 0;
    let holeLength = 0;
    let compressed = false;
    if (flags & 0x10) {
      imageLength = body.readUInt16LE(p);
      holeOffset = body.readUInt16LE(p + 2);
      const info = body[p + 4]!;
      p += 5;
      compressed = (info & 0x1c) !== 0;
      if (info & 1 && compressed) {
        holeLength = body.readUInt16LE(p);
        p += 2;
      } else if (info & 1) holeLength = PAGE - imageLength;
    }
    if (!(flags & 0x80)) {
      rel = body.readUInt32LE(p + 8);
      p += 12;
    }
    const block = body.readUInt32LE(p);
    p += 4;
    heads.push({
      rel,
      block,
      imageLength,
      holeOffset,
      holeLength,
      compressed,
      dataLength: flags & 0x20 ? dataLength : 0,
    });
  }
  const blocks: BlockRef[] = [];
  for (const h of heads) {
    let image: Buffer | null = null;
    if (h.imageLength) {
      const bytes = body.subarray(p, p + h.imageLength);
      p += h.imageLength;
      if (!h.compressed) {
        image = Buffer.concat([
          bytes.subarray(0, h.holeOffset),
          Buffer.alloc(h.holeLength),
          bytes.subarray(h.holeOffset),
        ]);
      }
    }
    const data = h.dataLength ? body.subarray(p, p + h.dataLength) : null;
    p += h.dataLength;
    blocks.push({ rel: h.rel, block: h.block, image, data });
  }
  return { blocks, main: body.subarray(p, p + mainLength) };
}

/** A tuple from a heap record's block data: xl_heap_header (infomask2, infomask, hoff) and the bytes after the header. */
function loggedTuple(layout: TableLayout, data: Buffer, xid: number, block: number, offset: number): HeapTuple | null {
  if (data.length < 5) return null;
  const tuple = Buffer.concat([Buffer.alloc(23), data.subarray(5)]);
  tuple.writeUInt32LE(xid, 0);
  tuple.writeUInt16LE(data.readUInt16LE(0), 18);
  tuple.writeUInt16LE(data.readUInt16LE(2), 20);
  tuple[22] = data[4]!;
  // The tuple on a page of its own, as heapTuples reads it.
  const page = Buffer.alloc(Math.max(PAGE, 24 + 4 + tuple.length));
  page.writeUInt16LE(28, 12);
  const at = 32;
  page.writeUInt32LE(at | (1 << 15) | (tuple.length << 17), 24);
  tuple.copy(page, at);
  const [found] = heapTuples(layout, page, block);
  return found ? { ...found, offset } : null;
}

/**
 * Every tuple the WAL segments of a copy hold, of the store's tables: inserted and updated rows (from the
 * record's data; an update stored as a difference to its old version is left out) and every tuple on a
 * full-page image; and every commit record's time.
 */
export function walContents(
  segments: readonly { bytes: Buffer }[],
  layouts: readonly TableLayout[],
): { tuples: WalTuple[]; commits: WalCommit[] } {
  const byRel = new Map(layouts.map((l) => [Number(l.file.split('/').at(-1)), l]));
  const tuples: WalTuple[] = [];
  const commits: WalCommit[] = [];
  for (const { bytes } of segments) {
    for (const [record, r] of walRecords(bytes).entries()) {
      if (r.rmid === RM_XACT && (r.info & 0x70) === 0) {
        const decoded = decodeRecord(r.body);
        if (decoded && decoded.main.length >= 8) commits.push({ xid: r.xid, time: decoded.main.readBigInt64LE(0) });
        continue;
      }
      const decoded = decodeRecord(r.body);
      if (!decoded) continue;
      for (const b of decoded.blocks) {
        const layout = byRel.get(b.rel);
        if (!layout) continue;
        if (b.image) for (const t of heapTuples(layout, b.image, b.block)) tuples.push({ ...t, record, image: true });
      }
      const first = decoded.blocks[0];
      const layout = first && byRel.get(first.rel);
      if (r.rmid !== RM_HEAP || !layout || !first.data) continue;
      const op = r.info & 0x70;
      let tuple: HeapTuple | null = null;
      if (op === 0x00 && decoded.main.length >= 2) {
        tuple = loggedTuple(layout, first.data, r.xid, first.block, decoded.main.readUInt16LE(0));
      } else if ((op === 0x20 || op === 0x40) && decoded.main.length >= 14) {
        const flags = decoded.main[7]!;
        // PREFIX_FROM_OLD (1 << 5), SUFFIX_FROM_OLD (1 << 6): the new version is only a difference.
        if (!(flags & 0x60)) tuple = loggedTuple(layout, first.data, r.xid, first.block, decoded.main.readUInt16LE(12));
      }
      if (tuple) tuples.push({ ...tuple, record, image: false });
    }
  }
  return { tuples, commits };
}
