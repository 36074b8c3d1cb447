import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '@vrijuit/protocol';
import {
  closeAllClients,
  connect,
  getJson,
  manualClock,
  newCommandId,
  newToken,
  setUpWorkshop,
  startServer,
  type TestServer,
  type Workshop,
  signedInClient,
} from './helpers.ts';

let server: TestServer;
let workshop: Workshop;
beforeAll(async () => {
  server = await startServer();
  workshop = await setUpWorkshop(server.url, 0, 'Heidag');
});
afterAll(async () => {
  closeAllClients();
  await server.close();
});

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

function expectSecurityHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(securityHeaders)) expect(headers.get(name), name).toBe(value);
  expect(headers.get('x-powered-by')).toBeNull();
}

describe('HTTP', () => {
  it('S7 GET /healthz answers 200 {"ok":true} with the security headers', async () => {
    const res = await getJson(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expectSecurityHeaders(res.headers);
  });

  it('SE3 GET /api/join/:code answers the session info, for the code as typed (lower case, dash)', async () => {
    const code = workshop.joinCode;
    const expected = {
      ok: true,
      value: {
        sessionId: workshop.sessionId,
        title: 'Heidag',
        zones: [
          { id: 'z1', name: 'Noord', municipalities: [] },
          { id: 'z2', name: 'Zuid', municipalities: [] },
          { id: 'z3', name: 'Oost', municipalities: [] },
        ],
        status: 'draft',
        language: 'nl-BE',
      },
    };
    for (const typed of [code, code.toLowerCase(), `${code.slice(0, 3)}-${code.slice(3)}`.toLowerCase()]) {
      const res = await getJson(`${server.url}/api/join/${typed}`);
      expect(res.status, typed).toBe(200);
      expect(res.body, typed).toEqual(expected);
      expectSecurityHeaders(res.headers);
    }
  });

  it('SE4 GET /api/join/:code lists each zone’s municipalities with their weights', async () => {
    const facilitator = await signedInClient(server.url);
    const { sessionId, joinCode } = await facilitator.ok('session:create', {
      commandId: newCommandId(),
      title: 'Regio',
      zones: [{ name: 'Noord', municipalities: [{ name: 'Assen', weight: 68_000 }, { name: 'Emmen' }] }, 'Zuid'],
      weighted: true,
    });
    const res = await getJson(`${server.url}/api/join/${joinCode}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ok: true,
      value: {
        sessionId,
        title: 'Regio',
        zones: [
          {
            id: 'z1',
            name: 'Noord',
            municipalities: [
              { id: 'z1m1', name: 'Assen', weight: 68_000 },
              { id: 'z1m2', name: 'Emmen', weight: 1 },
            ],
          },
          { id: 'z2', name: 'Zuid', municipalities: [] },
        ],
        status: 'draft',
        language: 'nl-BE',
      },
    });
  });

  it('GET /api/join/:code answers 404 with an error body for an unknown or malformed code', async () => {
    const unknown = workshop.joinCode === '222222' ? '333333' : '222222';
    for (const code of [unknown, 'OOOOOO', 'abc', 'x'.repeat(50)]) {
      const res = await getJson(`${server.url}/api/join/${code}`);
      expect(res.status, code).toBe(404);
      expect(res.body, code).toEqual({
        ok: false,
        error: { code: 'SESSION_NOT_FOUND', message: 'no session with this code' },
      });
      expectSecurityHeaders(res.headers);
    }
  });

  it('S7 an unknown /api path answers 404 JSON; other paths say the web app is not built (503)', async () => {
    const api = await getJson(`${server.url}/api/nothing`);
    expect(api.status).toBe(404);
    expect(api.body).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: 'no such endpoint' } });
    const page = await getJson(`${server.url}/`);
    expect(page.status).toBe(503);
    expect(page.body).toMatch(/not built/);
    expectSecurityHeaders(page.headers);
  });

  it('S7 ST7 only the projector page may be framed, and only by this origin (the console preview)', async () => {
    const present = await getJson(`${server.url}/present/${workshop.sessionId}`);
    expect(present.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expectSecurityHeaders(new Headers({ ...Object.fromEntries(present.headers), 'x-frame-options': 'DENY' }));
    for (const path of ['/', '/console/x', '/present', '/presentx/y', '/j/ABCD23']) {
      expect((await getJson(`${server.url}${path}`)).headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('S5 NE6 past its budget of wrong join codes an address waits (429 / RATE_LIMITED, Retry-After), even for a right code', async () => {
    // A server of its own, so the count per address starts at zero; its limits' clock stands still, so the
    // time the 60 lookups take (longer on PostgreSQL) refills nothing and the wait is exactly one refill.
    const fresh = await startServer({ limitClock: manualClock().now });
    try {
      const right = await setUpWorkshop(fresh.url, 0);
      const wrong = right.joinCode === '222222' ? '333333' : '222222';
      for (let i = 0; i < RATE_LIMITS.wrongJoinCodesBurst; i++)
        expect((await getJson(`${fresh.url}/api/join/${wrong}`)).status, `try ${i}`).toBe(404);
      const limited = await getJson(`${fresh.url}/api/join/${right.joinCode}`);
      const retryAfterSeconds = 60 / RATE_LIMITS.wrongJoinCodesPerMinute;
      expect(limited).toMatchObject({
        status: 429,
        body: { ok: false, error: { code: 'RATE_LIMITED', message: 'too many wrong join codes', retryAfterSeconds } },
      });
      expect(limited.headers.get('retry-after')).toBe(String(retryAfterSeconds));
      // Sockets from the same address share the budget.
      const phone = await connect(fresh.url);
      expect(
        await phone.send('participant:join', { joinCode: right.joinCode, token: newToken(), zoneId: 'z1' }),
      ).toEqual({
        ok: false,
        error: { code: 'RATE_LIMITED', message: 'too many wrong join codes; wait and try again', retryAfterSeconds },
      });
    } finally {
      closeAllClients();
      await fresh.close();
    }
  });
});
