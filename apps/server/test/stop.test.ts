import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../src/store/sqlite-store.ts';
import {
  closeAllClients,
  newCommandId,
  openPainRound,
  openRound,
  readDb,
  setUpWorkshop,
  single,
  startServer,
  voteFor,
  type TestClient,
  type TestServer,
} from './helpers.ts';

/**
 * The graceful stop in process (core PR2, PR3): a command held mid-flight in the store while the server
 * stops, so what the stop does with a command it has taken is seen step by step, on events.
 */

/** A store whose next commit (a command's turn going to the file) waits until the test opens it. */
function gatedStore() {
  let armed = false;
  let reached = () => undefined as void;
  let open = () => undefined as void;
  let opened = Promise.resolve();
  const wrap = (store: SqliteStore): SqliteStore =>
    new Proxy(store, {
      get(target, prop) {
        if (prop === 'commit') {
          return async (...args: Parameters<SqliteStore['commit']>) => {
            if (armed) {
              armed = false;
              reached();
              await opened;
            }
            return target.commit(...args);
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  return {
    wrap,
    /** Holds the next command; resolves once the server has taken it and it waits at the store. */
    hold: () =>
      new Promise<void>((resolve) => {
        opened = new Promise((r) => (open = r));
        reached = resolve;
        armed = true;
      }),
    open: () => open(),
  };
}

const stoppingNotice = (clients: TestClient[]) =>
  Promise.all(clients.map((c) => c.waitFor('server:stopping', () => true)));

let server: TestServer | null = null;
afterEach(async () => {
  closeAllClients();
  await server?.close();
  server = null;
});

describe('PR2 PR3 the graceful stop', () => {
  it('PR2 the stop closes the port, tells every connection, refuses new commands, and answers the command it holds once committed before it ends', async () => {
    const gate = gatedStore();
    server = await startServer({ wrapStore: gate.wrap });
    const { facilitator, phones } = await setUpWorkshop(server.url, 3);
    const clients = [facilitator, ...phones.map((p) => p.client)];
    const roundId = await openRound(facilitator);
    const [p1, p2, p3] = phones as [(typeof phones)[0], (typeof phones)[0], (typeof phones)[0]];
    await p1.client.ok('vote:cast', voteFor(roundId, single('o1')));
    await p2.client.ok('vote:cast', voteFor(roundId, single('o2')));
    // P3's vote completes the batch of three; the server takes it and it waits at the store.
    const held = gate.hold();
    const third = p3.client.send('vote:cast', voteFor(roundId, single('o3')));
    await held;

    let stopped = false;
    const restarting = server.restart(0, () => (stopped = true));
    await stoppingNotice(clients);
    // No new connection: the port is closed.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    // A command after the notice changes nothing and says why.
    expect(await p1.client.send('vote:cast', voteFor(roundId, single('o3')))).toEqual({
      ok: false,
      error: {
        code: 'SERVER_STOPPING',
        message: 'the server is stopping; nothing was changed: send it again once reconnected',
      },
    });
    expect(stopped, 'the stop waits for the command it took').toBe(false);
    gate.open();
    expect(await third).toEqual({ ok: true, value: { roundId, stored: true } });
    await restarting;
    expect(stopped).toBe(true);
    const ballots = readDb(server.dbFile, (db) =>
      db.prepare('SELECT COUNT(*) AS n FROM ballots WHERE round_id = ?').get(roundId),
    );
    expect(ballots).toEqual({ n: 3 });
  });

  it('PR3 once stopped no timer re-arms: not the round timer, the release tick or a view update, even from a command drained during the stop', async () => {
    const gate = gatedStore();
    server = await startServer({ wrapStore: gate.wrap });
    const { facilitator, phones } = await setUpWorkshop(server.url, 3);
    const roundId = await openPainRound(facilitator);
    await facilitator.ok('round:timer', { commandId: newCommandId(), roundId, seconds: 60 });
    // A pain point waits for its release tick (AN13).
    await phones[0]!.client.ok('painpoint:submit', { commandId: newCommandId(), roundId, text: 'Te veel mails' });
    const running = server.server;
    expect(running.armed(), 'the round timer and the release tick').toBeGreaterThanOrEqual(2);

    // The facilitator moves the timer as the server stops: the command is drained after the timers stopped,
    // and its commit would schedule the round's new deadline and a view update.
    const held = gate.hold();
    const moved = facilitator.send('round:timer', { commandId: newCommandId(), roundId, seconds: 120 });
    await held;
    const restarting = server.restart();
    await stoppingNotice([facilitator, ...phones.map((p) => p.client)]);
    expect(running.armed()).toBe(0);
    gate.open();
    expect(await moved).toMatchObject({ ok: true });
    await restarting;
    expect(running.armed()).toBe(0);
  });
});
