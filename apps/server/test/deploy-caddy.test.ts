/**
 * RT7-RT9, docs/deploy.md "Caddy": Debian's Caddy with deploy/caddy/Caddyfile.cluster as it is (only its
 * site address, certificate paths and process addresses replaced) in front of two real server processes
 * (main.ts) on one throwaway PostgreSQL, and deploy/caddy/Caddyfile in front of one. Caddy's own debug log
 * of its reverse proxy, which the test turns on (the recipes log nothing), names the process and the URI of
 * every request it passed on, WebSocket upgrades included: every URL of one session reaches one process,
 * the one holding its lease. Fails, never skips, without Caddy or PostgreSQL (`npm test` installs both as
 * root, scripts/test.mjs).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RATE_LIMITS } from '@vrijuit/protocol';
import type { ServerProcess } from '../../../tests/e2e/server-process.ts';
import { parseTrustProxy } from '../src/client-address.ts';
import {
  closeAllClients,
  connect,
  FACILITATOR,
  newToken,
  openTextRound,
  startServer,
  type TestClient,
  type TestServer,
} from './helpers.ts';
import { addressOf, madeAndAttached, ownerIdOf, startCluster, type Cluster } from './cluster-processes.ts';
import { httpsRequest, replaced, startCaddy, yjsEditor, type RunningProxy } from './reverse-proxies.ts';
import { selfSignedCert, type TestCert } from './tls-cert.ts';

const CLUSTER = 'deploy/caddy/Caddyfile.cluster';
const SINGLE = 'deploy/caddy/Caddyfile';
const recipeOf = (file: string) => readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');

/**
 * The client's address: one of this machine's network (not loopback) addresses, so what Caddy forwards
 * (this address) differs from what Vrijuit's socket sees (Caddy on 127.0.0.1).
 */
const clientIp = Object.values(networkInterfaces())
  .flat()
  .find((n) => n && n.family === 'IPv4' && !n.internal)?.address;

let cert: TestCert;
let cluster: RunningProxy | undefined;
let single: RunningProxy | undefined;
let alone: TestServer;
let processes: ServerProcess[] = [];
let servers: Cluster | undefined;

/**
 * The recipe `file` with the test's site (clientIp, a free port, the test certificate) and, before it,
 * global options of the test's own: no admin endpoint, no redirect listener, and the reverse proxy's debug
 * log (each upstream round trip: its process and request URI) in `routing.log` of Caddy's folder.
 */
function caddyfile(file: string, dir: string, port: number, upstreams: (recipe: string) => string): string {
  let conf = replaced(recipeOf(file), 'vrijuit.example.be {', `https://${clientIp}:${port} {`, file);
  conf = replaced(
    conf,
    '# tls /etc/ssl/vrijuit/fullchain.pem /etc/ssl/vrijuit/privkey.pem',
    `tls ${cert.cert} ${cert.key}`,
    file,
  );
  const global = [
    '{',
    '\tadmin off',
    '\tauto_https disable_redirects',
    '\tlog routing {',
    `\t\toutput file ${join(dir, 'routing.log')}`,
    '\t\tformat json',
    '\t\tlevel DEBUG',
    '\t\tinclude http.handlers.reverse_proxy',
    '\t}',
    '}',
  ];
  return [...global, upstreams(conf)].join('\n');
}

beforeAll(async () => {
  if (!clientIp) throw new Error('this test needs a non-loopback IPv4 address on this machine');
  servers = await startCluster('caddy');
  processes = servers.processes;
  cert = selfSignedCert([clientIp]);
  const clusterDir = join(cert.dir, 'caddy-cluster');
  cluster = await startCaddy(clusterDir, clientIp, async (port) =>
    caddyfile(CLUSTER, clusterDir, port, (conf) =>
      replaced(conf, 'to 127.0.0.1:3001 127.0.0.1:3002', `to ${processes.map(addressOf).join(' ')}`, CLUSTER),
    ),
  );
  // The one-process recipe in front of a server of its own (the join limit's budget per address is per process).
  alone = await startServer({ network: { trustProxy: parseTrustProxy('loopback') } });
  const singleDir = join(cert.dir, 'caddy-single');
  single = await startCaddy(singleDir, clientIp, async (port) =>
    caddyfile(SINGLE, singleDir, port, (conf) =>
      replaced(conf, 'reverse_proxy 127.0.0.1:3000', `reverse_proxy 127.0.0.1:${alone.port}`, SINGLE),
    ),
  );
}, 60_000);

afterAll(async () => {
  closeAllClients();
  await cluster?.stop();
  await single?.stop();
  await alone?.close();
  await servers?.stop();
  if (cert) rmSync(cert.dir, { recursive: true, force: true });
});

const frontOf = (proxy: RunningProxy | undefined) => `https://${clientIp}:${proxy!.port}`;

/** An HTTPS request through `proxy` (trusting only the test certificate). */
const via = (proxy: RunningProxy | undefined, path: string, init: Parameters<typeof httpsRequest>[2] = {}) =>
  httpsRequest(`${frontOf(proxy)}${path}`, cert.ca, init);

/** A socket.io connection (WebSocket only) through the cluster's Caddy, keyed to `session` when given (RT1). */
function client(options: { session?: string; cookie?: string } = {}): Promise<TestClient> {
  return connect(frontOf(cluster), {
    ca: cert.ca,
    ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
    ...(options.session ? { query: { session: options.session } } : {}),
  });
}

/** The session a URI names, read by the test itself (RT1): in a /yjs/ or /api/sessions/ path, else its query. */
function sessionOf(uri: string): string | null {
  const path = /^\/(?:yjs|api\/sessions)\/([^/?]+)\//.exec(uri);
  return path ? path[1]! : new URL(uri, 'https://x').searchParams.get('session');
}

interface RoundTrip {
  msg: string;
  upstream?: string;
  status?: number;
  request?: { uri: string; headers: Record<string, string[]> };
  error?: string;
}

/** Caddy's debug log of its reverse proxy: each upstream round trip, answered or failed. */
const logged = (proxy: RunningProxy | undefined) =>
  proxy!
    .read('routing.log')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RoundTrip)
    .filter((entry) => entry.msg === 'upstream roundtrip');

/** How many round trips to `upstream` failed (no connection). */
const failedTrips = (proxy: RunningProxy | undefined, upstream: string) =>
  logged(proxy).filter((entry) => entry.upstream === upstream && entry.error).length;

/** The round trips Caddy's reverse proxy made (its debug log): the process, the request URI and the status. */
function roundTrips(proxy: RunningProxy | undefined) {
  return logged(proxy)
    .filter((entry) => entry.status !== undefined)
    .map((entry) => ({
      upstream: entry.upstream!,
      uri: entry.request!.uri,
      status: entry.status!,
      forwardedFor: entry.request!.headers['X-Forwarded-For'],
    }));
}

/** The processes that served the requests naming `session`, and which kinds of URL those were. */
function served(session: string) {
  const trips = roundTrips(cluster).filter((t) => sessionOf(t.uri) === session);
  return {
    upstreams: new Set(trips.map((t) => t.upstream)),
    kinds: new Set(trips.map((t) => t.uri.split('/')[1]!.split('?')[0])),
  };
}

const lease = (sessionId: string) => servers!.lease(sessionId);

/** The status of a /yjs WebSocket upgrade through the cluster's Caddy (101 when it opened). */
function upgrade(path: string): Promise<number> {
  const ws = new WebSocket(`${frontOf(cluster).replace('https', 'wss')}${path}`, { ca: cert.ca });
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

let cookie = '';

describe('RT7 RT8 docs/deploy.md "Caddy": two processes behind Caddy, routed by session', () => {
  it('RT7 each of 24 sessions has its socket.io handshake, its /yjs/ path and its /api/sessions/ path served by one process, and the sessions spread over both', async () => {
    const sessions = Array.from({ length: 24 }, () => randomUUID());
    for (const id of sessions) {
      // A phone's first socket.io request (long polling's handshake), as a browser without WebSocket sends it.
      const handshake = await via(cluster, `/socket.io/?EIO=4&transport=polling&session=${id}`);
      expect([handshake.status, handshake.text[0]]).toEqual([200, '0']);
      // No sign-in, no ticket: refused by the process, but by the process the session routes to.
      expect((await via(cluster, `/api/sessions/${id}/export?format=json`)).status).toBe(401);
      expect(await upgrade(`/yjs/${id}/plenary`)).not.toBe(502);
    }
    const byProcess = new Map<string, number>();
    for (const id of sessions) {
      const { upstreams, kinds } = served(id);
      expect(kinds).toEqual(new Set(['socket.io', 'yjs', 'api']));
      expect(upstreams.size).toBe(1);
      const [upstream] = upstreams;
      byProcess.set(upstream!, (byProcess.get(upstream!) ?? 0) + 1);
    }
    // Each key hashes to one of the two processes; 24 sessions all on one would be a 1 in 2^23 chance.
    expect(new Set(byProcess.keys())).toEqual(new Set(processes.map(addressOf)));
  }, 30_000);

  it('RT7 RT1 a real session: its console and phones (socket.io over WebSocket), a Yjs editor and its export all reach the process holding its lease, which never moves', async () => {
    const login = await via(cluster, '/api/auth/login', {
      method: 'POST',
      body: { email: FACILITATOR.email, password: FACILITATOR.password },
    });
    expect(login.status).toBe(200);
    cookie = String(login.headers['set-cookie']).split(';')[0]!;
    // Made on a connection that names no session (RT1, RT3), attached on one keyed to it.
    const maker = await client({ cookie });
    const { sessionId, joinCode, console, owner, fence } = await madeAndAttached(
      servers!,
      maker,
      (session) => client({ session, cookie }),
      'Achter Caddy',
    );
    for (let i = 0; i < 3; i++) {
      const phone = await client({ session: sessionId });
      await phone.ok('participant:join', { joinCode, token: newToken(), zoneId: i % 2 ? 'z1' : 'z2' });
    }
    const { plenary } = await openTextRound(console);
    // The upgrade goes through Caddy and the server answers the editor's sync step 1.
    const editor = await yjsEditor(
      `${frontOf(cluster).replace('https', 'wss')}/yjs/${sessionId}/${plenary}`,
      cert.ca,
      cookie,
    );
    editor.close();
    const exported = await via(cluster, `/api/sessions/${sessionId}/export?format=json`, { headers: { cookie } });
    expect(exported.status).toBe(200);
    expect(await lease(sessionId)).toEqual({ owner: ownerIdOf(owner), fence });

    const { upstreams, kinds } = served(sessionId);
    expect(kinds).toEqual(new Set(['socket.io', 'yjs', 'api']));
    expect(upstreams).toEqual(new Set([addressOf(owner)]));
    // The console, 3 phones: their WebSocket upgrades (101), all on the owner.
    const upgrades = roundTrips(cluster).filter((t) => sessionOf(t.uri) === sessionId && t.status === 101);
    expect(upgrades.filter((t) => t.uri.startsWith('/socket.io/'))).toHaveLength(4);
    expect(upgrades.filter((t) => t.uri.startsWith('/yjs/'))).toHaveLength(1);
  }, 30_000);

  for (const [recipe, proxy] of [
    [CLUSTER, () => cluster],
    [SINGLE, () => single],
  ] as const) {
    it(`RT8 ${recipe}: the client address that reaches the join limit is the one Caddy forwards (one the client writes counts for nothing), and the request counts as https`, async () => {
      const health = await via(proxy(), '/healthz');
      expect([health.status, health.text]).toEqual([200, '{"ok":true}']);
      // Vrijuit believes Caddy that the client came over https.
      expect(health.headers['strict-transport-security']).toBe('max-age=15552000');
      const login = await via(proxy(), '/api/auth/login', {
        method: 'POST',
        body: { email: FACILITATOR.email, password: FACILITATOR.password },
      });
      expect(String(login.headers['set-cookie'])).toMatch(/; Secure/);
      const code = '222222';
      // Wrong codes until the limit: a burst of wrongJoinCodesBurst, and more for each phone that joined from
      // this address before (S9). Each with a header of the client's own, a new address each time.
      let wrong = 0;
      for (;;) {
        const spoofed = { 'x-forwarded-for': `203.0.113.${wrong % 256}` };
        const answer = await via(proxy(), `/api/join/${code}`, { headers: spoofed });
        if (answer.status === 429) break;
        expect(answer.status).toBe(404);
        if (++wrong > RATE_LIMITS.wrongJoinCodesMax) throw new Error('the join limit never came');
      }
      expect(wrong).toBeGreaterThanOrEqual(RATE_LIMITS.wrongJoinCodesBurst);
      // The process that served them (a request that names no session goes by the client's address)...
      const trips = roundTrips(proxy()).filter((t) => t.uri === `/api/join/${code}`);
      const upstreams = new Set(trips.map((t) => t.upstream));
      expect(upstreams.size).toBe(1);
      // What Caddy told it: the address it saw, the client's own header dropped.
      expect(new Set(trips.map((t) => String(t.forwardedFor)))).toEqual(new Set([clientIp]));
      // ...is reached by Caddy from 127.0.0.1: that address has its whole budget there, so the one spent was
      // the forwarded client's.
      const [upstream] = upstreams;
      expect((await fetch(`http://${upstream}/api/join/${code}`)).status).toBe(404);
    }, 30_000);
  }
});

describe('RT9 a process that cannot be reached', () => {
  it('RT9 its sessions are served by the other process at once: the first request that finds it gone marks it down and is tried on the next process for its key, the others go there straight away', async () => {
    const sessions = Array.from({ length: 16 }, () => randomUUID());
    for (const id of sessions) await via(cluster, `/socket.io/?EIO=4&transport=polling&session=${id}`);
    const gone = processes[0]!;
    const onGone = sessions.filter((id) => served(id).upstreams.has(addressOf(gone)));
    // 16 sessions, none on the first process, would be a 1 in 2^16 chance.
    expect(onGone.length).toBeGreaterThan(0);
    await gone.signal('SIGTERM');
    for (const id of onGone) {
      const handshake = await via(cluster, `/socket.io/?EIO=4&transport=polling&session=${id}`);
      expect(handshake.status).toBe(200);
      expect(served(id).upstreams).toEqual(new Set([addressOf(gone), addressOf(processes[1]!)]));
    }
    // Passive health checks (fail_duration): one refused connection, not one per request and retry until
    // the next active check.
    expect(failedTrips(cluster, addressOf(gone))).toBeLessThanOrEqual(1);
  }, 30_000);
});
