/**
 * RT1-RT5, docs/deploy.md "Several processes": deploy/nginx/vrijuit-cluster.conf as it is (only its
 * addresses, ports and certificate paths replaced) in front of two real server processes (main.ts) on one
 * throwaway PostgreSQL. nginx's own access log, which names the process (upstream address) of every
 * request and WebSocket, shows where each client landed: every phone, console, projector, Yjs editor and
 * export of one session on the one process that holds its lease, and two sessions on two processes. Fails,
 * never skips, without nginx or PostgreSQL (`npm test` installs both as root, scripts/test.mjs).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../../../tests/e2e/server-process.ts';
import { addressOf, madeAndAttached, ownerIdOf, startCluster, type Cluster, type Placed } from './cluster-processes.ts';
import {
  closeAllClients,
  connect,
  FACILITATOR,
  newCommandId,
  newToken,
  openRound,
  openTextRound,
  single,
  voteFor,
  type TestClient,
} from './helpers.ts';
import { freePort } from './ports.ts';
import { httpsRequest, replaced, startNginx, yjsEditor, type RunningProxy } from './reverse-proxies.ts';
import { selfSignedCert, type TestCert } from './tls-cert.ts';
import { until } from './yjs-clients.ts';

const recipe = readFileSync(new URL('../../../deploy/nginx/vrijuit-cluster.conf', import.meta.url), 'utf8');
/** The log nginx writes for this test only (the recipe has none): the session key and the process of each request. */
const LOG_FORMAT = "log_format routing '$vrijuit_session $upstream_addr $status $request_uri';";

const SOURCE = 'deploy/nginx/vrijuit-cluster.conf';

let cert: TestCert;
let nginx: RunningProxy | undefined;
let front: string;
let cluster: Cluster | undefined;
const processes: ServerProcess[] = [];

beforeAll(async () => {
  // Logging what they do (info): RT6 reads that a process handed a session over.
  cluster = await startCluster('cluster', 2, 'info');
  processes.push(...cluster.processes);
  cert = selfSignedCert();
  nginx = await startNginx(join(cert.dir, 'nginx'), '127.0.0.1', async (port) => {
    let conf = replaced(recipe, 'listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`, SOURCE);
    conf = replaced(conf, '/etc/ssl/vrijuit/fullchain.pem', cert.cert, SOURCE);
    conf = replaced(conf, '/etc/ssl/vrijuit/privkey.pem', cert.key, SOURCE);
    conf = replaced(conf, 'server 127.0.0.1:3001 ', `server ${addressOf(processes[0]!)} `, SOURCE);
    conf = replaced(conf, 'server 127.0.0.1:3002 ', `server ${addressOf(processes[1]!)} `, SOURCE);
    conf = replaced(conf, 'listen 80;', `listen 127.0.0.1:${await freePort()};`, SOURCE);
    // The recipe logs nothing; the test logs which process served each session's request.
    conf = replaced(conf, 'access_log off;', `access_log ${join(cert.dir, 'nginx', 'access.log')} routing;`, SOURCE);
    return [`  ${LOG_FORMAT}`, conf];
  });
  front = `https://127.0.0.1:${nginx.port}`;
}, 90_000);

afterAll(async () => {
  closeAllClients();
  await nginx?.stop();
  await cluster?.stop();
  if (cert) rmSync(cert.dir, { recursive: true, force: true });
});

/** An HTTPS request through nginx (trusting only the test certificate). */
const viaNginx = (path: string, init: Parameters<typeof httpsRequest>[2] = {}) =>
  httpsRequest(`${front}${path}`, cert.ca, init);

/** A socket.io connection through nginx, with the session it is for as its key (RT1) when given. */
function client(options: { session?: string; cookie?: string } = {}): Promise<TestClient> {
  openedSockets++;
  return connect(front, {
    ca: cert.ca,
    ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
    ...(options.session ? { query: { session: options.session } } : {}),
  });
}

const lease = (sessionId: string) => cluster!.lease(sessionId);

/** nginx's log lines (written when a request ends; a WebSocket's when it closes): key, process, status, URI. */
function logLines() {
  return nginx!
    .read('access.log')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [key, upstream, status, uri] = line.split(' ');
      return { key: key!, upstream: upstream!, status: Number(status), uri: uri! };
    });
}

/** A /yjs editor of `doc` through nginx: resolves once the server answered its sync step 1. */
const yjsEditorOf = (sessionId: string, doc: string, cookie: string) =>
  yjsEditor(`${front.replace('https', 'wss')}/yjs/${sessionId}/${doc}`, cert.ca, cookie);

let cookie = '';
let openedSockets = 0;
let placed: Placed[] = [];

describe('RT docs/deploy.md "Several processes": two processes behind nginx, routed by session', () => {
  it('RT3 RT1 sessions made on a connection without a key go, on their keyed console, to the process their key hashes to: two sessions on two processes', async () => {
    const login = await viaNginx('/api/auth/login', {
      method: 'POST',
      body: { email: FACILITATOR.email, password: FACILITATOR.password },
    });
    expect(login.status).toBe(200);
    cookie = String(login.headers['set-cookie']).split(';')[0]!;
    // The "new session" page's connection names no session (RT1): nginx sends it by the client's address.
    const maker = await client({ cookie });
    const byOwner = new Map<ServerProcess, Placed>();
    for (let i = 0; i < 16 && byOwner.size < 2; i++) {
      const made = await madeAndAttached(cluster!, maker, (session) => client({ session, cookie }), `Sessie ${i}`);
      if (!byOwner.has(made.owner)) byOwner.set(made.owner, made);
    }
    placed = [...byOwner.values()];
    // Each key hashes to one of the two processes; 16 sessions all on one would be a 1 in 2^15 chance.
    expect(placed.map((s) => s.owner)).toHaveLength(2);
    expect(placed[0]!.owner).not.toBe(placed[1]!.owner);
  }, 60_000);

  it('RT1 RT5 RT4 phones, console, projector, a Yjs editor and an export of one session all reach the process that holds its lease; the lease never moves', async () => {
    const [first, second] = placed;
    expect(second).toBeDefined();
    for (const s of [first!, second!]) {
      // RT4: any process answers the join lookup, its owner or not, and takes no lease for it.
      for (const p of processes) {
        const res = await fetch(`${p.url}/api/join/${s.joinCode}`);
        expect(res.status).toBe(200);
        expect(((await res.json()) as { value: { sessionId: string } }).value.sessionId).toBe(s.sessionId);
      }
      const phones: TestClient[] = [];
      for (let i = 0; i < 4; i++) {
        const phone = await client({ session: s.sessionId });
        await phone.ok('participant:join', { joinCode: s.joinCode, token: newToken(), zoneId: i % 2 ? 'z1' : 'z2' });
        phones.push(phone);
      }
      const projector = await client({ session: s.sessionId, cookie });
      await projector.ok('projector:attach', { sessionId: s.sessionId });
      const roundId = await openRound(s.console);
      for (const phone of phones) await phone.ok('vote:cast', voteFor(roundId, single('o1')));
      await s.console.ok('round:close', { commandId: newCommandId(), roundId });
      const { plenary } = await openTextRound(s.console);
      const editor = await yjsEditorOf(s.sessionId, plenary, cookie);
      editor.close();
      const exported = await viaNginx(`/api/sessions/${s.sessionId}/export?format=json`, { headers: { cookie } });
      expect(exported.status).toBe(200);
      // Nobody took the session over: the owner that the console's attach made is the owner still.
      expect(await lease(s.sessionId)).toEqual({ owner: ownerIdOf(s.owner), fence: s.fence });
    }

    // nginx's log (a WebSocket's line is written when it closes): every request naming a session went to
    // the process holding that session's lease, and the two sessions' to two different processes.
    const sockets = closeSockets();
    await until(() => logLines().filter((l) => l.uri.startsWith('/socket.io/')).length >= sockets, 10_000);
    for (const s of [first!, second!]) {
      const lines = logLines().filter((l) => l.key === s.sessionId);
      const kinds = new Set(lines.map((l) => l.uri.split('/')[1]));
      expect(kinds).toEqual(new Set(['socket.io', 'yjs', 'api']));
      // console + projector + 4 phones: 6 socket.io connections, the Yjs editor, the export.
      expect(lines.filter((l) => l.uri.startsWith('/socket.io/'))).toHaveLength(6);
      expect(new Set(lines.map((l) => l.upstream))).toEqual(new Set([addressOf(s.owner)]));
    }
  }, 90_000);

  it('RT2 a connection opened for one session is refused an identity in another (WRONG_SESSION), and that session stays where it is', async () => {
    const [first, second] = placed;
    const before = await lease(first!.sessionId);
    // Keyed to the second session, so nginx sends it to the second session's process.
    const stray = await client({ session: second!.sessionId, cookie });
    const join = await stray.send('participant:join', { joinCode: first!.joinCode, token: newToken(), zoneId: 'z1' });
    const attach = await stray.send('facilitator:attach', { sessionId: first!.sessionId });
    const projector = await stray.send('projector:attach', { sessionId: first!.sessionId });
    const resume = await stray.send('participant:resume', { sessionId: first!.sessionId, token: newToken() });
    for (const ack of [join, attach, projector, resume]) {
      expect(ack.ok ? 'ok' : ack.error.code).toBe('WRONG_SESSION');
    }
    // Its own session it may attach to; the first one's lease did not move.
    await stray.ok('facilitator:attach', { sessionId: second!.sessionId });
    expect(await lease(first!.sessionId)).toEqual(before);
  }, 30_000);
});

describe('RT6 a process back after a stop gets its sessions again', () => {
  it('RT6 PL4 the process that took a stopped process’s session over hands it over when its clients are routed back: the new phone joins there, the others reconnect there', async () => {
    const s = placed[0]!;
    const back = s.owner;
    const other = processes.find((p) => p !== back)!;
    const tokens = [newToken(), newToken()];
    const phones: TestClient[] = [];
    for (const token of tokens) {
      const phone = await client({ session: s.sessionId });
      await phone.ok('participant:join', { joinCode: s.joinCode, token, zoneId: 'z1' });
      phones.push(phone);
    }
    // A graceful stop hands the lease back (PL4): nginx sends the reconnecting phones to the other process,
    // which takes the session at once.
    await back.signal('SIGTERM');
    await Promise.all(phones.map((p) => p.connected(2, 20_000)));
    for (const [i, phone] of phones.entries())
      await phone.ok('participant:resume', { sessionId: s.sessionId, token: tokens[i]! });
    expect((await lease(s.sessionId))?.owner).toBe(ownerIdOf(other));
    const onOther = phones.map((p) => p.connects);

    await back.start();
    // nginx sends the session's new connections to the returned process again (the recipe never marks a
    // process down): a new phone there asks for the session (RT6) and gets it once the other process
    // handed it over at its next lease renewal.
    const deadline = Date.now() + 60_000;
    while ((await lease(s.sessionId))?.owner !== ownerIdOf(back)) {
      if (Date.now() > deadline) throw new Error('the session was not handed over to the returned process');
      const phone = await client({ session: s.sessionId });
      const joined = await phone.send(
        'participant:join',
        { joinCode: s.joinCode, token: newToken(), zoneId: 'z2' },
        20_000,
      );
      expect(joined.ok ? 'ok' : joined.error.code).toBe('ok');
      phone.close();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(other.output).toContain('session handed over to the process that asked for it');
    // The other process closed the session's connections: the phones reconnect, now to the returned one.
    await Promise.all(phones.map((p, i) => p.connected(onOther[i]! + 1, 20_000)));
    for (const [i, phone] of phones.entries())
      await phone.ok('participant:resume', { sessionId: s.sessionId, token: tokens[i]! });
    expect((await lease(s.sessionId))?.owner).toBe(ownerIdOf(back));
  }, 120_000);
});

/** Closes every client of the test; returns how many socket.io connections were opened so far. */
function closeSockets(): number {
  closeAllClients();
  return openedSockets;
}
