import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FacilitatorView, ProjectorView, WallPoint } from '@vrijuit/protocol';
import type { Logger } from '../src/log.ts';
import { createServer, type VrijuitServer } from '../src/server.ts';
import { DATABASE_FILE, openSqliteStore, type SqliteStore } from '../src/store/sqlite-store.ts';
import {
  closeAllClients,
  connect,
  databaseBytes,
  getJson,
  newCommandId,
  newToken,
  readDb,
  type TestClient,
  signedInClient,
  addAccount,
  FACILITATOR,
  nothingBefore,
  seeded,
  viewBarrier,
} from './helpers.ts';
import { spearman } from './rank-correlation.ts';

/**
 * The anonymity audit of pain points (core SPEC AN7-AN10; targets A1, A2). Many sessions run at once
 * against a real server on SQLite, with real socket.io clients typing at random moments. Afterwards the
 * test reads what an operator or a facilitator could read: the raw database file and its WAL, every
 * table, every view and ack the console and projector got, the HTTP API and the server's log. It asserts
 * that nothing links an entry to its author and that no order, id or byte offset follows the order in
 * which entries were typed.
 *
 * The order bound: in each session 12 entries are typed in a known order. For every listing (the raw
 * file's byte offsets, the ids, every console and projector view) the Spearman rank correlation with the
 * true order is computed per session. With no relation its mean over RUNS sessions is ~N(0, 0.30/√RUNS),
 * so |mean| < ORDER_BOUND (0.2, over 3.6 standard deviations with 30 runs) holds by chance all but about
 * 3 times in 10,000, while a listing in typing order gives 1. Checked that it can fail: listing the
 * entries in insertion order fails the views' test (mean ρ = 1). Before the batches (AN13), leaving out
 * the rewrite of the file when a pain-point round closes failed the byte-offset test (mean ρ ≈ 0.21: pages
 * filled entry by entry); shuffled batches alone now keep it under the bound, and the rewrite in id order
 * at the close (AN17) keeps it there.
 */
const RUNS = 30;
const PHONES = 6;
const PER_PHONE = 2;
const ORDER_BOUND = 0.2;
/** Phones type within this window, so entries go out in several batches of the 1-second tick. */
const TYPING_WINDOW_MS = 3500;
/** Run i types at the moments and picks the themes and "me too"s of seed SEED + i (helpers.ts `seeded`). */
const SEED = 0x70a8;
const SEEDS = `seeds ${SEED}..${SEED + RUNS - 1}`;

interface Submission {
  text: string;
  pointId: string;
  /** Position in the order the server acknowledged them (= committed them; one session runs serially). */
  rank: number;
}

interface Run {
  seed: number;
  sessionId: string;
  joinCode: string;
  participantNames: string[];
  tokens: string[];
  submissions: Submission[];
  facilitator: TestClient;
  projector: TestClient;
  attachAcks: unknown[];
}

const lines: string[] = [];
const recordingLogger: Logger = {
  info: (message, meta) => lines.push(JSON.stringify({ level: 'info', message, ...meta })),
  error: (message, meta) => lines.push(JSON.stringify({ level: 'error', message, ...meta })),
  debug: (message, meta) => lines.push(JSON.stringify({ level: 'debug', message, ...meta })),
};

let dataDir: string;
let store: SqliteStore;
let server: VrijuitServer;
let url: string;
let runs: Run[];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const after = (ms: number, act: () => Promise<void>) => sleep(ms).then(act);
const theme = (rand: () => number) => (rand() < 0.5 ? null : rand() < 0.5 ? 'o1' : 'o2');
/** A text nobody else could have typed, so its bytes can be found in the file. */
const uniqueText = (run: number, n: number) => `Knelpunt ${run}-${n} ${randomBytes(6).toString('hex')}`;

async function runSession(index: number): Promise<Run> {
  const seed = SEED + index;
  const rand = seeded(seed);
  const facilitator = await signedInClient(url);
  const { sessionId, joinCode } = await facilitator.ok('session:create', {
    commandId: newCommandId(),
    title: `Audit ${index}`,
    zones: ['Noord', 'Zuid'],
    // The floor (AN21); the server below ticks it every real second.
    releaseEverySeconds: 10,
    releaseMinEntries: 3,
  });
  const projector = await signedInClient(url);
  const attachAcks: unknown[] = [await projector.ok('projector:attach', { sessionId })];
  const { roundId } = await facilitator.ok('round:create', {
    commandId: newCommandId(),
    question: 'Wat knelt?',
    options: ['Financiën', 'Personeel'],
    config: { kind: 'pain-points', perParticipant: PER_PHONE, premoderation: false },
    reveal: 'live',
  });
  const participantNames: string[] = [];
  const tokens: string[] = [];
  const phones: TestClient[] = [];
  for (let i = 0; i < PHONES; i++) {
    const phone = await connect(url);
    const token = newToken();
    const name = `Deelnemer-${randomBytes(5).toString('hex')}`;
    await phone.ok('participant:join', { joinCode, token, zoneId: i % 2 ? 'z2' : 'z1', name });
    participantNames.push(name);
    tokens.push(token);
    phones.push(phone);
  }
  await facilitator.ok('round:open', { commandId: newCommandId(), roundId });

  const acked: Omit<Submission, 'rank'>[] = [];
  let n = 0;
  // Drawn before anyone types, so the draws do not depend on the order the acks come back in.
  const plan = phones.flatMap((phone) =>
    Array.from({ length: PER_PHONE }, () => ({ phone, at: rand() * TYPING_WINDOW_MS, themeId: theme(rand) })),
  );
  await Promise.all(
    plan.map(({ phone, at, themeId }) =>
      after(at, async () => {
        const text = uniqueText(index, n++);
        const { pointId } = await phone.ok('painpoint:submit', { commandId: newCommandId(), roundId, text, themeId });
        acked.push({ text, pointId });
      }),
    ),
  );
  // Some "me too" on whatever the phones see on the wall by now.
  for (const phone of phones) {
    const wall = phone.latest('participant:view')?.round?.wall?.points ?? [];
    const pick = wall[Math.floor(rand() * wall.length)];
    if (pick)
      await phone.ok('painpoint:support', { commandId: newCommandId(), roundId, pointId: pick.id, supported: true });
  }
  attachAcks.push(await facilitator.ok('facilitator:attach', { sessionId }));
  await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
  await facilitator.waitFor(
    'facilitator:view',
    (v) => v.rounds[0]?.status === 'closed' && v.rounds[0].respondents === acked.length,
  );
  attachAcks.push(await facilitator.ok('facilitator:attach', { sessionId }));
  attachAcks.push(await projector.ok('projector:attach', { sessionId }));
  for (const phone of phones) phone.close();
  return {
    seed,
    sessionId,
    joinCode,
    participantNames,
    tokens,
    submissions: acked.map((s, rank) => ({ ...s, rank })),
    facilitator,
    projector,
    attachAcks,
  };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vrijuit-audit-'));
  store = openSqliteStore(dataDir);
  server = createServer({
    config: { port: 0, host: '127.0.0.1', allowedOrigins: [] },
    store,
    log: recordingLogger,
    // A 10 s release interval (the floor, AN21) ticks every second, as the audit's typing window expects.
    releaseSecondMs: 100,
  });
  await addAccount(store, FACILITATOR);
  ({ url } = await server.listen());
  runs = await Promise.all(Array.from({ length: RUNS }, (_, i) => runSession(i)));
}, 120_000);

afterAll(async () => {
  closeAllClients();
  await server.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Spearman of a listing of entries (by point id) against the order they were typed in. */
function orderCorrelation(run: Run, listedIds: readonly string[]): number | null {
  const rankOf = new Map(run.submissions.map((s) => [s.pointId, s.rank]));
  const ranks = listedIds.map((id) => rankOf.get(id)).filter((r): r is number => r !== undefined);
  if (ranks.length < 4) return null;
  return spearman(
    ranks,
    ranks.map((_, i) => i),
  );
}

function meanOf(values: readonly (number | null)[]): number {
  const known = values.filter((v): v is number => v !== null);
  expect(known.length).toBeGreaterThan(0);
  return known.reduce((a, b) => a + b, 0) / known.length;
}

const wallIds = (points: readonly WallPoint[] | undefined) => (points ?? []).map((p) => p.id);

describe('A1 A2 audit of pain points: what an operator or a facilitator can read after a session', () => {
  it('the spearman statistic tells an order from its reverse and from noise', () => {
    expect(spearman([1, 2, 3, 4, 5], [10, 20, 30, 40, 50])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])).toBeCloseTo(-1);
    expect(Math.abs(spearman([1, 2, 3, 4, 5, 6], [3, 6, 1, 5, 2, 4]))).toBeLessThan(0.5);
  });

  it('every entry typed was acknowledged and ended on the wall', () => {
    for (const run of runs) {
      expect(run.submissions, `seed ${run.seed}`).toHaveLength(PHONES * PER_PHONE);
      const closed = run.facilitator.latest('facilitator:view')!.rounds[0]!;
      expect(new Set(wallIds(closed.wall?.points))).toEqual(new Set(run.submissions.map((s) => s.pointId)));
    }
  });

  it('AN7 A1 no table has an author column or a time, and no participant identifier sits next to an entry', () => {
    const dbFile = join(dataDir, DATABASE_FILE);
    readDb(dbFile, (db) => {
      const columns = (table: string) =>
        (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string }[]).map((c) => [
          c.name,
          c.type,
        ]);
      const entryColumns = [
        ['session_id', 'TEXT'],
        ['round_id', 'TEXT'],
        ['id', 'TEXT'],
        ['text', 'TEXT'],
        ['theme_id', 'TEXT'],
        ['stage', 'TEXT'],
        ['hidden', 'TEXT'],
        ['merged_into', 'TEXT'],
        ['support', 'INTEGER'],
        // QA2: the facilitator's "answered" mark on a question (0 or 1): no author, no time.
        ['answered', 'INTEGER'],
      ];
      expect(columns('pain_points')).toEqual(entryColumns);
      // AN17: closed rounds' entries, numbered at the close in id order (random): the number is no time.
      expect(columns('closed_pain_points')).toEqual([['seq', 'INTEGER'], ...entryColumns]);
      expect(db.prepare('SELECT count(*) AS n FROM pain_points').get()).toEqual({ n: 0 });
      for (const run of runs) {
        const bySeq = db.prepare('SELECT id FROM closed_pain_points WHERE session_id = ? ORDER BY seq').pluck();
        expect(bySeq.all(run.sessionId)).toEqual(run.submissions.map((s) => s.pointId).sort());
      }
      // AN8, AN10: nothing waits, and the support keys went with the close.
      expect(db.prepare('SELECT count(*) AS n FROM pain_point_inbox').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM pain_point_support').get()).toEqual({ n: 0 });

      const participants = db.prepare('SELECT id, token_hash, name FROM participants').all() as {
        id: string;
        token_hash: string;
        name: string;
      }[];
      expect(participants).toHaveLength(RUNS * PHONES);
      const identifiers = participants.flatMap((p) => [p.id, p.token_hash, p.name]);
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[])
        .map((t) => t.name)
        .filter((name) => name !== 'participants');
      for (const table of tables) {
        const cells = JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all());
        for (const id of identifiers) expect(cells.includes(id), `${table} holds ${id}`).toBe(false);
      }
      // And the participants table holds nothing of any entry.
      const participantCells = JSON.stringify(db.prepare('SELECT * FROM participants').all());
      for (const run of runs) {
        for (const s of run.submissions) {
          expect(participantCells.includes(s.pointId) || participantCells.includes(s.text)).toBe(false);
        }
      }
    });
  });

  it(`AN9 A2 in the raw file (database and WAL) each entry is written once, and neither byte offsets nor ids follow the typing order (|mean ρ| < ${ORDER_BOUND})`, () => {
    const bytes = databaseBytes(join(dataDir, DATABASE_FILE));
    const byOffset: (number | null)[] = [];
    const byId: (number | null)[] = [];
    for (const run of runs) {
      const offsets = run.submissions.map((s) => {
        const needle = Buffer.from(s.text);
        const at = bytes.indexOf(needle);
        expect(at, s.text).toBeGreaterThanOrEqual(0);
        // Once: no copy of the inbox row, no older page version, no WAL frame keeps it elsewhere.
        expect(bytes.indexOf(needle, at + 1), `second copy of ${s.text}`).toBe(-1);
        return { id: s.pointId, at };
      });
      byOffset.push(
        orderCorrelation(
          run,
          [...offsets].sort((a, b) => a.at - b.at).map((o) => o.id),
        ),
      );
      byId.push(orderCorrelation(run, run.submissions.map((s) => s.pointId).sort()));
      // Ids are 128 random bits (AN7), not a counter or a clock.
      for (const s of run.submissions) expect(s.pointId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    }
    expect(Math.abs(meanOf(byOffset)), SEEDS).toBeLessThan(ORDER_BOUND);
    expect(Math.abs(meanOf(byId)), SEEDS).toBeLessThan(ORDER_BOUND);
  });

  it(`AN8 AN9 A2 every view and ack the console and projector got lists entries in no typing order (|mean ρ| < ${ORDER_BOUND}) and releases them in batches of at least 3`, () => {
    const correlations: (number | null)[] = [];
    for (const run of runs) {
      const consoleWalls = run.facilitator.received['facilitator:view'].map((v: FacilitatorView) => v.rounds[0]);
      const projectorWalls = run.projector.received['projector:view'].map((v: ProjectorView) => v.round);
      const acks = run.attachAcks.map((a) => {
        const view = a as Partial<FacilitatorView & ProjectorView>;
        return view.rounds?.[0] ?? view.round ?? null;
      });
      for (const round of [...consoleWalls, ...projectorWalls, ...acks]) {
        const ids = wallIds(round?.wall?.points);
        if (ids.length >= 4) correlations.push(orderCorrelation(run, ids));
      }
      // While the round is open, entries reach the console only in batches of at least releaseMinEntries.
      let seen = new Set<string>();
      for (const round of consoleWalls) {
        const ids = wallIds(round?.wall?.points);
        const fresh = ids.filter((id) => !seen.has(id));
        if (round?.status === 'open')
          expect([0, ...[3, 4, 5, 6, 7, 8, 9, 10, 11, 12]], `seed ${run.seed}`).toContain(fresh.length);
        seen = new Set(ids);
      }
    }
    expect(correlations.length).toBeGreaterThan(RUNS);
    expect(Math.abs(meanOf(correlations)), SEEDS).toBeLessThan(ORDER_BOUND);
  });

  it('AN7 A1 no view or ack carries a participant, a token, a name or a time next to an entry', () => {
    for (const run of runs) {
      const everything = JSON.stringify([
        run.facilitator.received['facilitator:view'],
        run.projector.received['projector:view'],
        run.attachAcks,
      ]);
      for (const secret of [...run.tokens, ...run.participantNames]) expect(everything.includes(secret)).toBe(false);
      for (const round of run.facilitator.received['facilitator:view'].map((v) => v.rounds[0])) {
        for (const point of round?.wall?.points ?? []) {
          expect(Object.keys(point).sort()).toEqual(['hidden', 'id', 'merged', 'support', 'text', 'themeId']);
        }
        for (const queued of round?.moderation?.queue ?? []) {
          expect(Object.keys(queued).sort()).toEqual(['id', 'text', 'themeId']);
        }
      }
    }
  });

  it('A1 the HTTP API and the log hold no entry and no address', async () => {
    const run = runs[0]!;
    const join = await getJson(`${url}/api/join/${run.joinCode}`);
    expect(join.status).toBe(200);
    const body = JSON.stringify(join.body);
    for (const s of run.submissions) expect(body.includes(s.text)).toBe(false);
    const log = lines.join('\n');
    for (const r of runs) for (const s of r.submissions) expect(log.includes(s.text)).toBe(false);
    expect(log).not.toMatch(/127\.0\.0\.1|::1|::ffff:/);
  });
});

describe('AN8 the moment of typing reaches no screen of the room', () => {
  it('AN8 AN12 a submission sends no screen anything, not even a waiting count to the console', async () => {
    const facilitator = await signedInClient(url);
    const { sessionId, joinCode } = await facilitator.ok('session:create', {
      commandId: newCommandId(),
      title: 'Moment',
      zones: ['Noord'],
      releaseEverySeconds: 600,
      releaseMinEntries: 3,
    });
    const projector = await signedInClient(url);
    await projector.ok('projector:attach', { sessionId });
    const flushed = await viewBarrier(url);
    const { roundId } = await facilitator.ok('round:create', {
      commandId: newCommandId(),
      question: 'Wat knelt?',
      options: [],
      config: { kind: 'pain-points', perParticipant: 3, premoderation: false },
      reveal: 'live',
    });
    const phones = await Promise.all(
      [1, 2].map(async () => {
        const phone = await connect(url);
        await phone.ok('participant:join', { joinCode, token: newToken(), zoneId: 'z1' });
        return phone;
      }),
    );
    await facilitator.ok('round:open', { commandId: newCommandId(), roundId });
    await Promise.all(phones.map((p) => p.waitFor('participant:view', (v) => v.round?.status === 'open')));
    const screens = [facilitator, projector, ...phones];
    // Every view the joins and the open caused has arrived: the barrier is behind their 25 ms timers.
    await flushed();
    await Promise.all(screens.map((screen) => screen.roundTrip()));
    await nothingBefore(
      screens,
      ['facilitator:view', 'projector:view', 'participant:view'],
      async () => {
        await phones[0]!.ok('painpoint:submit', { commandId: newCommandId(), roundId, text: 'Eén' });
        await phones[1]!.ok('painpoint:submit', { commandId: newCommandId(), roundId, text: 'Twee' });
      },
      flushed,
    );
  });
});
