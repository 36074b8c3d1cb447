import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  attachProjector,
  closeAllClients,
  dumpDb,
  newCommandId,
  openPainRound,
  openRound,
  readDb,
  resultsOnConsole,
  setUpWorkshop,
  single,
  startServer,
  voteFor,
  type TestServer,
} from './helpers.ts';

/** Paper input over real sockets (core SPEC PA1-PA5). */

let server: TestServer;
beforeAll(async () => {
  // A 10 s release interval (the floor, AN21) ticks every second here.
  server = await startServer({ releaseSecondMs: 100 });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

const paperVote = (roundId: string, zoneId: string, optionId: string, commandId = newCommandId()) => ({
  commandId,
  roundId,
  zoneId,
  municipalityId: null,
  ballot: single(optionId),
});

describe('PA1 PA2 paper ballots', () => {
  it('PA1 PA2 VO4 paper ballots count with the phones on the console and after close; a retry counts once', async () => {
    const { sessionId, facilitator, phones } = await setUpWorkshop(server.url, 3);
    const roundId = await openRound(facilitator);
    await phones[0]!.client.ok('vote:cast', voteFor(roundId, single('o1')));
    // The facilitator locks the round for phones to type the forms: paper still goes in, received: it
    // waits for the phones' next batch and never counts toward its k (AN13).
    await facilitator.ok('round:lock', { commandId: newCommandId(), roundId, locked: true });
    const retried = paperVote(roundId, 'z2', 'o2');
    const acks = await Promise.all([1, 2, 3].map(() => facilitator.send('paper:vote', retried)));
    for (const ack of acks) expect(ack).toEqual({ ok: true, value: { roundId, stored: false } });
    await facilitator.ok('paper:vote', paperVote(roundId, 'z1', 'o2'));
    await facilitator.ok('round:lock', { commandId: newCommandId(), roundId, locked: false });
    // A fresh console view still counts nobody: one phone and two forms make no batch.
    const now = await facilitator.ok('facilitator:attach', { sessionId });
    expect(now.rounds[0]?.respondents).toBe(0);
    for (const phone of phones.slice(1)) await phone.client.ok('vote:cast', voteFor(roundId, single('o3')));
    const live = await resultsOnConsole(facilitator, roundId, (r) => r.respondents === 5);
    expect(live).toMatchObject({ respondents: 5, paper: 2, perPerson: { values: { o1: 1, o2: 2, o3: 2 } } });
    // The console that typed the forms hears they are stored.
    await facilitator.waitFor('inputs:stored', (e) => e.commandIds.includes(retried.commandId));
    // Refused like a phone's ballot, and never by a phone.
    expect(await facilitator.send('paper:vote', paperVote(roundId, 'z9', 'o1'))).toMatchObject({
      ok: false,
      error: { code: 'ZONE_NOT_FOUND' },
    });
    expect(await facilitator.send('paper:vote', paperVote(roundId, 'z1', 'o9'))).toMatchObject({
      ok: false,
      error: { code: 'OPTION_NOT_FOUND' },
    });
    expect(await phones[1]!.client.send('paper:vote', paperVote(roundId, 'z1', 'o1'))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const onDisk = readDb(server.dbFile, (db) =>
      db.prepare('SELECT paper, COUNT(*) AS n FROM ballots WHERE round_id = ? GROUP BY paper').all(roundId),
    );
    expect(onDisk).toEqual([
      { paper: 0, n: 3 },
      { paper: 1, n: 2 },
    ]);

    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    const kept = await resultsOnConsole(facilitator, roundId, (r) => r.status === 'closed');
    expect(kept).toMatchObject({ respondents: 5, paper: 2 });
    // AN1: the paper ballots went with the others; a closed round refuses paper.
    expect(readDb(server.dbFile, (db) => db.prepare('SELECT COUNT(*) AS n FROM ballots').get())).toEqual({ n: 0 });
    expect(await facilitator.send('paper:vote', paperVote(roundId, 'z1', 'o1'))).toMatchObject({
      ok: false,
      error: { code: 'ROUND_NOT_OPEN' },
    });
  });
});

describe('PA3 PA4 PA5 paper pain points', () => {
  it('PA3 PA4 PA5 AN7 paper entries go out in the phones’ batch; the room sees the count after close; no row is marked', async () => {
    const w = await setUpWorkshop(server.url, 4, 'Knelpunten', { releaseEverySeconds: 10, releaseMinEntries: 3 });
    const projector = await attachProjector(server.url, w);
    const roundId = await openPainRound(w.facilitator, { reveal: 'live', perParticipant: 1 });
    const retried = { commandId: newCommandId(), roundId, text: 'Geen bus naar de vergadering', themeId: null };
    for (let i = 0; i < 2; i++) {
      expect(await w.facilitator.send('paper:painpoint', retried)).toEqual({
        ok: true,
        value: { roundId, stored: false },
      });
    }
    await w.facilitator.ok('paper:painpoint', { commandId: newCommandId(), roundId, text: 'Te laat begonnen' });
    expect(await w.phones[1]!.client.send('paper:painpoint', retried)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    // Paper counts toward no batch's k (AN13): three phones' entries make the batch, the paper ones ride along.
    for (const [i, text] of ['Te veel mails', 'Te weinig tijd', 'Niemand luistert'].entries()) {
      await w.phones[i]!.client.ok('painpoint:submit', { commandId: newCommandId(), roundId, text });
    }
    const released = await w.facilitator.waitFor(
      'facilitator:view',
      (v) => (v.rounds.find((r) => r.id === roundId)?.wall?.points.length ?? 0) === 5,
      5000,
    );
    expect(released.rounds.find((r) => r.id === roundId)?.wall?.paper).toBe(2);
    const roomWall = await projector.waitFor('projector:view', (v) => v.round?.wall?.points.length === 5, 3000);
    expect(roomWall.round?.wall?.paper).toBeNull();
    // A paper entry counted against no phone's limit: phone 4 may still add its one.
    await w.phones[3]!.client.ok('painpoint:submit', { commandId: newCommandId(), roundId, text: 'Koude koffie' });

    await w.facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    const closed = await projector.waitFor('projector:view', (v) => v.round?.status === 'closed', 3000);
    expect(closed.round?.wall).toMatchObject({ paper: 2 });
    expect(closed.round?.wall?.points).toHaveLength(6);
    // On disk: a count on the round, and pain-point rows with no column that could mark one (the closed
    // round's entries, numbered in id order at the close, AN17).
    const dump = dumpDb(server.dbFile);
    const rows = readDb(server.dbFile, (db) =>
      db.prepare('SELECT * FROM closed_pain_points WHERE round_id = ? ORDER BY id').all(roundId),
    ) as Record<string, unknown>[];
    expect(rows).toHaveLength(6);
    for (const row of rows)
      expect(Object.keys(row).sort()).toEqual([
        'answered',
        'hidden',
        'id',
        'merged_into',
        'round_id',
        'seq',
        'session_id',
        'stage',
        'support',
        'text',
        'theme_id',
      ]);
    expect(
      readDb(server.dbFile, (db) => db.prepare('SELECT paper_points FROM rounds WHERE id = ?').get(roundId)),
    ).toEqual({
      paper_points: 2,
    });
    expect(dump.pain_point_inbox ?? []).toEqual([]);
  });
});
