/**
 * Question rounds end to end (core SPEC QA1-QA4): real socket.io clients (console, projector, phones)
 * against a real server on SQLite. Questions ride the pain points' machinery: asked with
 * `painpoint:submit`, voted with `painpoint:support`, released in batches at the release tick (this
 * server counts a release second as 100 ms, so the 10 s floor ticks every real second).
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExportDocument, type Ack, type ErrorCode, type Wall } from '@vrijuit/protocol';
import {
  attachProjector,
  closeAllClients,
  createRound,
  dumpDb,
  newCommandId,
  createPainRound,
  readDb,
  setUpWorkshop,
  startServer,
  type TestClient,
  type TestServer,
} from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ releaseSecondMs: 100 });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

async function room(phones: number) {
  const w = await setUpWorkshop(server.url, phones, 'Vragen', { releaseEverySeconds: 10, releaseMinEntries: 3 });
  const projector = await attachProjector(server.url, w);
  const p = w.phones.map((phone) => phone.client);
  const roundId = await createRound(w.facilitator, {
    question: 'Wat wil je de schepen vragen?',
    options: [],
    config: { kind: 'questions' },
    reveal: 'live',
  });
  await w.facilitator.ok('round:open', { commandId: newCommandId(), roundId });
  return { ...w, projector, p, roundId, clients: [w.facilitator, projector, ...p] };
}

async function ask(phone: TestClient, roundId: string, text: string): Promise<string> {
  const ack = await phone.ok('painpoint:submit', { commandId: newCommandId(), roundId, text });
  return ack.pointId;
}

const vote = (phone: TestClient, roundId: string, pointId: string, supported = true) =>
  phone.ok('painpoint:support', { commandId: newCommandId(), roundId, pointId, supported });

const answer = (facilitator: TestClient, roundId: string, pointId: string, answered: boolean) =>
  facilitator.send('question:answer', { commandId: newCommandId(), roundId, pointId, answered });

function wallOn(client: TestClient, roundId: string): Wall | null | undefined {
  const console = client.latest('facilitator:view')?.rounds.find((r) => r.id === roundId);
  if (console) return console.wall;
  const round = client.latest('projector:view')?.round ?? client.latest('participant:view')?.round;
  return round?.id === roundId ? round.wall : undefined;
}

/** Waits until every client's wall satisfies `check`, then returns the walls. */
async function walls(clients: TestClient[], roundId: string, check: (wall: Wall) => boolean): Promise<Wall[]> {
  const seen: Wall[] = [];
  for (const c of clients) {
    seen.push(
      await c.until(
        () => {
          const wall = wallOn(c, roundId);
          return wall && check(wall) ? wall : undefined;
        },
        5000,
        'the wall',
      ),
    );
  }
  return seen;
}

function expectRefused(ack: Ack<unknown>, code: ErrorCode): void {
  expect(ack).toMatchObject({ ok: false, error: { code } });
}

describe('QA question rounds with real clients', () => {
  it('QA1 QA2 QA3 questions reach every screen in a batch, votes count, the answered mark comes and goes and is stored', async () => {
    const r = await room(4);
    const [q1, q2, q3] = [
      await ask(r.p[0]!, r.roundId, 'Wanneer komt de nieuwe bus?'),
      await ask(r.p[1]!, r.roundId, 'Wie betaalt de fietsstraat?'),
      await ask(r.p[2]!, r.roundId, 'Waarom sluit het loket?'),
    ];
    // AN8: the batch of three questions from three people reaches every screen at the tick.
    await walls(r.clients, r.roundId, (w) => w.points.length === 3);
    // QA1: votes are supports, stored with k = 3 distinct people.
    for (const phone of [r.p[1]!, r.p[2]!, r.p[3]!]) await vote(phone, r.roundId, q1!);
    await walls(r.clients, r.roundId, (w) => w.points.find((p) => p.id === q1)?.support === 3);

    // QA2: answered, seen by every screen, stored with the question.
    expect(await answer(r.facilitator, r.roundId, q1!, true)).toEqual({ ok: true, value: {} });
    const marked = await walls(r.clients, r.roundId, (w) => w.points.find((p) => p.id === q1)?.answered === true);
    for (const wall of marked) expect(wall.points.filter((p) => p.answered).map((p) => p.id)).toEqual([q1]);
    const answeredIn = (table: string) =>
      readDb(server.dbFile, (db) =>
        db.prepare(`SELECT id, answered FROM ${table} WHERE round_id = ? AND answered = 1`).all(r.roundId),
      );
    expect(answeredIn('pain_points')).toEqual([{ id: q1, answered: 1 }]);

    // Undo: not answered again.
    await answer(r.facilitator, r.roundId, q1!, false);
    await walls(r.clients, r.roundId, (w) => w.points.every((p) => p.answered === undefined));
    expect(answeredIn('pain_points')).toEqual([]);

    // QA1: hidden with a reason (PP4): the room sees the reason, not the text.
    await r.facilitator.ok('painpoint:hide', {
      commandId: newCommandId(),
      roundId: r.roundId,
      pointId: q2!,
      reason: 'off-topic',
    });
    const [, projectorWall] = await walls(
      r.clients,
      r.roundId,
      (w) => w.points.find((p) => p.id === q2)?.hidden === 'off-topic',
    );
    expect(projectorWall!.points.find((p) => p.id === q2)?.text).toBeNull();

    // QA3: the asker's phone gets the very wall everyone gets: nothing marks its own question.
    const phoneRounds = r.p.map((c) => c.latest('participant:view')?.round);
    for (const round of phoneRounds) expect(round).toEqual(phoneRounds[3]);
    expect(JSON.stringify(r.p[0]!.received)).not.toContain('"mine"');

    // QA2 on a closed round: the mark moves with the question to the closed table.
    await answer(r.facilitator, r.roundId, q3!, true);
    await walls([r.facilitator], r.roundId, (w) => w.points.find((p) => p.id === q3)?.answered === true);
    await r.facilitator.ok('round:close', { commandId: newCommandId(), roundId: r.roundId });
    await answer(r.facilitator, r.roundId, q1!, true);
    await walls([r.facilitator], r.roundId, (w) => w.points.filter((p) => p.answered).length === 2);
    expect(
      answeredIn('closed_pain_points')
        .map((row) => (row as { id: string }).id)
        .sort(),
    ).toEqual([q1, q3].sort());
    for (const c of r.clients) expect(c.invalid).toEqual([]);

    // The marks are read back from the store after a restart (the view the console gets on attaching).
    const connects = r.facilitator.connects;
    await server.restart(0);
    await r.facilitator.connected(connects + 1, 10_000);
    const view = await r.facilitator.ok('facilitator:attach', { sessionId: r.sessionId });
    const after = view.rounds.find((round) => round.id === r.roundId)?.wall;
    expect(
      after?.points
        .filter((p) => p.answered)
        .map((p) => p.id)
        .sort(),
    ).toEqual([q1, q3].sort());
  });

  it('QA2 refusals change nothing: a pain-point round, an unknown or waiting question; only the facilitator answers', async () => {
    const r = await room(3);
    const waiting = await ask(r.p[0]!, r.roundId, 'Nog niet vrijgegeven?');
    // This session's rows (the first test's close may still be moving its entries in the background).
    const rows = () =>
      Object.fromEntries(
        Object.entries(dumpDb(server.dbFile)).map(([table, list]) => [
          table,
          list.filter((row) => (row as { session_id?: string }).session_id === r.sessionId),
        ]),
      );
    const unchanged = async (code: ErrorCode, sending: () => Promise<Ack<unknown>>) => {
      const before = rows();
      expectRefused(await sending(), code);
      expect(rows()).toEqual(before);
    };
    await unchanged('POINT_NOT_FOUND', () => answer(r.facilitator, r.roundId, waiting, true));
    await unchanged('POINT_NOT_FOUND', () => answer(r.facilitator, r.roundId, 'no-such-point', true));
    const pain = await createPainRound(r.facilitator);
    await unchanged('ROUND_KIND', () => answer(r.facilitator, pain, waiting, true));
    await unchanged('FORBIDDEN', () =>
      r.p[1]!.send('question:answer', {
        commandId: newCommandId(),
        roundId: r.roundId,
        pointId: waiting,
        answered: true,
      }),
    );
    // A question round takes no themes (QA1).
    await unchanged('ROUND_KIND', () =>
      r.facilitator.send('painpoint:add-theme', { commandId: newCommandId(), roundId: r.roundId, label: 'Mobiliteit' }),
    );
    expect(isDeepStrictEqual(r.facilitator.invalid, [])).toBe(true);
  });

  it('QA6 hides and merges of questions are logged on the console (never the phones) and published in the export', async () => {
    const r = await room(3);
    const [q1, q2, q3] = [
      await ask(r.p[0]!, r.roundId, 'Wanneer komt de nieuwe bus?'),
      await ask(r.p[1]!, r.roundId, 'Komt er een bus naar het station?'),
      await ask(r.p[2]!, r.roundId, 'Iets over de buurman'),
    ];
    await walls(r.clients, r.roundId, (w) => w.points.length === 3);
    await r.facilitator.ok('painpoint:hide', {
      commandId: newCommandId(),
      roundId: r.roundId,
      pointId: q3!,
      reason: 'names-someone',
    });
    await r.facilitator.ok('painpoint:merge', {
      commandId: newCommandId(),
      roundId: r.roundId,
      pointId: q2!,
      intoId: q1!,
    });
    const view = await r.facilitator.waitFor('facilitator:view', (v) =>
      v.rounds.some((round) => round.id === r.roundId && round.moderation?.log.length === 2),
    );
    expect(view.rounds.find((round) => round.id === r.roundId)?.moderation?.log).toEqual([
      { action: 'hidden', reason: 'names-someone', queued: false },
      { action: 'merged', entries: 1 },
    ]);
    for (const phone of r.p) expect(JSON.stringify(phone.received)).not.toContain('"queued"');

    const res = await fetch(`${server.url}/api/sessions/${r.sessionId}/export?format=json`, {
      headers: { cookie: r.cookie },
    });
    expect(res.status).toBe(200);
    const doc = ExportDocument.parse(await res.json());
    const round = doc.rounds.find((x) => x.kind === 'questions');
    if (round?.kind !== 'questions') throw new Error('no question round in the export');
    expect(round.moderation).toEqual([
      { action: 'hidden', reason: 'names-someone', theme: null, times: 1, entries: 1 },
      { action: 'merged', reason: null, theme: null, times: 1, entries: 1 },
    ]);
    expect(JSON.stringify(doc)).not.toContain('Iets over de buurman');
  });
});
