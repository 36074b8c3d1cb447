import { request } from 'node:https';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '@vrijuit/protocol';
import {
  closeAllClients,
  connect,
  FACILITATOR,
  newCommandId,
  newToken,
  setUpWorkshop,
  signIn,
  startServer,
  type TestServer,
} from './helpers.ts';
import { selfSignedCert } from './tls-cert.ts';

const servers: TestServer[] = [];
const cert = selfSignedCert();
afterAll(async () => {
  closeAllClients();
  for (const s of servers) await s.close();
  rmSync(cert.dir, { recursive: true, force: true });
});

async function serve(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

interface Answer {
  status: number;
  headers: Headers;
  body: { ok: boolean; value?: unknown; error?: { code: string; retryAfterSeconds?: number } };
}

/** A request over http(s); https trusts only the test certificate. */
async function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const headers = { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers };
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  if (url.startsWith('http:')) {
    const res = await fetch(url, { method: init.method ?? 'GET', headers, body });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Answer['body'] };
  }
  return new Promise<Answer>((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers, ca: cert.ca }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const h = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) h.set(name, String(value));
        resolve({ status: res.statusCode ?? 0, headers: h, body: JSON.parse(text) as Answer['body'] });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const login = (url: string, headers: Record<string, string> = {}, account = FACILITATOR) =>
  call(`${url}/api/auth/login`, {
    method: 'POST',
    headers,
    body: { email: account.email, password: account.password },
  });
const cookieFlags = (a: Answer) => (a.headers.get('set-cookie') ?? '').split(';').map((s) => s.trim());

describe('NE2 built-in https', () => {
  it('NE2 with TLS_CERT and TLS_KEY the server speaks https only: HSTS, Secure cookie, socket.io over wss', async () => {
    const tls = await serve({ network: { tls: { cert: cert.cert, key: cert.key } } });
    expect(tls.url).toMatch(/^https:/);
    const health = await call(`${tls.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('strict-transport-security')).toBe('max-age=15552000');
    const signedIn = await login(tls.url);
    expect(signedIn.status).toBe(200);
    expect(cookieFlags(signedIn)).toContain('Secure');
    const cookie = cookieFlags(signedIn)[0]!;
    const console = await connect(tls.url, { ca: cert.ca, extraHeaders: { cookie } });
    const made = await console.ok('session:create', { commandId: newCommandId(), title: 'Over TLS', zones: ['Noord'] });
    expect(made.joinCode).toMatch(/^[A-Z0-9]{6}$/);
    // Plain http on the same port gets no answer that a browser could take for the app.
    await expect(fetch(`http://127.0.0.1:${tls.port}/healthz`)).rejects.toThrow();
  });

  it('NE2 over plain http there is no HSTS header', async () => {
    const plain = await serve();
    expect((await call(`${plain.url}/healthz`)).headers.get('strict-transport-security')).toBeNull();
  });
});

/** Headers a reverse proxy adds for a client at `address` (over https if `https`). */
const via = (address: string, https = false): Record<string, string> => ({
  'x-forwarded-for': address,
  ...(https ? { 'x-forwarded-proto': 'https' } : {}),
});

describe('NE1 behind a reverse proxy (TRUST_PROXY)', () => {
  it('NE1 NE4 without TRUST_PROXY forwarded headers count for nothing: no https, no HSTS, one address', async () => {
    const direct = await serve();
    // A claim of https is not believed; a request through an untrusted proxy is not this machine (NE4).
    const claimed = await login(direct.url, via('198.51.100.7', true));
    expect([claimed.status, claimed.body.error?.code, claimed.headers.get('set-cookie')]).toEqual([
      403,
      'INSECURE_HTTP',
      null,
    ]);
    expect(claimed.headers.get('strict-transport-security')).toBeNull();
    expect(
      (await login(direct.url, { 'x-forwarded-proto': 'https' })).headers.get('strict-transport-security'),
    ).toBeNull();
    // Every wrong code counts against the socket's own address, whatever address the header names.
    for (let i = 0; i < RATE_LIMITS.wrongJoinCodesBurst; i++) {
      expect((await call(`${direct.url}/api/join/222222`, { headers: via(`198.51.100.${i}`) })).status).toBe(404);
    }
    const spoofed = await call(`${direct.url}/api/join/222222`, { headers: via('203.0.113.1') });
    expect([spoofed.status, spoofed.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
  });

  it('NE1 with TRUST_PROXY the forwarded client counts, for HTTP and socket.io handshakes alike', async () => {
    const proxied = await serve({ network: { trustProxy: ['loopback'] } });
    const w = await setUpWorkshop(proxied.url, 0);
    const signedIn = await login(proxied.url, via('198.51.100.7', true));
    expect(cookieFlags(signedIn)).toContain('Secure');
    expect(signedIn.headers.get('strict-transport-security')).toBe('max-age=15552000');
    // Client A uses up its budget of wrong codes over HTTP; its sockets share it, client B's do not.
    for (let i = 0; i < RATE_LIMITS.wrongJoinCodesBurst; i++) {
      expect((await call(`${proxied.url}/api/join/222222`, { headers: via('198.51.100.1') })).status).toBe(404);
    }
    expect((await call(`${proxied.url}/api/join/${w.joinCode}`, { headers: via('198.51.100.1') })).status).toBe(429);
    expect((await call(`${proxied.url}/api/join/${w.joinCode}`, { headers: via('198.51.100.2') })).status).toBe(200);
    const join = { joinCode: w.joinCode, zoneId: 'z1' };
    const a = await connect(proxied.url, { extraHeaders: via('198.51.100.1') });
    const b = await connect(proxied.url, { extraHeaders: via('198.51.100.2') });
    expect(await a.send('participant:join', { ...join, token: newToken() })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    expect((await b.send('participant:join', { ...join, token: newToken() })).ok).toBe(true);
  });
});

describe('NE3 no-store', () => {
  it('NE3 every /api answer says Cache-Control: no-store (signed-in JSON and the participant’s)', async () => {
    const server = await serve();
    const w = await setUpWorkshop(server.url, 0);
    const cookie = await signIn(server.url);
    for (const path of ['/api/auth/me', '/api/sessions', `/api/join/${w.joinCode}`, '/api/join/222222']) {
      const answer = await call(`${server.url}${path}`, { headers: { cookie } });
      expect(answer.headers.get('cache-control'), path).toBe('no-store');
    }
    const signedIn = await login(server.url);
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
  });
});

describe('NE4 sign-in over plain http', () => {
  it('NE4 from another machine over plain http, sign-in and setup are refused INSECURE_HTTP; over https or on this machine they work', async () => {
    const proxied = await serve({ network: { trustProxy: ['loopback'] }, noAccounts: true });
    const token = (await proxied.server.auth.setupToken())!;
    const admin = { token, email: 'ann@test.invalid', name: 'Ann', password: 'ann-first-admin' };
    const setup = (headers: Record<string, string>) =>
      call(`${proxied.url}/api/auth/setup`, { method: 'POST', headers, body: admin });
    const refused = await setup(via('192.0.2.10'));
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'INSECURE_HTTP']);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect((await setup(via('192.0.2.10', true))).status).toBe(200);
    const ann = { ...FACILITATOR, email: admin.email, password: admin.password };
    expect((await login(proxied.url, via('192.0.2.10'), ann)).body.error?.code).toBe('INSECURE_HTTP');
    expect((await login(proxied.url, via('192.0.2.10', true), ann)).status).toBe(200);
    // The venue laptop itself (loopback) signs in over plain http.
    expect((await login(proxied.url, {}, ann)).status).toBe(200);
    const me = await call(`${proxied.url}/api/auth/me`, { headers: via('192.0.2.10', true) });
    expect(me.body.value).toMatchObject({ plainHttp: false });
  });

  it('NE4 ALLOW_INSECURE_HTTP=1 lets it through, and /api/auth/me tells the console it is plain http', async () => {
    const allowed = await serve({ network: { trustProxy: ['loopback'], allowInsecureHttp: true } });
    const signedIn = await login(allowed.url, via('192.0.2.10'));
    expect(signedIn.status).toBe(200);
    const cookie = cookieFlags(signedIn)[0]!;
    const me = await call(`${allowed.url}/api/auth/me`, { headers: { cookie, ...via('192.0.2.10') } });
    expect(me.body.value).toMatchObject({ account: { email: FACILITATOR.email }, plainHttp: true });
    const local = await call(`${allowed.url}/api/auth/me`, { headers: { cookie } });
    expect(local.body.value).toMatchObject({ plainHttp: false });
  });
});
