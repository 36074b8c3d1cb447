/**
 * docs/deploy.md's nginx recipe, tested: Debian's nginx with the documented server block (only its
 * addresses, port and certificate paths replaced) in front of a real Vrijuit started with the documented
 * TRUST_PROXY. Fails, never skips, without nginx (`npm test` installs it as root, scripts/test.mjs).
 */
import { readFileSync, rmSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '@vrijuit/protocol';
import { parseTrustProxy } from '../src/client-address.ts';
import {
  closeAllClients,
  connect,
  FACILITATOR,
  getJson,
  newCommandId,
  openTextRound,
  startServer,
  type TestServer,
} from './helpers.ts';
import { httpsRequest, replaced, startNginx, yjsEditor, type RunningProxy } from './reverse-proxies.ts';
import { selfSignedCert, type TestCert } from './tls-cert.ts';

const deployDoc = readFileSync(new URL('../../../docs/deploy.md', import.meta.url), 'utf8');

/** The documented server block: the first ```nginx block of docs/deploy.md. */
const documentedBlock = /```nginx\n([\s\S]*?)```/.exec(deployDoc)?.[1] ?? '';
/** The documented TRUST_PROXY for Vrijuit behind it. */
const documentedTrust = /HOST=127\.0\.0\.1 TRUST_PROXY=(\S+) npm start/.exec(deployDoc)?.[1] ?? '';

/**
 * The client's address: one of this machine's network (not loopback) addresses, so what nginx forwards
 * (this address) differs from what Vrijuit's socket sees (nginx on 127.0.0.1).
 */
const clientIp = Object.values(networkInterfaces())
  .flat()
  .find((n) => n && n.family === 'IPv4' && !n.internal)?.address;

let cert: TestCert;
let vrijuit: TestServer;
let nginx: RunningProxy | undefined;
let front: string;

const SOURCE = "docs/deploy.md's nginx block";

beforeAll(async () => {
  if (!clientIp) throw new Error('this test needs a non-loopback IPv4 address on this machine');
  cert = selfSignedCert([clientIp]);
  vrijuit = await startServer({ network: { trustProxy: parseTrustProxy(documentedTrust) } });
  nginx = await startNginx(join(cert.dir, 'nginx'), clientIp, async (port) => {
    let block = replaced(documentedBlock, 'listen 443 ssl;', `listen ${clientIp}:${port} ssl;`, SOURCE);
    block = replaced(block, '/etc/ssl/vrijuit/fullchain.pem', cert.cert, SOURCE);
    block = replaced(block, '/etc/ssl/vrijuit/privkey.pem', cert.key, SOURCE);
    return [
      replaced(block, 'proxy_pass http://127.0.0.1:3000;', `proxy_pass http://127.0.0.1:${vrijuit.port};`, SOURCE),
    ];
  });
  front = `https://${clientIp}:${nginx.port}`;
}, 30_000);

afterAll(async () => {
  closeAllClients();
  await nginx?.stop();
  await vrijuit?.close();
  if (cert) rmSync(cert.dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { ok: boolean; error?: { code: string } };
}

/** A request through nginx (https, trusting only the test certificate). */
async function viaNginx(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  const { status, headers, text } = await httpsRequest(`${front}${path}`, cert.ca, init);
  return { status, headers, body: JSON.parse(text) as never };
}

describe('NE1 NE2 docs/deploy.md: Vrijuit behind nginx', () => {
  it('NE1 the documented recipe starts: TRUST_PROXY is set, nginx answers over https for Vrijuit', async () => {
    expect(documentedTrust).not.toBe('');
    const health = await viaNginx('/healthz');
    expect([health.status, health.body]).toEqual([200, { ok: true }]);
    // Vrijuit believes nginx that the client came over https.
    expect(health.headers['strict-transport-security']).toBe('max-age=15552000');
  });

  it('NE1 the client address that reaches the join limit is the forwarded one (a spoofed header changes nothing)', async () => {
    const login = await viaNginx('/api/auth/login', {
      method: 'POST',
      body: { email: FACILITATOR.email, password: FACILITATOR.password },
    });
    expect(login.status).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/; Secure/);
    for (let i = 0; i < RATE_LIMITS.wrongJoinCodesBurst; i++)
      expect((await viaNginx('/api/join/222222')).status).toBe(404);
    const limited = await viaNginx('/api/join/222222');
    expect([limited.status, limited.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    // A header the client writes itself is kept to the left of what nginx appends, and not believed.
    const spoofed = await viaNginx('/api/join/222222', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(spoofed.status).toBe(429);
    // nginx itself reaches Vrijuit from 127.0.0.1: that address has its whole budget, so the one spent was
    // the forwarded client's.
    expect((await getJson(`${vrijuit.url}/api/join/222222`)).status).toBe(404);
  });

  it('NE1 socket.io and a /yjs WebSocket work through nginx', async () => {
    const login = await viaNginx('/api/auth/login', {
      method: 'POST',
      body: { email: FACILITATOR.email, password: FACILITATOR.password },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    // The test client speaks WebSocket only (no polling): the upgrade itself goes through nginx.
    const console = await connect(front, { ca: cert.ca, extraHeaders: { cookie } });
    const { sessionId } = await console.ok('session:create', {
      commandId: newCommandId(),
      title: 'Achter nginx',
      zones: ['Noord'],
    });
    await console.ok('facilitator:attach', { sessionId });
    const { plenary } = await openTextRound(console);
    // Answered (sync step 2) through the proxy: the upgrade went through.
    const ws = await yjsEditor(`${front.replace('https', 'wss')}/yjs/${sessionId}/${plenary}`, cert.ca, cookie);
    ws.close();
  });
});
