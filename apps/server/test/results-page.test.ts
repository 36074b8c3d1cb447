import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportDocument, RATE_LIMITS, ResultsPageView, type ResultsPageRound } from '@vrijuit/protocol';
import {
  attachConsole,
  closeAllClients,
  FACILITATOR,
  getJson,
  manualClock,
  newCommandId,
  openRound,
  seatsByZone,
  setUpWorkshop,
  signIn,
  single,
  startServer,
  voteFor,
  type TestServer,
  type Workshop,
} from './helpers.ts';
import { TEST_STORE } from './test-store.ts';

/*
 * Core RP1-RP8 over a real server and its real store (SQLite in a temp folder): phones join and vote over
 * sockets, the facilitator closes the session and writes the note, and the join code opens the results
 * page over HTTP, without an account. The server's clock is the test's: 30 days pass without waiting.
 */

const DAY = 24 * 60 * 60 * 1000;
let server: TestServer;
let workshop: Workshop;
const clock = manualClock();
const limits = manualClock();
let shown: string;
let hidden: string;

const page = async (code = workshop.joinCode) => {
  const { status, body } = await getJson(`${server.url}/api/results/${code}`);
  return { status, body: body as { ok: boolean; value?: ResultsPageView; error?: { code: string } } };
};
const openPage = async () => {
  const { status, body } = await page();
  expect(status).toBe(200);
  const view = ResultsPageView.parse(body.value);
  if (view.state !== 'open') throw new Error(`the page is ${view.state}`);
  return view;
};
const voteOf = (rounds: readonly ResultsPageRound[], question: string) => {
  const round = rounds.find((r) => r.question === question);
  if (round?.kind !== 'vote') throw new Error(`no vote "${question}" on the page`);
  return round;
};

beforeAll(async () => {
  server = await startServer({ now: clock.now, limitClock: limits.now });
  // Four phones: three in Noord, one in Zuid (under k = 3), none in Oost.
  workshop = await setUpWorkshop(server.url, 4, 'Slotdag Kempen', { seats: seatsByZone(3, 1) });
  shown = 'Komen we volgend jaar terug?';
  hidden = 'Wie trakteert?';
  const live = await openRound(workshop.facilitator, { question: shown, reveal: 'live' });
  for (const [i, phone] of workshop.phones.entries())
    await phone.client.ok('vote:cast', voteFor(live, single(i < 3 ? 'o1' : 'o2')));
  await workshop.facilitator.ok('round:close', { commandId: newCommandId(), roundId: live });
  const manual = await openRound(workshop.facilitator, { question: hidden });
  for (const phone of workshop.phones) await phone.client.ok('vote:cast', voteFor(manual, single('o3')));
});

afterAll(async () => {
  closeAllClients();
  await server.close();
});

describe('the results page over HTTP (RP)', () => {
  it('RP1: a running session answers `running`; an unknown code is 404 SESSION_NOT_FOUND', async () => {
    expect(await page()).toEqual({ status: 200, body: { ok: true, value: { state: 'running' } } });
    const unknown = await page('ZZZZ22');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('SESSION_NOT_FOUND');
  });

  it('RP1, RP4, RP5, RP7: once closed, the page shows what the room saw, as the export, and nothing about who', async () => {
    await workshop.facilitator.ok('session:status', { commandId: newCommandId(), status: 'closed' });
    const view = await openPage();
    expect(view.title).toBe('Slotdag Kempen');
    expect(view.note).toBe('');
    expect(view.openUntil).toBe(new Date(clock.now() + 30 * DAY - 1).toISOString().slice(0, 10));
    const vote = voteOf(view.rounds, shown);
    expect(vote.respondents).toBe(4);
    expect(vote.options.map((o) => [o.label, o.value])).toEqual([
      ['Ja', 3],
      ['Nee', 1],
      ['Later', 0],
    ]);
    // The manual round was never revealed: its question only.
    expect(view.rounds.find((r) => r.question === hidden)).toEqual({ number: 2, question: hidden, kind: 'not-shared' });

    // The zones exactly as the export has them: Zuid (one voter) suppressed, and so Noord with it (AN5).
    const res = await fetch(`${server.url}/api/sessions/${workshop.sessionId}/export?format=json`, {
      headers: { cookie: workshop.cookie },
    });
    const exported = ExportDocument.parse(await res.json());
    const round = exported.rounds.find((r) => r.question === shown);
    if (round?.kind !== 'vote') throw new Error('no vote in the export');
    expect(vote.zones).toEqual(round.results.zones);
    expect(vote.zones.find((z) => z.name === 'Zuid')).toMatchObject({
      suppressed: true,
      respondents: null,
      values: null,
    });

    const json = JSON.stringify(view);
    for (const phone of workshop.phones) {
      expect(json).not.toContain(`"${phone.name}"`);
      expect(json).not.toContain(phone.token);
    }
    for (const secret of [workshop.sessionId, workshop.joinCode, 'Fien']) expect(json).not.toContain(secret);
  });

  it('RP3: the facilitator writes the note and sets the period; the phones read it; kept over a restart', async () => {
    const note = 'We brengen de uitkomst op 12 januari naar de conferentie van burgemeesters.';
    await workshop.facilitator.ok('session:results-page', { commandId: newCommandId(), days: 30, note });
    expect((await openPage()).note).toBe(note);
    // A phone is no facilitator.
    const phone = workshop.phones[0]!.client;
    const refused = await phone.send('session:results-page', { commandId: newCommandId(), days: 365, note: 'x' });
    expect(refused.ok).toBe(false);
    await server.restart();
    const view = await openPage();
    expect(view.note).toBe(note);
    expect(view.openUntil).toBe(new Date(clock.now() + 30 * DAY - 1).toISOString().slice(0, 10));
  });

  it('RP2: after the period the page says the session is closed, with its title only', async () => {
    clock.advance(30 * DAY - 1);
    expect((await openPage()).state).toBe('open');
    clock.advance(1);
    expect(await page()).toEqual({
      status: 200,
      body: { ok: true, value: { state: 'over', title: 'Slotdag Kempen', language: 'nl-BE' } },
    });
  });

  it('RP8: right codes have their own bucket per address; wrong codes count as wrong join codes', async () => {
    let last = 200;
    for (let i = 0; i < RATE_LIMITS.resultsPagePerAddressBurst + 1 && last === 200; i++) last = (await page()).status;
    expect(last).toBe(429);
    const { status, headers } = await getJson(`${server.url}/api/results/${workshop.joinCode}`);
    expect(status).toBe(429);
    expect(Number(headers.get('retry-after'))).toBeGreaterThan(0);
    limits.advance(60_000);
    expect((await page()).status).toBe(200);
    // Wrong codes until the address's wrong-join-code budget is spent. On SQLite that budget lives in memory
    // and is a fresh one (its burst) since the restart in RP3; on PostgreSQL it is shared (SG1) and kept
    // over the restart, with the room the workshop's joins earned it (perJoin each, up to max).
    let wrong = 0;
    let answer = 404;
    while (answer === 404 && wrong <= RATE_LIMITS.wrongJoinCodesMax) {
      answer = (await page('ZZZZ22')).status;
      if (answer === 404) wrong++;
    }
    expect(answer).toBe(429);
    if (TEST_STORE === 'sqlite') expect(wrong).toBe(RATE_LIMITS.wrongJoinCodesBurst);
    else expect(wrong).toBeGreaterThanOrEqual(RATE_LIMITS.wrongJoinCodesBurst);
    limits.advance(60_000);
  });

  it('RP1 (LC7): a deleted session shows nothing, as a code that never existed', async () => {
    // A month has passed on the server's clock: the facilitator signs in again.
    const cookie = await signIn(server.url, FACILITATOR, true);
    const console = await attachConsole(server.url, { sessionId: workshop.sessionId, cookie });
    await console.ok('session:delete', { commandId: newCommandId(), title: 'Slotdag Kempen' });
    const gone = await page();
    expect(gone.status).toBe(404);
    expect(gone.body.error?.code).toBe('SESSION_NOT_FOUND');
    expect(JSON.stringify(gone.body)).not.toContain('Slotdag');
  });
});
