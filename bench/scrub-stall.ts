/**
 * Issue 14 item 5: how long scrubbing the files stalls every other session's commands, with `--sessions`
 * sessions in one database file. SQLite here is synchronous, so a scrub holds the event loop (and the
 * file's write lock) for as long as it runs: its duration is the stall every other session's command sees.
 *
 *   pnpm exec tsx bench/scrub-stall.ts --sessions 1000 --open 20
 *
 * Each session: 30 participants, a closed vote round (its ballots deleted), a pain-point round of 60
 * released entries, open in `--open` sessions (workshops running now) and closed in the others. The
 * scrub after a close rebuilds the open rounds' entries (AN17), so its cost follows `--open`, not
 * `--sessions`. Measured, `--repeat` times each on a different session:
 *  - a whole-file VACUUM (what a pain-point round's close and a session's delete did before);
 *  - the scrub after a pain-point round's close now (the round's rows appended to the closed entries in
 *    id order, the open entries written again as a fresh table, then a WAL checkpoint);
 *  - a session's delete now (its rows, secure_delete zeroing them, then a WAL checkpoint).
 *
 * Options: --sessions N (1000) --open O (20) --participants P (30) --points E (60) --repeat R (5)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  castVote,
  closeRound,
  createRound,
  createSession,
  evolveAll,
  joinParticipant,
  openRound,
  releaseOnClose,
  submitPainPoint,
  type Decision,
  type DomainEvent,
  type SessionState,
} from '../packages/core/src/index.ts';
import { DATABASE_FILE, openSqliteStore } from '../apps/server/src/store/sqlite-store.ts';
import { int, machine, ms } from './cli.ts';

const { values: args } = parseArgs({
  options: {
    sessions: { type: 'string', default: '1000' },
    open: { type: 'string', default: '20' },
    participants: { type: 'string', default: '30' },
    points: { type: 'string', default: '60' },
    repeat: { type: 'string', default: '5' },
  },
});
const sessions = int('sessions', args.sessions, 1, 100_000);
const participants = int('participants', args.participants, 1, 10_000);
const points = int('points', args.points, 1, 100_000);
const open = int('open', args.open, 2, sessions);
const repeat = int('repeat', args.repeat, 1, Math.min(100, Math.floor(open / 2)));

const dir = mkdtempSync(join(tmpdir(), 'vrijuit-scrub-'));
const store = openSqliteStore(dir);
const file = join(dir, DATABASE_FILE);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** One session's events, decided by core as the server would, all in one list. */
function sessionEvents(n: number): { events: DomainEvent[]; state: SessionState } {
  const events: DomainEvent[] = [];
  let state: SessionState | null = null;
  const step = <T>(decide: (s: SessionState | null) => Decision<T>) => {
    const decision = decide(state);
    if (!decision.ok) throw new Error(decision.error.code);
    events.push(...decision.events);
    state = evolveAll(state, decision.events);
  };
  const sessionId = `bench-session-${n}`;
  step(() =>
    createSession({
      sessionId,
      joinCode: `J${String(n).padStart(5, '0')}`,
      title: `Werkgroep ${n}`,
      zones: [{ name: 'Noord', municipalities: [] }],
      anonymityThreshold: 3,
      weighted: false,
      releaseEverySeconds: 15,
      releaseMinEntries: 3,
      ownerAccountId: 'bench',
    }),
  );
  const zoneId = state!.zones[0]!.id;
  for (let p = 0; p < participants; p++) {
    step((s) =>
      joinParticipant(s!, {
        participantId: `p${n}-${p}`,
        tokenHash: `token-hash-${n}-${p}`,
        zoneId,
        municipalityId: null,
        name: `Deelnemer ${p}`,
      }),
    );
  }
  const base = { reveal: 'manual' as const, durationSeconds: null };
  step((s) =>
    createRound(s!, {
      ...base,
      roundId: 'vote',
      question: 'Welk thema?',
      options: ['A', 'B', 'C'],
      config: { kind: 'single-choice' },
    }),
  );
  step((s) => openRound(s!, { roundId: 'vote', now: 0 }));
  const optionIds = state!.rounds[0]!.options.map((o) => o.id);
  for (let p = 0; p < participants; p++) {
    step((s) =>
      castVote(s!, {
        participantId: `p${n}-${p}`,
        voterKey: `voter-key-${n}-${p}-${'x'.repeat(30)}`,
        roundId: 'vote',
        ballot: { kind: 'single-choice', optionId: optionIds[p % optionIds.length]! },
      }),
    );
  }
  step((s) => closeRound(s!, { roundId: 'vote' }));
  step((s) =>
    createRound(s!, {
      ...base,
      roundId: 'pain',
      question: 'Wat knelt?',
      options: [],
      config: { kind: 'pain-points', perParticipant: Math.ceil(points / participants), premoderation: false },
    }),
  );
  step((s) => openRound(s!, { roundId: 'pain', now: 0 }));
  for (let e = 0; e < points; e++) {
    const p = e % participants;
    step((s) =>
      submitPainPoint(s!, {
        participantId: `p${n}-${p}`,
        voterKey: `voter-key-pain-${n}-${p}`,
        roundId: 'pain',
        pointId: `${Math.random().toString(36).slice(2)}-${n}-${e}`,
        text: `Knelpunt ${e} van werkgroep ${n}: te weinig tijd voor overleg met de gemeenten.`,
        themeId: null,
      }),
    );
  }
  const painRound = state!.rounds.find((r) => r.id === 'pain')!;
  events.push(...releaseOnClose(painRound));
  state = evolveAll(state, releaseOnClose(painRound));
  return { events, state: state! };
}

const states: SessionState[] = [];
const t0 = performance.now();
// The sessions whose round is closed first, so each of their scrubs rebuilds only the few open ones.
for (let n = sessions - 1; n >= 0; n--) {
  const { events, state } = sessionEvents(n);
  await store.commit(state.id, events, null);
  if (n >= open) {
    const close = closeRound(state, { roundId: 'pain' });
    if (!close.ok) throw new Error(close.error.code);
    await store.commit(state.id, close.events, null);
    await store.scrub(state.id, close.events);
  }
  if (n < repeat * 2) states.unshift(state);
}
await store.scrub('bench-session-0', []);
const built = performance.now() - t0;
const size = statSync(file).size;

async function timed(task: () => Promise<void> | void): Promise<number> {
  const start = performance.now();
  await task();
  return performance.now() - start;
}

const vacuum: number[] = [];
const closeScrub: number[] = [];
const deletes: number[] = [];
for (let i = 0; i < repeat; i++) {
  // A closing pain-point round, the way the server writes it, then its scrub.
  const state = states[i]!;
  const close = closeRound(state, { roundId: 'pain' });
  if (!close.ok) throw new Error(close.error.code);
  await store.commit(state.id, close.events, null);
  closeScrub.push(await timed(() => store.scrub(state.id, close.events)));
  vacuum.push(await timed(() => wholeFileVacuum()));
  const other = states[repeat + i]!;
  deletes.push(
    await timed(() =>
      store.deleteSession(other.id, { scope: 'global', commandId: `delete-${i}`, result: { ok: true } }),
    ),
  );
}

/** The VACUUM of before (the store no longer runs one), on a connection of its own. */
function wholeFileVacuum(): void {
  const Database = createRequire(new URL('../apps/server/package.json', import.meta.url))('better-sqlite3') as new (
    file: string,
  ) => {
    exec(sql: string): void;
    pragma(source: string): unknown;
    close(): void;
  };
  const db = new Database(file);
  try {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const max = (xs: number[]) => Math.max(...xs);
console.log(`\n${machine()}`);
console.log(
  `${sessions} sessions (${participants} participants, ${points} pain points each), ${open} with the pain-point round open: ${mb(size)} MB, built in ${ms(built)} ms\n`,
);
console.log('| scrub (stalls every session while it runs) | median (ms) | max (ms) |');
console.log('|---|---:|---:|');
console.log(
  `| whole-file VACUUM (before: each pain-point close, each delete) | ${ms(median(vacuum))} | ${ms(max(vacuum))} |`,
);
console.log(
  `| a pain-point round's close, scrubbed now (move + rebuild the open entries + checkpoint) | ${ms(median(closeScrub))} | ${ms(max(closeScrub))} |`,
);
console.log(`| a session's delete now (rows + checkpoint) | ${ms(median(deletes))} | ${ms(max(deletes))} |`);
await store.close();
rmSync(dir, { recursive: true, force: true });
