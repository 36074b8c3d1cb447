import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAllClients,
  connect,
  newCommandId,
  newToken,
  openRound,
  readDb,
  setUpWorkshop,
  startServer,
  type TestServer,
} from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

const commandRows = (commandId: string) =>
  readDb(server.dbFile, (db) => db.prepare('SELECT scope, result FROM commands WHERE command_id = ?').all(commandId));

describe('VO4 retried commands', () => {
  it('VO4 the same vote:cast sent 3 times (same commandId) counts once and answers the identical ack', async () => {
    const { sessionId, facilitator, phones } = await setUpWorkshop(server.url, 2);
    const roundId = await openRound(facilitator);
    const [p1, p2] = phones.map((p) => p.client);
    const commandId = newCommandId();
    const request = { commandId, roundId, optionId: 'o2' };
    // Three copies in flight at once, as a phone on a flaky network would send them.
    const acks = await Promise.all([
      p1!.send('vote:cast', request),
      p1!.send('vote:cast', request),
      p1!.send('vote:cast', request),
    ]);
    expect(acks).toEqual([
      { ok: true, value: { roundId } },
      { ok: true, value: { roundId } },
      { ok: true, value: { roundId } },
    ]);
    // And once more, later.
    expect(await p1!.send('vote:cast', request)).toEqual({ ok: true, value: { roundId } });
    expect(await p2!.send('vote:cast', { commandId: newCommandId(), roundId, optionId: 'o3' })).toEqual({
      ok: true,
      value: { roundId },
    });

    await facilitator.waitFor('facilitator:view', (v) => v.rounds[0]?.tally.ballots === 2);
    expect(facilitator.latest('facilitator:view')?.rounds[0]?.tally).toEqual({
      ballots: 2,
      counts: { o1: 0, o2: 1, o3: 1 },
    });
    expect(commandRows(commandId)).toEqual([
      { scope: sessionId, result: JSON.stringify({ ok: true, value: { roundId } }) },
    ]);
    expect(
      readDb(server.dbFile, (db) => db.prepare('SELECT COUNT(*) AS n FROM ballots WHERE round_id = ?').get(roundId)),
    ).toEqual({ n: 2 });
  });

  it('VO4 a stale retry of an earlier vote after a changed vote does not revert it', async () => {
    const { sessionId, facilitator, phones } = await setUpWorkshop(server.url, 1);
    const roundId = await openRound(facilitator);
    const phone = phones[0]!;
    const first = { commandId: newCommandId(), roundId, optionId: 'o1' };
    const second = { commandId: newCommandId(), roundId, optionId: 'o3' };
    const firstAck = await phone.client.send('vote:cast', first);
    expect(firstAck).toEqual({ ok: true, value: { roundId } });
    expect(await phone.client.send('vote:cast', second)).toEqual({ ok: true, value: { roundId } });
    // The first vote's ack was "lost"; the phone retries it after the change.
    expect(await phone.client.send('vote:cast', first)).toEqual(firstAck);

    expect(await phone.client.send('participant:resume', { sessionId, token: phone.token })).toMatchObject({
      ok: true,
      value: { self: { choice: 'o3' } },
    });
    await facilitator.waitFor(
      'facilitator:view',
      (v) => v.rounds[0]?.tally.ballots === 1 && v.rounds[0].tally.counts.o3 === 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 60)); // past the broadcast window: nothing else arrives
    expect(facilitator.latest('facilitator:view')?.rounds[0]?.tally).toEqual({
      ballots: 1,
      counts: { o1: 0, o2: 0, o3: 1 },
    });

    // After the round closes, a retry still answers from the command log rather than ROUND_NOT_OPEN.
    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    expect(await phone.client.send('vote:cast', second)).toEqual({ ok: true, value: { roundId } });
    expect(await phone.client.send('vote:cast', { ...second, commandId: newCommandId() })).toMatchObject({
      ok: false,
      error: { code: 'ROUND_NOT_OPEN' },
    });
  });

  it('VO4 a refused command is not logged: the same commandId succeeds once the round is open', async () => {
    const { facilitator, phones } = await setUpWorkshop(server.url, 1);
    const { roundId } = await facilitator.ok('round:create', {
      commandId: newCommandId(),
      kind: 'single-choice',
      question: 'Q',
      options: ['A', 'B'],
    });
    const vote = { commandId: newCommandId(), roundId, optionId: 'o2' };
    expect(await phones[0]!.client.send('vote:cast', vote)).toMatchObject({
      ok: false,
      error: { code: 'ROUND_NOT_OPEN' },
    });
    expect(commandRows(vote.commandId)).toEqual([]);
    await facilitator.ok('round:open', { commandId: newCommandId(), roundId });
    expect(await phones[0]!.client.send('vote:cast', vote)).toEqual({ ok: true, value: { roundId } });
    await facilitator.waitFor('facilitator:view', (v) => v.rounds[0]?.tally.ballots === 1);
    expect(facilitator.latest('facilitator:view')?.rounds[0]?.tally).toEqual({ ballots: 1, counts: { o1: 0, o2: 1 } });
  });

  it('VO4 a retried round:create or round:open takes effect once', async () => {
    const { facilitator } = await setUpWorkshop(server.url, 0);
    const create = { commandId: newCommandId(), kind: 'single-choice' as const, question: 'Q', options: ['A', 'B'] };
    const a = await facilitator.send('round:create', create);
    const b = await facilitator.send('round:create', create);
    expect(b).toEqual(a);
    if (!a.ok) throw new Error(a.error.code);
    const open = { commandId: newCommandId(), roundId: a.value.roundId };
    expect(await facilitator.send('round:open', open)).toEqual({ ok: true, value: {} });
    // Without the log this would be ROUND_STATE (an open round cannot be opened).
    expect(await facilitator.send('round:open', open)).toEqual({ ok: true, value: {} });
    await facilitator.waitFor('facilitator:view', (v) => v.currentRoundId === a.value.roundId);
    expect(facilitator.latest('facilitator:view')?.rounds.map((r) => [r.id, r.status])).toEqual([
      [a.value.roundId, 'open'],
    ]);
  });

  it('VO4 a retried session:create answers the same session and creates one', async () => {
    const client = await connect(server.url);
    const request = { commandId: newCommandId(), facilitatorToken: newToken(), title: 'Once', zones: ['A'] };
    const first = await client.send('session:create', request);
    const again = await (await connect(server.url)).send('session:create', request);
    expect(again).toEqual(first);
    expect(
      readDb(server.dbFile, (db) => db.prepare(`SELECT COUNT(*) AS n FROM sessions WHERE title = 'Once'`).get()),
    ).toEqual({ n: 1 });
  });
});
