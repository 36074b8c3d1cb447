/**
 * The live audit (live-audit.ts: targets A1, A4; core SPEC AN11, AN12) on PostgreSQL, and what is
 * PostgreSQL's own (AN25-AN28). The server is the real one, on PgStore as `DATABASE_URL` runs it: sessions,
 * accounts, templates and the co-edited texts' Yjs log all in one database of a real PostgreSQL started in
 * a temporary folder (postgres.ts), the round keys' file in the server's data folder.
 *
 * The operator copies the data directory file by file at seeded random moments (the database's folder
 * under `base/` and `pg_wal/` each time, every fifth time and at the end all of it), and the round keys'
 * file (AN25) with it. The attacker reads every tuple of every heap page of
 * the store's tables, live and dead, placing each on the time line by its xmin (the transaction that wrote
 * it: finer than SQLite's copies); the WAL segments as raw bytes; the database's own reading of each copy
 * (the same rows a PostgreSQL started on the copy would give, read from the live server at the moment of
 * the copy); and whatever it can open with the round keys the copy holds, with the store's own code.
 * A run takes about two minutes on the 2-core test machine. Beyond the shared attacks (a)-(d) it checks:
 *
 * (e) AN25 after a round's close, no copy holds its key, or a voter key, supporter key or ballot of it in
 *     clear, in any file (dead tuples and WAL segments included);
 * (f) AN26 within one transaction (a batch of ballots or supports, a release of pain points), neither the
 *     tuples' order on the page (ctid) nor their order in the WAL follows the order the inputs arrived in
 *     (and, measured for AN28, a round's entries over all its releases);
 * (g) AN27 LC7 after a session is deleted, no file holds its anonymous inputs in a form anyone can read, nor
 *     anything else of it that names or describes anyone (title, names, zones, municipalities, pain points,
 *     questions: every such cell was sealed with the session's key), and the session's key is gone from the
 *     keyring and from every file.
 *
 * While a session lives its key (the keyring's slot with round id SESSION_KEY_SLOT) is in every copy, and
 * the attacker reads its sealed cells in clear with it (pg-copy-keys.ts), as on SQLite.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { newCommandId, startServer, type TestServer } from './helpers.ts';
import { liveAuditSuite, type CopyFindings, type Row } from './live-audit.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';
import { databaseOfFile } from './test-store.ts';
import {
  copyDataDir,
  copyTuples,
  tableLayouts,
  walContents,
  type HeapTuple,
  type TableLayout,
} from './pg-raw-files.ts';
import { spearman } from './rank-correlation.ts';
import {
  clearCells,
  openCopyRows,
  readCopyKeyring,
  SEALED_CELLS,
  sessionOfRow,
  type CopyKeyring,
} from './pg-copy-keys.ts';
import { SessionSeal } from '../src/store/sealed-cells.ts';

/** Tables the database's own reading of a copy covers (live-audit.ts reads these). */
const DUMPED = ['sessions', 'participants', 'ballots', 'pain_point_support', 'pain_points', 'pain_point_inbox'];
/** A scrub runs after the close's ack: a copy started this long after the ack must show its effect. */
const SCRUB_MS = 1000;

let postgres: TestPostgres;
let raw: pg.Client;
let layouts: TableLayout[];
let server: TestServer;
/** The server's data folder: the round keys' file (AN25) is there. */
let keyringDir: string;
const previous = new Map<string, { size: number; mtimeMs: number; path: string }>();
let copied = 0;

/**
 * Every file of a copy (the data directory and the round keys' file), each with an identity that is the
 * same for a file a later copy linked (unchanged), so the work done on its bytes is done once.
 */
async function filesOf(dir: string): Promise<{ id: string; path: string }[]> {
  const out: { id: string; path: string }[] = [];
  const walk = async (at: string) => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && entry.name !== 'dump.json') {
        const st = await stat(path);
        out.push({ id: `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`, path });
      }
    }
  };
  await walk(dir);
  return out;
}

/** What was found in each file (by identity): its 43-character base64url windows, the round keys in it. */
const perFile = new Map<string, { windows: Set<string>; roundKeys: Set<string> | null; scanned: boolean }>();
const fileFacts = (id: string) => {
  let facts = perFile.get(id);
  if (!facts) perFile.set(id, (facts = { windows: new Set(), roundKeys: null, scanned: false }));
  return facts;
};

/** Every 43-character base64url window (the length of a voter or supporter key) in a copy's files. */
async function keyWindows(dir: string): Promise<Set<string>> {
  const all = new Set<string>();
  for (const { id, path } of await filesOf(dir)) {
    const facts = fileFacts(id);
    if (!facts.scanned) {
      for (const [run] of (await readFile(path)).toString('latin1').matchAll(/[A-Za-z0-9_-]{43,}/g)) {
        for (let i = 0; i + 43 <= run.length; i++) facts.windows.add(run.slice(i, i + 43));
      }
      facts.scanned = true;
    }
    for (const w of facts.windows) all.add(w);
  }
  return all;
}

/** The round keys (by round id) whose 32 bytes are somewhere in a copy's files. */
async function roundKeysIn(dir: string, keys: ReadonlyMap<string, Buffer[]>): Promise<Set<string>> {
  const found = new Set<string>();
  for (const { id, path } of await filesOf(dir)) {
    const facts = fileFacts(id);
    if (!facts.roundKeys) {
      const bytes = await readFile(path);
      facts.roundKeys = new Set(
        [...keys].filter(([, raws]) => raws.some((raw) => bytes.includes(raw))).map(([r]) => r),
      );
    }
    for (const r of facts.roundKeys) found.add(r);
  }
  return found;
}

/** Per copy: the keys it holds, and per unit (an anonymous input's id in clear) the forms it was stored in. */
const keyringsByCopy: CopyKeyring[] = [];
/** Each ballot's or support's first tuple: its transaction and its place on the page. */
const firstTuple = new Map<string, { xmin: number; page: number; record: number }>();
/** Files (by identity) already searched for tokens. */
const tokensScanned = new Set<string>();
/** Tuples the attacker has read already (see `note`). */
const noted = new Set<string>();
/** Each WAL segment file read once (a copy links the segments that did not change since the last). */
const walByFile = new Map<string, ReturnType<typeof walContents>>();
async function walOf(data: string): Promise<ReturnType<typeof walContents>> {
  const out: ReturnType<typeof walContents> = { tuples: [], commits: [] };
  for (const name of (await readdir(join(data, 'pg_wal'))).filter((n) => /^[0-9A-F]{24}$/.test(n)).sort()) {
    const path = join(data, 'pg_wal', name);
    const st = await stat(path);
    const id = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
    let contents = walByFile.get(id);
    if (!contents) walByFile.set(id, (contents = walContents([{ bytes: await readFile(path) }], layouts)));
    out.tuples.push(...contents.tuples);
    out.commits.push(...contents.commits);
  }
  return out;
}
/** Commit times the WAL keeps, by transaction. */
const commitTimes = new Map<number, bigint>();

/**
 * The test's own knowledge: every participant row. Token hashes are sealed with their session's key (LC7):
 * opened with the server's own keyring, so the order attack (c) knows which row each phone made (else it
 * could never be right).
 */
async function participantRows(): Promise<{ session_id: string; id: string; token_hash: string }[]> {
  const rows = (await raw.query('SELECT session_id, id, token_hash FROM participants')).rows as Row[];
  return openCopyRows(await readCopyKeyring(keyringDir), 'participants', rows) as {
    session_id: string;
    id: string;
    token_hash: string;
  }[];
}

const audit = liveAuditSuite({
  minCopies: 12,
  async start() {
    postgres = await startPostgres();
    process.env.VRIJUIT_TEST_POSTGRES_URL = postgres.url;
    server = await startServer({ store: 'postgres' });
    keyringDir = server.dataDir;
    raw = new pg.Client(databaseOfFile(server.dbFile)!);
    await raw.connect();
    layouts = await tableLayouts(raw);
    return {
      url: server.url,
      async close() {
        await server.close();
        await raw.end();
        await postgres.stop();
      },
    };
  },
  async copy(to) {
    // What a PostgreSQL started on the copy would read (recovery replays the WAL up to the copy).
    const dump: Record<string, unknown[]> = {};
    for (const table of DUMPED) dump[table] = (await raw.query(`SELECT * FROM ${table}`)).rows;
    // The database's folder and pg_wal/ each time (a copy is quick enough to catch each round open);
    // every fifth copy, and the last, the whole data directory.
    const whole = ++copied % 5 === 0 || to.endsWith('final');
    const database = dirname(layouts[0]!.file);
    copyDataDir(postgres.dataDir, join(to, 'data'), previous, whole ? undefined : [database, 'pg_wal']);
    copyDataDir(keyringDir, join(to, 'keys'), previous);
    await writeFile(join(to, 'dump.json'), JSON.stringify(dump));
  },
  async read(dir, _c, findings: CopyFindings) {
    const keyring = await readCopyKeyring(join(dir, 'keys'));
    keyringsByCopy.push(keyring);
    const heap = await copyTuples(join(dir, 'data'), layouts);
    const wal = await walOf(join(dir, 'data'));
    for (const commit of wal.commits) commitTimes.set(commit.xid, commit.time);
    const note = (tuple: HeapTuple) => {
      // A tuple read before, with the same keys at hand, gives nothing new (most repeat from copy to copy).
      const keys = `${keyring.seals.has(String(tuple.row.round_id))}:${keyring.sessionSeals.has(String(sessionOfRow(tuple.table, tuple.row)))}`;
      const seen = `${tuple.table}:${tuple.xmin}:${tuple.block}:${tuple.offset}:${keys}:${JSON.stringify(tuple.row)}`;
      if (noted.has(seen)) return null;
      noted.add(seen);
      const opened = openCopyRows(keyring, tuple.table, [tuple.row as Row])[0];
      findings.note(opened ? [tuple.values, Object.values(opened)] : [tuple.values], tuple.xmin);
      if (!opened) return null;
      return tuple.table === 'ballots'
        ? opened.voter_key
        : tuple.table === 'pain_point_support'
          ? opened.supporter_key
          : tuple.table === 'pain_points'
            ? opened.text
            : null;
    };
    for (const tuple of heap) note(tuple);
    for (const tuple of wal.tuples) {
      const unit = note(tuple);
      if (typeof unit !== 'string' || tuple.image) continue;
      const seen = firstTuple.get(unit);
      if (!seen || tuple.xmin < seen.xmin) {
        firstTuple.set(unit, { xmin: tuple.xmin, page: tuple.block * 1e4 + tuple.offset, record: tuple.record });
      }
    }
    for (const { id, path } of await filesOf(dir)) {
      if (tokensScanned.has(id)) continue;
      tokensScanned.add(id);
      const bytes = await readFile(path);
      for (let at = 0; at < bytes.length; at += 8192) findings.scan(bytes.subarray(at, at + 8192 + 64));
    }
    const dump = JSON.parse(await readFile(join(dir, 'dump.json'), 'utf8')) as Record<string, Row[]>;
    findings.addDump(Object.fromEntries(Object.entries(dump).map(([t, rows]) => [t, openCopyRows(keyring, t, rows)])));
  },
  participants: participantRows,
});

/** The anonymous inputs the attacker found in clear, by round: voter keys, supporter keys, ballots. */
function anonymousUnits() {
  return [...audit.analysis.units.entries()].filter(([, u]) => u.kind !== 'text');
}

describe('AN25-AN27 what PostgreSQL keeps', () => {
  it(
    'AN25 (e) no copy taken after a round closed holds its key, or any of its voter keys, supporter keys or ballots in clear',
    { timeout: 120_000 },
    async () => {
      const closedAt = new Map(audit.runs.flatMap((r) => r.rounds.map((x) => [x.id, x.closedAt] as const)));
      const byRound = new Map<string, string[]>();
      for (const [id, u] of anonymousUnits()) byRound.set(u.roundId, [...(byRound.get(u.roundId) ?? []), id]);
      const roundKeys = new Map<string, Set<string>>();
      for (const keyring of keyringsByCopy)
        for (const [roundId, key] of keyring.keys)
          roundKeys.set(roundId, (roundKeys.get(roundId) ?? new Set()).add(key));
      const rawKeys = new Map(
        [...roundKeys].map(([r, keys]) => [r, [...keys].map((k) => Buffer.from(k, 'base64url'))]),
      );
      const leaks: Record<string, number> = {};
      let checked = 0;
      for (const [c, dir] of audit.copies.entries()) {
        const closed = [...closedAt].filter(([, at]) => at > 0 && audit.copiedAt[c]! > at + SCRUB_MS).map(([id]) => id);
        if (!closed.length) continue;
        checked++;
        const windows = await keyWindows(dir);
        const keysIn = await roundKeysIn(dir, rawKeys);
        for (const roundId of closed) {
          for (const needle of byRound.get(roundId) ?? []) {
            if (windows.has(needle)) leaks['in clear'] = (leaks['in clear'] ?? 0) + 1;
          }
          if (keysIn.has(roundId) || [...(roundKeys.get(roundId) ?? [])].some((key) => windows.has(key)))
            leaks['round key'] = (leaks['round key'] ?? 0) + 1;
        }
      }
      // The last copy comes after every round closed: no ballot of any kind is left in it in clear.
      const last = (
        await Promise.all((await filesOf(audit.copies.at(-1)!)).map((f) => readFile(f.path, 'latin1')))
      ).join('\n');
      for (const fingerprint of ['"order":["', '"dots":{"']) {
        if (last.includes(fingerprint)) leaks[`ballot ${fingerprint}`] = last.split(fingerprint).length - 1;
      }
      expect(checked, 'copies taken after a close').toBeGreaterThan(3);
      expect(roundKeys.size, 'round keys seen while the rounds were open').toBeGreaterThan(0);
      expect(leaks).toEqual({});
    },
  );

  it('AN26 (f) within a batch (ballots, supports, a release of pain points), neither the tuples on the page nor the WAL follow the order the inputs came in', async () => {
    const owners = audit.analysis.units;
    const ackOf = (unit: string) => {
      const u = owners.get(unit);
      if (!u?.owner) return undefined;
      if (u.kind === 'text') return audit.inputs.find((i) => i.text === unit)?.ackedAt;
      const mine = audit.inputs.filter((i) => i.roundId === u.roundId && i.who === u.owner && i.kind !== 'change');
      const kinds = u.kind === 'ballot' ? ['first', 'paper-ballot'] : ['support'];
      return Math.min(...mine.filter((i) => kinds.includes(i.kind)).map((i) => i.ackedAt));
    };
    const batches = new Map<number, { page: number; wal: number; ack: number }[]>();
    // AN28: a round's entries over all its releases, in the WAL's order (the release order shows there).
    const entriesByRound = new Map<string, { wal: number; ack: number }[]>();
    for (const [unit, t] of firstTuple) {
      const ack = ackOf(unit);
      if (ack === undefined || !Number.isFinite(ack)) continue;
      batches.set(t.xmin, [...(batches.get(t.xmin) ?? []), { page: t.page, wal: t.record, ack }]);
      const u = owners.get(unit)!;
      if (u.kind === 'text')
        entriesByRound.set(u.roundId, [...(entriesByRound.get(u.roundId) ?? []), { wal: t.record, ack }]);
    }
    const rounds = [...entriesByRound.values()].filter((l) => l.length >= 3);
    const releases = rounds.map((l) =>
      spearman(
        l.map((x) => x.wal),
        l.map((x) => x.ack),
      ),
    );
    const page: number[] = [];
    const inWal: number[] = [];
    for (const list of batches.values()) {
      if (list.length < 3) continue;
      page.push(
        spearman(
          list.map((x) => x.page),
          list.map((x) => x.ack),
        ),
      );
      inWal.push(
        spearman(
          list.map((x) => x.wal),
          list.map((x) => x.ack),
        ),
      );
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    console.log(
      `anonymity-pg (f): ${page.length} batches, mean ρ on the page ${mean(page).toFixed(3)}, in the WAL ${mean(inWal).toFixed(3)} (${inWal.length}); ` +
        `AN28: pain points over a whole round's releases, mean ρ in the WAL ${mean(releases).toFixed(3)} (${releases.length} rounds)`,
    );
    expect(page.length).toBeGreaterThan(20);
    expect(inWal.length).toBeGreaterThan(20);
    // Random order: per batch ρ has sd ≈ 1/√(n-1) ≤ 0.71; over > 20 batches the mean's sd < 0.16.
    expect(Math.abs(mean(page))).toBeLessThan(0.35);
    expect(Math.abs(mean(inWal))).toBeLessThan(0.35);
  });

  it("AN11 (c) LC7 the ground truth of the order attack: every phone's participant row, by its token hash (sealed, opened with the session's key)", async () => {
    const hashes = new Set((await participantRows()).map((row) => row.token_hash));
    const people = audit.runs.flatMap((run) => run.people);
    const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');
    expect(people.length).toBeGreaterThan(8);
    expect(people.filter((person) => !hashes.has(sha256(person.token))).map((person) => person.who)).toEqual([]);
  });

  it(
    'AN27 LC7 (g) after a session is deleted, no file holds its voter keys, supporter keys or ballots, its title, names, zones, pain points or questions in clear, nor its key',
    { timeout: 120_000 },
    async () => {
      const run = audit.runs[0]!;
      const sid = run.workshop.sessionId;
      // The session's key as a copy taken before the delete holds it (the audit's last copy).
      const before = keyringsByCopy.at(-1)!;
      const key = before.sessionKeys.get(sid);
      expect(key, 'the session key in the copy before the delete').toBeDefined();
      const keyBytes = Buffer.from(key!, 'base64url');
      // The test can fail: that key opens the session's title as the database holds it (sealed).
      const title = (await raw.query<{ title: unknown }>('SELECT title FROM sessions WHERE id = $1', [sid])).rows[0]!
        .title;
      expect(SessionSeal.isSealed(title), 'the title in the database is sealed').toBe(true);
      expect(before.sessionSeals.get(sid)!.open(title)).toBe('Live 0');

      await run.workshop.facilitator.ok('session:delete', { commandId: newCommandId(), title: `Live 0` });
      // The delete's ack comes once its rows are gone; its keys are zeroed with them (AN27): waited for
      // (a real condition, not a pause), then asserted on the copy.
      for (const end = Date.now() + SCRUB_MS * 5; ;) {
        const slots = (await readCopyKeyring(keyringDir)).slots;
        if (!slots.some((slot) => slot.sessionId === sid) || Date.now() > end) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const dir = join(mkdtempSync(join(tmpdir(), 'vrijuit-deleted-')), 'copy');
      try {
        copyDataDir(postgres.dataDir, join(dir, 'data'), new Map());
        copyDataDir(keyringDir, join(dir, 'keys'), new Map());
        const files = await Promise.all(
          (await filesOf(dir)).map(async (f) => ({ ...f, bytes: await readFile(f.path) })),
        );
        const text = files.map((f) => f.bytes.toString('latin1')).join('\n');
        const mine = anonymousUnits().filter(([, u]) => u.session === sid);
        const windows = await keyWindows(dir);
        const inClear = mine.filter(([id]) => windows.has(id)).length;
        const texts = [...audit.analysis.units.entries()].filter(([, u]) => u.session === sid && u.kind === 'text');
        console.log(
          `anonymity-pg (g): deleted session ${sid}: ${inClear}/${mine.length} voter and supporter keys in clear; ` +
            `still in the files: its id ${text.includes(sid)}, title ${text.includes('Live 0')}, ` +
            `${texts.filter(([t]) => text.includes(t)).length}/${texts.length} pain point texts`,
        );
        expect(mine.length).toBeGreaterThanOrEqual(3);
        expect(inClear).toBe(0);

        // LC7: nothing that names or describes anyone, as bytes anywhere in the copy. Zone, municipality
        // and theme names are looked for as the JSON strings they are stored in (quoted: a short name alone
        // turns up by chance in the copy's megabytes of base64url).
        const pointTexts = audit.inputs.filter((i) => i.session === run.index && i.text).map((i) => i.text!);
        const questions = ['Wat eerst?', 'Waar zetten we op in?', 'Welk woord?', 'Wat wil je vragen?'];
        const names = ['Noord', 'Zuid', 'Oost', 'Assen', 'Emmen', 'Breda', 'Tijd', 'Geld'].map((n) => `"${n}"`);
        const needles = ['Live 0', ...pointTexts, ...questions, ...names];
        expect(pointTexts.length, "the session's pain point texts").toBeGreaterThanOrEqual(3);
        expect(
          needles.filter((needle) => text.includes(needle)),
          "the deleted session's content in clear in the copy",
        ).toEqual([]);

        // Every tuple of the session left in the copy (dead ones in heap pages and WAL records): each cell
        // that names or describes anyone (participants' names, zones, municipalities, token hashes…) is
        // sealed, and nothing the copy holds opens it.
        const after = await readCopyKeyring(join(dir, 'keys'));
        const tuples = [...(await copyTuples(join(dir, 'data'), layouts)), ...(await walOf(join(dir, 'data'))).tuples];
        const ofSession = tuples.filter((t) => sessionOfRow(t.table, t.row) === sid);
        const clear = clearCells(ofSession);
        const opened = ofSession.filter((t) => {
          const row = openCopyRows(after, t.table, [t.row as Row])[0];
          return (
            row !== undefined && Object.keys(t.row).some((c) => SessionSeal.isSealed(t.row[c]) && row[c] !== t.row[c])
          );
        }).length;
        // What else its tuples keep in clear (ids, statuses, counts: not asserted), for the record.
        const rest: Record<string, string> = {};
        for (const t of ofSession) {
          for (const [column, value] of Object.entries(t.row)) {
            if (SEALED_CELLS[t.table]?.includes(column) || typeof value !== 'string' || value === '') continue;
            rest[`${t.table}.${column}`] ??= value.slice(0, 40);
          }
        }
        console.log(
          `anonymity-pg (g): ${ofSession.length} tuples of the deleted session in the copy ` +
            `(${[...new Set(ofSession.map((t) => t.table))].join(', ')}); cells in clear: ${JSON.stringify(clear)}; ` +
            `other text cells: ${JSON.stringify(rest)}`,
        );
        expect(
          ofSession.filter((t) => t.table === 'participants').length,
          "the deleted session's participant tuples the attacker reads",
        ).toBeGreaterThan(0);
        expect(clear, 'cells of the deleted session in clear').toEqual({});
        expect(opened, 'cells the copy opens').toBe(0);

        // Its key: no slot of the session in the keyring, its bytes (or base64url) in no file of the copy.
        expect(after.slots.filter((slot) => slot.sessionId === sid)).toEqual([]);
        expect(after.sessionKeys.has(sid)).toBe(false);
        expect(files.filter((f) => f.bytes.includes(keyBytes)).map((f) => f.path)).toEqual([]);
        expect(text.includes(key!), 'the key as base64url').toBe(false);
        // The search can fail: another session's key, read from the same earlier copy, is still there.
        const other = Buffer.from(before.sessionKeys.get(audit.runs[1]!.workshop.sessionId)!, 'base64url');
        expect(files.some((f) => f.bytes.includes(other))).toBe(true);
      } finally {
        rmSync(join(dir, '..'), { recursive: true, force: true });
      }
    },
  );
});
