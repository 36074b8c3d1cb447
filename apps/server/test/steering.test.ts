import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FacilitatorView } from '@vrijuit/protocol';
import {
  attachProjector,
  closeAllClients,
  connect,
  createRound,
  newCommandId,
  setUpWorkshop,
  single,
  startServer,
  voteFor,
  type TestClient,
  type TestServer,
  type Workshop,
} from './helpers.ts';

let server: TestServer;
let workshop: Workshop;
let rounds: [string, string, string];

beforeEach(async () => {
  server = await startServer();
  workshop = await setUpWorkshop(server.url, 3);
  rounds = [
    await createRound(workshop.facilitator, { question: 'Eerste vraag' }),
    await createRound(workshop.facilitator, { question: 'Tweede vraag' }),
    await createRound(workshop.facilitator, { question: 'Derde vraag' }),
  ];
});
afterEach(async () => {
  closeAllClients();
  await server.close();
});
afterAll(() => closeAllClients());

const next = (commandId = newCommandId()) => workshop.facilitator.ok('session:next', { commandId });
const show = (roundId: string) => workshop.facilitator.ok('round:show', { commandId: newCommandId(), roundId });
const phonesOn = (roundId: string) =>
  Promise.all(workshop.phones.map((p) => p.client.waitFor('participant:view', (v) => v.round?.id === roundId && true)));
/** The latest view of every phone once each shows `roundId`. */
async function phonesShow(roundId: string) {
  await Promise.all(
    workshop.phones.map((p) =>
      p.client.until(() => (p.client.latest('participant:view')?.round?.id === roundId ? true : undefined)),
    ),
  );
  return workshop.phones.map((p) => p.client.latest('participant:view')!);
}
async function consoleView(): Promise<FacilitatorView> {
  return workshop.facilitator.ok('facilitator:attach', { sessionId: workshop.sessionId });
}
const statuses = (view: FacilitatorView) => view.rounds.map((r) => r.status);

describe('live steering over real sockets', () => {
  it('ST1 next opens the first draft, then closes it and opens the following one; every phone moves along', async () => {
    const [r1, r2] = rounds;
    expect(await next()).toEqual({ roundId: r1 });
    await phonesOn(r1);
    await workshop.phones[0]!.client.ok('vote:cast', voteFor(r1, single('o1')));
    await workshop.phones[1]!.client.ok('vote:cast', voteFor(r1, single('o2')));

    const commandId = newCommandId();
    expect(await next(commandId)).toEqual({ roundId: r2 });
    const views = await phonesShow(r2);
    expect(views.map((v) => [v.round?.question, v.round?.status])).toEqual(Array(3).fill(['Tweede vraag', 'open']));
    // A retried next answers the same and moves nothing (idempotent by commandId).
    expect(await next(commandId)).toEqual({ roundId: r2 });
    const view = await consoleView();
    expect(statuses(view)).toEqual(['closed', 'open', 'draft']);
    expect(view.currentRoundId).toBe(r2);
    expect(view.rounds[0]?.respondents).toBe(2);
  });

  it('ST3 ST4 going back shows a closed round’s revealed results on phones and projector; nothing is lost', async () => {
    const [r1, r2, r3] = rounds;
    const projector = await attachProjector(server.url, workshop);
    await next();
    await phonesOn(r1);
    for (const [i, option] of ['o1', 'o1', 'o3'].entries()) {
      await workshop.phones[i]!.client.ok('vote:cast', voteFor(r1, single(option)));
    }
    await workshop.facilitator.ok('round:reveal', { commandId: newCommandId(), roundId: r1, revealed: true });
    await next();
    await phonesShow(r2);
    await workshop.phones[0]!.client.ok('vote:cast', voteFor(r2, single('o2')));
    await workshop.phones[1]!.client.ok('vote:cast', voteFor(r2, single('o3')));
    const before = await consoleView();

    await show(r1);
    const back = await phonesShow(r1);
    const kept = before.rounds[0]!.results;
    expect(kept?.respondents).toBe(3);
    for (const v of back) expect(v.round).toMatchObject({ id: r1, status: 'closed', results: kept });
    // The projector saw r1 before (while it was open); what counts is its latest view after going back.
    const onProjector = await projector.until(() => {
      const latest = projector.latest('projector:view');
      return latest?.round?.id === r1 && latest.round.status === 'closed' ? latest : undefined;
    });
    expect(onProjector.round?.results).toEqual(kept);

    // Nothing changed but the current round: the closed round's results, the open round and its ballots.
    const during = await consoleView();
    expect({ ...during, serverTime: 0 }).toEqual({ ...before, serverTime: 0, currentRoundId: r1 });
    // ST4: a phone still sending a ballot for the open round is counted.
    await workshop.phones[2]!.client.ok('vote:cast', voteFor(r2, single('o1')));

    await show(r2);
    await phonesShow(r2);
    // The open round comes back as it was, with each phone's own ballot (resume answers it).
    const self = await workshop.phones[0]!.client.ok('participant:resume', {
      sessionId: workshop.sessionId,
      token: workshop.phones[0]!.token,
    });
    expect(self.self.ballot).toEqual(single('o2'));
    expect(await next()).toEqual({ roundId: r3 });
    const after = await consoleView();
    expect(statuses(after)).toEqual(['closed', 'closed', 'open']);
    expect(after.rounds[0]?.results).toEqual(kept);
    expect(after.rounds[1]?.results?.perPerson.values).toEqual({ o1: 1, o2: 1, o3: 1 });
  });

  it('ST3 a draft cannot be shown (ROUND_STATE); ST2 next with nothing left only closes and answers null', async () => {
    const [, , r3] = rounds;
    expect(await workshop.facilitator.send('round:show', { commandId: newCommandId(), roundId: r3 })).toMatchObject({
      ok: false,
      error: { code: 'ROUND_STATE' },
    });
    await workshop.facilitator.ok('round:open', { commandId: newCommandId(), roundId: r3 });
    expect(await next()).toEqual({ roundId: null });
    const view = await consoleView();
    expect(statuses(view)).toEqual(['draft', 'draft', 'closed']);
    expect(view.currentRoundId).toBe(r3);
    expect(await next()).toEqual({ roundId: null });
  });

  it('ST5 the shown round survives a restart', async () => {
    const [r1] = rounds;
    await next();
    await next();
    await show(r1);
    const connects = workshop.facilitator.connects;
    await server.restart();
    await workshop.facilitator.connected(connects + 1, 10_000);
    const view = await consoleView();
    expect(view.currentRoundId).toBe(r1);
    expect(statuses(view)).toEqual(['closed', 'open', 'draft']);
    const phone = await connect(server.url);
    const resumed = await phone.ok('participant:resume', {
      sessionId: workshop.sessionId,
      token: workshop.phones[0]!.token,
    });
    expect(resumed.view.round?.id).toBe(r1);
  });

  it('ST6 the console counts phones online per zone as they connect and disconnect', async () => {
    const { facilitator } = workshop;
    const byZone = (expected: Record<string, number>) =>
      facilitator.waitFor(
        'facilitator:view',
        (v) => JSON.stringify(v.attendance.onlineByZone) === JSON.stringify(expected),
      );
    // Phones 1, 2, 3 joined z1, z2, z3.
    expect((await consoleView()).attendance.onlineByZone).toEqual({ z1: 1, z2: 1, z3: 1 });
    workshop.phones[1]!.client.close();
    await byZone({ z1: 1, z2: 0, z3: 1 });
    // The same phone again, on a new connection: it counts in its own zone.
    const again: TestClient = await connect(server.url);
    await again.ok('participant:resume', { sessionId: workshop.sessionId, token: workshop.phones[1]!.token });
    await byZone({ z1: 1, z2: 1, z3: 1 });
    // A second connection of a z1 phone counts too (as the total does); resuming again on it does not double it.
    const twice = await connect(server.url);
    await twice.ok('participant:resume', { sessionId: workshop.sessionId, token: workshop.phones[0]!.token });
    await twice.ok('participant:resume', { sessionId: workshop.sessionId, token: workshop.phones[0]!.token });
    const view = await byZone({ z1: 2, z2: 1, z3: 1 });
    expect(view.attendance.online).toBe(4);
    twice.close();
    workshop.phones[0]!.client.close();
    again.close();
    const last = await byZone({ z1: 0, z2: 0, z3: 1 });
    expect(last.attendance).toMatchObject({ online: 1, joined: 3, joinedByZone: { z1: 1, z2: 1, z3: 1 } });
  });
});
