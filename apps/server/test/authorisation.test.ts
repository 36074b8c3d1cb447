/**
 * AC1-AC3: every command a facilitator account sends (`by: 'facilitator'` or `by: 'account'`) is
 * refused, and changes nothing, for (a) a socket without sign-in, (b) a participant of the session,
 * (c) a signed-in facilitator without access, (d) a console whose sign-in ended after it attached,
 * (e) a console whose share was withdrawn. The table of examples must name every such command: a
 * command added later without an example fails here.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commandNames, commands, type CommandName } from '@vrijuit/protocol';
import {
  addAccount,
  attachConsole,
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
  type TestClient,
  type TestServer,
  type Workshop,
} from './helpers.ts';

let server: TestServer;
let workshop: Workshop;
let openRoundId: string;
let draftRoundId: string;
const POINT = 'pointpointpoint1';
const SHARED = { email: 'kim@test.invalid', name: 'Kim', password: 'kim-test-password' };

beforeAll(async () => {
  server = await startAndSeed();
}, 30_000);
afterEach(() => closeAllClients([workshop.facilitator, ...workshop.phones.map((p) => p.client)]));
afterAll(async () => {
  closeAllClients();
  await server.close();
});

async function startAndSeed(): Promise<TestServer> {
  const s = await startServer();
  await addAccount(s.store, SHARED);
  workshop = await setUpWorkshop(s.url, 2);
  openRoundId = await openRound(workshop.facilitator);
  draftRoundId = await createRound(workshop.facilitator, { question: 'Later', options: ['A', 'B'] });
  return s;
}

const guarded = commandNames.filter((n) => commands[n].by === 'facilitator' || commands[n].by === 'account');

/** A valid request per guarded command, aimed at this session: only who sends it can be at fault. */
function examples(): Partial<Record<CommandName, unknown>> {
  const commandId = newCommandId();
  return {
    'session:create': { commandId, title: 'Gestolen', zones: ['A'] },
    'facilitator:attach': { sessionId: workshop.sessionId },
    'projector:attach': { sessionId: workshop.sessionId },
    'round:create': { commandId, question: 'Q', options: ['A', 'B'], config: { kind: 'ranking' } },
    'round:open': { commandId, roundId: draftRoundId },
    'round:timer': { commandId, roundId: openRoundId, seconds: 30 },
    'round:lock': { commandId, roundId: openRoundId, locked: true },
    'round:reveal': { commandId, roundId: openRoundId, revealed: true },
    'round:rerun': { commandId, roundId: openRoundId },
    'round:close': { commandId, roundId: openRoundId },
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
    'session:update': { commandId, title: 'Overgenomen' },
    'round:update': { commandId, roundId: draftRoundId, question: 'Q', options: ['A', 'B'] },
    'round:move': { commandId, roundId: draftRoundId, position: 0 },
    'round:duplicate': { commandId, roundId: draftRoundId },
    'round:delete': { commandId, roundId: draftRoundId },
    'session:next': { commandId },
    'round:show': { commandId, roundId: openRoundId },
    'paper:vote': { commandId, roundId: openRoundId, zoneId: 'z1', municipalityId: null, ballot: single('o1') },
    'paper:painpoint': { commandId, roundId: openRoundId, text: 'Geen bus', themeId: null },
    'session:status': { commandId, status: 'closed' },
    'session:results-page': { commandId, days: 30, note: '' },
    'door:set': { commandId, closed: true },
    'door:admit': { commandId, zoneId: null },
    'door:turn-away': { commandId, zoneId: null },
  };
}

/** Sends every guarded command from `client`; `expected(name)` is the refusal code it must get. */
async function expectAllRefused(client: TestClient, expected: (name: CommandName) => string | null) {
  const requests = examples();
  const before = dumpDb(server.dbFile);
  for (const [i, name] of guarded.entries()) {
    await pace(i);
    const code = expected(name);
    if (code === null) continue;
    const ack = await client.sendRaw(name, requests[name]);
    expect(ack, name).toMatchObject({ ok: false, error: { code } });
  }
  expect(dumpDb(server.dbFile)).toEqual(before);
  // And it was never made a console or screen of the session: the views the session's console then gets
  // went to every console and screen at once, before the round trip's answer on this client's connection.
  await pushConsoleView(server.url, workshop);
  await client.roundTrip();
  expect(client.received['facilitator:view']).toEqual([]);
  expect(client.received['projector:view']).toEqual([]);
}

/** One connection may send 20 commands a second (RATE_LIMITED after): these loops send 15 at most. */
async function pace(i: number): Promise<void> {
  if (i > 0 && i % 15 === 0) await new Promise((resolve) => setTimeout(resolve, 1050));
}

const isAccountCommand = (name: CommandName) => commands[name].by === 'account';

describe('AC2 AC3 session:delete (sent by anyone, so a retry on a detached connection is answered) is the owner’s only', () => {
  const remove = (client: TestClient) =>
    client.sendRaw('session:delete', { commandId: newCommandId(), title: 'Not the title either' });

  it('is refused for a stranger, a participant, an unsigned or signed-out console and a shared non-owner; nothing changes', async () => {
    const before = dumpDb(server.dbFile);
    expect(await remove(await connect(server.url))).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
    expect(await remove(workshop.phones[0]!.client)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const other = await signedInClient(server.url, await signIn(server.url, OTHER_FACILITATOR));
    expect(await remove(other)).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
    // A console whose sign-in ended.
    const cookie = await signIn(server.url, undefined, true);
    const ended = await attachConsole(server.url, { sessionId: workshop.sessionId, cookie });
    await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: '{}',
    });
    expect(await remove(ended)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // A facilitator the session is shared with steers it, but does not delete it, even with the right title.
    const kim = await signIn(server.url, SHARED);
    const share = await fetch(`${server.url}/api/sessions/${workshop.sessionId}/shares`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: workshop.cookie },
      body: JSON.stringify({ email: SHARED.email }),
    });
    const shared = (await share.json()) as { value: { accountId: string } };
    const guest = await attachConsole(server.url, { sessionId: workshop.sessionId, cookie: kim });
    const title = (await guest.ok('facilitator:attach', { sessionId: workshop.sessionId })).session.title;
    expect(await guest.sendRaw('session:delete', { commandId: newCommandId(), title })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await fetch(`${server.url}/api/sessions/${workshop.sessionId}/shares/${shared.value.accountId}`, {
      method: 'DELETE',
      headers: { cookie: workshop.cookie },
    });
    expect(dumpDb(server.dbFile)).toEqual(before);
  });
});

describe('AC3 every facilitator and account command is authorised per message', () => {
  it('AC3 the examples cover every command by facilitator or account, and each is valid', () => {
    const requests = examples();
    for (const name of guarded) {
      expect(requests[name], `no authorisation example for ${name}: add one`).toBeDefined();
      expect(commands[name].request.safeParse(requests[name]).success, name).toBe(true);
    }
    expect(guarded).toEqual(expect.arrayContaining(['session:create', 'facilitator:attach', 'round:open']));
  });

  it('AC3 (a) a socket without sign-in: UNAUTHENTICATED for account commands, NOT_JOINED for the rest', async () => {
    const stranger = await connect(server.url);
    await expectAllRefused(stranger, (name) => (isAccountCommand(name) ? 'UNAUTHENTICATED' : 'NOT_JOINED'));
    // A made-up cookie is no sign-in either.
    const forged = await connect(server.url, { extraHeaders: { cookie: `vrijuit_signin=${newToken()}` } });
    await expectAllRefused(forged, (name) => (isAccountCommand(name) ? 'UNAUTHENTICATED' : 'NOT_JOINED'));
  });

  it('AC3 (b) a participant of the session: UNAUTHENTICATED for account commands, FORBIDDEN for the rest', async () => {
    const phone = workshop.phones[0]!.client;
    await expectAllRefused(phone, (name) => (isAccountCommand(name) ? 'UNAUTHENTICATED' : 'FORBIDDEN'));
  });

  it('AC2 AC3 (c) a signed-in facilitator without access: attach FORBIDDEN, session commands NOT_JOINED', async () => {
    const other = await signedInClient(server.url, await signIn(server.url, OTHER_FACILITATOR));
    // session:create is this account's right (its own session), so it is not a refusal to check here.
    await expectAllRefused(other, (name) =>
      name === 'session:create' ? null : isAccountCommand(name) ? 'FORBIDDEN' : 'NOT_JOINED',
    );
  });

  it('AC3 (d) a console attached and then signed out: its next message is refused UNAUTHENTICATED', async () => {
    const cookie = await signIn(server.url, undefined, true);
    const console = await attachConsole(server.url, { sessionId: workshop.sessionId, cookie });
    // The console works while signed in…
    const working = await console.send('round:lock', {
      commandId: newCommandId(),
      roundId: openRoundId,
      locked: false,
    });
    expect(working.ok).toBe(true);
    const out = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: '{}',
    });
    expect(out.status).toBe(200);
    // …and not one message later; nothing changes.
    const before = dumpDb(server.dbFile);
    // Nor does it (or a projector on the same sign-in) get views any more: a phone joining reaches others only.
    const viewsBefore = console.received['facilitator:view'].length;
    const requests = examples();
    for (const [i, name] of guarded.entries()) {
      await pace(i);
      expect(await console.sendRaw(name, requests[name]), name).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });
    }
    expect(dumpDb(server.dbFile)).toEqual(before);
    const joined = workshop.facilitator.latest('facilitator:view')!.attendance.joined;
    const late = await connect(server.url);
    await late.ok('participant:join', { joinCode: workshop.joinCode, token: newToken(), zoneId: 'z1' });
    await workshop.facilitator.waitFor('facilitator:view', (v) => v.attendance.joined === joined + 1);
    // That view went to every console of the session at once, before the round trip's answer to this one.
    await console.roundTrip();
    expect(console.received['facilitator:view']).toHaveLength(viewsBefore);
  });

  it('AC2 AC3 (e) sharing grants attach; withdrawing the share refuses the shared console’s next message', async () => {
    const kim = await signIn(server.url, SHARED);
    const refused = await signedInClient(server.url, kim);
    expect(await refused.send('facilitator:attach', { sessionId: workshop.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const share = await fetch(`${server.url}/api/sessions/${workshop.sessionId}/shares`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: workshop.cookie },
      body: JSON.stringify({ email: SHARED.email }),
    });
    const shared = (await share.json()) as { ok: boolean; value: { accountId: string } };
    expect(shared.ok).toBe(true);
    const console = await attachConsole(server.url, { sessionId: workshop.sessionId, cookie: kim });
    expect(
      (await console.send('round:lock', { commandId: newCommandId(), roundId: openRoundId, locked: false })).ok,
    ).toBe(true);
    const unshare = await fetch(`${server.url}/api/sessions/${workshop.sessionId}/shares/${shared.value.accountId}`, {
      method: 'DELETE',
      headers: { cookie: workshop.cookie },
    });
    expect(unshare.status).toBe(200);
    const before = dumpDb(server.dbFile);
    const requests = examples();
    for (const [i, name] of guarded.entries()) {
      await pace(i);
      if (isAccountCommand(name)) continue; // attach is (c); session:create is Kim's own right
      expect(await console.sendRaw(name, requests[name]), name).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(await console.send('facilitator:attach', { sessionId: workshop.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(dumpDb(server.dbFile)).toEqual(before);
  });
});
