/**
 * The live audit (live-audit.ts: targets A1, A4; core SPEC AN11, AN12) on SQLite: the operator copies
 * `data/` file by file (database, WAL, shared memory); the attacker reads every record of every page of
 * the database and of every WAL frame, placing each on one time line over the copies (copy c's main file
 * at c·1e6, its WAL transaction t at c·1e6 + t + 1), and SQLite's own reading of each copy.
 */
import { readDb, startServer } from './helpers.ts';
import { liveAuditSuite } from './live-audit.ts';
import {
  copyStoreFiles,
  dbPages,
  dumpStoreCopy,
  PageReader,
  pageSizeOf,
  readStoreCopy,
  walFrames,
} from './raw-files.ts';
import { TEST_STORE } from './test-store.ts';

const STEP = 1e6;
const reader = new PageReader();
let dataDir = '';
let dbFile = '';

liveAuditSuite({
  minCopies: 50,
  // The copies are of SQLite's files: on PostgreSQL the attacks on them (A1) are anonymity-pg.test.ts's.
  filesAudited: TEST_STORE === 'sqlite',
  async start() {
    const server = await startServer();
    ({ dataDir, dbFile } = server);
    return server;
  },
  copy: (to) => copyStoreFiles(dataDir, to),
  async read(dir, c, findings) {
    const { db, wal, shm } = await readStoreCopy(dir);
    for (const { pageNo, page } of dbPages(db)) {
      findings.note(reader.records(page, pageNo), c * STEP);
      findings.scan(page);
    }
    for (const frame of walFrames(wal)) {
      findings.note(reader.records(frame.page, frame.pageNo), c * STEP + frame.tx + 1);
      findings.scan(frame.page);
    }
    findings.scan(shm);
    const size = pageSizeOf(db);
    if (size && db.length % size) findings.scan(db.subarray(db.length - (db.length % size)));
    findings.addDump(dumpStoreCopy(dir) as Parameters<typeof findings.addDump>[0]);
  },
  async participants() {
    return readDb(dbFile, (db) => db.prepare('SELECT session_id, id, token_hash FROM participants').all()) as {
      session_id: string;
      id: string;
      token_hash: string;
    }[];
  },
});
