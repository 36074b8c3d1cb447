import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITS } from '@vrijuit/protocol';
import {
  addAccount,
  closeAllClients,
  FACILITATOR,
  OTHER_FACILITATOR,
  readDb,
  setUpWorkshop,
  signIn,
  startServer,
  type TestServer,
} from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  closeAllClients();
  await server.close();
});

/** A JSON request as a browser page would make it; `headers` may add a cookie or an Origin. */
async function api(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  body: { ok: boolean; value?: unknown; error?: { code: string } };
  setCookie: string | null;
}> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as never, setCookie: res.headers.get('set-cookie') };
}

const login = (base: string, email: string, password: string, headers: Record<string, string> = {}) =>
  api(base, 'POST', '/api/auth/login', { email, password }, headers);

describe('AC6 first admin', () => {
  it('AC6 the setup token makes the first admin once; a wrong token is FORBIDDEN; then SETUP_DONE', async () => {
    const fresh = await startServer({ noAccounts: true });
    try {
      expect((await api(fresh.url, 'GET', '/api/auth/me')).body).toEqual({
        ok: true,
        value: { account: null, setupNeeded: true, plainHttp: false },
      });
      const token = await fresh.server.auth.setupToken();
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const admin = { email: 'Ann@Example.BE', name: 'Ann', password: 'ann-first-admin' };
      const wrong = await api(fresh.url, 'POST', '/api/auth/setup', { ...admin, token: 'not-the-token' });
      expect([wrong.status, wrong.body.error?.code]).toEqual([403, 'FORBIDDEN']);
      const made = await api(fresh.url, 'POST', '/api/auth/setup', { ...admin, token });
      expect(made.status).toBe(200);
      expect(made.body.value).toMatchObject({ email: 'ann@example.be', name: 'Ann', role: 'admin' });
      // Signed in at once.
      const cookie = made.setCookie!.split(';')[0]!;
      expect((await api(fresh.url, 'GET', '/api/auth/me', undefined, { cookie })).body.value).toMatchObject({
        account: { email: 'ann@example.be' },
        setupNeeded: false,
      });
      const again = await api(fresh.url, 'POST', '/api/auth/setup', { ...admin, email: 'b@x.be', token });
      expect([again.status, again.body.error?.code]).toEqual([409, 'SETUP_DONE']);
      expect(await fresh.server.auth.setupToken()).toBeNull();
    } finally {
      await fresh.close();
    }
  });
});

describe('AC4 AC5 sign-in over HTTP', () => {
  it('AC4 sign-in sets an HTTP-only, SameSite=Lax, Path=/ cookie for 14 days; Secure only over https', async () => {
    const plain = await login(server.url, FACILITATOR.email, FACILITATOR.password);
    expect(plain.status).toBe(200);
    expect(plain.body.value).toMatchObject({ email: FACILITATOR.email, role: 'facilitator' });
    const flags = plain.setCookie!.split(';').map((s) => s.trim());
    expect(flags[0]).toMatch(/^vrijuit_signin=[A-Za-z0-9_-]{43}$/);
    expect(flags).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=1209600']));
    expect(flags).not.toContain('Secure');
    // NE1: without TRUST_PROXY a client cannot claim https (network.test.ts: with a trusted proxy it can).
    const claimed = await login(server.url, FACILITATOR.email, FACILITATOR.password, { 'x-forwarded-proto': 'https' });
    expect(claimed.setCookie!.split(';').map((s) => s.trim())).not.toContain('Secure');
    // Only its hash is stored.
    const token = flags[0]!.split('=')[1]!;
    const rows = readDb(server.dbFile, (db) => db.prepare('SELECT token_hash FROM sign_ins').all()) as {
      token_hash: string;
    }[];
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
  });

  it('AC4 a wrong password or an unknown email is INVALID_CREDENTIALS, alike; the email is case-insensitive', async () => {
    const wrong = await login(server.url, FACILITATOR.email, 'not-the-password');
    const unknown = await login(server.url, 'nobody@test.invalid', FACILITATOR.password);
    for (const r of [wrong, unknown]) {
      expect([r.status, r.body.error?.code, r.setCookie]).toEqual([401, 'INVALID_CREDENTIALS', null]);
    }
    expect((await login(server.url, FACILITATOR.email.toUpperCase(), FACILITATOR.password)).status).toBe(200);
  });

  it('AC4 sign-out ends the sign-in on the server and clears the cookie', async () => {
    const cookie = await signIn(server.url, FACILITATOR, true);
    expect((await api(server.url, 'GET', '/api/auth/me', undefined, { cookie })).body.value).toMatchObject({
      account: { email: FACILITATOR.email },
    });
    const out = await api(server.url, 'POST', '/api/auth/logout', {}, { cookie });
    expect(out.status).toBe(200);
    expect(out.setCookie).toMatch(/^vrijuit_signin=; .*Max-Age=0/);
    // The old cookie, replayed, is nobody.
    expect((await api(server.url, 'GET', '/api/auth/me', undefined, { cookie })).body.value).toMatchObject({
      account: null,
    });
    expect((await api(server.url, 'GET', '/api/sessions', undefined, { cookie })).status).toBe(401);
  });

  it('AC5 state-changing requests must be JSON from an allowed Origin (CSRF)', async () => {
    const body = JSON.stringify({ email: FACILITATOR.email, password: FACILITATOR.password });
    const form = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${FACILITATOR.email}&password=${FACILITATOR.password}`,
    });
    expect(form.status).toBe(400);
    const text = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body,
    });
    expect(text.status).toBe(400);
    const foreign = await login(server.url, FACILITATOR.email, FACILITATOR.password, { origin: 'http://evil.example' });
    expect([foreign.status, foreign.body.error?.code, foreign.setCookie]).toEqual([403, 'FORBIDDEN', null]);
    const own = await login(server.url, FACILITATOR.email, FACILITATOR.password, { origin: server.url });
    expect(own.status).toBe(200);
    const cookie = own.setCookie!.split(';')[0]!;
    const share = await api(server.url, 'DELETE', '/api/sessions/some-session-id/shares/some-account', undefined, {
      cookie,
      origin: 'http://evil.example',
    });
    expect(share.status).toBe(403);
    const broken = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect([broken.status, ((await broken.json()) as { error: { code: string } }).error.code]).toEqual([
      400,
      'BAD_REQUEST',
    ]);
  });

  it('AC5 NE5 failed sign-ins back off per email and address (RATE_LIMITED, Retry-After); other emails still sign in', async () => {
    const limited = await startServer();
    try {
      for (let i = 0; i < SIGN_IN_LIMITS.freePerPair; i++) {
        expect((await login(limited.url, FACILITATOR.email, `wrong-${i}-password`)).status).toBe(401);
      }
      expect((await login(limited.url, FACILITATOR.email, 'wrong-again-password')).status).toBe(401);
      const blocked = await login(limited.url, FACILITATOR.email, FACILITATOR.password);
      expect([blocked.status, blocked.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
      expect(blocked.body.error).toMatchObject({ retryAfterSeconds: 1 });
      // Another email from the same address still signs in.
      expect((await login(limited.url, OTHER_FACILITATOR.email, OTHER_FACILITATOR.password)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('AC2 accounts, sessions and shares', () => {
  it('AC2 admins add accounts; facilitators may not; an email is taken once (case-insensitive)', async () => {
    const admin = { email: 'root@test.invalid', name: 'Root', password: 'root-test-password', role: 'admin' as const };
    await addAccount(server.store, admin);
    const adminCookie = await signIn(server.url, admin);
    const facilitatorCookie = await signIn(server.url);
    const newAccount = { email: 'Nieuw@Test.invalid', name: 'Nieuw', password: 'nieuw-password-1' };
    const refused = await api(server.url, 'POST', '/api/accounts', newAccount, { cookie: facilitatorCookie });
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    expect((await api(server.url, 'GET', '/api/accounts', undefined, { cookie: facilitatorCookie })).status).toBe(403);
    const added = await api(server.url, 'POST', '/api/accounts', newAccount, { cookie: adminCookie });
    expect(added.body.value).toMatchObject({ email: 'nieuw@test.invalid', role: 'facilitator' });
    const twice = await api(
      server.url,
      'POST',
      '/api/accounts',
      { ...newAccount, email: 'NIEUW@test.invalid' },
      {
        cookie: adminCookie,
      },
    );
    expect([twice.status, twice.body.error?.code]).toEqual([409, 'ACCOUNT_EXISTS']);
    const list = await api(server.url, 'GET', '/api/accounts', undefined, { cookie: adminCookie });
    expect(JSON.stringify(list.body)).not.toMatch(/passwordHash|scrypt/);
    expect((await login(server.url, 'nieuw@test.invalid', newAccount.password)).status).toBe(200);
  });

  it('AC2 each account lists its own and shared sessions only; admins see no others; only the owner shares', async () => {
    const fien = await signIn(server.url);
    const sam = await signIn(server.url, OTHER_FACILITATOR);
    const mine = await setUpWorkshop(server.url, 1, 'Van Fien', { cookie: fien });
    const theirs = await setUpWorkshop(server.url, 0, 'Van Sam', { cookie: sam });
    const titles = async (cookie: string) =>
      ((await api(server.url, 'GET', '/api/sessions', undefined, { cookie })).body.value as { title: string }[]).map(
        (s) => s.title,
      );
    expect(await titles(fien)).toContain('Van Fien');
    expect(await titles(fien)).not.toContain('Van Sam');
    expect(await titles(sam)).toEqual(['Van Sam']);
    const root = await signIn(server.url, { email: 'root@test.invalid', name: 'Root', password: 'root-test-password' });
    expect(await titles(root)).toEqual([]);

    // Sam may not share Fien's session; Fien shares it with Sam.
    const path = `/api/sessions/${mine.sessionId}/shares`;
    expect((await api(server.url, 'POST', path, { email: OTHER_FACILITATOR.email }, { cookie: sam })).status).toBe(403);
    const nobody = await api(server.url, 'POST', path, { email: 'nobody@test.invalid' }, { cookie: fien });
    expect([nobody.status, nobody.body.error?.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
    expect((await api(server.url, 'POST', path, { email: OTHER_FACILITATOR.email }, { cookie: fien })).status).toBe(
      200,
    );
    const listed = (await api(server.url, 'GET', '/api/sessions', undefined, { cookie: sam })).body.value;
    expect(listed).toEqual([
      {
        id: mine.sessionId,
        title: 'Van Fien',
        joinCode: mine.joinCode,
        ownerName: 'Fien',
        shared: true,
        participants: 1,
        rounds: 0,
        status: 'draft',
        date: null,
      },
      {
        id: theirs.sessionId,
        title: 'Van Sam',
        joinCode: theirs.joinCode,
        ownerName: 'Sam',
        shared: false,
        participants: 0,
        rounds: 0,
        status: 'draft',
        date: null,
      },
    ]);
    expect((await api(server.url, 'GET', path, undefined, { cookie: fien })).body.value).toEqual([
      { accountId: expect.any(String), email: OTHER_FACILITATOR.email, name: 'Sam' },
    ]);
  });

  it('AC4 changing the password checks the current one and ends the account’s other sign-ins', async () => {
    const account = { email: 'wissel@test.invalid', name: 'Wissel', password: 'wissel-password-1' };
    await addAccount(server.store, account);
    const here = await signIn(server.url, account, true);
    const elsewhere = await signIn(server.url, account, true);
    const wrong = await api(
      server.url,
      'POST',
      '/api/auth/password',
      { current: 'nope', next: 'new-password-22' },
      {
        cookie: here,
      },
    );
    expect([wrong.status, wrong.body.error?.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    const changed = await api(
      server.url,
      'POST',
      '/api/auth/password',
      { current: account.password, next: 'new-password-22' },
      { cookie: here },
    );
    expect(changed.status).toBe(200);
    expect((await api(server.url, 'GET', '/api/auth/me', undefined, { cookie: here })).body.value).toMatchObject({
      account: { email: account.email },
    });
    expect((await api(server.url, 'GET', '/api/auth/me', undefined, { cookie: elsewhere })).body.value).toMatchObject({
      account: null,
    });
    expect((await login(server.url, account.email, account.password)).status).toBe(401);
    expect((await login(server.url, account.email, 'new-password-22')).status).toBe(200);
  });
});
