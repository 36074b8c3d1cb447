import { describe, expect, it } from 'vitest';
import {
  createRound,
  newCommandId,
  openPainRound,
  openRound,
  pushConsoleView,
  readDb,
  resultsOnConsole,
  setUpWorkshop,
  single,
  voteFor,
  type TestServer,
  signedInClient,
  serverPerFile,
} from './helpers.ts';

let server: TestServer;
serverPerFile((started) => (server = started));

const commandRows = (commandId: string) =>
  readDb(server.dbFile, (db) => db.prepare('SELECT scope, result FROM commands WHERE command_id = ?').all(commandId));

describe('VO4 retried commands', () => {
  it('VO4 the same vote:cast sent 3 times (same commandId) counts once and answers the identical ack', async () => {
    const { sessionId, facilitator, phones } = await setUpWorkshop(server.url, 3);
    const roundId = await openRound(facilitator);
    const [p1, p2, p3] = phones.map((p) => p.client);
    const commandId = newCommandId();
    const request = { commandId, roundId, ballot: single('o2') };
    // Three copies in flight at once, as a phone on a flaky network would send them: received (AN13).
    const acks = await Promise.all([
      p1!.send('vote:cast', request),
      p1!.send('vote:cast', request),
      p1!.send('vote:cast', request),
    ]);
    const received = { ok: true, value: { roundId, stored: false } };
    expect(acks).toEqual([received, received, received]);
    // And once more, later, while it waits; then two other phones make a batch of three.
    expect(await p1!.send('vote:cast', request)).toEqual(received);
    expect(await p2!.send('vote:cast', voteFor(roundId, single('o3')))).toEqual(received);
    expect(await p3!.send('vote:cast', voteFor(roundId, single('o3')))).toEqual({
      ok: true,
      value: { roundId, stored: true },
    });
    // Stored now: the retry answers the stored ack.
    expect(await p1!.send('vote:cast', request)).toEqual({ ok: true, value: { roundId, stored: true } });

    await resultsOnConsole(facilitator, roundId, (r) => r.respondents === 3);
    expect(facilitator.latest('facilitator:view')?.rounds[0]?.results?.perPerson).toEqual({
      values: { o1: 0, o2: 1, o3: 2 },
      matrix: null,
    });
    // AN11: recorded once, under a key made from the phone's token, never under the id the phone sent.
    expect(commandRows(commandId)).toEqual([]);
    const recorded = readDb(server.dbFile, (db) =>
      db.prepare("SELECT scope, command_id FROM commands WHERE command_id LIKE 'p.%'").all(),
    ) as { scope: string; command_id: string }[];
    expect(recorded).toHaveLength(3);
    expect(recorded.every((r) => r.scope === sessionId && !r.command_id.includes(commandId))).toBe(true);
    expect(
      readDb(server.dbFile, (db) => db.prepare('SELECT COUNT(*) AS n FROM ballots WHERE round_id = ?').get(roundId)),
    ).toEqual({ n: 3 });
  });

  it('VO4 a stale retry of an earlier vote after a changed vote does not revert it', async () => {
    const { sessionId, facilitator, phones } = await setUpWorkshop(server.url, 1);
    const roundId = await openRound(facilitator);
    const phone = phones[0]!;
    const first = voteFor(roundId, single('o1'));
    const second = voteFor(roundId, single('o3'));
    const firstAck = await phone.client.send('vote:cast', first);
    expect(firstAck).toEqual({ ok: true, value: { roundId, stored: false } });
    expect(await phone.client.send('vote:cast', second)).toEqual({ ok: true, value: { roundId, stored: false } });
    // The first vote's ack was "lost"; the phone retries it after the change.
    expect(await phone.client.send('vote:cast', first)).toEqual(firstAck);

    expect(await phone.client.send('participant:resume', { sessionId, token: phone.token })).toMatchObject({
      ok: true,
      value: { self: { ballot: single('o3') } },
    });
    // The close counts the one ballot that waited: the change, not the stale retry.
    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    const kept = await resultsOnConsole(facilitator, roundId, (r) => r.status === 'closed');
    expect(kept?.perPerson.values).toEqual({ o1: 0, o2: 0, o3: 1 });

    // After the round closes, a retry still answers from the command log rather than ROUND_NOT_OPEN.
    expect(await phone.client.send('vote:cast', second)).toEqual({ ok: true, value: { roundId, stored: true } });
    expect(await phone.client.send('vote:cast', { ...second, commandId: newCommandId() })).toMatchObject({
      ok: false,
      error: { code: 'ROUND_NOT_OPEN' },
    });
  });

  it('VO4 a refused command is not logged: the same commandId succeeds once the round is open', async () => {
    const { facilitator, phones } = await setUpWorkshop(server.url, 1);
    const roundId = await createRound(facilitator, { question: 'Q', options: ['A', 'B'] });
    const vote = voteFor(roundId, single('o2'));
    expect(await phones[0]!.client.send('vote:cast', vote)).toMatchObject({
      ok: false,
      error: { code: 'ROUND_NOT_OPEN' },
    });
    expect(commandRows(vote.commandId)).toEqual([]);
    await facilitator.ok('round:open', { commandId: newCommandId(), roundId });
    expect(await phones[0]!.client.send('vote:cast', vote)).toEqual({ ok: true, value: { roundId, stored: false } });
    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    expect(await resultsOnConsole(facilitator, roundId, (r) => r.status === 'closed')).toMatchObject({
      respondents: 1,
      paper: 0,
      perPerson: { values: { o1: 0, o2: 1 }, matrix: null },
    });
  });

  it('AN15 a command id another participant used is a command of its own: never the other’s stored ack', async () => {
    const { facilitator, phones } = await setUpWorkshop(server.url, 2);
    const roundId = await openPainRound(facilitator);
    const [author, copier] = phones.map((p) => p.client);
    const commandId = newCommandId();
    const mine = await author!.ok('painpoint:submit', { commandId, roundId, text: 'Te weinig tijd', themeId: null });
    // A script replays the author's command id (seen on a shared screen, a log, a guess): it gets an entry
    // of its own, not the author's pointId.
    const theirs = await copier!.ok('painpoint:submit', { commandId, roundId, text: 'Iets anders', themeId: null });
    expect(theirs.pointId).not.toBe(mine.pointId);
    // And the author's own retry still answers its own ack.
    expect(await author!.ok('painpoint:submit', { commandId, roundId, text: 'Te weinig tijd', themeId: null })).toEqual(
      mine,
    );
  });

  it('VO4 a retried round:create or round:open takes effect once', async () => {
    const { facilitator } = await setUpWorkshop(server.url, 0);
    const create = {
      commandId: newCommandId(),
      question: 'Q',
      options: ['A', 'B'],
      config: { kind: 'dot-voting' as const, budget: 3, maxPerOption: 2 },
    };
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

  it('VO4 retried round:timer, round:lock, round:reveal and round:rerun take effect once', async () => {
    const workshop = await setUpWorkshop(server.url, 1);
    const { facilitator, phones } = workshop;
    const roundId = await openRound(facilitator);
    // A timer retried later keeps its first deadline: the retry answers from the log, it does not restart.
    const timer = { commandId: newCommandId(), roundId, seconds: 600 };
    await facilitator.ok('round:timer', timer);
    const closesAt = () =>
      readDb(server.dbFile, (db) => db.prepare('SELECT closes_at FROM rounds WHERE id = ?').get(roundId));
    const deadline = closesAt();
    expect(deadline).toEqual({ closes_at: expect.any(Number) });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await facilitator.send('round:timer', timer)).toEqual({ ok: true, value: {} });
    expect(closesAt()).toEqual(deadline);

    // Lock, unlock, then the first lock retried: it must not lock the round again.
    const lock = { commandId: newCommandId(), roundId, locked: true };
    await facilitator.ok('round:lock', lock);
    await facilitator.ok('round:lock', { commandId: newCommandId(), roundId, locked: false });
    expect(await facilitator.send('round:lock', lock)).toEqual({ ok: true, value: {} });
    expect(await phones[0]!.client.send('vote:cast', voteFor(roundId, single('o1')))).toEqual({
      ok: true,
      value: { roundId, stored: false },
    });

    // Reveal, hide, then the reveal retried: still hidden.
    const reveal = { commandId: newCommandId(), roundId, revealed: true };
    await facilitator.ok('round:reveal', reveal);
    await facilitator.ok('round:reveal', { commandId: newCommandId(), roundId, revealed: false });
    expect(await facilitator.send('round:reveal', reveal)).toEqual({ ok: true, value: {} });

    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    const rerun = { commandId: newCommandId(), roundId };
    const copy = await facilitator.send('round:rerun', rerun);
    expect(await facilitator.send('round:rerun', rerun)).toEqual(copy);
    if (!copy.ok) throw new Error(copy.error.code);

    const view = await facilitator.waitFor('facilitator:view', (v) => v.rounds.length === 2);
    // Nothing more came of the retries: up to a view pushed by a later change, every view shows these rounds.
    const later = await pushConsoleView(server.url, workshop);
    const views = facilitator.received['facilitator:view'];
    for (const v of views.slice(views.indexOf(view), views.indexOf(later) + 1)) expect(v.rounds).toEqual(view.rounds);
    expect(view.rounds.map((r) => [r.id, r.status, r.locked, r.revealed, r.rerunOf])).toEqual([
      [roundId, 'closed', false, false, null],
      [copy.value.roundId, 'draft', false, false, roundId],
    ]);
    expect(view.rounds[0]?.respondents).toBe(1);
  });

  it('VO4 a retried session:create answers the same session and creates one', async () => {
    const client = await signedInClient(server.url);
    const request = { commandId: newCommandId(), title: 'Once', zones: ['A'] };
    const first = await client.send('session:create', request);
    expect(first.ok).toBe(true);
    const again = await (await signedInClient(server.url)).send('session:create', request);
    expect(again).toEqual(first);
    // The title is compared once read (on PostgreSQL it is stored sealed: LC7).
    const titles = readDb(server.dbFile, (db) => db.prepare('SELECT title FROM sessions').pluck().all());
    expect(titles.filter((title) => title === 'Once')).toHaveLength(1);
  });
});
