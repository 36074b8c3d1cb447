/**
 * PL10: a round's timer (RO5) whose owner process died closes on time, or at once if overdue, by the
 * process that takes the session over, even when no client comes back to load the session: a process
 * with leases sweeps, at start and at every renewal, for sessions with a timer due whose lease nobody
 * holds, and takes only those. A real server whose store takes leases, on a real PostgreSQL this file
 * starts; the dead owner is a store of its own on the same database that wrote the sessions and then
 * stopped (its leases run out in the table, as PostgreSQL's clock would after its TTL).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRound, openRound, setSessionStatus } from '@vrijuit/core';
import { PgStore } from '../src/store/pg-store.ts';
import { startServer, type TestServer } from './helpers.ts';
import { stopTestPostgres, testPostgres } from './store-backends.ts';
import { session } from './store-sessions.ts';
import { databaseOfFile } from './test-store.ts';

/** The server's lease TTL: it renews, and sweeps, every third of it. */
const TTL = 900;
let server: TestServer;
let dead: PgStore;
let raw: pg.Client;

beforeAll(async () => {
  process.env.VRIJUIT_TEST_POSTGRES_URL = (await testPostgres()).url;
  server = await startServer({ store: 'postgres', leases: { ttlMs: TTL, owner: 'taker' } });
  const url = databaseOfFile(server.dbFile)!;
  raw = new pg.Client(url);
  await raw.connect();
  dead = await PgStore.open(url, { keyringDir: server.dataDir, leases: { ttlMs: 60_000, owner: 'dead' } });
});
afterAll(async () => {
  await raw?.end();
  await dead?.close();
  await server?.close();
  await stopTestPostgres();
});

/** A live session of the dead owner with one open round: its timer runs out at `closesAt` (null: none). */
async function openedByTheDead(durationSeconds: number | null, openedAt = Date.now()) {
  const s = session(() => dead);
  await s.create();
  await s.decide((st) => setSessionStatus(st, { status: 'live', now: Date.now() }));
  await s.decide((st) =>
    createRound(st, {
      roundId: 'r1',
      question: 'Verder?',
      options: ['Ja', 'Nee'],
      config: { kind: 'single-choice' },
      reveal: 'manual',
      durationSeconds,
    }),
  );
  await s.decide((st) => openRound(st, { roundId: 'r1', now: openedAt }));
  return { sessionId: s.sessionId, closesAt: s.state.rounds[0]!.closesAt };
}

const status = async (sessionId: string) =>
  (await raw.query<{ status: string }>(`SELECT status FROM rounds WHERE session_id = $1`, [sessionId])).rows[0]!.status;

const leaseOf = async (sessionId: string) =>
  (await raw.query('SELECT owner, fence::int AS fence FROM session_leases WHERE session_id = $1', [sessionId]))
    .rows[0] as { owner: string; fence: number };

/** Polls until the session's round is closed; when it was first seen closed (epoch ms). */
async function closedAt(sessionId: string, timeoutMs = 10_000): Promise<number> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if ((await status(sessionId)) === 'closed') return Date.now();
    if (Date.now() > end) throw new Error(`the round of ${sessionId} was not closed in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('PL10 round timers after their owner died', () => {
  it('PL10 RO5 PL1 the process that takes a dead owner’s session over closes its round on time, an overdue one at once, with no client coming back; sessions without a timer due are left alone', async () => {
    const onTime = await openedByTheDead(4);
    const overdue = await openedByTheDead(30, Date.now() - 60_000);
    const later = await openedByTheDead(3600);
    const noTimer = await openedByTheDead(null);
    const all = [onTime, overdue, later, noTimer];
    // The dead owner's leases run out (it stopped renewing); nobody loads its sessions.
    await raw.query(`UPDATE session_leases SET expires_at = now() - interval '1 second' WHERE session_id = ANY($1)`, [
      all.map((s) => s.sessionId),
    ]);

    // The overdue round closes at the server's next sweep, long before the other one's deadline.
    await closedAt(overdue.sessionId);
    expect(Date.now()).toBeLessThan(onTime.closesAt!);
    expect(await status(onTime.sessionId)).toBe('open');
    // The other closes when its timer runs out: not before, and not much after.
    const seen = await closedAt(onTime.sessionId);
    expect(seen).toBeGreaterThanOrEqual(onTime.closesAt!);
    expect(seen - onTime.closesAt!).toBeLessThan(1500);
    // Both were taken over once; the sessions without a timer due stay the dead owner's, untaken.
    expect(await leaseOf(overdue.sessionId)).toEqual({ owner: 'taker', fence: 2 });
    expect(await leaseOf(onTime.sessionId)).toEqual({ owner: 'taker', fence: 2 });
    expect(await leaseOf(later.sessionId)).toEqual({ owner: 'dead', fence: 1 });
    expect(await leaseOf(noTimer.sessionId)).toEqual({ owner: 'dead', fence: 1 });
    expect(await status(later.sessionId)).toBe('open');
  });
});
