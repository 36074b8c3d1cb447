import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commandNames, commands, type CommandName, type CommandRequest } from '@vrijuit/protocol';
import {
  attachProjector,
  closeAllClients,
  connect,
  createRound,
  dumpDb,
  newCommandId,
  newToken,
  openRound,
  OTHER_FACILITATOR,
  pushConsoleView,
  setUpWorkshop,
  signedInClient,
  signIn,
  single,
  startServer,
  voteFor,
  type TestClient,
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
  draftRoundId = await createRound(workshop.facilitator, { question: 'Later', options: ['A', 'B'] });
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

const facilitatorCommands = commandNames.filter((n) => commands[n].by === 'facilitator');

/** A valid request for every command a facilitator (or a participant) sends, aimed at this session's rounds. */
function roleRequests(): { [N in CommandName]?: CommandRequest<N> } {
  const commandId = newCommandId();
  return {
    'session:update': { commandId, title: 'Anders' },
    'round:update': { commandId, roundId: draftRoundId, question: 'Q', options: ['A', 'B'] },
    'round:move': { commandId, roundId: draftRoundId, position: 0 },
    'round:duplicate': { commandId, roundId: draftRoundId },
    'round:delete': { commandId, roundId: draftRoundId },
    'round:create': { commandId, question: 'Q', options: ['A', 'B'], config: { kind: 'ranking' } },
    'round:open': { commandId, roundId: draftRoundId },
    'round:timer': { commandId, roundId: openRoundId, seconds: 1 },
    'round:lock': { commandId, roundId: openRoundId, locked: true },
    'round:reveal': { commandId, roundId: openRoundId, revealed: true },
    'round:rerun': { commandId, roundId: openRoundId },
    'round:close': { commandId, roundId: openRoundId },
    'session:next': { commandId },
    'round:show': { commandId, roundId: openRoundId },
    'vote:cast': voteFor(openRoundId, single('o1')),
    'painpoint:submit': { commandId, roundId: openRoundId, text: 'Niemand luistert' },
    'painpoint:support': { commandId, roundId: openRoundId, pointId: POINT, supported: true },
    'painpoint:hide': { commandId, roundId: openRoundId, pointId: POINT, reason: 'facilitator' },
    'question:answer': { commandId, roundId: openRoundId, pointId: POINT, answered: true },
    'painpoint:approve': { commandId, roundId: openRoundId, pointIds: [POINT] },
    'painpoint:merge': { commandId, roundId: openRoundId, pointId: POINT, intoId: POINT },
    'painpoint:theme': { commandId, roundId: openRoundId, pointId: POINT, themeId: null },
    'painpoint:add-theme': { commandId, roundId: openRoundId, label: 'Thema' },
    'painpoint:accept-suggestion': { commandId, roundId: openRoundId, theme: { themeId: 'o1' }, pointIds: [POINT] },
    'painpoint:suggest-themes': { roundId: openRoundId },
    'text:save-version': { commandId, roundId: openRoundId, zoneId: null, label: 'Versie' },
    'text:gather-drafts': { commandId, roundId: openRoundId },
    'text:get-version': { roundId: openRoundId, versionId: POINT },
    'session:results-page': { commandId, days: 30, note: 'We nemen het mee.' },
    'text:ticket': { docName: `${openRoundId}-plenary` },
    'session:status': { commandId, status: 'closed' },
    'paper:vote': { commandId, roundId: openRoundId, zoneId: 'z1', ballot: single('o1') },
    'paper:painpoint': { commandId, roundId: openRoundId, text: 'Geen bus' },
    'door:set': { commandId, closed: true },
    'door:admit': { commandId, zoneId: null },
    'door:turn-away': { commandId, zoneId: null },
  };
}

const POINT = 'pointpointpoint1';
const participantCommands = commandNames.filter((n) => commands[n].by === 'participant');

/** Sends every facilitator command from `client`; each answer goes through `expectAnswer`. */
async function sendEveryFacilitatorCommand(client: TestClient, expectAnswer: (name: string) => unknown) {
  const requests = roleRequests() as Record<string, unknown>;
  for (const [i, name] of facilitatorCommands.entries()) {
    expect(await client.sendRaw(name, requests[name]), name).toEqual(expectAnswer(name));
    // A well-behaved client stays under the rate limit (S2): there are more commands than one second allows.
    if (i % 15 === 14) await new Promise((resolve) => setTimeout(resolve, 1100));
  }
}

/** The rounds as the facilitator sees them: [id, status] in agenda order. */
async function rounds(): Promise<[string, string][]> {
  const view = await workshop.facilitator.ok('facilitator:attach', { sessionId: workshop.sessionId });
  return view.rounds.map((r) => [r.id, r.status]);
}

describe('S3 roles', () => {
  it('S3 a participant sending any facilitator command gets FORBIDDEN and nothing changes', async () => {
    expect(facilitatorCommands).toEqual([
      'session:update',
      'round:update',
      'round:move',
      'round:duplicate',
      'round:delete',
      'round:create',
      'round:open',
      'round:timer',
      'round:lock',
      'round:reveal',
      'round:rerun',
      'round:close',
      'session:next',
      'round:show',
      'painpoint:hide',
      'question:answer',
      'painpoint:approve',
      'painpoint:merge',
      'painpoint:theme',
      'painpoint:add-theme',
      'painpoint:accept-suggestion',
      'painpoint:suggest-themes',
      'text:save-version',
      'text:get-version',
      'text:gather-drafts',
      'session:status',
      'session:results-page',
      'paper:vote',
      'paper:painpoint',
      'door:set',
      'door:admit',
      'door:turn-away',
    ]);
    const before = dumpDb(server.dbFile);
    await sendEveryFacilitatorCommand(workshop.phones[0]!.client, (name) => forbidden(name));
    expect(dumpDb(server.dbFile)).toEqual(before);
    expect(await rounds()).toEqual([
      [openRoundId, 'open'],
      [draftRoundId, 'draft'],
    ]);
  });

  it('S3 the projector can send no facilitator command and cannot vote; it only watches', async () => {
    const before = dumpDb(server.dbFile);
    const projector = await attachProjector(server.url, workshop);
    await sendEveryFacilitatorCommand(projector, (name) => forbidden(name));
    const requests = roleRequests() as Record<string, unknown>;
    for (const name of participantCommands) {
      expect(await projector.sendRaw(name, requests[name]), name).toEqual(forbidden(name, 'participant'));
    }
    expect(dumpDb(server.dbFile)).toEqual(before);
    // It is not a phone either: attendance counts phones only.
    const view = await workshop.facilitator.ok('facilitator:attach', { sessionId: workshop.sessionId });
    expect(view.attendance.online).toBe(2);
    expect(projector.received['facilitator:view']).toEqual([]);
    expect(projector.received['participant:view']).toEqual([]);
  });

  it('S3 a facilitator console cannot vote, add or support pain points', async () => {
    expect(participantCommands).toEqual(['vote:cast', 'painpoint:submit', 'painpoint:support', 'text:ticket']);
    const requests = roleRequests() as Record<string, unknown>;
    for (const name of participantCommands) {
      expect(await workshop.facilitator.sendRaw(name, requests[name]), name).toEqual(forbidden(name, 'participant'));
    }
  });

  it('S3 an un-attached socket sending any role’s command gets NOT_JOINED', async () => {
    const before = dumpDb(server.dbFile);
    const stranger = await connect(server.url);
    await sendEveryFacilitatorCommand(stranger, () => notJoined);
    const requests = roleRequests() as Record<string, unknown>;
    for (const name of participantCommands)
      expect(await stranger.sendRaw(name, requests[name]), name).toEqual(notJoined);
    expect(dumpDb(server.dbFile)).toEqual(before);
  });

  it('S3 AC2 facilitator:attach without a sign-in is UNAUTHENTICATED, by another account FORBIDDEN; both grant nothing', async () => {
    const stranger = await connect(server.url);
    const unauthenticated = { ok: false, error: { code: 'UNAUTHENTICATED', message: 'sign in first' } };
    expect(await stranger.send('facilitator:attach', { sessionId: workshop.sessionId })).toEqual(unauthenticated);
    const otherAccount = await signedInClient(server.url, await signIn(server.url, OTHER_FACILITATOR));
    expect(await otherAccount.send('facilitator:attach', { sessionId: workshop.sessionId })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'not your session (AC2)' },
    });
    expect(await otherAccount.send('facilitator:attach', { sessionId: 'no-such-session-id' })).toEqual({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND', message: 'no such session' },
    });
    for (const client of [stranger, otherAccount]) {
      expect(await client.send('round:open', { commandId: newCommandId(), roundId: draftRoundId })).toEqual(notJoined);
    }
    // Neither was made a console: the views the session's console then gets went to every console at once,
    // before the round trips' answers on their own connections.
    await pushConsoleView(server.url, workshop);
    await Promise.all([stranger.roundTrip(), otherAccount.roundTrip()]);
    expect(stranger.received['facilitator:view']).toEqual([]);
    expect(otherAccount.received['facilitator:view']).toEqual([]);
  });

  it('S3 AC2 projector:attach without a sign-in or by another account is refused and shows nothing', async () => {
    const stranger = await connect(server.url);
    expect(await stranger.send('projector:attach', { sessionId: workshop.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const otherAccount = await signedInClient(server.url, await signIn(server.url, OTHER_FACILITATOR));
    expect(await otherAccount.send('projector:attach', { sessionId: workshop.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // A phone joining the session reaches real projectors, not these sockets.
    const projector = await attachProjector(server.url, workshop);
    const joined = (await workshop.facilitator.ok('facilitator:attach', { sessionId: workshop.sessionId })).attendance
      .joined;
    const late = await connect(server.url);
    await late.ok('participant:join', { joinCode: workshop.joinCode, token: newToken(), zoneId: 'z1' });
    await projector.waitFor('projector:view', (v) => v.joined === joined + 1);
    for (const client of [stranger, otherAccount]) {
      expect(client.received['projector:view']).toEqual([]);
      expect(client.received['facilitator:view']).toEqual([]);
      expect(
        await client.send('round:lock', { commandId: newCommandId(), roundId: openRoundId, locked: true }),
      ).toEqual(notJoined);
    }
  });

  it('S3 participant:resume with an unknown token (or a sign-in cookie) is FORBIDDEN and grants nothing', async () => {
    const stranger = await connect(server.url);
    const unknown = { ok: false, error: { code: 'FORBIDDEN', message: 'unknown participant token' } };
    expect(await stranger.send('participant:resume', { sessionId: workshop.sessionId, token: newToken() })).toEqual(
      unknown,
    );
    const signedIn = await signedInClient(server.url, workshop.cookie);
    const cookieToken = workshop.cookie.split('=')[1]!;
    expect(await signedIn.send('participant:resume', { sessionId: workshop.sessionId, token: cookieToken })).toEqual(
      unknown,
    );
    expect(await stranger.send('participant:resume', { sessionId: 'no-such-session-id', token: newToken() })).toEqual({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND', message: 'no such session' },
    });
    expect(await stranger.send('vote:cast', voteFor(openRoundId, single('o1')))).toEqual(notJoined);
  });

  it('S3 VO4 AC1 a session:create retried with the same commandId by another account gets nothing', async () => {
    const owner = await signedInClient(server.url, workshop.cookie);
    const request = { commandId: newCommandId(), title: 'Mine', zones: ['A'] };
    const created = await owner.ok('session:create', request);
    const roundId = await createRound(owner, { question: 'Q', options: ['A', 'B'] });

    const thief = await signedInClient(server.url, await signIn(server.url, OTHER_FACILITATOR));
    expect(await thief.send('session:create', request)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'another account made this session' },
    });
    expect(await thief.send('round:open', { commandId: newCommandId(), roundId })).toEqual(notJoined);
    // Without a sign-in nobody creates anything.
    expect(await (await connect(server.url)).send('session:create', request)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    // The owner's own retry still answers the session.
    expect(await (await signedInClient(server.url, workshop.cookie)).send('session:create', request)).toEqual({
      ok: true,
      value: created,
    });
  });

  it('S3 a console that resumes as a participant loses its facilitator role', async () => {
    const console2 = await signedInClient(server.url, workshop.cookie);
    await console2.ok('facilitator:attach', { sessionId: workshop.sessionId });
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
    const other = await setUpWorkshop(server.url, 1, 'Other', { cookie: await signIn(server.url, OTHER_FACILITATOR) });
    const before = dumpDb(server.dbFile);
    expect(await other.facilitator.send('round:close', { commandId: newCommandId(), roundId: openRoundId })).toEqual({
      ok: false,
      error: { code: 'ROUND_NOT_FOUND', message: 'unknown round' },
    });
    expect(await other.facilitator.send('round:open', { commandId: newCommandId(), roundId: draftRoundId })).toEqual({
      ok: false,
      error: { code: 'ROUND_NOT_FOUND', message: 'unknown round' },
    });
    for (const [name, request] of [
      ['round:lock', { commandId: newCommandId(), roundId: openRoundId, locked: true }],
      ['round:reveal', { commandId: newCommandId(), roundId: openRoundId, revealed: true }],
      ['round:timer', { commandId: newCommandId(), roundId: openRoundId, seconds: 1 }],
      ['round:rerun', { commandId: newCommandId(), roundId: openRoundId }],
      ['round:show', { commandId: newCommandId(), roundId: openRoundId }],
    ] as const) {
      expect(await other.facilitator.sendRaw(name, request), name).toEqual({
        ok: false,
        error: { code: 'ROUND_NOT_FOUND', message: 'unknown round' },
      });
    }
    expect(await other.phones[0]!.client.send('vote:cast', voteFor(openRoundId, single('o1')))).toEqual({
      ok: false,
      error: { code: 'ROUND_NOT_FOUND', message: 'unknown round' },
    });
    // Nor can its account attach a projector or console to this session (AC2).
    expect(await other.facilitator.send('projector:attach', { sessionId: workshop.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await other.facilitator.send('facilitator:attach', { sessionId: workshop.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await rounds()).toEqual([
      [openRoundId, 'open'],
      [draftRoundId, 'draft'],
    ]);
    // No lock, timer, reveal, re-run or vote came through.
    expect(dumpDb(server.dbFile)).toEqual(before);
  });
});
