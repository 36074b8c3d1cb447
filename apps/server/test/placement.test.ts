/**
 * PL1-PL5: one owner per session across processes (issue 18, placement). Two stores stand for two
 * processes on one real PostgreSQL (postgres.ts), each with its own leases. A dead owner is played by
 * running its lease out in the table (as PostgreSQL's clock would after the TTL), so nothing waits on a
 * sleep; the owner "process" keeps its pool and tries to write, as a paused or partitioned one would.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { joinParticipant, setSessionStatus } from '@vrijuit/core';
import { createLogger } from '../src/log.ts';
import { startPlacement } from '../src/placement.ts';
import { SessionHub } from '../src/session-hub.ts';
import { PgStore } from '../src/store/pg-store.ts';
import { NotOwnerError, StaleOwnerError } from '../src/store/pg-leases.ts';
import { stopTestPostgres, testPostgres } from './store-backends.ts';
import { newCommandId } from './helpers.ts';
import { oneZoneSession } from './session-fixture.ts';
import { session } from './store-sessions.ts';

const TTL = 60_000;
let url: string;
/** The processes share one keyring folder, as processes on one machine may (round-keys.ts). */
const keyringDir = mkdtempSync(join(tmpdir(), 'vrijuit-placement-keys-'));
let raw: pg.Client;
const stores: PgStore[] = [];

async function processAs(owner: string, ttlMs = TTL): Promise<PgStore> {
  const store = await PgStore.open(url, { leases: { ttlMs, owner }, keyringDir });
  stores.push(store);
  return store;
}

/** The lease runs out now, as it would TTL after its owner stopped renewing (PostgreSQL's clock). */
const runOut = (sessionId: string) =>
  raw.query(`UPDATE session_leases SET expires_at = now() - interval '1 second' WHERE session_id = $1`, [sessionId]);

/**
 * A session created on `owner`, which holds its lease (fence 1) from before its first write; made live
 * and with `joined` participants when asked.
 */
async function sessionOn(owner: PgStore, options: { live?: boolean; joined?: number } = {}) {
  const s = session(() => owner);
  await owner.leases!.acquire(s.sessionId);
  await s.create();
  if (options.live) await s.decide((st) => setSessionStatus(st, { status: 'live', now: Date.now() }));
  for (let i = 1; i <= (options.joined ?? 0); i++) await s.join(i);
  return s;
}

/** Placement without round timers (PL10 has its own test, on a real server: round-timers-postgres.test.ts). */
const noTimers = { watchTimers: async () => {}, now: Date.now };

const lease = async (sessionId: string) =>
  (await raw.query('SELECT owner, fence::int AS fence FROM session_leases WHERE session_id = $1', [sessionId]))
    .rows[0] as { owner: string; fence: number } | undefined;

beforeAll(async () => {
  url = await (await testPostgres()).createDatabase('vrijuit_placement');
  raw = new pg.Client(url);
  await raw.connect();
});

// Each test's processes end with it: their pools would use up PostgreSQL's connections.
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await raw?.end();
  await stopTestPostgres();
});

describe('placement on PostgreSQL: one owner per session (PL1-PL5)', () => {
  it('PL1 a session has one owner at a time: a live lease is not taken; a run-out one is, with a higher fence', async () => {
    const a = await processAs('a');
    const b = await processAs('b');
    const s = await sessionOn(a);
    expect(a.leases!.fenceOf(s.sessionId)).toBe(1);
    expect(await a.leases!.acquire(s.sessionId)).toBe(1);
    expect(await b.leases!.acquire(s.sessionId)).toBeNull();
    await runOut(s.sessionId);
    const [first, second] = await Promise.all([
      b.leases!.acquire(s.sessionId),
      (await processAs('c')).leases!.acquire(s.sessionId),
    ]);
    // Two processes taking it over at once: exactly one gets it.
    expect([first, second].filter((f) => f !== null)).toEqual([2]);
    expect((await lease(s.sessionId))?.fence).toBe(2);
  });

  it('PL2 a stale owner’s write is refused and leaves nothing; the new owner loads every write of the old one', async () => {
    const a = await processAs('a2');
    const b = await processAs('b2');
    const s = await sessionOn(a, { live: true, joined: 1 });
    await runOut(s.sessionId);
    expect(await b.leases!.acquire(s.sessionId)).toBe(2);
    expect((await b.loadSession(s.sessionId))?.status).toBe('live');
    // The old owner, unaware, writes a join: refused, rolled back, and it knows it lost the session.
    const late = joinParticipant(s.state, {
      participantId: 'late',
      tokenHash: 'late-token',
      zoneId: 'z1',
      municipalityId: null,
      name: 'Laat',
    });
    if (!late.ok) throw new Error(late.error.code);
    await expect(a.commit(s.sessionId, late.events, null)).rejects.toBeInstanceOf(StaleOwnerError);
    expect(a.leases!.fenceOf(s.sessionId)).toBeUndefined();
    expect((await raw.query(`SELECT count(*)::int AS n FROM participants WHERE id = 'late'`)).rows[0].n).toBe(0);
    // Nor can the old owner delete the session.
    await expect(
      a.deleteSession(s.sessionId, { scope: 'global', commandId: 'del', result: { ok: true, value: {} } }),
    ).rejects.toBeInstanceOf(StaleOwnerError);
    // The new owner writes on.
    await b.commit(s.sessionId, late.events, null);
    expect((await raw.query(`SELECT count(*)::int AS n FROM participants WHERE id = 'late'`)).rows[0].n).toBe(1);
  });

  it('PL2 a take-over waits for the owner’s write in progress, and then sees it', async () => {
    const a = await processAs('a3');
    const b = await processAs('b3');
    const s = await sessionOn(a);
    await runOut(s.sessionId);
    // The owner's write transaction has passed its fence (it holds the lease row FOR SHARE)…
    const client = new pg.Client(url);
    client.on('error', () => {});
    await client.connect();
    await client.query('BEGIN');
    await a.leases!.fence(client, s.sessionId);
    await client.query(`UPDATE sessions SET title = 'Geschreven' WHERE id = $1`, [s.sessionId]);
    // …so the take-over blocks on the row until that transaction ends…
    const takeOver = b.leases!.acquire(s.sessionId);
    await waitUntilBlocked();
    await client.query('COMMIT');
    await client.end();
    // …and gets the session with the write in it.
    expect(await takeOver).toBe(2);
    expect((await b.loadSession(s.sessionId))?.title).toBe('Geschreven');
  });

  it('PL3 renewing keeps every held lease in one statement and reports those taken over', async () => {
    const a = await processAs('a4');
    const b = await processAs('b4');
    const kept = await sessionOn(a);
    const lost = await sessionOn(a);
    await runOut(kept.sessionId);
    await runOut(lost.sessionId);
    expect(await b.leases!.acquire(lost.sessionId)).toBe(2);
    // A lease that ran out but was not taken is renewed (nobody else wrote); a taken one is lost.
    expect(await a.leases!.renew()).toEqual([lost.sessionId]);
    expect(a.leases!.held()).toEqual([kept.sessionId]);
    expect(await b.leases!.acquire(kept.sessionId)).toBeNull();
    expect((await lease(kept.sessionId))?.owner).toBe('a4');
  });

  it('PL4 a graceful stop hands its sessions back: another process takes them at once, with a higher fence; a restart of the same owner takes its live leases back at once', async () => {
    const a = await processAs('a5');
    const b = await processAs('b5');
    const s = await sessionOn(a);
    expect(await b.leases!.acquire(s.sessionId)).toBeNull();
    await a.leases!.release();
    expect(a.leases!.held()).toEqual([]);
    expect(await b.leases!.acquire(s.sessionId)).toBe(2);
    // A process restarted on its data folder is the same owner: it takes its live lease back at once.
    const bAgain = await processAs('b5');
    expect(await bAgain.leases!.acquire(s.sessionId)).toBe(3);
    expect(await b.leases!.renew()).toEqual([s.sessionId]);
    await expect(s.decide((st) => setSessionStatus(st, { status: 'live', now: Date.now() }))).rejects.toBeInstanceOf(
      StaleOwnerError,
    );
  });

  it('PL5 deleting a session takes its lease row with it; the lease table holds no participant or input', async () => {
    const a = await processAs('a6');
    const s = await sessionOn(a, { joined: 1 });
    await a.deleteSession(s.sessionId, { scope: 'global', commandId: `del-${s.sessionId}`, result: { ok: true } });
    expect(await lease(s.sessionId)).toBeUndefined();
    expect(a.leases!.fenceOf(s.sessionId)).toBeUndefined();
    const columns = (
      await raw.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'session_leases'`)
    ).rows.map((r) => r.column_name as string);
    expect(columns.sort()).toEqual(['expires_at', 'fence', 'owner', 'session_id', 'wanted']);
  });

  it('PL6 loading a session owned by a live process waits for its lease; it loads once that runs out, with every write in it', async () => {
    const a = await processAs('a7');
    const b = await processAs('b7');
    const s = await sessionOn(a, { live: true });
    // A session that does not exist takes no lease.
    expect(await b.loadSession('s-nothing-here')).toBeNull();
    expect(await lease('s-nothing-here')).toBeUndefined();
    const loading = b.loadSession(s.sessionId);
    await s.join(3);
    expect((await lease(s.sessionId))?.owner).toBe('a7');
    await runOut(s.sessionId);
    const loaded = await loading;
    expect(b.leases!.fenceOf(s.sessionId)).toBe(2);
    expect(loaded?.status).toBe('live');
    expect(loaded?.participants).toEqual((await a.loadSession(s.sessionId))?.participants);
    // While the owner lives, a load gives up after its wait with a typed error.
    const c = await processAs('c7');
    await expect(c.leases!.acquireWaiting(s.sessionId, 300)).rejects.toBeInstanceOf(NotOwnerError);
  });

  it('PL7 hubs on two processes: a command waits for the lease; the old owner’s stale write is refused and drops the session; renewal reports it lost; an idle session hands its lease back', async () => {
    const log = createLogger('silent');
    const a = await processAs('a8', 400);
    const b = await processAs('b8');
    const hubA = new SessionHub(a, log);
    const hubB = new SessionHub(b, log, { maxCachedSessions: 1 });
    const lost: string[] = [];
    hubA.onLost((id) => lost.push(id));
    const sessionId = `s-${newCommandId()}`;
    const cmd = () => ({ scope: sessionId, commandId: newCommandId() });
    const ok = async <T>(ack: Promise<{ ok: boolean } & T>) => expect((await ack).ok).toBe(true);
    await ok(hubA.execute(sessionId, cmd(), () => oneZoneSession(sessionId, 'PLA7CD')));
    // B's command waits behind A's lease, and runs once it ran out, on A's every write.
    const onB = hubB.execute(sessionId, cmd(), (st) => setSessionStatus(st!, { status: 'live', now: Date.now() }));
    expect((await lease(sessionId))?.owner).toBe('a8');
    await runOut(sessionId);
    await ok(onB);
    expect(b.leases!.fenceOf(sessionId)).toBe(2);
    // A still has the session in memory: its next write is refused by the fence, and A drops it.
    expect(hubA.cached(sessionId)?.status).toBe('draft');
    await expect(
      hubA.execute(sessionId, cmd(), (st) => setSessionStatus(st!, { status: 'live', now: Date.now() })),
    ).rejects.toBeInstanceOf(StaleOwnerError);
    expect(hubA.cached(sessionId)).toBeNull();
    expect(lost).toEqual([sessionId]);
    lost.length = 0;
    // Renewal on A finds nothing more to lose; a session lost while idle is reported by it.
    const placementA = startPlacement(a.leases!, hubA, log, noTimers);
    await placementA.renew();
    expect(lost).toEqual([]);
    const other = `s-${newCommandId()}`;
    await ok(hubA.execute(other, { scope: other, commandId: newCommandId() }, () => oneZoneSession(other, 'PLA7EF')));
    await runOut(other);
    expect(await b.leases!.acquire(other)).toBe(2);
    await placementA.renew();
    expect(lost).toEqual([other]);
    expect(hubA.cached(other)).toBeNull();
    // While B lives, A's command on its session gives up after A's wait (twice A's TTL).
    await expect(
      hubA.execute(sessionId, cmd(), (st) => setSessionStatus(st!, { status: 'closed', now: Date.now() })),
    ).rejects.toBeInstanceOf(NotOwnerError);
    await placementA.stop();
    // B keeps one session in memory: loading another forgets the idle first, whose lease goes back.
    const placementB = startPlacement(b.leases!, hubB, log, noTimers);
    await hubB.state(other);
    await expect
      .poll(
        async () =>
          (await raw.query('SELECT expires_at < now() AS out FROM session_leases WHERE session_id = $1', [sessionId]))
            .rows[0].out,
      )
      .toBe(true);
    expect(b.leases!.fenceOf(sessionId)).toBeUndefined();
    await placementB.stop();
  });
});

describe('PL9 the texts’ Yjs log is fenced like every other write', () => {
  it('PL9 PL2 a stale owner’s late append, and its compaction, are refused whole: the new owner’s log holds no byte of them', async () => {
    const a = await processAs('a9');
    const b = await processAs('b9');
    const s = await sessionOn(a);
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(await a.yjs.writeYjs(s.sessionId, 'doc', { compact: null, updates: [bytes('eerst')] })).toBe(1);
    await runOut(s.sessionId);
    expect(await b.leases!.acquire(s.sessionId)).toBe(2);
    // The old owner's append already on its way: refused by the fence, nothing stored.
    await expect(
      a.yjs.writeYjs(s.sessionId, 'doc', { compact: null, updates: [bytes('laat-1'), bytes('laat-2')] }),
    ).rejects.toBeInstanceOf(StaleOwnerError);
    expect(a.leases!.fenceOf(s.sessionId)).toBeUndefined();
    // Nor can it replace the log by a compaction.
    await expect(
      a.yjs.writeYjs(s.sessionId, 'doc', { compact: bytes('laat-compact'), updates: [] }),
    ).rejects.toBeInstanceOf(StaleOwnerError);
    const decoded = (updates: Uint8Array[]) => updates.map((u) => new TextDecoder().decode(u));
    expect(decoded(await b.yjs.yjsUpdates(s.sessionId, 'doc'))).toEqual(['eerst']);
    // The new owner writes on.
    expect(await b.yjs.writeYjs(s.sessionId, 'doc', { compact: null, updates: [bytes('nieuw')] })).toBe(2);
    expect(decoded(await a.yjs.yjsUpdates(s.sessionId, 'doc'))).toEqual(['eerst', 'nieuw']);
  });
});

/** Until a backend of this database waits on a lock (the take-over behind the owner's FOR SHARE). */
async function waitUntilBlocked(): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await raw.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows[0].n > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the take-over never waited on the lease row');
}
