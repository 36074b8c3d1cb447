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
    const { facilitator, phones } = await setUpWorkshop(server.url, 2);
    const roundId = await openRound(facilitator);
    await phones[0]!.client.ok('vote:cast', voteFor(roundId, single('o1')));
    // The facilitator locks the round for phones to type the forms: paper still goes in.
    await facilitator.ok('round:lock', { commandId: newCommandId(), roundId, locked: true });
    const retried = paperVote(roundId, 'z2', 'o2');
    const acks = await Promise.all([1, 2, 3].map(() => facilitator.send('paper:vote', retried)));
    for (const ack of acks) expect(ack).toEqual({ ok: true, value: { roundId } });
    await facilitator.ok('paper:vote', paperVote(roundId, 'z1', 'o2'));
    const live = await resultsOnConsole(facilitator, roundId, (r) => r.respondents === 3);
    expect(live).toMatchObject({ respondents: 3, paper: 2, perPerson: { values: { o1: 1, o2: 2, o3: 0 } } });
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
      { paper: 0, n: 1 },
      { paper: 1, n: 2 },
    ]);

    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    const kept = await resultsOnConsole(facilitator, roundId, (r) => r.status === 'closed');
    expect(kept).toMatchObject({ respondents: 3, paper: 2 });
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
    const w = await setUpWorkshop(server.url, 2, 'Knelpunten', { releaseEverySeconds: 10, releaseMinEntries: 3 });
    const projector = await attachProjector(server.url, w);
    const roundId = await openPainRound(w.facilitator, { reveal: 'live', perParticipant: 1 });
    await w.phones[0]!.client.ok('painpoint:submit', { commandId: newCommandId(), roundId, text: 'Te veel mails' });
    const retried = { commandId: newCommandId(), roundId, text: 'Geen bus naar de vergadering', themeId: null };
    for (let i = 0; i < 2; i++)
      expect(await w.facilitator.send('paper:painpoint', retried)).toEqual({ ok: true, value: { roundId } });
    await w.facilitator.ok('paper:painpoint', { commandId: newCommandId(), roundId, text: 'Te laat begonnen' });
    expect(await w.phones[1]!.client.send('paper:painpoint', retried)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    // Three entries (one phone, two paper) go out together at the next tick.
    const released = await w.facilitator.waitFor(
      'facilitator:view',
      (v) => (v.rounds.find((r) => r.id === roundId)?.wall?.points.length ?? 0) === 3,
      5000,
    );
    expect(released.rounds.find((r) => r.id === roundId)?.wall?.paper).toBe(2);
    const roomWall = await projector.waitFor('projector:view', (v) => v.round?.wall?.points.length === 3, 3000);
    expect(roomWall.round?.wall?.paper).toBeNull();
    // A paper entry counted against no phone's limit: phone 2 may still add its one.
    await w.phones[1]!.client.ok('painpoint:submit', { commandId: newCommandId(), roundId, text: 'Koude koffie' });

    await w.facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    const closed = await projector.waitFor('projector:view', (v) => v.round?.status === 'closed', 3000);
    expect(closed.round?.wall).toMatchObject({ paper: 2 });
    expect(closed.round?.wall?.points).toHaveLength(4);
    // On disk: a count on the round, and pain-point rows with no column that could mark one.
    const dump = dumpDb(server.dbFile);
    const rows = readDb(server.dbFile, (db) =>
      db.prepare('SELECT * FROM pain_points WHERE round_id = ? ORDER BY id').all(roundId),
    ) as Record<string, unknown>[];
    expect(rows).toHaveLength(4);
    for (const row of rows)
      expect(Object.keys(row).sort()).toEqual([
        'hidden',
        'id',
        'merged_into',
        'round_id',
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
