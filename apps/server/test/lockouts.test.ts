import { afterAll, describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, RATE_LIMITS, SIGN_IN_LIMITS } from '@vrijuit/protocol';
import {
  manualClock,
  closeAllClients,
  connect,
  FACILITATOR,
  newToken,
  setUpWorkshop,
  startServer,
  type TestServer,
} from './helpers.ts';
import { seededRandom } from './raw-files.ts';

const servers: TestServer[] = [];
afterAll(async () => {
  closeAllClients();
  for (const s of servers) await s.close();
});

/** A server behind a (pretend) reverse proxy on loopback, so each request can say which client it is for. */
async function behindProxy(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const server = await startServer({ ...options, network: { trustProxy: ['loopback'] } });
  servers.push(server);
  return server;
}

interface Answer {
  status: number;
  retryAfter: string | null;
  error?: { code: string; retryAfterSeconds?: number };
}

async function get(url: string, client: string): Promise<Answer> {
  const res = await fetch(url, { headers: { 'x-forwarded-for': client, 'x-forwarded-proto': 'https' } });
  const body = (await res.json()) as { error?: Answer['error'] };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), error: body.error };
}

async function login(url: string, client: string, email: string, password: string): Promise<Answer> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client, 'x-forwarded-proto': 'https' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { error?: Answer['error'] };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), error: body.error };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('S9 NE5 failed sign-ins slow down, they never lock the owner out', () => {
  it('S9 NE5 an attacker at address A sends wrong passwords; the owner at address B signs in at once, and A waits, never for good', async () => {
    // The limits' clock stands still, so a slow machine cannot refill a wait between two requests.
    const clock = manualClock();
    const server = await behindProxy({ limitClock: clock.now });
    const [attacker, owner] = ['198.51.100.66', '203.0.113.5'];
    const answers: Answer[] = [];
    for (let i = 0; i < 12; i++)
      answers.push(await login(server.url, attacker, FACILITATOR.email, `guess-${i}-password`));
    // The first ones are checked (and wrong); from then on A is told to wait, before any check.
    const checked = answers.filter((a) => a.status === 401).length;
    expect(checked).toBe(SIGN_IN_LIMITS.freePerPair + 1);
    const waits = answers.filter((a) => a.status === 429);
    expect(waits).toHaveLength(12 - checked);
    for (const a of waits) {
      expect(a.error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
      expect(a.retryAfter).toBe('1');
    }
    // The owner, elsewhere, is not held up by any of it.
    expect((await login(server.url, owner, FACILITATOR.email, FACILITATOR.password)).status).toBe(200);
    // At A even the right password waits its turn; after the wait it works (a slowdown, not a lock).
    expect((await login(server.url, attacker, FACILITATOR.email, FACILITATOR.password)).status).toBe(429);
    clock.advance(1000 * (waits[0]?.error?.retryAfterSeconds ?? 1) + 50);
    expect((await login(server.url, attacker, FACILITATOR.email, FACILITATOR.password)).status).toBe(200);
  }, 30_000);

  it('S9 NE5 failures spread over many addresses hit the global cap; the owner where they signed in before still gets in', async () => {
    const server = await behindProxy({ signInLimits: { ...SIGN_IN_LIMITS, globalBurst: 4, globalPerMinute: 1 } });
    const owner = '203.0.113.5';
    expect((await login(server.url, owner, FACILITATOR.email, FACILITATOR.password)).status).toBe(200);
    for (let i = 0; i < 4; i++) {
      expect((await login(server.url, `198.51.100.${i}`, FACILITATOR.email, 'wrong-password')).status).toBe(401);
    }
    const capped = await login(server.url, '198.51.100.200', FACILITATOR.email, FACILITATOR.password);
    expect([capped.status, capped.error?.code]).toEqual([429, 'RATE_LIMITED']);
    expect(capped.error?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((await login(server.url, owner, FACILITATOR.email, FACILITATOR.password)).status).toBe(200);
  }, 30_000);
});

/** A code of the join-code alphabet that is not `right` (a typo, or a guess). */
function otherCode(right: string, rand: () => number): string {
  for (;;) {
    const code = Array.from({ length: right.length }, () => JOIN_CODE_ALPHABET[Math.floor(rand() * 31)]).join('');
    if (code !== right) return code;
  }
}

describe('S9 NE6 wrong join codes: a room behind one NAT gets in, a script does not', () => {
  it('S9 NE6 40 phones behind one address, with 1 or 2 typos each, all get in within 20 s (S8)', async () => {
    const server = await behindProxy();
    const w = await setUpWorkshop(server.url, 0, 'Zaal achter één NAT');
    const room = '192.0.2.44';
    const rand = seededRandom(0x4e4e36);
    const typos = Array.from({ length: 40 }, () =>
      Array.from({ length: 1 + Math.floor(rand() * 2) }, () => otherCode(w.joinCode, rand)),
    );
    let waited = 0;
    /** Asks until the server answers other than RATE_LIMITED, waiting as told, as the join page does. */
    const ask = async (code: string) => {
      for (;;) {
        const answer = await get(`${server.url}/api/join/${code}`, room);
        if (answer.status !== 429) return answer.status;
        waited++;
        expect(answer.error?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        await sleep(Number(answer.retryAfter) * 1000);
      }
    };
    const started = Date.now();
    const joined = await Promise.all(
      typos.map(async (wrong) => {
        for (const code of wrong) expect(await ask(code)).toBe(404);
        expect(await ask(w.joinCode)).toBe(200);
        const phone = await connect(server.url, { extraHeaders: { 'x-forwarded-for': room } });
        const join = { joinCode: w.joinCode, token: newToken(), zoneId: 'z1' };
        for (;;) {
          const ack = await phone.send('participant:join', join);
          if (ack.ok || ack.error.code !== 'RATE_LIMITED') return ack;
          waited++;
          await sleep((ack.error.retryAfterSeconds ?? 1) * 1000);
        }
      }),
    );
    const elapsed = Date.now() - started;
    expect(joined.filter((ack) => ack.ok)).toHaveLength(40);
    expect(elapsed).toBeLessThan(20_000);
    // The typos (seeded: the same every run) use up the whole first burst, all typed at the same moment: the
    // room's own joins widen its budget, and the rest costs a phone a wait of seconds, never a refusal.
    expect(typos.flat().length).toBeGreaterThanOrEqual(RATE_LIMITS.wrongJoinCodesBurst);
    expect(waited).toBeLessThan(40 * 3);
  }, 30_000);

  it('S9 NE6 a script guessing codes from one address is stopped with RATE_LIMITED and a retry-after, right codes included', async () => {
    const clock = manualClock();
    const server = await behindProxy({ limitClock: clock.now });
    const w = await setUpWorkshop(server.url, 0);
    const script = '198.51.100.99';
    const rand = seededRandom(0x5c417);
    const answers: Answer[] = [];
    for (let i = 0; i < 200; i++)
      answers.push(await get(`${server.url}/api/join/${otherCode(w.joinCode, rand)}`, script));
    const tried = answers.filter((a) => a.status === 404).length;
    // The burst (the limits' clock stands still: nothing trickles back meanwhile).
    expect(tried).toBe(RATE_LIMITS.wrongJoinCodesBurst);
    const stopped = answers.filter((a) => a.status === 429);
    expect(stopped.length).toBe(200 - tried);
    for (const a of stopped) {
      expect(a.error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 2 });
      expect(a.retryAfter).toBe('2');
    }
    // Stopped means stopped: the right code is no oracle while the script waits.
    expect((await get(`${server.url}/api/join/${w.joinCode}`, script)).status).toBe(429);
    // One refill later the right code gets in: the wait is a slowdown, never a lock.
    clock.advance(2000);
    expect((await get(`${server.url}/api/join/${w.joinCode}`, script)).status).toBe(200);
    // Another address (the room) is not affected.
    expect((await get(`${server.url}/api/join/${w.joinCode}`, '192.0.2.44')).status).toBe(200);
  }, 30_000);
});
