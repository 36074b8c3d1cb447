/**
 * The facilitator's controls on a running round, seen from every role through real sockets:
 * reveal (RO7), lock (RO6), timer (RO5), re-run (RO8), and the projector's own view.
 */
import { describe, expect, it } from 'vitest';
import type { ProjectorView, RoundResults } from '@vrijuit/protocol';
import {
  attachProjector,
  connect,
  createRound,
  dumpDb,
  expectConsoleResults,
  newCommandId,
  newToken,
  openRound,
  OPTIONS,
  resultsOnConsole,
  setUpWorkshop,
  single,
  voteFor,
  type TestClient,
  type TestServer,
  type Workshop,
  serverPerFile,
} from './helpers.ts';

let server: TestServer;
serverPerFile((started) => (server = started));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** PA5: phones and the projector get no paper count while the round is open. */
const roomLive = (o1: number, o2: number, o3: number): RoundResults => ({ ...live(o1, o2, o3), paper: null });
const live = (o1: number, o2: number, o3: number): RoundResults => ({
  respondents: o1 + o2 + o3,
  paper: 0,
  perPerson: { values: { o1, o2, o3 }, matrix: null },
  perMunicipality: null,
  breakdown: null,
});

/** A workshop of `phones` phones (zones z1, z2, z3, z1, …) with its projector attached. */
async function room(phones: number): Promise<Workshop & { projector: TestClient; clients: TestClient[] }> {
  const w = await setUpWorkshop(server.url, phones);
  const projector = await attachProjector(server.url, w);
  return { ...w, projector, clients: [w.facilitator, projector, ...w.phones.map((p) => p.client)] };
}

function expectAllValid(clients: TestClient[]): void {
  for (const c of clients) expect(c.invalid).toEqual([]);
}

describe('RO7 reveal', () => {
  it('RO7 phones and projector get results === null until round:reveal, then the results; hidden again, null again', async () => {
    const { facilitator, projector, phones, clients } = await room(6);
    const [p1, p2, p3] = phones.map((p) => p.client) as [TestClient, TestClient, TestClient];
    const roundId = await openRound(facilitator);

    // The projector counts respondents up in steps of k = 3 (AN12), without results.
    await projector.waitFor('projector:view', (v) => v.round?.id === roundId && v.round.respondents === 0);
    for (const [phone, o] of [
      [p1, 'o1'],
      [p2, 'o2'],
      [p3, 'o1'],
    ] as const)
      await phone.ok('vote:cast', voteFor(roundId, single(o)));
    await projector.waitFor('projector:view', (v) => v.round?.respondents === 3);
    const counts = projector.received['projector:view'].map((v) => v.round?.respondents);
    expect(counts.slice(counts.indexOf(0))).toEqual([0, 3]);
    expect(projector.received['projector:view'].every((v) => v.round === null || v.round.results === null)).toBe(true);
    // The console has the tally all along, in the same steps.
    await expectConsoleResults(facilitator, roundId, live(2, 1, 0));
    const beforeReveal = phones.map((p) => p.client.received['participant:view'].length);

    await facilitator.ok('round:reveal', { commandId: newCommandId(), roundId, revealed: true });
    for (const phone of [p1, p2, p3]) {
      const view = await phone.waitFor('participant:view', (v) => v.round?.revealed === true);
      expect(view.round?.results).toEqual(roomLive(2, 1, 0));
    }
    const shown = await projector.waitFor('projector:view', (v) => v.round?.revealed === true);
    expect(shown.round).toMatchObject({ respondents: 3, results: roomLive(2, 1, 0) });
    // Until the reveal every phone view had results === null.
    phones.forEach((p, i) => {
      const before = p.client.received['participant:view'].slice(0, beforeReveal[i]);
      expect(before.length).toBeGreaterThan(0);
      expect(before.every((v) => v.round === null || v.round.results === null)).toBe(true);
    });

    // Revealed: the next batch reaches the phones (within the once-a-second window) and the projector.
    for (const phone of phones.slice(3)) await phone.client.ok('vote:cast', voteFor(roundId, single('o3')));
    for (const phone of [p1, p2, p3]) {
      await phone.waitFor('participant:view', (v) => v.round?.results?.respondents === 6, 2500);
    }
    await projector.waitFor('projector:view', (v) => v.round?.results?.respondents === 6);

    // Hidden again.
    await facilitator.ok('round:reveal', { commandId: newCommandId(), roundId, revealed: false });
    for (const phone of [p1, p2, p3]) {
      await phone.waitFor('participant:view', (v) => v.round?.revealed === false && v.round.results === null);
    }
    await projector.waitFor('projector:view', (v) => v.round?.revealed === false && v.round.results === null);

    // Closed and revealed: the kept results, breakdown included, reach the room.
    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    await facilitator.ok('round:reveal', { commandId: newCommandId(), roundId, revealed: true });
    const kept = await resultsOnConsole(facilitator, roundId, (r) => r.status === 'closed');
    expect(kept?.breakdown).not.toBeNull();
    for (const phone of [p1, p2, p3]) {
      const view = await phone.waitFor('participant:view', (v) => v.round?.status === 'closed' && v.round.revealed);
      expect(view.round?.results).toEqual(kept);
    }
    expectAllValid(clients);
  });

  it('RO7 a live round shows its results to the room while open, phones at most once a second', async () => {
    const { facilitator, projector, phones, clients } = await room(6);
    const [p1, p2, p3] = phones.map((p) => p.client) as [TestClient, TestClient, TestClient];
    const roundId = await openRound(facilitator, { reveal: 'live' });
    const opened = await p1.waitFor('participant:view', (v) => v.round?.id === roundId);
    expect(opened.round).toMatchObject({ reveal: 'live', revealed: false, results: roomLive(0, 0, 0) });

    // Two batches of three right after each other: the phones get them a second apart.
    for (const [phone, o] of [
      [p1, 'o3'],
      [p2, 'o3'],
      [p3, 'o2'],
    ] as const)
      await phone.ok('vote:cast', voteFor(roundId, single(o)));
    await sleep(200);
    for (const phone of phones.slice(3)) await phone.client.ok('vote:cast', voteFor(roundId, single('o1')));
    for (const phone of [p1, p2, p3]) {
      const view = await phone.waitFor('participant:view', (v) => v.round?.results?.respondents === 6, 2500);
      expect(view.round?.results).toEqual(roomLive(3, 1, 2));
    }
    await projector.waitFor('projector:view', (v) => v.round?.results?.respondents === 6);
    expect(projector.latest('projector:view')?.round?.results).toEqual(roomLive(3, 1, 2));

    // Phones: after the round's own update, result updates came at least a second apart.
    const at = p1.arrivals['participant:view'];
    const views = p1.received['participant:view'];
    const first = views.indexOf(opened);
    const gaps = at.slice(first + 1).map((t, i) => t - at[first + i]!);
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    for (const gap of gaps) expect(gap, 'ms between result updates').toBeGreaterThanOrEqual(950);
    expectAllValid(clients);
  });
});

describe('RO6 lock', () => {
  it('RO6 a locked round refuses votes with ROUND_LOCKED, keeps those cast, and takes them again once unlocked', async () => {
    const { sessionId, facilitator, projector, phones, clients } = await room(4);
    const [p1, p2] = phones as [(typeof phones)[number], (typeof phones)[number]];
    const roundId = await openRound(facilitator);
    for (const phone of phones.slice(1)) await phone.client.ok('vote:cast', voteFor(roundId, single('o2')));

    await facilitator.ok('round:lock', { commandId: newCommandId(), roundId, locked: true });
    for (const phone of phones) await phone.client.waitFor('participant:view', (v) => v.round?.locked === true);
    await projector.waitFor('projector:view', (v) => v.round?.locked === true);

    const before = dumpDb(server.dbFile);
    const locked = { ok: false, error: { code: 'ROUND_LOCKED', message: 'the facilitator has paused this round' } };
    const vote = voteFor(roundId, single('o1'));
    expect(await p1.client.send('vote:cast', vote)).toEqual(locked);
    expect(await p2.client.send('vote:cast', voteFor(roundId, single('o3')))).toEqual(locked);
    expect(dumpDb(server.dbFile)).toEqual(before);
    expect((await p2.client.ok('participant:resume', { sessionId, token: p2.token })).self.ballot).toEqual(
      single('o2'),
    );
    await expectConsoleResults(facilitator, roundId, live(0, 3, 0));

    await facilitator.ok('round:lock', { commandId: newCommandId(), roundId, locked: false });
    for (const phone of phones) await phone.client.waitFor('participant:view', (v) => v.round?.locked === false);
    // The refused command was not logged: the phone's retry with the same commandId now counts (received,
    // and counted on the screens at the close, as the remainder under k).
    expect(await p1.client.send('vote:cast', vote)).toEqual({ ok: true, value: { roundId, stored: false } });
    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    expect(await resultsOnConsole(facilitator, roundId, (r) => r.status === 'closed')).toMatchObject({
      respondents: 4,
      perPerson: live(1, 3, 0).perPerson,
    });
    await projector.waitFor('projector:view', (v) => v.round?.status === 'closed' && v.round.respondents === 4);
    expectAllValid(clients);
  });
});

describe('RO5 timer', () => {
  it('RO5 round:timer with seconds 1 closes the round by itself; every role gets the closed view', async () => {
    const { facilitator, projector, phones, clients } = await room(2);
    // A duration given at creation starts when the round opens...
    const t0 = Date.now();
    const roundId = await openRound(facilitator, { durationSeconds: 5 });
    const t1 = Date.now();
    const started = await facilitator.waitFor('facilitator:view', (v) => v.rounds[0]?.status === 'open');
    expect(started.rounds[0]!.closesAt).toBeGreaterThanOrEqual(t0 + 5000);
    expect(started.rounds[0]!.closesAt).toBeLessThanOrEqual(t1 + 5000);
    for (const phone of phones) {
      const view = await phone.client.waitFor('participant:view', (v) => v.round?.id === roundId);
      expect(view.round?.closesAt).toBe(started.rounds[0]!.closesAt);
      expect(view.serverTime).toBeLessThan(view.round!.closesAt!);
    }
    // ... and can be cancelled.
    await facilitator.ok('round:timer', { commandId: newCommandId(), roundId, seconds: null });
    await facilitator.waitFor(
      'facilitator:view',
      (v) => v.rounds[0]?.status === 'open' && v.rounds[0].closesAt === null,
    );
    for (const phone of phones) await phone.client.waitFor('participant:view', (v) => v.round?.closesAt === null);

    await phones[0]!.client.ok('vote:cast', voteFor(roundId, single('o3')));
    const seen = projector.received['projector:view'].length;
    const before = Date.now();
    await facilitator.ok('round:timer', { commandId: newCommandId(), roundId, seconds: 1 });
    const after = Date.now();
    const countdown = await projector.until(
      () => projector.received['projector:view'].slice(seen).find((v) => v.round?.closesAt != null),
      3000,
      'the countdown',
    );
    const closesAt = countdown.round!.closesAt!;
    expect(closesAt).toBeGreaterThanOrEqual(before + 1000);
    expect(closesAt).toBeLessThanOrEqual(after + 1000);
    for (const phone of phones) await phone.client.waitFor('participant:view', (v) => v.round?.closesAt === closesAt);

    // Nobody sends round:close.
    const closed = await facilitator.waitFor('facilitator:view', (v) => v.rounds[0]?.status === 'closed', 3000);
    expect(Date.now()).toBeGreaterThanOrEqual(closesAt);
    expect(closed.rounds[0]).toMatchObject({ status: 'closed', closesAt: null, respondents: 1 });
    expect(closed.rounds[0]?.results?.perPerson.values).toEqual({ o1: 0, o2: 0, o3: 1 });
    expect(closed.rounds[0]?.results?.breakdown).not.toBeNull();
    for (const phone of phones) {
      const view = await phone.client.waitFor('participant:view', (v) => v.round?.status === 'closed');
      expect(view.round).toMatchObject({ id: roundId, closesAt: null, results: null });
    }
    const shown = await projector.waitFor('projector:view', (v) => v.round?.status === 'closed');
    expect(shown.round).toMatchObject({ id: roundId, closesAt: null, respondents: 1, results: null });
    expect(await phones[1]!.client.send('vote:cast', voteFor(roundId, single('o1')))).toEqual({
      ok: false,
      error: { code: 'ROUND_NOT_OPEN', message: 'the round is not open' },
    });
    // A closed round has no timer to set.
    expect(await facilitator.send('round:timer', { commandId: newCommandId(), roundId, seconds: 5 })).toEqual({
      ok: false,
      error: { code: 'ROUND_STATE', message: 'a closed round cannot change this way' },
    });
    expectAllValid(clients);
  });
});

describe('RO8 re-run', () => {
  it('RO8 a closed round re-runs as a draft right after it; the projector compares it with `previous`', async () => {
    const { facilitator, projector, phones, clients } = await room(3);
    const original = await openRound(facilitator, { question: 'Gaan we door?' });
    const later = await createRound(facilitator, { question: 'Iets anders', options: ['A', 'B'] });
    expect(await facilitator.send('round:rerun', { commandId: newCommandId(), roundId: original })).toEqual({
      ok: false,
      error: { code: 'ROUND_STATE', message: 'only a closed round can be run again' },
    });
    for (const [i, o] of ['o1', 'o1', 'o2'].entries()) {
      await phones[i]!.client.ok('vote:cast', voteFor(original, single(o)));
    }
    await facilitator.ok('round:close', { commandId: newCommandId(), roundId: original });
    await facilitator.ok('round:reveal', { commandId: newCommandId(), roundId: original, revealed: true });
    const kept = await resultsOnConsole(facilitator, original, (r) => r.status === 'closed');
    expect(kept?.perPerson.values).toEqual({ o1: 2, o2: 1, o3: 0 });

    const { roundId: copy } = await facilitator.ok('round:rerun', { commandId: newCommandId(), roundId: original });
    const agenda = await facilitator.waitFor('facilitator:view', (v) => v.rounds.length === 3);
    expect(agenda.rounds.map((r) => [r.id, r.status, r.rerunOf])).toEqual([
      [original, 'closed', null],
      [copy, 'draft', original],
      [later, 'draft', null],
    ]);
    expect(agenda.rounds[1]).toEqual({
      id: copy,
      question: 'Gaan we door?',
      options: OPTIONS,
      config: { kind: 'single-choice' },
      status: 'draft',
      reveal: 'manual',
      revealed: false,
      locked: false,
      closesAt: null,
      rerunOf: original,
      compareKey: null,
      results: null,
      wall: null,
      respondents: 0,
      moderation: null,
      versions: null,
      durationSeconds: null,
    });

    await facilitator.ok('round:open', { commandId: newCommandId(), roundId: copy });
    const { respondents: _respondents, ...previous } = withoutModeration(agenda.rounds[0]!);
    const expectProjector = async (respondents: number) => {
      const view = await projector.waitFor(
        'projector:view',
        (v) => v.round?.id === copy && v.round.respondents === respondents,
      );
      const expected: Omit<ProjectorView, 'protocolVersion' | 'serverTime' | 'session' | 'joined'> = {
        round: { ...withoutModeration(agenda.rounds[1]!), status: 'open', results: null, respondents },
        previous: { ...previous, results: kept },
      };
      expect({ round: view.round, previous: view.previous }).toEqual(expected);
    };
    await expectProjector(0);
    for (const phone of phones) await phone.client.ok('vote:cast', voteFor(copy, single('o3')));
    await expectProjector(3);
    // Phones follow the re-run; their view has no `previous`.
    for (const phone of phones) {
      const view = await phone.client.waitFor('participant:view', (v) => v.round?.id === copy);
      expect(view.round).toMatchObject({ status: 'open', rerunOf: original, results: null });
      expect(view).not.toHaveProperty('previous');
    }
    expectAllValid(clients);
  });
});

describe('projector', () => {
  it('the projector view is exact: join code, joined, the current round with respondents, no names', async () => {
    const w = await room(3);
    const roundId = await openRound(w.facilitator);
    for (const phone of w.phones) await phone.client.ok('vote:cast', voteFor(roundId, single('o2')));
    const view = await w.projector.waitFor('projector:view', (v) => v.round?.respondents === 3);
    expect({ ...view, serverTime: 0 }).toEqual({
      protocolVersion: 1,
      serverTime: 0,
      session: {
        sessionId: w.sessionId,
        title: 'Retro',
        joinCode: w.joinCode,
        anonymityThreshold: 3,
        zones: [
          { id: 'z1', name: 'Noord', municipalities: [] },
          { id: 'z2', name: 'Zuid', municipalities: [] },
          { id: 'z3', name: 'Oost', municipalities: [] },
        ],
        status: 'live',
        language: 'nl-BE',
      },
      joined: 3,
      round: {
        id: roundId,
        question: 'Gaan we door?',
        options: OPTIONS,
        config: { kind: 'single-choice' },
        status: 'open',
        reveal: 'manual',
        revealed: false,
        locked: false,
        closesAt: null,
        rerunOf: null,
        compareKey: null,
        results: null,
        wall: null,
        respondents: 3,
      },
      previous: null,
    });
    // A phone joining later counts up `joined`.
    const late = await connect(server.url);
    await late.ok('participant:join', { joinCode: w.joinCode, token: newToken(), zoneId: 'z3', name: 'Laat' });
    await w.projector.waitFor('projector:view', (v) => v.joined === 4);
    const json = JSON.stringify(w.projector.received);
    expect(json).not.toContain('Laat');
    for (const p of w.phones) {
      expect(json).not.toContain(p.token);
      expect(json).not.toContain(`"${p.name}"`);
    }
    expect(json).not.toContain(w.cookie.split('=')[1]);
    expectAllValid(w.clients);
  });
});

/** A console round as the projector has it: without the console's moderation and versions. */
/** A console round as the projector shows it: without what only the console sees. */
function withoutModeration<T extends { moderation: unknown; versions: unknown; durationSeconds: unknown }>(
  round: T,
): Omit<T, 'moderation' | 'versions' | 'durationSeconds'> {
  const { moderation: _moderation, versions: _versions, durationSeconds: _duration, ...rest } = round;
  return rest;
}
