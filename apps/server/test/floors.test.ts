/**
 * Floors the facilitator cannot lower (core SPEC AN20-AN24) over real sockets: refused settings come back
 * with their typed error and change nothing on disk; paper ballots typed on the console never lift a
 * zone over k.
 */
import { describe, expect, it } from 'vitest';
import type { Ack, ErrorCode, SessionSettings } from '@vrijuit/protocol';
import {
  connect,
  dumpDb,
  newCommandId,
  newToken,
  openRound,
  resultsOnConsole,
  seatsByZone,
  setUpWorkshop,
  signedInClient,
  single,
  voteFor,
  type TestServer,
  serverPerFile,
} from './helpers.ts';
import { writeStoreSync } from './test-store.ts';

let server: TestServer;
serverPerFile((started) => (server = started));

const update = (settings: Partial<SessionSettings>) => ({ commandId: newCommandId(), settings });

/** A command that must be refused with `code` (and a message) and leave every row of the database as it was. */
async function refusedUnchanged(code: ErrorCode, sending: () => Promise<Ack<unknown>>): Promise<void> {
  const before = dumpDb(server.dbFile);
  const ack = await sending();
  expect(ack).toMatchObject({ ok: false, error: { code } });
  if (!ack.ok) expect(ack.error.message).not.toBe('');
  expect(dumpDb(server.dbFile), `${code} changed nothing`).toEqual(before);
}

describe('AN20 AN21 floors over the wire', () => {
  it('AN20 AN21 session:create below a floor is refused with BELOW_FLOOR; at the floors it is made', async () => {
    const { cookie } = await setUpWorkshop(server.url, 0);
    const facilitator = await signedInClient(server.url, cookie);
    const create = (settings: Partial<SessionSettings>) => ({
      commandId: newCommandId(),
      title: 'Te laag',
      zones: ['Noord'],
      ...settings,
    });
    for (const low of [{ anonymityThreshold: 2 }, { releaseMinEntries: 1 }, { releaseEverySeconds: 9 }]) {
      await refusedUnchanged('BELOW_FLOOR', () => facilitator.send('session:create', create(low)));
    }
    // Another fault next to a floor is a plain BAD_REQUEST (the floor is not the only thing wrong).
    expect(await facilitator.send('session:create', { ...create({ anonymityThreshold: 2 }), zones: [] })).toMatchObject(
      {
        ok: false,
        error: { code: 'BAD_REQUEST' },
      },
    );
    const made = await facilitator.send(
      'session:create',
      create({ anonymityThreshold: 3, releaseMinEntries: 3, releaseEverySeconds: 10 }),
    );
    expect(made).toMatchObject({ ok: true });
  });

  it('AN20 AN21 session:update below a floor is refused with BELOW_FLOOR and names the field', async () => {
    const { facilitator } = await setUpWorkshop(server.url, 0);
    for (const low of [{ anonymityThreshold: 1 }, { releaseMinEntries: 2 }, { releaseEverySeconds: 5 }]) {
      await refusedUnchanged('BELOW_FLOOR', () => facilitator.send('session:update', update(low)));
    }
    const ack = await facilitator.send('session:update', update({ anonymityThreshold: 2 }));
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'BELOW_FLOOR', issues: [{ path: 'settings.anonymityThreshold' }] },
    });
  });
});

describe('AN22 only up once someone joined', () => {
  it('AN22 before the first join the facilitator moves the protections freely; after it only up (PROTECTION_LOWERED)', async () => {
    const w = await setUpWorkshop(server.url, 0, 'Retro', { anonymityThreshold: 5 });
    const { facilitator, sessionId } = w;
    // Nobody here yet: down to the floors and back up.
    await facilitator.ok(
      'session:update',
      update({ anonymityThreshold: 3, releaseMinEntries: 3, releaseEverySeconds: 10 }),
    );
    await facilitator.ok(
      'session:update',
      update({ anonymityThreshold: 4, releaseMinEntries: 4, releaseEverySeconds: 20 }),
    );

    const phone = await connect(server.url);
    await phone.ok('participant:join', { joinCode: w.joinCode, token: newToken(), zoneId: 'z1', name: 'P1' });

    for (const lower of [{ anonymityThreshold: 3 }, { releaseMinEntries: 3 }, { releaseEverySeconds: 19 }]) {
      await refusedUnchanged('PROTECTION_LOWERED', () => facilitator.send('session:update', update(lower)));
    }
    // Up still works, and so does everything else.
    await facilitator.ok('session:update', {
      ...update({ anonymityThreshold: 6, releaseEverySeconds: 30 }),
      title: 'Retro 2',
    });
    const view = await facilitator.ok('facilitator:attach', { sessionId });
    expect(view.session.settings).toMatchObject({
      anonymityThreshold: 6,
      releaseMinEntries: 4,
      releaseEverySeconds: 30,
    });
    expect(view.session.title).toBe('Retro 2');
  });
});

describe('AN23 paper ballots never lift a zone over k', () => {
  it('AN23 PA1 at k 3 a zone of 1 phone voter and 2 paper ballots typed on the console is suppressed; the paper still counts in the total', async () => {
    // z1: one phone; z2: three phones.
    const w = await setUpWorkshop(server.url, 4, 'Retro', { anonymityThreshold: 3, seats: seatsByZone(1, 3) });
    const roundId = await openRound(w.facilitator);
    for (const phone of w.phones) await phone.client.ok('vote:cast', voteFor(roundId, single('o1')));
    for (const optionId of ['o2', 'o2']) {
      await w.facilitator.ok('paper:vote', {
        commandId: newCommandId(),
        roundId,
        zoneId: 'z1',
        municipalityId: null,
        ballot: single(optionId),
      });
    }
    await w.facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    const kept = await resultsOnConsole(w.facilitator, roundId, (r) => r.status === 'closed');
    expect(kept).toMatchObject({ respondents: 6, paper: 2, perPerson: { values: { o1: 4, o2: 2, o3: 0 } } });
    // z1 has three respondents but one phone voter: hidden. Its hidden part would be that voter plus forms
    // the facilitator knows, so z2 hides as its complement; z3 had nobody.
    expect(kept?.breakdown?.zones).toEqual([
      { id: 'z1', suppressed: true },
      { id: 'z2', suppressed: true },
      { id: 'z3', suppressed: false, respondents: 0, result: { values: { o1: 0, o2: 0, o3: 0 }, matrix: null } },
    ]);
  });
});

describe('AN24 sessions stored before the floors', () => {
  it('AN24 a session stored with k 1, a batch of 1 and a 1 s tick is read at the floors, and its results hold k 3', async () => {
    const w = await setUpWorkshop(server.url, 4, 'Oud', { seats: seatsByZone(1, 3) });
    const old = { anonymityThreshold: 1, weighted: false, releaseEverySeconds: 1, releaseMinEntries: 1 };
    await server.restart(0, () => {
      writeStoreSync(
        server.dbFile,
        `UPDATE sessions SET settings = '${JSON.stringify(old)}' WHERE id = '${w.sessionId}'`,
      );
    });
    const facilitator = await signedInClient(server.url, w.cookie);
    const view = await facilitator.ok('facilitator:attach', { sessionId: w.sessionId });
    expect(view.session.settings).toEqual({
      anonymityThreshold: 3,
      weighted: false,
      releaseEverySeconds: 10,
      releaseMinEntries: 3,
    });
    // Lowering back is still refused: below the floor, and people have joined.
    expect(await facilitator.send('session:update', update({ anonymityThreshold: 1 }))).toMatchObject({
      error: { code: 'BELOW_FLOOR' },
    });

    const roundId = await openRound(facilitator);
    for (const phone of w.phones) {
      const client = await connect(server.url);
      await client.ok('participant:resume', { sessionId: w.sessionId, token: phone.token });
      await client.ok('vote:cast', voteFor(roundId, single('o1')));
    }
    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    const kept = await resultsOnConsole(facilitator, roundId, (r) => r.status === 'closed');
    // z1 holds one voter: at k 1 it would show; at the floor it hides, and z2 with it.
    expect(kept?.breakdown?.zones.map((z) => z.suppressed)).toEqual([true, true, false]);
  });
});
