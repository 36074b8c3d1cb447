/**
 * SG1-SG4 (issue 18): the limits against guessing and the sign-ins hold across processes. Two servers
 * (createServer, each with its own PgStore, pool and leases, as two `main.ts` processes would have) on one
 * real PostgreSQL (postgres.ts), behind a pretend proxy on loopback so each request says which client it
 * is for. The limits' clock is one manual clock both share, so no refill happens between two steps.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, RATE_LIMITS, SIGN_IN_LIMITS } from '@vrijuit/protocol';
import { createLogger } from '../src/log.ts';
import { createServer, type VrijuitServer } from '../src/server.ts';
import { PgStore } from '../src/store/pg-store.ts';
import {
  addAccount,
  attachConsole,
  closeAllClients,
  connect,
  FACILITATOR,
  manualClock,
  newToken,
  OTHER_FACILITATOR,
  setUpWorkshop,
  signIn,
  type TestAccount,
} from './helpers.ts';
import type { SqliteStore } from '../src/store/sqlite-store.ts';
import { seededRandom } from './raw-files.ts';
import { stopTestPostgres, testPostgres } from './store-backends.ts';

interface Process {
  url: string;
  server: VrijuitServer;
  store: PgStore;
}

const keyringDir = mkdtempSync(join(tmpdir(), 'vrijuit-guards-keys-'));
const clock = manualClock();
const processes: Process[] = [];
let raw: pg.Client;
let a: Process;
let b: Process;

/** One server process on the database at `url`, as main.ts opens it (leases included). */
async function processOn(url: string, owner: string): Promise<Process> {
  const store = await PgStore.open(url, { leases: { ttlMs: 10_000, owner }, keyringDir });
  const server = createServer({
    config: { port: 0, host: '127.0.0.1', allowedOrigins: [], trustProxy: ['loopback'] },
    store,
    log: createLogger('silent'),
    limitClock: clock.now,
  });
  const process = { url: (await server.listen()).url, server, store };
  processes.push(process);
  return process;
}

beforeAll(async () => {
  const url = await (await testPostgres()).createDatabase('vrijuit_guards');
  raw = new pg.Client(url);
  await raw.connect();
  a = await processOn(url, 'process-a');
  b = await processOn(url, 'process-b');
  for (const account of [FACILITATOR, OTHER_FACILITATOR]) await addAccount(a.store as unknown as SqliteStore, account);
}, 60_000);

afterAll(async () => {
  closeAllClients();
  for (const p of processes) {
    await p.server.close();
    await p.store.close();
  }
  await raw?.end();
  await stopTestPostgres();
});

interface Answer {
  status: number;
  retryAfter: string | null;
  error?: { code: string; retryAfterSeconds?: number };
}

const forwarded = (client: string) => ({ 'x-forwarded-for': client, 'x-forwarded-proto': 'https' });

async function lookUp(url: string, code: string, client: string): Promise<Answer> {
  const res = await fetch(`${url}/api/join/${code}`, { headers: forwarded(client) });
  const text = await res.text();
  if (!text.startsWith('{')) throw new Error(`${res.status}: ${text}`);
  const body = JSON.parse(text) as { error?: Answer['error'] };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), error: body.error };
}

async function login(url: string, client: string, account: TestAccount, password = account.password) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...forwarded(client) },
    body: JSON.stringify({ email: account.email, password }),
  });
  const body = (await res.json()) as { error?: Answer['error'] };
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? null;
  return { status: res.status, retryAfter: res.headers.get('retry-after'), error: body.error, cookie };
}

/** The status of a request that needs a sign-in (200, or 401 once it has ended). */
const me = async (url: string, cookie: string) =>
  (await fetch(`${url}/api/sessions`, { headers: { cookie, ...forwarded('203.0.113.5') } })).status;

/** A code of the join-code alphabet that is not `right`. */
function otherCode(right: string, rand: () => number): string {
  for (;;) {
    const code = Array.from({ length: right.length }, () => JOIN_CODE_ALPHABET[Math.floor(rand() * 31)]).join('');
    if (code !== right) return code;
  }
}

describe('shared guards: the limits hold over every process on one PostgreSQL (SG1-SG4)', () => {
  it('SG1 NE6 wrong join codes spread over two processes hit the limit at the same total as on one', async () => {
    const w = await setUpWorkshop(a.url, 0);
    const script = '198.51.100.99';
    const rand = seededRandom(0x5c418);
    const answers: Answer[] = [];
    // Every other guess to the other process, as a proxy that spreads requests would send them.
    for (let i = 0; i < 160; i++) answers.push(await lookUp([a, b][i % 2]!.url, otherCode(w.joinCode, rand), script));
    expect(answers.filter((x) => x.status === 404)).toHaveLength(RATE_LIMITS.wrongJoinCodesBurst);
    const stopped = answers.filter((x) => x.status === 429);
    expect(stopped).toHaveLength(160 - RATE_LIMITS.wrongJoinCodesBurst);
    for (const x of stopped) expect(x.error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 2 });
    // Stopped on both, the right code too (no oracle on either); one refill later it gets in.
    for (const p of [a, b]) expect((await lookUp(p.url, w.joinCode, script)).status).toBe(429);
    clock.advance(2000);
    expect((await lookUp(a.url, w.joinCode, script)).status).toBe(200);
    // Another address is not affected.
    expect((await lookUp(a.url, w.joinCode, '192.0.2.44')).status).toBe(200);
  }, 60_000);

  it('SG2 NE5 wrong passwords spread over two processes slow down at the same count as on one', async () => {
    const attacker = '198.51.100.66';
    const answers = [];
    for (let i = 0; i < 14; i++)
      answers.push(await login([a, b][i % 2]!.url, attacker, FACILITATOR, `guess-${i}-password`));
    // freePerPair free failures, then the one that starts the wait; every later try waits, on either process.
    expect(answers.filter((x) => x.status === 401)).toHaveLength(SIGN_IN_LIMITS.freePerPair + 1);
    for (const x of answers.filter((y) => y.status === 429))
      expect(x.error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
    // The owner elsewhere signs in at once on both; at the attacker's address the right password waits.
    for (const p of [a, b]) expect((await login(p.url, '203.0.113.5', FACILITATOR)).status).toBe(200);
    expect((await login(b.url, attacker, FACILITATOR)).status).toBe(429);
    clock.advance(1050);
    expect((await login(b.url, attacker, FACILITATOR)).status).toBe(200);
  }, 60_000);

  it('SG4 a sign-in made on one process is valid on the other; a sign-out on either ends it on both', async () => {
    const { cookie } = await login(a.url, '203.0.113.5', FACILITATOR);
    expect(cookie).toBeTruthy();
    // Both know it (and would have remembered it).
    expect([await me(a.url, cookie!), await me(b.url, cookie!)]).toEqual([200, 200]);
    const out = await fetch(`${b.url}/api/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie!, ...forwarded('203.0.113.5') },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect([await me(a.url, cookie!), await me(b.url, cookie!)]).toEqual([401, 401]);
  }, 30_000);

  it('SG4 a share withdrawn on one process ends the shared console’s access on the other', async () => {
    const w = await setUpWorkshop(a.url, 0);
    const share = await fetch(`${a.url}/api/sessions/${w.sessionId}/shares`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: w.cookie },
      body: JSON.stringify({ email: OTHER_FACILITATOR.email }),
    });
    const shared = (await share.json()) as { ok: boolean; value: { accountId: string } };
    expect(shared.ok).toBe(true);
    // Sam's console on the session's own process (its owner): attached, so that process has checked the share.
    const sam = await attachConsole(a.url, { sessionId: w.sessionId, cookie: await signIn(a.url, OTHER_FACILITATOR) });
    // Fien withdraws the share through the other process.
    const unshare = await fetch(`${b.url}/api/sessions/${w.sessionId}/shares/${shared.value.accountId}`, {
      method: 'DELETE',
      headers: { cookie: await signIn(b.url) },
    });
    expect(unshare.status).toBe(200);
    expect(await sam.send('facilitator:attach', { sessionId: w.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  }, 30_000);

  it('SG5 a sign-out on one process stops the views of its consoles on the other at once', async () => {
    const w = await setUpWorkshop(a.url, 0);
    const { cookie } = await login(a.url, '203.0.113.5', FACILITATOR);
    const console = await attachConsole(a.url, { sessionId: w.sessionId, cookie: cookie! });
    // Process A hears of it (a real notice from PostgreSQL, no sleep); without one, this fails after 10 s.
    const told = new Promise<void>((resolve, reject) => {
      const stop = a.server.auth.onRevoked(() => {
        stop();
        resolve();
      });
      setTimeout(() => reject(new Error('process A was not told of the sign-out')), 10_000).unref();
    });
    const out = await fetch(`${b.url}/api/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie!, ...forwarded('203.0.113.5') },
      body: '{}',
    });
    expect(out.status).toBe(200);
    await told;
    // A phone joins on A: the owner's other console (another sign-in) sees it, the signed-out one does not.
    const viewsBefore = console.received['facilitator:view'].length;
    // (The owner's console was let back in with a fresh view after its sign-in was read again, SG5.)
    const joined = (await w.facilitator.waitFor('facilitator:view', () => true)).attendance.joined;
    const phone = await connect(a.url);
    await phone.ok('participant:join', { joinCode: w.joinCode, token: newToken(), zoneId: 'z1' });
    await w.facilitator.waitFor('facilitator:view', (v) => v.attendance.joined === joined + 1);
    await console.roundTrip();
    expect(console.received['facilitator:view']).toHaveLength(viewsBefore);
  }, 30_000);

  it('SG3 the shared counts hold no address or email in clear, and each is forgotten on time', async () => {
    expect((await login(a.url, '198.51.100.7', OTHER_FACILITATOR, 'wrong-password')).status).toBe(401);
    const { rows } = await raw.query<{ kind: string; key: string; at: number; expires_at: number }>(
      'SELECT kind, key, at::float8 AS at, expires_at::float8 AS expires_at FROM guard_counts',
    );
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['code', 'pair', 'addr', 'known', 'all']));
    const table = JSON.stringify(rows);
    // Keys are base64url (no '.' or '@'), so no address or email can show up in them by chance.
    for (const clear of [
      '198.51.100.99',
      '198.51.100.66',
      '198.51.100.7',
      '203.0.113.5',
      '192.0.2.44',
      FACILITATOR.email,
      OTHER_FACILITATOR.email,
    ])
      expect(table).not.toContain(clear);
    const { rows: columns } = await raw.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'guard_counts' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['kind', 'key', 'amount', 'capacity', 'at', 'expires_at']);
    const hour = 60 * 60 * 1000;
    for (const r of rows) {
      const kept = r.kind === 'known' ? 30 * 24 * hour : r.kind === 'all' ? 10 * 60 * 1000 + 1 : hour;
      expect(r.expires_at - clock.now(), r.kind).toBeLessThanOrEqual(kept);
      expect(r.expires_at - clock.now(), r.kind).toBeGreaterThan(0);
    }
    // Two hours on, a count (here a wrong code) sweeps what expired: the known pairs (30 days) and that new
    // wrong code's row stay.
    clock.advance(2 * hour);
    expect((await lookUp(b.url, 'ZZZZZZ', '192.0.2.77')).status).toBe(404);
    const expired = async () =>
      (
        await raw.query<{ n: number }>('SELECT count(*)::int AS n FROM guard_counts WHERE expires_at <= $1', [
          clock.now(),
        ])
      ).rows[0]!.n;
    for (let tries = 0; (await expired()) > 0 && tries < 200; tries++);
    expect(await expired()).toBe(0);
    const { rows: left } = await raw.query<{ kind: string }>('SELECT DISTINCT kind FROM guard_counts ORDER BY kind');
    expect(left.map((r) => r.kind)).toEqual(['code', 'known']);
  });
});
