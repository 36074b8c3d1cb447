/**
 * DB10: the co-edited texts on PostgreSQL (yjs-write-behind.ts): an editor's update reaches the other
 * editors only once the store has it (R3), though the keystroke's write is awaited behind memory; the
 * texts are stored before a stop closes the store. A real server on a real PostgreSQL this file starts.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllClients, startServer, type TestServer } from './helpers.ts';
import { stopTestPostgres, testPostgres } from './store-backends.ts';
import { databaseOfFile } from './test-store.ts';
import { destroyProviders, synced, textInStore, twoEditorsTyping, until, yjsProvider } from './yjs-clients.ts';

let server: TestServer;

beforeAll(async () => {
  process.env.VRIJUIT_TEST_POSTGRES_URL = (await testPostgres()).url;
  server = await startServer({ store: 'postgres' });
});
afterAll(async () => {
  destroyProviders();
  closeAllClients();
  await server?.close();
  await stopTestPostgres();
});

/** Resolves at the pong of a WebSocket ping: every frame the server sent to this socket before it has arrived. */
function pong(ws: WebSocket | null): Promise<void> {
  const socket = ws as unknown as { ping(): void; once(event: 'pong', listener: () => void): void };
  return new Promise((resolve) => {
    socket.once('pong', () => resolve());
    socket.ping();
  });
}

describe('DB10 the texts on PostgreSQL are written behind and told only once stored', () => {
  it('DB10 R3 while the store cannot take a keystroke yet, no other editor receives it; once stored, every editor has it and so does the store, also after a restart', async () => {
    const { workshop, round, room, a, b } = await twoEditorsTyping(server);

    // Another writer holds the log's table: the server's next write waits for it.
    const database = databaseOfFile(server.dbFile)!;
    const holder = new pg.Client(database);
    const watcher = new pg.Client(database);
    await Promise.all([holder.connect(), watcher.connect()]);
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE yjs_updates IN SHARE ROW EXCLUSIVE MODE');
      a.doc.getText('t').insert(6, 'dan');
      // The server took the update and its write now waits on the lock…
      for (;;) {
        const { rows } = await watcher.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
        );
        if (Number(rows[0]!.n) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // …and whatever it sent B before this pong has arrived: not the update.
      await pong(b.ws);
      expect(b.doc.getText('t').toString()).toBe('eerst ');
      expect(textInStore(server.dbFile, workshop.sessionId, round.plenary)).toBe('eerst ');
    } finally {
      await holder.query('COMMIT');
      await holder.end();
      await watcher.end();
    }
    await until(() => b.doc.getText('t').toString() === 'eerst dan');
    expect(textInStore(server.dbFile, workshop.sessionId, round.plenary)).toBe('eerst dan');

    // A stop stores what it took: the text comes back whole after a restart.
    a.doc.getText('t').insert(9, ' ook');
    await until(() => b.doc.getText('t').toString() === 'eerst dan ook');
    destroyProviders();
    await server.restart();
    expect(textInStore(server.dbFile, workshop.sessionId, round.plenary)).toBe('eerst dan ook');
    const fresh = yjsProvider(server.wsUrl, room, { cookie: workshop.cookie });
    expect(await synced(fresh, () => fresh.doc.getText('t').toString())).toBe('eerst dan ook');
  });
});
