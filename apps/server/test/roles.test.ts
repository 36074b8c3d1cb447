import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAllClients,
  connect,
  dumpDb,
  newCommandId,
  newToken,
  openRound,
  setUpWorkshop,
  startServer,
  type TestServer,
  type Workshop,
} from './helpers.ts';

let server: TestServer;
let workshop: Workshop;
let openRoundId: string;
let draftRoundId: string;

beforeAll(async () => {
  server = await startServer();
  workshop = await setUpWorkshop(server.url, 2);
  openRoundId = await openRound(workshop.facilitator);
  ({ roundId: draftRoundId } = await workshop.facilitator.ok('round:create', {
    commandId: newCommandId(),
    kind: 'single-choice',
    question: 'Later',
    options: ['A', 'B'],
  }));
});
afterEach(() => closeAllClients([workshop.facilitator, ...workshop.phones.map((p) => p.client)]));
afterAll(async () => {
  closeAllClients();
  await server.close();
});

const forbidden = (name: string, by = 'facilitator') => ({
  ok: false,
  error: { code: 'FORBIDDEN', message: `only a ${by} may send ${name}` },
});
const notJoined = { ok: false, error: { code: 'NOT_JOINED', message: 'join or attach to a session first' } };

/** The rounds as the facilitator sees them: [id, status] in agenda order. */
async function rounds(): Promise<[string, string][]> {
  const view = await workshop.facilitator.ok('facilitator:attach', {
    sessionId: workshop.sessionId,
    token: workshop.facilitatorToken,
  });
  return view.rounds.map((r) => [r.id, r.status]);
}

describe('S3 roles', () => {
  it('S3 a participant sending round:create, round:open or round:close gets FORBIDDEN and nothing changes', async () => {
    const before = dumpDb(server.dbFile);
    const phone = workshop.phones[0]!.client;
    expect(
      await phone.send('round:create', {
        commandId: newCommandId(),
        kind: 'single-choice',
        question: 'Q',
        options: ['A', 'B'],
      }),
    ).toEqual(forbidden('round:create'));
    expect(await phone.send('round:open', { commandId: newCommandId(), roundId: draftRoundId })).toEqual(
      forbidden('round:open'),
    );
    expect(await phone.send('round:close', { commandId: newCommandId(), roundId: openRoundId })).toEqual(
      forbidden('round:close'),
    );
    expect(dumpDb(server.dbFile)).toEqual(before);
    expect(await rounds()).toEqual([
      [openRoundId, 'open'],
      [draftRoundId, 'draft'],
    ]);
  });

  it('S3 a facilitator console cannot vote', async () => {
    expect(
      await workshop.facilitator.send('vote:cast', { commandId: newCommandId(), roundId: openRoundId, optionId: 'o1' }),
    ).toEqual(forbidden('vote:cast', 'participant'));
  });

  it('S3 an un-attached socket sending vote:cast, round:open, round:create or round:close gets NOT_JOINED', async () => {
    const before = dumpDb(server.dbFile);
    const stranger = await connect(server.url);
    expect(
      await stranger.send('vote:cast', { commandId: newCommandId(), roundId: openRoundId, optionId: 'o1' }),
    ).toEqual(notJoined);
    expect(await stranger.send('round:open', { commandId: newCommandId(), roundId: draftRoundId })).toEqual(notJoined);
    expect(await stranger.send('round:close', { commandId: newCommandId(), roundId: openRoundId })).toEqual(notJoined);
    expect(
      await stranger.send('round:create', {
        commandId: newCommandId(),
        kind: 'single-choice',
        question: 'Q',
        options: ['A', 'B'],
      }),
    ).toEqual(notJoined);
    expect(dumpDb(server.dbFile)).toEqual(before);
  });

  it('S3 facilitator:attach with a wrong token (or a participant’s) is FORBIDDEN and grants nothing', async () => {
    const stranger = await connect(server.url);
    const wrong = { ok: false, error: { code: 'FORBIDDEN', message: 'wrong facilitator token' } };
    expect(await stranger.send('facilitator:attach', { sessionId: workshop.sessionId, token: newToken() })).toEqual(
      wrong,
    );
    expect(
      await stranger.send('facilitator:attach', { sessionId: workshop.sessionId, token: workshop.phones[0]!.token }),
    ).toEqual(wrong);
    expect(
      await stranger.send('facilitator:attach', { sessionId: 'no-such-session-id', token: workshop.facilitatorToken }),
    ).toEqual({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND', message: 'no such session' },
    });
    expect(await stranger.send('round:open', { commandId: newCommandId(), roundId: draftRoundId })).toEqual(notJoined);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(stranger.received['facilitator:view']).toEqual([]);
  });

  it('S3 participant:resume with an unknown token (or the facilitator’s) is FORBIDDEN and grants nothing', async () => {
    const stranger = await connect(server.url);
    const unknown = { ok: false, error: { code: 'FORBIDDEN', message: 'unknown participant token' } };
    expect(await stranger.send('participant:resume', { sessionId: workshop.sessionId, token: newToken() })).toEqual(
      unknown,
    );
    expect(
      await stranger.send('participant:resume', { sessionId: workshop.sessionId, token: workshop.facilitatorToken }),
    ).toEqual(unknown);
    expect(await stranger.send('participant:resume', { sessionId: 'no-such-session-id', token: newToken() })).toEqual({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND', message: 'no such session' },
    });
    expect(
      await stranger.send('vote:cast', { commandId: newCommandId(), roundId: openRoundId, optionId: 'o1' }),
    ).toEqual(notJoined);
  });

  it('S3 VO4 a session:create retried with the same commandId but another facilitator token gets nothing', async () => {
    const owner = await connect(server.url);
    const request = { commandId: newCommandId(), facilitatorToken: newToken(), title: 'Mine', zones: ['A'] };
    const created = await owner.ok('session:create', request);
    const { roundId } = await owner.ok('round:create', {
      commandId: newCommandId(),
      kind: 'single-choice',
      question: 'Q',
      options: ['A', 'B'],
    });

    const thief = await connect(server.url);
    expect(await thief.send('session:create', { ...request, facilitatorToken: newToken() })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'wrong facilitator token' },
    });
    expect(await thief.send('round:open', { commandId: newCommandId(), roundId })).toEqual(notJoined);
    // The owner's own retry still answers the session.
    expect(await (await connect(server.url)).send('session:create', request)).toEqual({ ok: true, value: created });
  });

  it('S3 a console that resumes as a participant loses its facilitator role', async () => {
    const console2 = await connect(server.url);
    await console2.ok('facilitator:attach', { sessionId: workshop.sessionId, token: workshop.facilitatorToken });
    await console2.ok('participant:resume', { sessionId: workshop.sessionId, token: workshop.phones[1]!.token });
    expect(await console2.send('round:open', { commandId: newCommandId(), roundId: draftRoundId })).toEqual(
      forbidden('round:open'),
    );
    expect(await rounds()).toEqual([
      [openRoundId, 'open'],
      [draftRoundId, 'draft'],
    ]);
  });

  it('S3 another session’s facilitator and participants cannot touch this session’s rounds', async () => {
    const other = await setUpWorkshop(server.url, 1, 'Other');
    expect(await other.facilitator.send('round:close', { commandId: newCommandId(), roundId: openRoundId })).toEqual({
      ok: false,
      error: { code: 'ROUND_NOT_FOUND', message: 'unknown round' },
    });
    expect(await other.facilitator.send('round:open', { commandId: newCommandId(), roundId: draftRoundId })).toEqual({
      ok: false,
      error: { code: 'ROUND_NOT_FOUND', message: 'unknown round' },
    });
    expect(
      await other.phones[0]!.client.send('vote:cast', {
        commandId: newCommandId(),
        roundId: openRoundId,
        optionId: 'o1',
      }),
    ).toEqual({ ok: false, error: { code: 'ROUND_NOT_FOUND', message: 'unknown round' } });
    // A token of this session does not open the other one.
    expect(
      await other.facilitator.send('facilitator:attach', {
        sessionId: other.sessionId,
        token: workshop.facilitatorToken,
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await rounds()).toEqual([
      [openRoundId, 'open'],
      [draftRoundId, 'draft'],
    ]);
    const view = workshop.facilitator.latest('facilitator:view');
    expect(view?.rounds[0]?.tally).toEqual({ ballots: 0, counts: { o1: 0, o2: 0, o3: 0 } });
  });
});
