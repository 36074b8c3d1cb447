import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROUTING_PARAM } from '@vrijuit/protocol';
import { ServerProcess } from '../../../tests/e2e/server-process.ts';
import { ClusterSeal } from '../src/cluster/seal.ts';
import {
  closeAllClients,
  connect,
  newCommandId,
  newToken,
  openRound,
  openTextRound,
  setUpWorkshop,
  signedInClient,
  type Phone,
  type Workshop,
} from './helpers.ts';
import { destroyProviders, until, yjsProvider } from './yjs-clients.ts';
import { readCopyKeyring } from './pg-copy-keys.ts';
import { startRedis, type TestRedis } from './redis.ts';
import { stopTestPostgres, testPostgres } from './store-backends.ts';
import { TcpRouter } from './tcp-router.ts';
import { BURST_OPTIONS, expectNoVoteLost, lastConfirmed, startBurst } from './vote-burst.ts';

/**
 * CL1-CL5 (issue 18 items 4 and 6): one session's phones on two server processes (main.ts, REDIS_URL) on one
 * real PostgreSQL and one real Redis. The session's owner is process A; half the phones sit on process B,
 * which forwards their commands to A through Redis, sealed, and pushes A's views to them. Then A is killed
 * (-9) in a vote burst: B takes the session over and no acknowledged vote is lost or counted twice.
 */

const LEASE_MS = 2000;
const PHONES = 12;
const KEY = randomBytes(32);

let redis: TestRedis;
const servers: ServerProcess[] = [];
const routers: TcpRouter[] = [];
const databases: pg.Client[] = [];

beforeAll(async () => {
  redis = await startRedis();
}, 30_000);

// Each test's processes go with it: they hold PostgreSQL connections (max_connections is 20).
afterEach(async () => {
  destroyProviders();
  closeAllClients();
  for (const router of routers.splice(0)) await router.close();
  for (const server of servers.splice(0)) await server.stop();
  for (const db of databases.splice(0)) await db.end();
});

afterAll(async () => {
  await redis?.stop();
  await stopTestPostgres();
});

/**
 * Two processes (or three: `c`) on one new database, linked through Redis; A behind a router (its phones
 * move on a kill).
 */
async function twoProcesses(name: string, withThird = false) {
  const url = await (await testPostgres()).createDatabase(name);
  const env = {
    DATABASE_URL: url,
    SESSION_LEASE_MS: String(LEASE_MS),
    REDIS_URL: redis.url,
    CLUSTER_KEY: KEY.toString('base64'),
  };
  // CL9: as on separate machines, each process has a round keys' folder of its own (AN25).
  const keyrings: string[] = [];
  const start = () => {
    keyrings.push(mkdtempSync(join(tmpdir(), 'vrijuit-cluster-keys-')));
    return new ServerProcess({ env: { ...env, KEYRING_DIR: keyrings.at(-1)! }, logLevel: 'info' });
  };
  const a = start();
  const b = start();
  const c = withThird ? start() : null;
  servers.push(a, b, ...(c ? [c] : []));
  await a.start();
  await b.start();
  await c?.start();
  const router = new TcpRouter(Number(new URL(a.url).port));
  routers.push(router);
  await router.listen();
  const db = new pg.Client(url);
  await db.connect();
  databases.push(db);
  const column = async (sql: string, sessionId: string) =>
    (await db.query<{ v: string }>(sql, [sessionId])).rows.map((r) => String(r.v));
  return { a, b, c, router, db, column, keyrings };
}

/** The workshop made on A (through the router); phone i joins on A when i is even, on B when odd. */
async function phonesOnBoth(aUrl: string, bUrl: string): Promise<Workshop> {
  const workshop = await setUpWorkshop(aUrl, 0, 'Twee processen');
  const phones: Phone[] = [];
  for (let i = 0; i < PHONES; i++) {
    // The phone's connection names its session (RT1), as the web client's does.
    const client = await connect(i % 2 === 0 ? aUrl : bUrl, { query: { [ROUTING_PARAM]: workshop.sessionId } });
    const token = newToken();
    const zoneId = `z${(i % 3) + 1}`;
    await client.ok('participant:join', { joinCode: workshop.joinCode, token, name: `P${i + 1}`, zoneId });
    phones.push({ client, token, zoneId, municipalityId: null, name: `P${i + 1}` });
  }
  return { ...workshop, phones };
}

const ownerOf = async (db: pg.Client, sessionId: string) =>
  (
    await db.query<{ owner: string; fence: number }>(
      'SELECT owner, fence::int AS fence FROM session_leases WHERE session_id = $1',
      [sessionId],
    )
  ).rows[0];

/** The process's lease owner id, from its log (PL1). */
const processIdOf = (server: ServerProcess) => /"process":"([^"]+)"/.exec(server.output)![1];

describe('CL one session across processes through Redis', () => {
  it('CL1 CL2 CL4 CL5 phones on the process that does not own the session join and vote through its owner: every phone sees the same results, the console counts them all, the lease never moves, and Redis holds nothing that links anyone', async () => {
    const { a, b, router, db, column, keyrings } = await twoProcesses('cluster_views');
    const monitor = await redis.monitor();
    const workshop = await phonesOnBoth(router.url, b.url);
    const { sessionId, facilitator, phones } = workshop;
    const lease = await ownerOf(db, sessionId);
    expect(lease).toBeDefined();

    // CL5: the console on A counts the phones on B too.
    await facilitator.until(
      () => (facilitator.latest('facilitator:view')?.attendance.online === PHONES ? true : undefined),
      5000,
      'all phones online',
    );

    const roundId = await openRound(facilitator, { options: [...BURST_OPTIONS], reveal: 'live' });
    const burst = startBurst(phones, roundId);
    // CL4: a memory dump of Redis in the middle of the burst.
    await burst.acked(PHONES);
    const dump = (await redis.dump()).toString('latin1');
    // CL9: the open round's key and the session's (AN27; B read the session's cells with it), in A's
    // keyring, are in Redis only sealed.
    const ring = await readCopyKeyring(keyrings[0]!);
    const keys = [...ring.keys.values(), ...ring.sessionKeys.values()].map((k) => Buffer.from(k, 'base64url'));
    expect(keys).toHaveLength(2);
    const inClear = (k: Buffer) => [k.toString('latin1'), k.toString('base64'), k.toString('base64url')];
    expect(keys.filter((k) => inClear(k).some((text) => dump.includes(text)))).toEqual([]);
    const sent = await burst.done;
    // CL2: every vote on either process is acknowledged as stored (at the owner).
    const acks = sent.flatMap((s) => s.votes.map((v) => v.ack));
    expect(acks.every((ack) => ack?.ok === true)).toBe(true);
    const last = new Map(sent.map((s) => [s.phone.token, s.votes.at(-1)!.optionId]));
    const expected = Object.fromEntries(BURST_OPTIONS.map((_, o) => [`o${o + 1}`, 0]));
    for (const option of last.values()) expected[option]!++;

    // Votes from fewer than k people wait for their batch (AN13): closing the round stores the last ones.
    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    // CL1: the room's view, pushed once by the owner, reaches the phones on both processes alike.
    for (const { client } of phones) {
      await client.until(
        () => {
          const results = client.latest('participant:view')?.round?.results;
          return isDeepStrictEqual(results?.perPerson?.values, expected) ? true : undefined;
        },
        5000,
        'the results of every phone',
      );
    }
    const seen = phones.map(({ client }) => client.latest('participant:view')?.round?.results?.perPerson);
    expect(new Set(seen.map((s) => JSON.stringify(s))).size).toBe(1);
    expect(seen[0]).toMatchObject({ values: expected });

    // CL2: B's phones did not pull the session to B: A holds the same lease it took.
    expect(await ownerOf(db, sessionId)).toEqual(lease);
    expect(facilitator.connects).toBe(1);

    // CL5: a phone on B leaves; the console on A counts one fewer.
    phones[1]!.client.socket.disconnect();
    await facilitator.until(
      () => (facilitator.latest('facilitator:view')?.attendance.online === PHONES - 1 ? true : undefined),
      5000,
      'one phone fewer',
    );

    // CL4: the Redis adversary (MONITOR: every command any process sent). Commands crossed it, sealed.
    await monitor.stop();
    const lines = monitor.lines;
    // CL9: the round's key was kept in Redis for a next owner, and forgotten at the close.
    const share = `"vrijuit:round-keys:${sessionId}" "${roundId}"`;
    expect(lines.some((l) => l.includes(`"HSET" ${share}`))).toBe(true);
    expect(lines.some((l) => l.includes(`"HDEL" ${share}`))).toBe(true);
    const published = lines.filter((l) => l.includes('"PUBLISH"') && l.includes('vrijuit:process:'));
    expect(published.length).toBeGreaterThanOrEqual(PHONES);
    const participantIds = await column('SELECT id AS v FROM participants WHERE session_id = $1', sessionId);
    const voterKeys = await column('SELECT voter_key AS v FROM ballots WHERE session_id = $1', sessionId);
    expect(participantIds).toHaveLength(PHONES);
    const secrets = [...phones.map((p) => p.token), ...participantIds, ...voterKeys];
    const leaked = secrets.filter((s) => lines.some((l) => l.includes(s)) || dump.includes(s));
    expect(leaked, 'tokens, participant ids or voter keys readable in Redis').toEqual([]);
    // The dump holds what Redis keeps: the adapter's stream and the processes' addresses (CL6).
    expect(dump).toContain('vrijuit:process-address:');
    // No ballot in clear in what one process sent another, and each message opens only with the cluster key.
    expect(published.filter((l) => /ballot|optionId|joinCode|token/.test(l))).toEqual([]);
    const [, channel, sealed] = /"PUBLISH" "([^"]+)" "([^"]+)"/.exec(published[0]!)!;
    expect(new ClusterSeal(KEY).open(sealed!, channel!)).toBeTruthy();
    expect(() => new ClusterSeal(randomBytes(32)).open(sealed!, channel!)).toThrow();
    expect(a.output).not.toMatch(/"level":"error"/);
    expect(b.output).not.toMatch(/"level":"error"/);
  }, 120_000);

  it('CL6 TX5 DO8 editors of one text on both processes converge: the other process hands a text connection on to the owner, where its ticket was given; a participant on both processes has one share of commands', async () => {
    const { b, router, db } = await twoProcesses('cluster_texts');
    const workshop = await phonesOnBoth(router.url, b.url);
    const lease = await ownerOf(db, workshop.sessionId);
    const round = await openTextRound(workshop.facilitator);
    const room = `${workshop.sessionId}/${round.plenary}`;
    const onA = yjsProvider(router.url.replace(/^http/, 'ws'), room, workshop.phones[0]!.token);
    const onB = yjsProvider(b.url.replace(/^http/, 'ws'), room, workshop.phones[1]!.token);
    await until(() => onA.synced && onB.synced, 15_000);
    onA.doc.getText('t').insert(0, 'samen ');
    onB.doc.getText('t').insert(0, 'schrijven ');
    const both = () => onA.doc.getText('t').toString() === onB.doc.getText('t').toString();
    await until(() => both() && onA.doc.getText('t').length === 'samen schrijven '.length, 10_000);
    // The text lives at the owner only; its lease never moved.
    expect(await ownerOf(db, workshop.sessionId)).toEqual(lease);
    destroyProviders();

    // DO8: one participant's share of commands holds over its connections on both processes: the owner
    // counts the forwarded ones too. 15 at once on each connection (each under its own 20 a second).
    const { token } = workshop.phones[0]!;
    const second = await connect(b.url, { query: { [ROUTING_PARAM]: workshop.sessionId } });
    await second.ok('participant:resume', { sessionId: workshop.sessionId, token });
    const tickets = [workshop.phones[0]!.client, second].flatMap((client) =>
      Array.from({ length: 15 }, () => client.send('text:ticket', { docName: round.plenary })),
    );
    const answers = await Promise.all(tickets);
    const limited = answers.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length;
    expect(limited).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it('CL2 RT2 connections on the other process that name no session (pages of an older version) join, resume and attach through the owner: the lease does not move', async () => {
    const { b, router, db } = await twoProcesses('cluster_keyless');
    const workshop = await phonesOnBoth(router.url, b.url);
    const { sessionId, joinCode, facilitator } = workshop;
    const lease = await ownerOf(db, sessionId);
    const joined = await connect(b.url);
    await joined.ok('participant:join', { joinCode, token: newToken(), name: 'Nieuw', zoneId: 'z1' });
    const resumed = await connect(b.url);
    await resumed.ok('participant:resume', { sessionId, token: workshop.phones[0]!.token });
    const console = await signedInClient(b.url, workshop.cookie);
    await console.ok('facilitator:attach', { sessionId });
    const projector = await signedInClient(b.url, workshop.cookie);
    await projector.ok('projector:attach', { sessionId });
    // The owner counts the keyless phones too (CL5), and its views reach them where they are (CL1).
    await facilitator.until(
      () => (facilitator.latest('facilitator:view')?.attendance.online === PHONES + 2 ? true : undefined),
      5000,
      'the keyless phones online',
    );
    await openRound(facilitator, { options: [...BURST_OPTIONS] });
    for (const client of [joined, resumed])
      await client.until(() => client.latest('participant:view')?.round ?? undefined, 5000, 'the round on B');
    expect(await ownerOf(db, sessionId)).toEqual(lease);
    expect(facilitator.connects).toBe(1);
  }, 120_000);

  it('CL5 CL7 CL8 the process that takes a session over counts its phones on every process; a process killed -9 stops counting', async () => {
    const { a, b, c, router, db } = await twoProcesses('cluster_counts', true);
    const workshop = await phonesOnBoth(router.url, b.url);
    const { sessionId, facilitator, phones } = workshop;
    const online = (n: number, what: string) =>
      facilitator.until(
        () => (facilitator.latest('facilitator:view')?.attendance.online === n ? true : undefined),
        20_000,
        what,
      );
    await online(PHONES, 'all phones online at A');
    const held = (await ownerOf(db, sessionId))!;

    // A dies: its console and phones reconnect, through the router, to C, which takes the session over.
    const onA = [facilitator, ...phones.filter((_, i) => i % 2 === 0).map((p) => p.client)];
    const connects = onA.map((client) => client.connects);
    router.routeTo(Number(new URL(c!.url).port));
    await a.kill();
    await Promise.all(onA.map((client, i) => client.connected(connects[i]! + 1, 20_000)));
    await facilitator.ok('facilitator:attach', { sessionId });
    for (const [i, phone] of phones.entries())
      if (i % 2 === 0) await phone.client.ok('participant:resume', { sessionId, token: phone.token });
    // C took it (not B, whose own phones would count there anyway).
    expect(await ownerOf(db, sessionId)).toEqual({ owner: processIdOf(c!), fence: held.fence + 1 });
    // CL7: C asked the others for their connections: B's phones, which sent nothing since, count too.
    await online(PHONES, 'the phones on B counted by the new owner');

    // CL8: B is killed; once its address expires in Redis, C no longer counts its phones.
    await b.kill();
    await online(PHONES / 2, 'the phones on B no longer counted');
  }, 120_000);

  it('CL3 PL8 kill -9 of the owner in a vote burst with phones on both processes: the other takes the session over; every acknowledged vote is there, counted once', async () => {
    const { a, b, router, db } = await twoProcesses('cluster_failover');
    const workshop = await phonesOnBoth(router.url, b.url);
    const roundId = await openRound(workshop.facilitator, { options: [...BURST_OPTIONS] });
    const clients = [workshop.facilitator, ...workshop.phones.filter((_, i) => i % 2 === 0).map((p) => p.client)];
    const connects = clients.map((c) => c.connects);
    const held = (await ownerOf(db, workshop.sessionId))!;
    const burst = startBurst(workshop.phones, roundId);
    await burst.acked((PHONES * BURST_OPTIONS.length) / 3);
    router.routeTo(Number(new URL(b.url).port));
    await a.kill();
    const sent = await burst.done;
    const confirmed = sent.map(lastConfirmed);
    expect(confirmed.some((c) => c >= 0)).toBe(true);
    // A's phones and console reconnect, through the router, to B; B's phones never left.
    await Promise.all(clients.map((c, i) => c.connected(connects[i]! + 1, 20_000)));
    // B took the session over once A's lease ran out (its phones' forwards found nobody listening).
    for (let tries = 0; (await ownerOf(db, workshop.sessionId))?.fence !== held.fence + 1; tries++) {
      if (tries > 200) throw new Error('the session was not taken over');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await expectNoVoteLost(workshop, roundId, sent, confirmed);
    expect((await ownerOf(db, workshop.sessionId))!.owner).not.toBe(held.owner);
    expect(b.output).not.toMatch(/command failed/);
  }, 120_000);
});
