/**
 * The files a test server's store keeps on disk, read as bytes (core SPEC LC7, AN27, DB13): on SQLite its
 * database file with its WAL; on PostgreSQL the data directory of the run's PostgreSQL (postgres-setup.ts)
 * that the server's database lives in, found by asking it (`data_directory`): that database's folder under
 * `base/`, `pg_wal/` and every other folder but the other databases', plus the server's keyring folder (its
 * data folder: test-store.ts opens PgStore with `keyringDir` there). For the tests that search the files for
 * a string: a WAL segment is also searched with its page headers taken out, so a string that straddles two
 * of its 8 kB pages is found too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import pg from 'pg';
import { databaseBytes, type TestServer } from './helpers.ts';
import { copyTuples, tableLayouts, walContents, type HeapTuple } from './pg-raw-files.ts';
import { databaseOfFile, queryPostgresSync } from './test-store.ts';

/** A file's path and the forms of its bytes to search. */
export interface StoreFile {
  path: string;
  bytes: Buffer[];
}

/** The data directory of the PostgreSQL holding the database at `url`, and that database's folder in it. */
export function postgresDirsOf(url: string): { dataDir: string; databaseDir: string } {
  const [row] = queryPostgresSync(
    url,
    `SELECT current_setting('data_directory') AS dir,
            (SELECT oid FROM pg_database WHERE datname = current_database())::text AS oid`,
  ) as { dir: string; oid: string }[];
  return { dataDir: row!.dir, databaseDir: join(row!.dir, 'base', row!.oid) };
}

const WAL_PAGE = 8192;

/** A WAL segment's pages without their headers (24 bytes, 40 on a segment's first page), one after the other. */
function withoutPageHeaders(segment: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at + WAL_PAGE <= segment.length; at += WAL_PAGE) {
    if (segment.readUInt16LE(at) < 0xd000) continue;
    parts.push(segment.subarray(at + (segment.readUInt16LE(at + 2) & 2 ? 40 : 24), at + WAL_PAGE));
  }
  return Buffer.concat(parts);
}

/**
 * Every file under `dir` modified at or after `since` (epoch ms: an older file holds nothing written since),
 * but the folders `leaveOut` says; a file that goes while listed is skipped.
 */
function* filesUnder(
  dir: string,
  since: number,
  leaveOut: (path: string) => boolean = () => false,
): Generator<StoreFile> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!leaveOut(path)) yield* filesUnder(path, since, leaveOut);
      continue;
    }
    if (!entry.isFile()) continue;
    let bytes: Buffer;
    try {
      if (statSync(path).mtimeMs < since) continue;
      bytes = readFileSync(path);
    } catch (error) {
      // A recycled WAL segment, a temporary file: gone between the listing and the read.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    yield { path, bytes: /\/pg_wal\/[0-9A-F]{24}$/.test(path) ? [bytes, withoutPageHeaders(bytes)] : [bytes] };
  }
}

/**
 * The store's files of `server` as they are now, one at a time: SQLite's database and WAL; or PostgreSQL's
 * data directory without the other databases' folders (other test files' servers), and the keyring folder.
 * On PostgreSQL, `since` (epoch ms) leaves out the files not modified since (the run's older WAL segments,
 * when many test files share its PostgreSQL): they cannot hold what was written after.
 */
export function* storeFiles(server: TestServer, since = 0): Generator<StoreFile> {
  const url = databaseOfFile(server.dbFile);
  if (!url) {
    yield { path: server.dbFile, bytes: [databaseBytes(server.dbFile)] };
    return;
  }
  const { dataDir, databaseDir } = postgresDirsOf(url);
  const base = join(dataDir, 'base');
  yield* filesUnder(
    dataDir,
    since,
    (path) => relative(base, path).match(/^[^/.][^/]*$/) !== null && path !== databaseDir,
  );
  yield* filesUnder(server.dataDir, since);
}

/** For each needle, the files (paths) of the store that hold it now; needles in none are left out. */
export function whereInStoreFiles(
  server: TestServer,
  needles: readonly (string | Buffer)[],
  since = 0,
): Map<string | Buffer, string[]> {
  const found = new Map<string | Buffer, string[]>();
  const forms = needles.map((n) => [n, typeof n === 'string' ? Buffer.from(n, 'utf8') : n] as const);
  for (const file of storeFiles(server, since)) {
    for (const [needle, bytes] of forms) {
      if (!file.bytes.some((b) => b.includes(bytes))) continue;
      found.set(needle, [...(found.get(needle) ?? []), file.path]);
    }
  }
  return found;
}

/**
 * Every tuple of the store's tables that PostgreSQL's files hold now, read as an attacker reads a copy
 * (pg-raw-files.ts): on the heap pages (live and dead) and in the WAL segments modified at or after `since`.
 */
export async function postgresTuples(server: TestServer, since = 0): Promise<HeapTuple[]> {
  const url = databaseOfFile(server.dbFile);
  if (!url) throw new Error('postgresTuples: the server runs on SQLite');
  const client = new pg.Client(url);
  await client.connect();
  let layouts;
  try {
    layouts = await tableLayouts(client);
  } finally {
    await client.end();
  }
  const { dataDir } = postgresDirsOf(url);
  const segments = [...filesUnder(join(dataDir, 'pg_wal'), since)]
    .filter((f) => /\/[0-9A-F]{24}$/.test(f.path))
    .map((f) => ({ bytes: f.bytes[0]! }));
  return [...(await copyTuples(dataDir, layouts)), ...walContents(segments, layouts).tuples];
}
