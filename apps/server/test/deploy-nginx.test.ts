/**
 * docs/deploy.md's nginx recipe, tested: Debian's nginx with the documented server block (only its
 * addresses, port and certificate paths replaced) in front of a real Vrijuit started with the documented
 * TRUST_PROXY. Fails, never skips, without nginx (`npm test` installs it as root, scripts/test.mjs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer, connect as tcpConnect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
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

/** Replaces `from` in `text`, failing when the documented text no longer has it (the test would drift). */
function replaced(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`docs/deploy.md's nginx block no longer has "${from}"`);
  return text.replace(from, to);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '0.0.0.0', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function listening(host: string, port: number, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = tcpConnect(port, host, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nginx did not listen on ${host}:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let cert: TestCert;
let vrijuit: TestServer;
let nginx: ChildProcess;
let nginxDir: string;
let front: string;

beforeAll(async () => {
  if (!clientIp) throw new Error('this test needs a non-loopback IPv4 address on this machine');
  cert = selfSignedCert([clientIp]);
  vrijuit = await startServer({ network: { trustProxy: parseTrustProxy(documentedTrust) } });
  const port = await freePort();
  front = `https://${clientIp}:${port}`;
  nginxDir = join(cert.dir, 'nginx');
  mkdirSync(nginxDir);
  let block = replaced(documentedBlock, 'listen 443 ssl;', `listen ${clientIp}:${port} ssl;`);
  block = replaced(block, '/etc/ssl/vrijuit/fullchain.pem', cert.cert);
  block = replaced(block, '/etc/ssl/vrijuit/privkey.pem', cert.key);
  block = replaced(block, 'proxy_pass http://127.0.0.1:3000;', `proxy_pass http://127.0.0.1:${vrijuit.port};`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `  ${t}_temp_path ${join(nginxDir, t)};`)
    .join('\n');
  writeFileSync(
    join(nginxDir, 'nginx.conf'),
    [
      'daemon off;',
      'master_process off;',
      `pid ${join(nginxDir, 'nginx.pid')};`,
      `error_log ${join(nginxDir, 'error.log')} warn;`,
      'events { worker_connections 256; }',
      'http {',
      '  access_log off;',
      temp,
      block,
      '}',
    ].join('\n'),
  );
  // Debian puts it in /usr/sbin, which a user's PATH may lack.
  nginx = spawn(
    existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx',
    ['-p', nginxDir, '-c', join(nginxDir, 'nginx.conf'), '-e', join(nginxDir, 'error.log')],
    {
      stdio: 'ignore',
    },
  );
  const failed = new Promise<never>((_, reject) => {
    nginx.once('error', (error) => reject(new Error(`cannot start nginx (apt-get install nginx): ${error.message}`)));
    nginx.once('exit', (code) => reject(new Error(`nginx exited (${code}): ${readLog()}`)));
  });
  await Promise.race([listening(clientIp, port), failed]);
}, 30_000);

const readLog = () => {
  try {
    return readFileSync(join(nginxDir, 'error.log'), 'utf8');
  } catch {
    return '';
  }
};

afterAll(async () => {
  closeAllClients();
  if (nginx?.exitCode === null) {
    const exited = new Promise((resolve) => nginx.once('exit', resolve));
    nginx.kill('SIGTERM');
    await exited;
  }
  await vrijuit?.close();
  if (cert) rmSync(cert.dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { ok: boolean; error?: { code: string } };
}

/** A request through nginx (https, trusting only the test certificate). */
function viaNginx(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const headers = { ...(body ? { 'content-type': 'application/json' } : {}), ...init.headers };
    const req = request(`${front}${path}`, { method: init.method ?? 'GET', headers, ca: cert.ca }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) as never }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
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
    const ws = new WebSocket(`${front.replace('https', 'wss')}/yjs/${sessionId}/${plenary}`, {
      ca: cert.ca,
      headers: { cookie },
    });
    const messages: Buffer[] = [];
    const reply = new Promise<void>((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        messages.push(data);
        // Sync step 2 (0, 1): the server answered our sync step 1 through the proxy.
        if (data[0] === 0 && data[1] === 1) resolve();
      });
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    ws.once('open', () => ws.send(Uint8Array.from([0, 0, 1, 0]))); // sync step 1 of an empty document
    await reply;
    ws.close();
    expect(messages.length).toBeGreaterThan(0);
  });
});
