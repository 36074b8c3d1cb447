import type { RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinLookupOf, RATE_LIMITS, type JoinAnswer } from '@vrijuit/protocol';
import { closeAllClients, manualClock, setUpWorkshop, startServer, type TestServer, type Workshop } from './helpers.ts';

/**
 * The web app's part (apps/web hooks.server.ts): the join page at /j/CODE is rendered with the lookup the
 * server handed this request; here it answers what the page would be rendered with.
 */
const joinPage: RequestHandler = (req, res) => {
  const code = /^\/j\/([^/]+)$/.exec(req.path)?.[1];
  const lookup = joinLookupOf(req);
  if (!code || !lookup) {
    res.status(500).json({ ok: false, error: { code: 'INTERNAL', message: 'no lookup for this page' } });
    return;
  }
  void lookup(code).then((answer) => res.json(answer));
};

let server: TestServer;
let workshop: Workshop;
beforeAll(async () => {
  // Behind a proxy on this machine: each phone's address comes in X-Forwarded-For (NE1).
  // The limits' clock stands still, so a slow machine cannot refill a phone's budget mid-test.
  server = await startServer({ network: { trustProxy: ['loopback'] }, web: joinPage, limitClock: manualClock().now });
  workshop = await setUpWorkshop(server.url, 0, 'Dorpsraad');
});
afterAll(async () => {
  closeAllClients();
  await server.close();
});

async function page(path: string, phone?: string): Promise<JoinAnswer> {
  const res = await fetch(`${server.url}${path}`, { headers: phone ? { 'x-forwarded-for': phone } : {} });
  expect(res.status, path).toBe(200);
  return (await res.json()) as JoinAnswer;
}

describe('PH6 the join page is rendered with the server’s own lookup', () => {
  it('PH6 SE3 the page gets the session info for a code as typed, the same as GET /api/join/:code', async () => {
    const answer = await page(`/j/${workshop.joinCode.toLowerCase()}`, '198.51.100.1');
    const api = await fetch(`${server.url}/api/join/${workshop.joinCode}`, {
      headers: { 'x-forwarded-for': '198.51.100.1' },
    });
    expect(answer).toEqual(await api.json());
    expect(answer).toMatchObject({ ok: true, value: { title: 'Dorpsraad', sessionId: workshop.sessionId } });
    expect(await page('/j/222222', '198.51.100.1')).toMatchObject({ ok: false, error: { code: 'SESSION_NOT_FOUND' } });
  });

  it('PH6 NE6 wrong codes through the page count against the phone’s address, never the server’s', async () => {
    const guesser = '198.51.100.7';
    const wrong = workshop.joinCode === '222222' ? '333333' : '222222';
    for (let i = 0; i < RATE_LIMITS.wrongJoinCodesBurst; i++) {
      expect(await page(`/j/${wrong}`, guesser), `try ${i}`).toMatchObject({ error: { code: 'SESSION_NOT_FOUND' } });
    }
    // Past the budget even the right code is refused to that phone, on the page and the API alike.
    const retryAfterSeconds = 60 / RATE_LIMITS.wrongJoinCodesPerMinute;
    expect(await page(`/j/${workshop.joinCode}`, guesser)).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'too many wrong join codes', retryAfterSeconds },
    });
    const api = await fetch(`${server.url}/api/join/${workshop.joinCode}`, { headers: { 'x-forwarded-for': guesser } });
    expect([api.status, api.headers.get('retry-after')]).toEqual([429, String(retryAfterSeconds)]);
    // Other phones, and this machine itself (the server's own address), still get the session.
    expect(await page(`/j/${workshop.joinCode}`, '198.51.100.8')).toMatchObject({ ok: true });
    expect(await page(`/j/${workshop.joinCode}`)).toMatchObject({ ok: true });
  });
});
