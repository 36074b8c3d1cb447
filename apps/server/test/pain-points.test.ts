/**
 * Pain-point rounds end to end (core SPEC PP1-PP8, AN7-AN10): real socket.io clients (console,
 * projector, phones) against a real server on SQLite. Entries wait in the inbox until the release
 * tick (every `releaseEverySeconds`, on the clock) finds at least `releaseMinEntries` of them. The
 * floors (AN21) are 10 s and 3 entries; this server counts a release second as 100 ms, so a 10 s
 * interval ticks on every whole real second, and tests add entries in batches of at least three.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  Ack,
  CommandName,
  CommandRequest,
  CommandResult,
  ErrorCode,
  FacilitatorRound,
  HideReason,
  Moderation,
  Wall,
  WallPoint,
} from '@vrijuit/protocol';
import {
  attachProjector,
  closeAllClients,
  createPainRound,
  createRound,
  dumpDb,
  newCommandId,
  openPainRound,
  pushConsoleView,
  readDb,
  setUpWorkshop,
  single,
  startServer,
  voteFor,
  type Phone,
  type TestClient,
  type TestServer,
  type Workshop,
  type WorkshopOptions,
} from './helpers.ts';
import { writeStoreSync } from './test-store.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ releaseSecondMs: 100 });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/* ------------------------------------------------------------------------------------------------ */
/* Sending: each socket may send 20 commands a second (S2); tests stay well under it.               */
/* ------------------------------------------------------------------------------------------------ */

const sentAt = new WeakMap<TestClient, number[]>();

/** Waits so that `client` sends at most 15 commands in any 1.1 s. */
async function pace(client: TestClient): Promise<void> {
  let recent = (sentAt.get(client) ?? []).filter((t) => Date.now() - t < 1100);
  if (recent.length >= 15) {
    await sleep(1100 - (Date.now() - recent[0]!) + 5);
    recent = recent.filter((t) => Date.now() - t < 1100);
  }
  recent.push(Date.now());
  sentAt.set(client, recent);
}

async function send<N extends CommandName>(
  client: TestClient,
  name: N,
  request: CommandRequest<N>,
): Promise<Ack<CommandResult<N>>> {
  await pace(client);
  return client.send(name, request);
}

async function ok<N extends CommandName>(
  client: TestClient,
  name: N,
  request: CommandRequest<N>,
): Promise<CommandResult<N>> {
  await pace(client);
  return client.ok(name, request);
}

function expectRefused(ack: Ack<unknown>, code: ErrorCode): void {
  expect(ack).toMatchObject({ ok: false, error: { code } });
}

/**
 * Sends a command that must be refused with `code` and leave every row of the database as it was. The
 * snapshot is taken once the hub has done all it queued (`drain`): a close's ack comes before its scrub,
 * which files the round's entries into closed_pain_points behind it on the session's chain (session-hub's
 * #scrubLater); on PostgreSQL that filing lands a few awaits after the ack, so without the wait it would
 * land between the snapshots and be taken for a change made by the refused command.
 */
async function refusedUnchanged(code: ErrorCode, sending: () => Promise<Ack<unknown>>): Promise<void> {
  await server.server.hub.drain();
  const before = dumpDb(server.dbFile);
  expectRefused(await sending(), code);
  expect(dumpDb(server.dbFile), `${code} changed nothing`).toEqual(before);
}

async function submit(phone: TestClient, roundId: string, text: string, themeId?: string | null): Promise<string> {
  const request = { commandId: newCommandId(), roundId, text, ...(themeId === undefined ? {} : { themeId }) };
  const ack = await send(phone, 'painpoint:submit', request);
  if (!ack.ok) throw new Error(`painpoint:submit failed: ${ack.error.code}`);
  // PP2: the ack names the new entry, and whether it is stored yet (AN14), nothing else.
  expect(Object.keys(ack.value)).toEqual(['pointId', 'stored']);
  expect(ack.value.pointId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  return ack.value.pointId;
}

const supportReq = (roundId: string, pointId: string, supported = true) => ({
  commandId: newCommandId(),
  roundId,
  pointId,
  supported,
});

const hideReq = (roundId: string, pointId: string, reason: HideReason | null) => ({
  commandId: newCommandId(),
  roundId,
  pointId,
  reason,
});

const mergeReq = (roundId: string, pointId: string, intoId: string) => ({
  commandId: newCommandId(),
  roundId,
  pointId,
  intoId,
});

const themeReq = (roundId: string, pointId: string, themeId: string | null) => ({
  commandId: newCommandId(),
  roundId,
  pointId,
  themeId,
});

/* ------------------------------------------------------------------------------------------------ */
/* What each screen shows                                                                           */
/* ------------------------------------------------------------------------------------------------ */

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** One entry on the wall as the console sees it (defaults: no theme, shown, no support, nothing merged). */
const pt = (id: string, text: string, more: Partial<WallPoint> = {}): WallPoint => ({
  id,
  text,
  themeId: null,
  hidden: null,
  support: 0,
  merged: [],
  ...more,
});

/** AN9: every screen lists entries by id. */
const wallOf = (...points: WallPoint[]): Wall => ({ points: [...points].sort(byId), paper: 0 });

/**
 * PP4: the wall as phones and the projector get it: a hidden entry's reason without its text. PA5: the
 * paper count only once the round is closed.
 */
const forRoom = (wall: Wall, closed = false): Wall => ({
  points: wall.points.map((p) => (p.hidden ? { ...p, text: null } : p)),
  paper: closed ? wall.paper : null,
});

type Audience = 'console' | 'projector' | 'phone';

/** The wall of `roundId` in the latest view `client` received (undefined: no view of that round). */
function wallOn(client: TestClient, audience: Audience, roundId: string): Wall | null | undefined {
  if (audience === 'console') return client.latest('facilitator:view')?.rounds.find((r) => r.id === roundId)?.wall;
  const round =
    audience === 'projector' ? client.latest('projector:view')?.round : client.latest('participant:view')?.round;
  return round?.id === roundId ? round.wall : undefined;
}

/** Waits for the latest view to show exactly `expected` as the wall, then asserts it (a timeout shows the diff). */
async function expectWall(
  client: TestClient,
  audience: Audience,
  roundId: string,
  expected: Wall | null,
  timeoutMs = 3000,
): Promise<void> {
  const current = () => wallOn(client, audience, roundId);
  await client
    .until(() => (isDeepStrictEqual(current(), expected) ? true : undefined), timeoutMs, `the ${audience}'s wall`)
    .catch(() => undefined);
  expect(current(), `the ${audience}'s wall`).toEqual(expected);
}

/** The console has `wall`; the projector and every phone have it as the room may see it. */
async function expectWalls(r: Room, roundId: string, wall: Wall, roomWall: Wall | null = forRoom(wall)) {
  await expectWall(r.facilitator, 'console', roundId, wall);
  await expectWall(r.projector, 'projector', roundId, roomWall);
  for (const phone of r.p) await expectWall(phone, 'phone', roundId, roomWall);
}

function moderationOn(facilitator: TestClient, roundId: string): Moderation | null | undefined {
  return facilitator.latest('facilitator:view')?.rounds.find((r) => r.id === roundId)?.moderation;
}

/** The console's waiting count and queue (and its log, when `expected` names one). */
async function expectModeration(
  facilitator: TestClient,
  roundId: string,
  expected: (Omit<Moderation, 'log'> & Partial<Pick<Moderation, 'log'>>) | null,
) {
  const seen = () => {
    const moderation = moderationOn(facilitator, roundId);
    if (!moderation || !expected || expected.log) return moderation;
    const { log: _log, ...rest } = moderation;
    return rest;
  };
  await facilitator
    .until(() => (isDeepStrictEqual(seen(), expected) ? true : undefined), 3000, 'moderation')
    .catch(() => undefined);
  expect(seen(), 'moderation').toEqual(expected);
}

/** The console's (facilitator:view) round `roundId`, once `check` holds for it. */
async function consoleRound(
  facilitator: TestClient,
  roundId: string,
  check: (round: FacilitatorRound) => boolean,
  timeoutMs = 3000,
): Promise<FacilitatorRound> {
  const view = await facilitator.waitFor(
    'facilitator:view',
    (v) => {
      const round = findRound(v.rounds, roundId);
      return round !== undefined && check(round);
    },
    timeoutMs,
  );
  return findRound(view.rounds, roundId)!;
}

const findRound = <R extends { id: string }>(rounds: R[], roundId: string) => rounds.find((r) => r.id === roundId);

/** Every wall a client received for the round, as the number of entries on it. */
function wallSizes(client: TestClient, audience: Audience, roundId: string): number[] {
  const rounds =
    audience === 'console'
      ? client.received['facilitator:view'].map((v) => findRound(v.rounds, roundId))
      : audience === 'projector'
        ? client.received['projector:view'].map((v) => v.round)
        : client.received['participant:view'].map((v) => v.round);
  return rounds.filter((r) => r?.id === roundId && r.wall !== null).map((r) => r!.wall!.points.length);
}

/** Rows of the pain-point tables for `roundId`, straight from the file. */
function painRows(roundId: string) {
  return readDb(server.dbFile, (db) => ({
    inbox: db.prepare('SELECT id, text, theme_id FROM pain_point_inbox WHERE round_id = ? ORDER BY id').all(roundId),
    // Open rounds' entries, and closed rounds' (moved at the close, AN17).
    points: db
      .prepare(
        `SELECT id, text, theme_id, stage, hidden, merged_into, support FROM pain_points WHERE round_id = @round
         UNION ALL
         SELECT id, text, theme_id, stage, hidden, merged_into, support FROM closed_pain_points WHERE round_id = @round
         ORDER BY id`,
      )
      .all({ round: roundId }),
    support: db
      .prepare('SELECT point_id, supporter_key FROM pain_point_support WHERE round_id = ? ORDER BY 1, 2')
      .all(roundId) as { point_id: string; supporter_key: string }[],
  }));
}

/** Waits until the clock is between `from` and `to` ms past a multiple of `period` ms. */
async function alignClock(period: number, from: number, to: number): Promise<void> {
  const phase = Date.now() % period;
  if (phase >= from && phase < to) return;
  await sleep((from - phase + period) % period);
}

/* ------------------------------------------------------------------------------------------------ */

interface Room extends Workshop {
  projector: TestClient;
  /** The phones' clients, P1 first. */
  p: TestClient[];
  clients: TestClient[];
}

async function room(phones: number, options: WorkshopOptions): Promise<Room> {
  const w = await setUpWorkshop(server.url, phones, 'Knelpunten', options);
  const projector = await attachProjector(server.url, w);
  const p = w.phones.map((phone) => phone.client);
  return { ...w, projector, p, clients: [w.facilitator, projector, ...p] };
}

function expectAllValid(r: Room): void {
  for (const c of r.clients) expect(c.invalid).toEqual([]);
}

const resume = (phone: Phone, sessionId: string) =>
  ok(phone.client, 'participant:resume', { sessionId, token: phone.token });

/** After a restart every client of the room reconnects; phones resume, console and projector attach again. */
async function restartRoom(r: Room, whileDown?: () => unknown) {
  const connects = r.clients.map((c) => c.connects);
  await server.restart(0, whileDown);
  await Promise.all(r.clients.map((c, i) => c.connected(connects[i]! + 1, 10_000)));
  const attached = await ok(r.facilitator, 'facilitator:attach', { sessionId: r.sessionId });
  await ok(r.projector, 'projector:attach', { sessionId: r.sessionId });
  const selves = [];
  for (const phone of r.phones) selves.push((await resume(phone, r.sessionId)).self);
  return { attached, selves };
}

/* ================================================================================================ */

describe('PP1 PP2 pain-point rounds and entries', () => {
  it('PP1 PP2 AN9 a round with themes is created and opened; phones add entries, tagged and untagged, each acked with its pointId; the wall lists them by id', async () => {
    // A batch of four: the four entries below reach the wall together.
    const r = await room(3, { releaseEverySeconds: 10, releaseMinEntries: 4 });
    const [p1, p2, p3] = r.p as [TestClient, TestClient, TestClient];
    const roundId = await createPainRound(r.facilitator, {
      themes: ['Planning', 'Overleg'],
      perParticipant: 2,
      reveal: 'live',
    });
    const draft = await consoleRound(r.facilitator, roundId, () => true);
    expect(draft).toEqual({
      id: roundId,
      question: 'Waar loop je tegenaan?',
      options: [
        { id: 'o1', label: 'Planning' },
        { id: 'o2', label: 'Overleg' },
      ],
      config: { kind: 'pain-points', perParticipant: 2, premoderation: false },
      status: 'draft',
      reveal: 'live',
      revealed: false,
      locked: false,
      closesAt: null,
      rerunOf: null,
      compareKey: null,
      results: null,
      wall: null,
      respondents: 0,
      moderation: null,
      versions: null,
      durationSeconds: null,
    });

    await ok(r.facilitator, 'round:open', { commandId: newCommandId(), roundId });
    const opened = await p1.waitFor('participant:view', (v) => v.round?.id === roundId);
    expect(opened.round).toMatchObject({ status: 'open', results: null, wall: { points: [] } });
    await expectModeration(r.facilitator, roundId, { waiting: 0, queue: [] });

    // Tagged with a theme, untagged (themeId left out, or null), and trimmed (protocol).
    const a = await submit(p1, roundId, 'Te veel vergaderingen', 'o1');
    const b = await submit(p2, roundId, 'Niemand weet wie beslist');
    const c = await submit(p3, roundId, '   Het rooster komt te laat  ', null);
    const d = await submit(p1, roundId, 'Overleg zonder agenda', 'o2');
    expect(new Set([a, b, c, d]).size).toBe(4);

    const wall = wallOf(
      pt(a, 'Te veel vergaderingen', { themeId: 'o1' }),
      pt(b, 'Niemand weet wie beslist'),
      pt(c, 'Het rooster komt te laat'),
      pt(d, 'Overleg zonder agenda', { themeId: 'o2' }),
    );
    await expectWalls(r, roundId, wall);
    await expectModeration(r.facilitator, roundId, { waiting: 0, queue: [] });
    // A pain-point round has no results; its response count is the entries released.
    const live = await consoleRound(r.facilitator, roundId, (round) => round.respondents === 4);
    expect(live.results).toBeNull();
    expect(r.projector.latest('projector:view')?.round).toMatchObject({ respondents: 4, results: null });
    // Stored without author or time, in id order of the wall.
    expect(painRows(roundId).points).toEqual(
      wall.points.map((p) => ({
        id: p.id,
        text: p.text,
        theme_id: p.themeId,
        stage: 'wall',
        hidden: null,
        merged_into: null,
        support: 0,
      })),
    );

    // PP1: closed and run again: a fresh, empty round with the same question and themes.
    await ok(r.facilitator, 'round:close', { commandId: newCommandId(), roundId });
    const { roundId: again } = await ok(r.facilitator, 'round:rerun', { commandId: newCommandId(), roundId });
    const copy = await consoleRound(r.facilitator, again, () => true);
    expect(copy).toMatchObject({
      question: 'Waar loop je tegenaan?',
      options: draft.options,
      config: draft.config,
      status: 'draft',
      rerunOf: roundId,
      compareKey: null,
      wall: null,
      moderation: null,
    });
    await ok(r.facilitator, 'round:open', { commandId: newCommandId(), roundId: again });
    await expectWall(r.facilitator, 'console', again, { points: [], paper: 0 });
    await expectWall(p2, 'phone', again, { points: [], paper: null });
    await expectModeration(r.facilitator, again, { waiting: 0, queue: [] });
    // The projector compares with the original round, its wall as the room may see it.
    const projected = await r.projector.waitFor('projector:view', (v) => v.round?.id === again);
    expect(projected.previous).toMatchObject({ id: roundId, status: 'closed', wall });
    // The limit is per round: P1 added its two to the original and adds again here.
    await submit(p1, again, 'Nog steeds te veel vergaderingen');
    expectAllValid(r);
  });

  it('PP2 every refusal over the wire (ROUND_KIND, BALLOT_KIND, THEME_NOT_FOUND, PAIN_POINT_LIMIT, ROUND_LOCKED, ROUND_NOT_OPEN, BAD_REQUEST) changes nothing', async () => {
    // Nothing is released by a tick in this test (50 must wait), so the file only changes on a command.
    const r = await room(2, { releaseEverySeconds: 10, releaseMinEntries: 50 });
    const [p1, p2] = r.p as [TestClient, TestClient];
    const voteRoundId = await createRound(r.facilitator);
    const roundId = await createPainRound(r.facilitator, { themes: ['Planning'], perParticipant: 2 });
    await ok(r.facilitator, 'round:open', { commandId: newCommandId(), roundId: voteRoundId });
    const submitTo = (round: string, text = 'Te veel vergaderingen', themeId: string | null = null) => ({
      commandId: newCommandId(),
      roundId: round,
      text,
      themeId,
    });

    // A pain point for a vote round (open), and for an unknown round.
    await refusedUnchanged('ROUND_KIND', () => send(p1, 'painpoint:submit', submitTo(voteRoundId)));
    await refusedUnchanged('ROUND_NOT_FOUND', () => send(p1, 'painpoint:submit', submitTo('no-such-round-id')));

    // Opening the pain-point round closes the vote round; a ballot for it is of the wrong kind.
    await ok(r.facilitator, 'round:open', { commandId: newCommandId(), roundId });
    await refusedUnchanged('BALLOT_KIND', () => send(p1, 'vote:cast', voteFor(roundId, single('o1'))));
    await refusedUnchanged('THEME_NOT_FOUND', () => send(p1, 'painpoint:submit', submitTo(roundId, 'Lastig', 'o2')));
    // Bad payloads: empty, blank (trimmed to empty), one character too long, no text, a bad theme id.
    for (const text of ['', '    ', 'x'.repeat(281)]) {
      await refusedUnchanged('BAD_REQUEST', () => send(p1, 'painpoint:submit', submitTo(roundId, text)));
    }
    await refusedUnchanged('BAD_REQUEST', () =>
      p1.sendRaw('painpoint:submit', { commandId: newCommandId(), roundId }).then((a) => a as Ack<unknown>),
    );
    await refusedUnchanged('BAD_REQUEST', () =>
      p1.sendRaw('painpoint:submit', { ...submitTo(roundId), themeId: 'o 1' }).then((a) => a as Ack<unknown>),
    );

    // 280 characters is fine; P1's two entries are its limit, P2 still has its own.
    const long = 'x'.repeat(280);
    await submit(p1, roundId, long, 'o1');
    await submit(p1, roundId, 'Niemand weet wie beslist');
    await refusedUnchanged('PAIN_POINT_LIMIT', () => send(p1, 'painpoint:submit', submitTo(roundId)));
    await submit(p2, roundId, 'Overleg zonder agenda');
    await expectModeration(r.facilitator, roundId, { waiting: 0, queue: [] });

    await ok(r.facilitator, 'round:lock', { commandId: newCommandId(), roundId, locked: true });
    await refusedUnchanged('ROUND_LOCKED', () => send(p2, 'painpoint:submit', submitTo(roundId)));
    await ok(r.facilitator, 'round:lock', { commandId: newCommandId(), roundId, locked: false });

    await ok(r.facilitator, 'round:close', { commandId: newCommandId(), roundId });
    await refusedUnchanged('ROUND_NOT_OPEN', () => send(p2, 'painpoint:submit', submitTo(roundId)));
    await refusedUnchanged('ROUND_NOT_OPEN', () => send(p2, 'vote:cast', voteFor(voteRoundId, single('o1'))));

    // What was acked is all there is: three entries, released by the close.
    const closed = await consoleRound(r.facilitator, roundId, (round) => round.status === 'closed');
    expect(closed.wall?.points.map((p) => p.text).sort()).toEqual(
      [long, 'Niemand weet wie beslist', 'Overleg zonder agenda'].sort(),
    );
    expect(closed.moderation).toEqual({ waiting: 0, queue: [], log: [] });
    expectAllValid(r);
  });
});

describe('AN8 batches on the clock', () => {
  it('AN8 with releaseMinEntries 3 two entries wait unseen; the tick after the third releases all three at once on a whole second; closing releases the last one', async () => {
    const r = await room(4, { releaseEverySeconds: 10, releaseMinEntries: 3 });
    const [p1, p2, p3, p4] = r.p as [TestClient, TestClient, TestClient, TestClient];
    const roundId = await openPainRound(r.facilitator, { reveal: 'live' });
    await expectWalls(r, roundId, { points: [], paper: 0 });
    const phoneViewsAtOpen = r.p.map((p) => p.received['participant:view'].length);

    const a = await submit(p1, roundId, 'Te veel vergaderingen');
    const b = await submit(p2, roundId, 'Niemand weet wie beslist');
    // Acked: nothing of them is on disk (AN13).
    expect(painRows(roundId)).toMatchObject({ inbox: [], points: [] });
    await expectModeration(r.facilitator, roundId, { waiting: 0, queue: [] });
    // Waiting entries are unknown to everyone, facilitator included (PP3, PP4).
    expectRefused(await send(p3, 'painpoint:support', supportReq(roundId, a)), 'POINT_NOT_FOUND');
    expectRefused(await send(r.facilitator, 'painpoint:hide', hideReq(roundId, b, 'off-topic')), 'POINT_NOT_FOUND');
    expectRefused(await send(r.facilitator, 'painpoint:theme', themeReq(roundId, b, null)), 'POINT_NOT_FOUND');
    // A tick passes with two waiting (the next whole second): two are not enough. That it released
    // nothing shows on every view up to the release below, which a later tick makes.
    await sleep(1000 - (Date.now() % 1000));
    // The third arrives well into a second, so a release on input would not fall on a whole second.
    await alignClock(1000, 550, 700);
    const submittedAt = Date.now();
    const c = await submit(p3, roundId, 'Het rooster komt te laat');
    const wall = wallOf(
      pt(a, 'Te veel vergaderingen'),
      pt(b, 'Niemand weet wie beslist'),
      pt(c, 'Het rooster komt te laat'),
    );
    const released = await r.facilitator.waitFor(
      'facilitator:view',
      (v) => (findRound(v.rounds, roundId)?.wall?.points.length ?? 0) > 0,
      4000,
    );
    const arrivedAt =
      r.facilitator.arrivals['facilitator:view'][r.facilitator.received['facilitator:view'].indexOf(released)]!;
    // All three at once, in one view, the inbox emptied.
    expect(findRound(released.rounds, roundId)).toMatchObject({ wall, moderation: { waiting: 0, queue: [] } });
    expect(Math.floor(arrivedAt / 1000), 'released on a later second than the submission').toBeGreaterThan(
      Math.floor(submittedAt / 1000),
    );
    // On the clock: the view is made and arrives shortly after a whole second (tick + 25 ms coalescing).
    expect(released.serverTime % 1000, 'serverTime ms past the whole second').toBeLessThan(450);
    expect(arrivedAt % 1000, 'arrival ms past the whole second').toBeLessThan(550);
    await expectWalls(r, roundId, wall);
    // Never a view with one or two of them, on any screen.
    for (const sizes of [
      wallSizes(r.facilitator, 'console', roundId),
      wallSizes(r.projector, 'projector', roundId),
      ...r.p.map((p) => wallSizes(p, 'phone', roundId)),
    ]) {
      expect(sizes.length).toBeGreaterThan(0);
      expect(sizes.filter((n) => n !== 0 && n !== 3)).toEqual([]);
      expect(sizes[sizes.length - 1]).toBe(3);
    }
    // Phones got one view since the open, the release: submissions reach the console only.
    r.p.forEach((p, i) => expect(p.received['participant:view'].length).toBe(phoneViewsAtOpen[i]! + 1));
    expect(painRows(roundId)).toMatchObject({ inbox: [], points: [{}, {}, {}] });

    // One more waits (below the batch size); closing releases it.
    const d = await submit(p4, roundId, 'Overleg zonder agenda');
    await expectModeration(r.facilitator, roundId, { waiting: 0, queue: [] });
    // A tick passes with it waiting (past the next whole second); what the tick did is in the session's
    // state before a view pushed by a later change is made, and that view still shows three.
    await sleep(1000 - (Date.now() % 1000) + 50);
    expect(findRound((await pushConsoleView(server.url, r)).rounds, roundId)?.wall).toEqual(wall);
    await ok(r.facilitator, 'round:close', { commandId: newCommandId(), roundId });
    const all = wallOf(...wall.points, pt(d, 'Overleg zonder agenda'));
    const closed = await consoleRound(r.facilitator, roundId, (round) => round.status === 'closed');
    expect(closed).toMatchObject({ wall: all, moderation: { waiting: 0, queue: [] }, respondents: 4 });
    await expectWalls(r, roundId, all, forRoom(all, true));
    expect(painRows(roundId)).toMatchObject({ inbox: [], points: [{}, {}, {}, {}] });
    expectAllValid(r);
  });
  it('AN12 the console counts people with entries waiting in whole steps of k: none for two, three with the third, still three with a fourth, none once released', async () => {
    // No tick during the test (600 s, here a minute): the close releases.
    const r = await room(4, { releaseEverySeconds: 600, releaseMinEntries: 3 });
    const [p1, p2, p3, p4] = r.p as [TestClient, TestClient, TestClient, TestClient];
    const roundId = await openPainRound(r.facilitator, { reveal: 'live' });
    await submit(p1, roundId, 'Te veel vergaderingen');
    await submit(p2, roundId, 'Niemand weet wie beslist');
    await submit(p1, roundId, 'Het rooster komt te laat');
    await submit(p3, roundId, 'Koffie is op');
    await expectModeration(r.facilitator, roundId, { waiting: 3, queue: [] });
    await submit(p3, roundId, 'Overleg zonder agenda');
    await submit(p4, roundId, 'Geen parking');
    await ok(r.facilitator, 'round:close', { commandId: newCommandId(), roundId });
    const closed = await consoleRound(r.facilitator, roundId, (round) => round.status === 'closed');
    expect(closed.wall?.points).toHaveLength(6);
    expect(closed.moderation).toEqual({ waiting: 0, queue: [], log: [] });
    // Every console view of the round showed 0 or 3: never one person's entry, never 4 people.
    const counts = r.facilitator.received['facilitator:view'].flatMap((v) => {
      const m = findRound(v.rounds, roundId)?.moderation;
      return m ? [m.waiting] : [];
    });
    expect(new Set(counts)).toEqual(new Set([0, 3]));
    expectAllValid(r);
  });

  it('PP1 AN8 RO2 RO5 a round closed by its timer, or by opening the next round, releases what waits', async () => {
    const r = await room(1, { releaseEverySeconds: 10, releaseMinEntries: 50 });
    const [p1] = r.p as [TestClient];
    const timed = await openPainRound(r.facilitator, { reveal: 'live' });
    const a = await submit(p1, timed, 'Te veel vergaderingen');
    await expectModeration(r.facilitator, timed, { waiting: 0, queue: [] });
    await ok(r.facilitator, 'round:timer', { commandId: newCommandId(), roundId: timed, seconds: 1 });
    const closed = await consoleRound(r.facilitator, timed, (round) => round.status === 'closed', 4000);
    expect(closed).toMatchObject({
      wall: wallOf(pt(a, 'Te veel vergaderingen')),
      moderation: { waiting: 0, queue: [] },
    });

    const first = await openPainRound(r.facilitator, { reveal: 'live' });
    const b = await submit(p1, first, 'Niemand weet wie beslist');
    await expectModeration(r.facilitator, first, { waiting: 0, queue: [] });
    const next = await openPainRound(r.facilitator, { reveal: 'live' });
    const replaced = await consoleRound(r.facilitator, first, (round) => round.status === 'closed');
    expect(replaced).toMatchObject({
      wall: wallOf(pt(b, 'Niemand weet wie beslist')),
      moderation: { waiting: 0, queue: [] },
    });
    await expectWall(p1, 'phone', next, { points: [], paper: null });
    for (const id of [timed, first]) expect(painRows(id)).toMatchObject({ inbox: [], points: [{}], support: [] });
    expectAllValid(r);
  });
});

describe('PP7 pre-moderation', () => {
  it('PP7 PP4 released entries go to moderation.queue, never to the room; approve puts them on the wall; hiding a queued one rejects it onto the wall as hidden', async () => {
    const r = await room(3, { releaseEverySeconds: 10, releaseMinEntries: 3 });
    const [p1, p2, p3] = r.p as [TestClient, TestClient, TestClient];
    const roundId = await openPainRound(r.facilitator, { themes: ['Planning'], premoderation: true, reveal: 'live' });
    const texts = ['Te veel vergaderingen', 'Niemand weet wie beslist', 'Jan luistert nooit'];
    const a = await submit(p1, roundId, texts[0]!, 'o1');
    const b = await submit(p2, roundId, texts[1]!);
    const c = await submit(p3, roundId, texts[2]!);

    const queue = [
      { id: a, text: texts[0]!, themeId: 'o1' },
      { id: b, text: texts[1]!, themeId: null },
      { id: c, text: texts[2]!, themeId: null },
    ].sort(byId);
    await expectModeration(r.facilitator, roundId, { waiting: 0, queue });
    await expectWalls(r, roundId, { points: [], paper: 0 });
    // Released, so the console counts them, but the room sees none of them.
    expect(findRound(r.facilitator.latest('facilitator:view')!.rounds, roundId)?.respondents).toBe(3);
    expect(painRows(roundId).points.map((p) => (p as { stage: string }).stage)).toEqual(['queue', 'queue', 'queue']);

    // Queued entries take no support, and are approved, not shown.
    await refusedUnchanged('POINT_NOT_FOUND', () => send(p2, 'painpoint:support', supportReq(roundId, a)));
    await refusedUnchanged('POINT_STATE', () => send(r.facilitator, 'painpoint:hide', hideReq(roundId, a, null)));
    await refusedUnchanged('POINT_STATE', () => send(r.facilitator, 'painpoint:merge', mergeReq(roundId, a, b)));
    await refusedUnchanged('POINT_NOT_FOUND', () =>
      send(r.facilitator, 'painpoint:approve', { commandId: newCommandId(), roundId, pointIds: [a, 'no-such-point'] }),
    );

    await ok(r.facilitator, 'painpoint:approve', { commandId: newCommandId(), roundId, pointIds: [a, b] });
    const approved = wallOf(pt(a, texts[0]!, { themeId: 'o1' }), pt(b, texts[1]!));
    await expectWalls(r, roundId, approved);
    await expectModeration(r.facilitator, roundId, { waiting: 0, queue: [{ id: c, text: texts[2]!, themeId: null }] });
    // Approving what is on the wall already leaves it alone.
    const before = painRows(roundId);
    await ok(r.facilitator, 'painpoint:approve', { commandId: newCommandId(), roundId, pointIds: [a, a] });
    expect(painRows(roundId)).toEqual(before);

    // Rejected: on the wall as hidden, the room gets the reason, never the text.
    await ok(r.facilitator, 'painpoint:hide', hideReq(roundId, c, 'names-someone'));
    const rejected = wallOf(...approved.points, pt(c, texts[2]!, { hidden: 'names-someone' }));
    await expectWalls(r, roundId, rejected);
    await expectModeration(r.facilitator, roundId, { waiting: 0, queue: [] });
    expectRefused(await send(p1, 'painpoint:support', supportReq(roundId, c)), 'POINT_STATE');

    // No phone or projector view ever carried the rejected text.
    for (const client of [r.projector, ...r.p]) {
      expect(JSON.stringify(client.received)).not.toContain(texts[2]!);
    }
    expectAllValid(r);
  });
});

describe('PP3 PP8 support and who sees the wall', () => {
  it('PP3 PP8 AN10 phones see the wall only once revealed; "me too" once per phone, retries answered the same, withdraw; resume returns self.supported', async () => {
    const r = await room(4, { releaseEverySeconds: 10, releaseMinEntries: 3 });
    const [p1, p2, p3, p4] = r.p as [TestClient, TestClient, TestClient, TestClient];
    const [P1, P2, P3, P4] = r.phones as [Phone, Phone, Phone, Phone];
    const roundId = await openPainRound(r.facilitator);
    const a = await submit(p1, roundId, 'Te veel vergaderingen');
    const b = await submit(p2, roundId, 'Niemand weet wie beslist');
    const c = await submit(p3, roundId, 'Koffie is op');
    const wallAt = (sa: number, sb: number, sc: number) =>
      wallOf(
        pt(a, 'Te veel vergaderingen', { support: sa }),
        pt(b, 'Niemand weet wie beslist', { support: sb }),
        pt(c, 'Koffie is op', { support: sc }),
      );
    let wall = wallAt(0, 0, 0);
    // PP8: the console has the wall, the room does not (manual reveal, not revealed).
    await expectWalls(r, roundId, wall, null);
    const received = { ok: true, value: { stored: false } };
    const stored = { ok: true, value: { stored: true } };

    // AN13: "ik ook" is stored, and counted, with the first supports of three distinct people.
    const p3Support = supportReq(roundId, a);
    expect(await send(p2, 'painpoint:support', supportReq(roundId, a))).toEqual(received);
    expect(await send(p3, 'painpoint:support', p3Support)).toEqual(received);
    expect(painRows(roundId).support).toHaveLength(0);
    expect(await send(p4, 'painpoint:support', supportReq(roundId, b))).toEqual(stored);
    wall = wallAt(2, 1, 0);
    await expectWall(r.facilitator, 'console', roundId, wall);

    // Supporting again (a new command) counts once; the same command retried is answered the same.
    const rows = painRows(roundId);
    expect(rows.support).toHaveLength(3);
    expect(await send(p3, 'painpoint:support', supportReq(roundId, a))).toEqual(stored);
    expect(await send(p3, 'painpoint:support', p3Support)).toEqual(stored);
    // Withdrawing what was not given changes nothing.
    expect(await send(p1, 'painpoint:support', supportReq(roundId, b, false))).toEqual(stored);
    expect(painRows(roundId)).toEqual(rows);

    // Revealed: phones and the projector get the wall.
    for (const client of [r.projector, ...r.p])
      expect(wallSizes(client, client === r.projector ? 'projector' : 'phone', roundId)).toEqual([]);
    await ok(r.facilitator, 'round:reveal', { commandId: newCommandId(), roundId, revealed: true });
    await expectWalls(r, roundId, wall);

    // Later changes of three people who supported before (their own queue): P3 withdraws (a stale retry of
    // its support does not bring it back), P2 and P4 add one each. The room gets them a second later at most.
    expect(await send(p3, 'painpoint:support', supportReq(roundId, a, false))).toEqual(received);
    expect(await send(p3, 'painpoint:support', p3Support)).toEqual(stored);
    expect(await send(p2, 'painpoint:support', supportReq(roundId, b))).toEqual(received);
    expect(await send(p4, 'painpoint:support', supportReq(roundId, c))).toEqual(stored);
    wall = wallAt(1, 2, 1);
    await expectWall(r.facilitator, 'console', roundId, wall);
    for (const phone of r.p) await expectWall(phone, 'phone', roundId, forRoom(wall), 2500);
    await expectWall(r.projector, 'projector', roundId, forRoom(wall));
    expect(painRows(roundId).support).toHaveLength(4);

    // AN10: a phone learns which entries it supports itself, nothing more.
    expect((await resume(P1, r.sessionId)).self.supported).toEqual([]);
    expect((await resume(P2, r.sessionId)).self.supported).toEqual([a, b].sort());
    expect((await resume(P3, r.sessionId)).self.supported).toEqual([]);
    expect((await resume(P4, r.sessionId)).self.supported).toEqual([b, c].sort());
    // P3 supports again, alone in its queue: its phone knows at once (AN13), no screen does until a batch
    // or the close (AN12): the console's next view, the round locked, shows the same counts.
    expect(await send(p3, 'painpoint:support', supportReq(roundId, b))).toEqual(received);
    expect(await send(p3, 'painpoint:support', supportReq(roundId, a))).toEqual(received);
    expect((await resume(P3, r.sessionId)).self.supported).toEqual([a, b].sort());
    await refusedUnchanged('POINT_NOT_FOUND', () =>
      send(p1, 'painpoint:support', supportReq(roundId, 'no-such-point')),
    );

    // Locked: no support, none withdrawn.
    await ok(r.facilitator, 'round:lock', { commandId: newCommandId(), roundId, locked: true });
    await r.facilitator.waitFor('facilitator:view', (v) => findRound(v.rounds, roundId)?.locked === true);
    await expectWall(r.facilitator, 'console', roundId, wall);
    await refusedUnchanged('ROUND_LOCKED', () => send(p2, 'painpoint:support', supportReq(roundId, b)));
    await refusedUnchanged('ROUND_LOCKED', () => send(p2, 'painpoint:support', supportReq(roundId, a, false)));
    await ok(r.facilitator, 'round:lock', { commandId: newCommandId(), roundId, locked: false });

    // Hidden from the room again, then closed: what waited is counted, counts stay, nobody supports
    // anything any more.
    await ok(r.facilitator, 'round:reveal', { commandId: newCommandId(), roundId, revealed: false });
    for (const phone of r.p) await expectWall(phone, 'phone', roundId, null);
    await expectWall(r.projector, 'projector', roundId, null);
    await ok(r.facilitator, 'round:close', { commandId: newCommandId(), roundId });
    await refusedUnchanged('ROUND_NOT_OPEN', () => send(p2, 'painpoint:support', supportReq(roundId, b)));
    expect((await resume(P3, r.sessionId)).self.supported).toEqual([]);
    wall = wallAt(2, 3, 1);
    await ok(r.facilitator, 'round:reveal', { commandId: newCommandId(), roundId, revealed: true });
    await expectWalls(r, roundId, wall, forRoom(wall, true));
    expectAllValid(r);
  });
});

describe('PP4 PP5 PP6 moderation of the wall', () => {
  it('PP4 PP5 PP6 hide with a reason and show again; merge (support arithmetic, texts under the target, support via the merged id); theme and add-theme, also after close', async () => {
    // A batch of four: a, b, c and d reach the wall together.
    const r = await room(6, { releaseEverySeconds: 10, releaseMinEntries: 4 });
    const [p1, p2, p3, p4, p5, p6] = r.p as [TestClient, TestClient, TestClient, TestClient, TestClient, TestClient];
    const phone = r.phones as [Phone, Phone, Phone, Phone, Phone, Phone];
    const roundId = await openPainRound(r.facilitator, { themes: ['Planning', 'Overleg'], reveal: 'live' });
    const T = {
      a: 'Te veel vergaderingen',
      b: 'Veel te veel overleg',
      c: 'Jan luistert nooit',
      d: 'Vergaderen kost tijd',
    };
    const a = await submit(p1, roundId, T.a, 'o1');
    const b = await submit(p2, roundId, T.b);
    const c = await submit(p3, roundId, T.c, 'o2');
    const d = await submit(p4, roundId, T.d, 'o1');
    const A = pt(a, T.a, { themeId: 'o1' });
    const B = pt(b, T.b);
    const C = pt(c, T.c, { themeId: 'o2' });
    const D = pt(d, T.d, { themeId: 'o1' });
    await expectWalls(r, roundId, wallOf(A, B, C, D));

    // PP4: hidden with a reason: the room gets the reason instead of the text, the console both.
    await ok(r.facilitator, 'painpoint:hide', hideReq(roundId, c, 'names-someone'));
    await expectWalls(r, roundId, wallOf(A, B, { ...C, hidden: 'names-someone' }, D));
    expect(r.p[0]!.latest('participant:view')?.round?.wall?.points.find((p) => p.id === c)).toEqual({
      ...C,
      text: null,
      hidden: 'names-someone',
    });
    await refusedUnchanged('POINT_STATE', () => send(p5, 'painpoint:support', supportReq(roundId, c)));
    await refusedUnchanged('POINT_STATE', () => send(r.facilitator, 'painpoint:merge', mergeReq(roundId, c, a)));
    await refusedUnchanged('POINT_STATE', () => send(r.facilitator, 'painpoint:merge', mergeReq(roundId, a, c)));
    // Hiding again with the same reason changes nothing; another reason replaces it; null shows it again.
    const hiddenRows = painRows(roundId);
    await ok(r.facilitator, 'painpoint:hide', hideReq(roundId, c, 'names-someone'));
    expect(painRows(roundId)).toEqual(hiddenRows);
    await ok(r.facilitator, 'painpoint:hide', hideReq(roundId, c, 'offensive'));
    await expectWalls(r, roundId, wallOf(A, B, { ...C, hidden: 'offensive' }, D));
    await ok(r.facilitator, 'painpoint:hide', hideReq(roundId, c, null));
    await expectWalls(r, roundId, wallOf(A, B, C, D));

    // Support: a by P2 P3, b by P3 P4 (one batch of three people, AN13).
    await ok(p2, 'painpoint:support', supportReq(roundId, a));
    await ok(p3, 'painpoint:support', supportReq(roundId, a));
    await ok(p3, 'painpoint:support', supportReq(roundId, b));
    await ok(p4, 'painpoint:support', supportReq(roundId, b));
    await expectWall(r.facilitator, 'console', roundId, wallOf({ ...A, support: 2 }, { ...B, support: 2 }, C, D));

    // PP5: b into a: 2 + 2 + 1 (b's author) - 1 (P3 supported both) = 4; b's text listed under a.
    await ok(r.facilitator, 'painpoint:merge', mergeReq(roundId, b, a));
    let wall = wallOf({ ...A, support: 4, merged: [T.b] }, C, D);
    await expectWalls(r, roundId, wall);
    expect((await resume(phone[3], r.sessionId)).self.supported).toEqual([a]);
    expect((await resume(phone[2], r.sessionId)).self.supported).toEqual([a]);
    // Support for the merged id goes to a: P5 counts, P2 (already behind a) does not count twice. With P1
    // behind d and P6 behind c, three people's first supports make the next batch.
    await ok(p5, 'painpoint:support', supportReq(roundId, b));
    expect(await send(p2, 'painpoint:support', supportReq(roundId, b))).toEqual({ ok: true, value: { stored: true } });
    await ok(p1, 'painpoint:support', supportReq(roundId, d));
    await ok(p6, 'painpoint:support', supportReq(roundId, c));
    const C1 = { ...C, support: 1 };
    wall = wallOf({ ...A, support: 5, merged: [T.b] }, C1, { ...D, support: 1 });
    await expectWall(r.facilitator, 'console', roundId, wall);
    expect((await resume(phone[4], r.sessionId)).self.supported).toEqual([a]);

    // Refused merges and moderation of a merged entry, each changing nothing.
    await refusedUnchanged('BAD_REQUEST', () => send(r.facilitator, 'painpoint:merge', mergeReq(roundId, a, a)));
    await refusedUnchanged('POINT_STATE', () => send(r.facilitator, 'painpoint:merge', mergeReq(roundId, b, d)));
    await refusedUnchanged('POINT_STATE', () => send(r.facilitator, 'painpoint:merge', mergeReq(roundId, d, b)));
    await refusedUnchanged('POINT_STATE', () =>
      send(r.facilitator, 'painpoint:hide', hideReq(roundId, b, 'off-topic')),
    );
    await refusedUnchanged('POINT_STATE', () => send(r.facilitator, 'painpoint:theme', themeReq(roundId, b, 'o2')));
    await refusedUnchanged('POINT_NOT_FOUND', () =>
      send(r.facilitator, 'painpoint:merge', mergeReq(roundId, 'no-such-point', a)),
    );

    // a into d: its duplicate b moves along; 1 + 5 + 1 - 0 (nobody supported both) = 7.
    await ok(r.facilitator, 'painpoint:merge', mergeReq(roundId, a, d));
    const underD = [
      { id: a, text: T.a },
      { id: b, text: T.b },
    ]
      .sort(byId)
      .map((m) => m.text);
    wall = wallOf(C1, { ...D, support: 7, merged: underD });
    await expectWalls(r, roundId, wall);
    await ok(p1, 'painpoint:support', supportReq(roundId, b));
    // A view pushed by a later change, made after the support, shows the wall unchanged.
    expect(findRound((await pushConsoleView(server.url, r)).rounds, roundId)?.wall).toEqual(wall);
    expect((await resume(phone[4], r.sessionId)).self.supported).toEqual([d]);

    // PP6: cluster into a theme, or none; unknown themes refused; a new theme gets the next id.
    await ok(r.facilitator, 'painpoint:theme', themeReq(roundId, d, 'o2'));
    await refusedUnchanged('THEME_NOT_FOUND', () => send(r.facilitator, 'painpoint:theme', themeReq(roundId, c, 'o3')));
    expect(
      await ok(r.facilitator, 'painpoint:add-theme', { commandId: newCommandId(), roundId, label: 'Personeel' }),
    ).toEqual({ themeId: 'o3' });
    await ok(r.facilitator, 'painpoint:theme', themeReq(roundId, c, 'o3'));
    wall = wallOf({ ...C1, themeId: 'o3' }, { ...D, support: 7, merged: underD, themeId: 'o2' });
    await expectWalls(r, roundId, wall);
    const options = [
      { id: 'o1', label: 'Planning' },
      { id: 'o2', label: 'Overleg' },
      { id: 'o3', label: 'Personeel' },
    ];
    await p1.waitFor('participant:view', (v) => isDeepStrictEqual(v.round?.options, options));
    // Phones may tag with the new theme. One entry is less than a batch (AN21): it waits for the close.
    const e = await submit(p5, roundId, 'Te weinig mensen', 'o3');
    const E = pt(e, 'Te weinig mensen', { themeId: 'o3' });
    await expectModeration(r.facilitator, roundId, { waiting: 0, queue: [] });

    // P1 supports c too (it supports d already; received, alone in its queue), then the round closes: it
    // counts, the support keys go, e goes out.
    await ok(p1, 'painpoint:support', supportReq(roundId, c));
    await ok(r.facilitator, 'round:close', { commandId: newCommandId(), roundId });
    await consoleRound(r.facilitator, roundId, (round) => round.status === 'closed');
    expect(painRows(roundId).support).toEqual([]);
    wall = wallOf({ ...C, themeId: 'o3', support: 2 }, { ...D, support: 7, merged: underD, themeId: 'o2' }, E);
    await expectWall(r.facilitator, 'console', roundId, wall);

    // Moderation works on a closed round. After close only counts remain: c into d adds 2 + 7 + 1 = 10
    // (P1, who supported both, can no longer be told apart).
    await ok(r.facilitator, 'painpoint:merge', mergeReq(roundId, c, d));
    await ok(r.facilitator, 'painpoint:hide', hideReq(roundId, e, 'off-topic'));
    await ok(r.facilitator, 'painpoint:theme', themeReq(roundId, d, null));
    expect(
      await ok(r.facilitator, 'painpoint:add-theme', { commandId: newCommandId(), roundId, label: 'Middelen' }),
    ).toEqual({ themeId: 'o4' });
    await ok(r.facilitator, 'painpoint:theme', themeReq(roundId, e, 'o4'));
    const underDAfter = [
      { id: a, text: T.a },
      { id: b, text: T.b },
      { id: c, text: T.c },
    ]
      .sort(byId)
      .map((m) => m.text);
    wall = wallOf(
      { ...D, support: 10, merged: underDAfter, themeId: null },
      { ...E, hidden: 'off-topic', themeId: 'o4' },
    );
    await expectWalls(r, roundId, wall, forRoom(wall, true));
    expectAllValid(r);
  });
});

describe('AN8 AN10 AN13 restart', () => {
  it('AN13 AN14 R1 entries still waiting when the server stops are on no disk; the phones send them again with the same command ids, they keep their ids, and the restarted server releases them', async () => {
    // Every 20 s, here every 2 real seconds.
    const r = await room(3, { releaseEverySeconds: 20, releaseMinEntries: 3 });
    const [p1, p2, p3] = r.p as [TestClient, TestClient, TestClient];
    const roundId = await openPainRound(r.facilitator, { perParticipant: 1, reveal: 'live' });
    await expectWall(r.facilitator, 'console', roundId, { points: [], paper: 0 });

    // All three arrive just after a tick, so the next one (2 s later) comes after the stop.
    await alignClock(2000, 50, 500);
    const requests = ['Te veel vergaderingen', 'Niemand weet wie beslist', 'Koffie is op'].map((text) => ({
      commandId: newCommandId(),
      roundId,
      text,
      themeId: null,
    }));
    const phones = [p1, p2, p3];
    const acks = await Promise.all(requests.map((request, i) => ok(phones[i]!, 'painpoint:submit', request)));
    expect(acks.map((a) => a.stored)).toEqual([false, false, false]);
    const [a, b, c] = acks.map((ack) => ack.pointId) as [string, string, string];
    expectRefused(
      await send(p1, 'painpoint:submit', { commandId: newCommandId(), roundId, text: 'Nog een' }),
      'PAIN_POINT_LIMIT',
    );
    let down: ReturnType<typeof painRows> | undefined;
    await restartRoom(r, () => {
      down = painRows(roundId);
    });
    // AN13: received, never written: the stopped server's files hold none of them, in no order.
    expect(down).toMatchObject({ inbox: [], points: [] });

    // The phones' outboxes send them again: the same entries, the same ids (AN14), released by the
    // restarted server's own tick, on the clock.
    const again = await Promise.all(requests.map((request, i) => ok(phones[i]!, 'painpoint:submit', request)));
    expect(again).toEqual(acks);
    const wall = wallOf(pt(a, 'Te veel vergaderingen'), pt(b, 'Niemand weet wie beslist'), pt(c, 'Koffie is op'));
    const released = await r.facilitator.waitFor(
      'facilitator:view',
      (v) => (findRound(v.rounds, roundId)?.wall?.points.length ?? 0) > 0,
      4000,
    );
    expect(findRound(released.rounds, roundId)?.wall).toEqual(wall);
    expect(released.serverTime % 2000, 'ms past the tick').toBeLessThan(450);
    await expectWalls(r, roundId, wall);
    expect(painRows(roundId)).toMatchObject({ inbox: [], points: [{}, {}, {}] });
    for (const [i, phone] of phones.entries()) {
      await phone.waitFor('inputs:stored', (e) => e.commandIds.includes(requests[i]!.commandId));
    }
    // Stored now: a retry answers the stored ack; the limit holds.
    expect(await ok(p1, 'painpoint:submit', requests[0]!)).toEqual({ pointId: a, stored: true });
    expectRefused(
      await send(p1, 'painpoint:submit', { commandId: newCommandId(), roundId, text: 'Nog een' }),
      'PAIN_POINT_LIMIT',
    );
    expectAllValid(r);
  });

  it('AN10 AN17 R1 support survives a restart while the round is open (keys, counts, self.supported); after close the support keys are gone and the counts stay, also after another restart, and closed entries left among the open ones move on open', async () => {
    const r = await room(3, { releaseEverySeconds: 10, releaseMinEntries: 3 });
    const [p1, p2, p3] = r.p as [TestClient, TestClient, TestClient];
    const roundId = await openPainRound(r.facilitator, { reveal: 'live' });
    const a = await submit(p1, roundId, 'Te veel vergaderingen');
    const b = await submit(p2, roundId, 'Niemand weet wie beslist');
    // A third entry nobody supports, so the three make a batch (AN21).
    const c = await submit(p3, roundId, 'Koffie is op');
    const withC = (...points: WallPoint[]) => wallOf(...points, pt(c, 'Koffie is op'));
    await expectWall(
      r.facilitator,
      'console',
      roundId,
      withC(pt(a, 'Te veel vergaderingen'), pt(b, 'Niemand weet wie beslist')),
    );
    await ok(p2, 'painpoint:support', supportReq(roundId, a));
    await ok(p3, 'painpoint:support', supportReq(roundId, a));
    await ok(p1, 'painpoint:support', supportReq(roundId, b));
    const wall = withC(
      pt(a, 'Te veel vergaderingen', { support: 2 }),
      pt(b, 'Niemand weet wie beslist', { support: 1 }),
    );
    await expectWalls(r, roundId, wall);

    // AN10: the keys are voter keys, not participant ids.
    const rows = painRows(roundId);
    expect(rows.support).toHaveLength(3);
    const participantIds = readDb(server.dbFile, (db) =>
      (db.prepare('SELECT id FROM participants WHERE session_id = ?').all(r.sessionId) as { id: string }[]).map(
        (p) => p.id,
      ),
    );
    expect(participantIds).toHaveLength(3);
    for (const row of rows.support) expect(participantIds).not.toContain(row.supporter_key);

    const first = await restartRoom(r);
    expect(findRound(first.attached.rounds, roundId)?.wall).toEqual(wall);
    expect(first.selves.map((s) => s.supported)).toEqual([[b], [a], [a]]);
    expect(painRows(roundId)).toEqual(rows);
    // Still counted once: supporting again after the restart changes nothing (stored at once: nothing
    // to wait for); withdrawing does, on P3's phone at once, on the screens with a batch or the close.
    expect(await send(p2, 'painpoint:support', supportReq(roundId, a))).toEqual({ ok: true, value: { stored: true } });
    expect(painRows(roundId)).toEqual(rows);
    expect(await send(p3, 'painpoint:support', supportReq(roundId, a, false))).toEqual({
      ok: true,
      value: { stored: false },
    });
    expect((await resume(r.phones[2]!, r.sessionId)).self.supported).toEqual([]);
    await ok(p3, 'painpoint:support', supportReq(roundId, a));
    expect((await resume(r.phones[2]!, r.sessionId)).self.supported).toEqual([a]);
    await expectWalls(r, roundId, wall);

    // Closed: the support keys go, the counts stay.
    await ok(r.facilitator, 'round:close', { commandId: newCommandId(), roundId });
    await consoleRound(r.facilitator, roundId, (round) => round.status === 'closed');
    expect(painRows(roundId)).toEqual({
      inbox: [],
      points: rows.points,
      support: [],
    });
    expect(readDb(server.dbFile, (db) => db.prepare('SELECT COUNT(*) AS n FROM pain_point_support').get())).toEqual({
      n: 0,
    });
    expect((rows.points as { id: string; support: number }[]).map((p) => [p.id, p.support])).toEqual(
      wall.points.map((p) => [p.id, p.support]),
    );
    // Closed: the room sees the paper count too (PA5), 0 here.
    await expectWalls(r, roundId, wall, forRoom(wall, true));

    // AN17: as a file of an older build (or a stop between the close and its scrub) has them: the closed
    // round's entries still among the open ones. The store moves them when it opens.
    const second = await restartRoom(r, () => {
      writeStoreSync(
        server.dbFile,
        `INSERT INTO pain_points SELECT session_id, round_id, id, text, theme_id, stage, hidden, merged_into,
          support, answered FROM closed_pain_points WHERE round_id = '${roundId}';
        DELETE FROM closed_pain_points WHERE round_id = '${roundId}'`,
      );
      expect(painRows(roundId)).toEqual({ inbox: [], points: rows.points, support: [] });
    });
    expect(
      readDb(server.dbFile, (db) => ({
        open: db.prepare('SELECT id FROM pain_points WHERE round_id = ?').pluck().all(roundId),
        closed: db.prepare('SELECT id FROM closed_pain_points WHERE round_id = ? ORDER BY seq').pluck().all(roundId),
      })),
    ).toEqual({ open: [], closed: (rows.points as { id: string }[]).map((p) => p.id) });
    expect(painRows(roundId)).toEqual({ inbox: [], points: rows.points, support: [] });
    expect(findRound(second.attached.rounds, roundId)).toMatchObject({ status: 'closed', wall });
    expect(second.selves.map((s) => s.supported)).toEqual([[], [], []]);
    expectAllValid(r);
  });
});

describe('S3 roles for pain points', () => {
  it('S3 a phone cannot approve, hide, merge, theme or add themes, even for entries it can see, and learns nothing of the queue', async () => {
    const r = await room(3, { releaseEverySeconds: 10, releaseMinEntries: 3 });
    const [p1, p2, p3] = r.p as [TestClient, TestClient, TestClient];
    const roundId = await openPainRound(r.facilitator, { themes: ['Planning'], premoderation: true, reveal: 'live' });
    const a = await submit(p1, roundId, 'Te veel vergaderingen');
    const b = await submit(p2, roundId, 'Jan luistert nooit');
    // A third entry, so the three make a batch (AN21); it stays in the queue.
    const c = await submit(p3, roundId, 'Koffie is op');
    await expectModeration(r.facilitator, roundId, {
      waiting: 0,
      queue: [
        { id: a, text: 'Te veel vergaderingen', themeId: null },
        { id: b, text: 'Jan luistert nooit', themeId: null },
        { id: c, text: 'Koffie is op', themeId: null },
      ].sort(byId),
    });
    await ok(r.facilitator, 'painpoint:approve', { commandId: newCommandId(), roundId, pointIds: [a] });
    await expectWalls(r, roundId, wallOf(pt(a, 'Te veel vergaderingen')));

    const attempts: [CommandName, unknown][] = [
      ['painpoint:approve', { commandId: newCommandId(), roundId, pointIds: [b] }],
      ['painpoint:hide', hideReq(roundId, a, 'offensive')],
      ['painpoint:hide', hideReq(roundId, b, 'facilitator')],
      ['painpoint:merge', mergeReq(roundId, b, a)],
      ['painpoint:theme', themeReq(roundId, a, 'o1')],
      ['painpoint:add-theme', { commandId: newCommandId(), roundId, label: 'Mijn thema' }],
    ];
    for (const phone of [p1, p2]) {
      for (const [name, request] of attempts) {
        await pace(phone);
        await refusedUnchanged('FORBIDDEN', () => phone.sendRaw(name, request) as Promise<Ack<unknown>>);
      }
    }
    // A phone's own resume carries no queue or waiting count, and its view never held the queued text.
    const resumed = await resume(r.phones[1]!, r.sessionId);
    expect(resumed.view.round?.wall).toEqual(forRoom(wallOf(pt(a, 'Te veel vergaderingen'))));
    expect(JSON.stringify(resumed)).not.toContain('Jan luistert nooit');
    for (const client of [r.projector, p1, p2]) expect(JSON.stringify(client.received)).not.toContain('Jan luistert');
    await expectModeration(r.facilitator, roundId, {
      waiting: 0,
      queue: [
        { id: b, text: 'Jan luistert nooit', themeId: null },
        { id: c, text: 'Koffie is op', themeId: null },
      ].sort(byId),
    });
    expectAllValid(r);
  });
});
