/**
 * PL9: the co-edited texts are fenced by the session's lease like every other write (issue 18,
 * placement). A real server whose store takes leases (as main.ts's does with several processes) on a
 * real PostgreSQL this file starts; another process takes a session over (its lease run out in the
 * table, as PostgreSQL's clock would after the TTL: no sleeps) while the server still has the session's
 * text open in two editors. The stale owner's next keystroke is refused by the store: nothing of it is
 * stored, no other editor receives it, and the server lets the session go (its editors disconnected, to
 * reconnect to the new owner).
 */
import { dirname } from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgStore } from '../src/store/pg-store.ts';
import { closeAllClients, startServer, type TestServer } from './helpers.ts';
import { stopTestPostgres, testPostgres } from './store-backends.ts';
import { databaseOfFile } from './test-store.ts';
import { destroyProviders, synced, twoEditorsTyping, until, yjsProvider } from './yjs-clients.ts';

let server: TestServer;
let newOwner: PgStore | undefined;
let raw: pg.Client | undefined;

beforeAll(async () => {
  process.env.VRIJUIT_TEST_POSTGRES_URL = (await testPostgres()).url;
  // A lease that outlives the test: the server never finds the loss at a renewal, only by the fence.
  server = await startServer({ store: 'postgres', leases: { ttlMs: 120_000, owner: 'stale-owner' } });
});
afterAll(async () => {
  destroyProviders();
  closeAllClients();
  await raw?.end();
  await newOwner?.close();
  await server?.close();
  await stopTestPostgres();
});

/** The lease row of a session, as the table holds it. */
async function leaseOf(sessionId: string) {
  return (await raw!.query('SELECT owner, fence::int AS fence FROM session_leases WHERE session_id = $1', [sessionId]))
    .rows[0] as { owner: string; fence: number } | undefined;
}

/**
 * A workshop on the server with its text round open in two editors A and B, "eerst " typed by A and seen
 * by B; then another process (`newOwner`) takes the session over: the server's lease ran out in the table.
 */
async function textTakenOver() {
  const { workshop, round, room, a, b } = await twoEditorsTyping(server);

  const url = databaseOfFile(server.dbFile)!;
  if (!raw) {
    raw = new pg.Client(url);
    await raw.connect();
    // Another process on the same machine: it shares the server's keyring (its data folder, PL8).
    newOwner = await PgStore.open(url, {
      keyringDir: dirname(server.dbFile),
      leases: { ttlMs: 120_000, owner: 'new-owner' },
    });
  }
  await raw.query(`UPDATE session_leases SET expires_at = now() - interval '1 second' WHERE session_id = $1`, [
    workshop.sessionId,
  ]);
  const before = (await leaseOf(workshop.sessionId))!.fence;
  const fence = await newOwner!.leases!.acquire(workshop.sessionId);
  expect(fence).toBe(before + 1);
  return { workshop, round, room, a, b, fence: fence! };
}

/** The text `t` of a document as the new owner's store gives it. */
async function storedText(sessionId: string, docName: string): Promise<string> {
  const doc = new Y.Doc();
  for (const update of await newOwner!.yjs.yjsUpdates(sessionId, docName)) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

describe('PL9 the Yjs log is fenced by the session lease', () => {
  it('PL9 PL7 R3 a stale owner’s late keystroke is refused by the store: no byte of it stored, no other editor receives it, its editors are disconnected and the session leaves the process', async () => {
    const { workshop, round, a, b, fence } = await textTakenOver();
    // The stale owner, unaware, takes a keystroke: its write is refused, and its editors are closed.
    const closed = new Set<typeof a>();
    for (const p of [a, b]) p.once('connection-close', () => closed.add(p));
    a.doc.getText('t').insert(6, 'laat');
    await until(() => closed.size === 2 || b.doc.getText('t').toString() !== 'eerst ', 10_000);
    // Whatever the server sent B came before its close: never the refused update.
    expect(b.doc.getText('t').toString()).toBe('eerst ');
    expect(closed.size).toBe(2);
    // The session left the stale owner whole (PL7), not only its texts.
    expect(server.server.hub.cached(workshop.sessionId)).toBeNull();
    destroyProviders();

    // The new owner's text holds no byte of it.
    expect(await storedText(workshop.sessionId, round.plenary)).toBe('eerst ');
    const { rows } = await raw!.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM yjs_updates WHERE session_id = $1 AND position(convert_to('laat', 'UTF8') IN data) > 0`,
      [workshop.sessionId],
    );
    expect(rows[0]!.n).toBe(0);
    expect(await leaseOf(workshop.sessionId)).toEqual({ owner: 'new-owner', fence });
  });

  it('PL9 PL6 a process that lost a session forgets its texts: owning it again later, it serves what the other owner stored meanwhile', async () => {
    const { workshop, round, room, fence } = await textTakenOver();
    // The server finds the loss at its next renewal (here at once, as placement.ts renews; on a slow
    // machine its own timer may have found it first).
    const leases = (server.store as unknown as PgStore).leases!;
    expect((await leases.renew()).filter((id) => id !== workshop.sessionId)).toEqual([]);
    expect(leases.fenceOf(workshop.sessionId)).toBeUndefined();
    server.server.hub.lost(workshop.sessionId);
    destroyProviders();
    // The new owner's editors write on, then it stops and hands the session back.
    const doc = new Y.Doc();
    for (const update of await newOwner!.yjs.yjsUpdates(workshop.sessionId, round.plenary)) Y.applyUpdate(doc, update);
    const before = Y.encodeStateVector(doc);
    doc.getText('t').insert(6, 'nieuw');
    await newOwner!.yjs.writeYjs(workshop.sessionId, round.plenary, {
      compact: null,
      updates: [Y.encodeStateAsUpdate(doc, before)],
    });
    await newOwner!.leases!.release([workshop.sessionId]);
    // An editor on the server again: it takes the session back (a higher fence) and gets the stored text.
    const c = yjsProvider(server.wsUrl, room, { cookie: workshop.cookie });
    expect(await synced(c, () => c.doc.getText('t').toString())).toBe('eerst nieuw');
    // Taken back with a higher fence than the other owner's: on a slow machine it may have been taken,
    // handed back idle and taken again meanwhile.
    const lease = await leaseOf(workshop.sessionId);
    expect(lease?.owner).toBe('stale-owner');
    expect(lease?.fence).toBeGreaterThan(fence);
  });
});
