/**
 * The door and join limits (core SPEC DO1-DO9, targets S2, S8), against a real server with real
 * socket.io clients. Every client connects from 127.0.0.1: one address, as a room behind one NAT or a
 * script on one machine would.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RATE_LIMITS, type Ack, type CommandResult, type FacilitatorView } from '@vrijuit/protocol';
import {
  attachConsole,
  closeAllClients,
  connect,
  databaseBytes,
  newCommandId,
  newToken,
  openRound,
  readDb,
  setUpWorkshop,
  single,
  startServer,
  voteFor,
  type TestClient,
  type TestServer,
  type Workshop,
} from './helpers.ts';

let server: TestServer;
beforeEach(async () => {
  // A fresh server per test: each starts with full join buckets for 127.0.0.1.
  server = await startServer();
});
afterEach(async () => {
  closeAllClients();
  await server.close();
});

type JoinAck = Ack<CommandResult<'participant:join'>>;

const join = (client: TestClient, joinCode: string, token: string, zoneId = 'z1', name?: string) =>
  client.send('participant:join', { joinCode, token, zoneId, ...(name ? { name } : {}) });

const setDoor = (w: Workshop, closed: boolean) => w.facilitator.ok('door:set', { commandId: newCommandId(), closed });

const expect_ = async (w: Workshop, expectedParticipants: number | null) =>
  w.facilitator.ok('session:update', { commandId: newCommandId(), settings: { expectedParticipants } });

/** The console's first view (received or to come) for which `check` holds. */
const consoleWhen = (w: Workshop, check: (view: FacilitatorView) => boolean) =>
  w.facilitator.waitFor('facilitator:view', check, 5000);

const code = (ack: JoinAck) => (ack.ok ? 'ok' : ack.error.code);

describe('the door (DO1-DO5, DO9)', () => {
  it('DO1 DO4 with the door closed a new phone waits, the console counts it per zone, admitting the zone lets it in and it votes', async () => {
    const w = await setUpWorkshop(server.url, 2);
    const roundId = await openRound(w.facilitator);
    await setDoor(w, true);

    const phone = await connect(server.url);
    const token = newToken();
    const first = await join(phone, w.joinCode, token, 'z2', 'Laatkomer');
    expect(first).toMatchObject({ ok: false, error: { code: 'WAITING_AT_DOOR' } });
    // Waiting is not joined: its commands are refused.
    expect(await phone.send('vote:cast', voteFor(roundId, single('o1')))).toMatchObject({
      ok: false,
      error: { code: 'NOT_JOINED' },
    });
    const waiting = await consoleWhen(w, (v) => v.door?.waiting === 1);
    expect(waiting.door).toEqual({ closed: true, waiting: 1, waitingByZone: { z1: 0, z2: 1, z3: 0 } });
    expect(waiting.attendance.joined).toBe(2);
    expect(JSON.stringify(waiting)).not.toContain('Laatkomer');
    // The phone retries (as the web app does): it keeps waiting, nothing doubles.
    expect(code(await join(phone, w.joinCode, token, 'z2', 'Laatkomer'))).toBe('WAITING_AT_DOOR');
    // DO5: a phone that joined before always gets back in, door closed.
    const back = await connect(server.url);
    expect(code(await join(back, w.joinCode, w.phones[0]!.token, 'z1'))).toBe('ok');
    expect((await back.send('participant:resume', { sessionId: w.sessionId, token: w.phones[1]!.token })).ok).toBe(
      true,
    );

    // Letting in another zone changes nothing for it; its own zone lets it in, live.
    expect(await w.facilitator.ok('door:admit', { commandId: newCommandId(), zoneId: 'z1' })).toEqual({ admitted: 0 });
    expect(phone.received['door:admitted']).toEqual([]);
    expect(await w.facilitator.ok('door:admit', { commandId: newCommandId(), zoneId: 'z2' })).toEqual({ admitted: 1 });
    await phone.waitFor('door:admitted', (e) => e.sessionId === w.sessionId);
    const joined = await join(phone, w.joinCode, token, 'z2', 'Laatkomer');
    if (!joined.ok) throw new Error(joined.error.code);
    expect(joined.value.self).toMatchObject({ zoneId: 'z2', name: 'Laatkomer' });
    expect(joined.value.view.round?.id).toBe(roundId);
    await phone.ok('vote:cast', voteFor(roundId, single('o2')));
    const after = await consoleWhen(w, (v) => v.attendance.joined === 3 && v.door?.waiting === 0);
    expect(after.door).toEqual({ closed: true, waiting: 0, waitingByZone: { z1: 0, z2: 0, z3: 0 } });
    // The other phones heard nothing of the door: their views are exactly the protocol's (no extra keys).
    expect(w.phones[0]!.client.invalid).toEqual([]);
    expect(w.phones[0]!.client.received['door:admitted']).toEqual([]);
  });

  it('DO4 turned away, a phone hears it and the console forgets it; DO3 opening the door lets the rest in', async () => {
    const w = await setUpWorkshop(server.url, 1);
    await setDoor(w, true);
    const [a, b, c] = await Promise.all([connect(server.url), connect(server.url), connect(server.url)]);
    const tokens = [newToken(), newToken(), newToken()] as const;
    expect(code(await join(a, w.joinCode, tokens[0], 'z1'))).toBe('WAITING_AT_DOOR');
    expect(code(await join(b, w.joinCode, tokens[1], 'z3'))).toBe('WAITING_AT_DOOR');
    expect(code(await join(c, w.joinCode, tokens[2], 'z3'))).toBe('WAITING_AT_DOOR');
    await consoleWhen(w, (v) => v.door?.waiting === 3);
    expect(await w.facilitator.ok('door:turn-away', { commandId: newCommandId(), zoneId: 'z1' })).toEqual({
      turnedAway: 1,
    });
    await a.waitFor('door:turned-away', () => true);
    expect(a.received['door:admitted']).toEqual([]);
    await consoleWhen(w, (v) => v.door?.waiting === 2);

    await setDoor(w, false);
    await Promise.all([b, c].map((p) => p.waitFor('door:admitted', () => true)));
    const view = await consoleWhen(w, (v) => v.attendance.joined === 3);
    expect(view.door).toBeUndefined();
    expect(view.attendance.joinedByZone).toEqual({ z1: 1, z2: 0, z3: 2 });
    expect(code(await join(b, w.joinCode, tokens[1], 'z3'))).toBe('ok');
    // The turned-away phone may knock again: the door is open now, so it joins.
    expect(code(await join(a, w.joinCode, tokens[0], 'z1'))).toBe('ok');
  });

  it('DO2 once the expected number has joined, new phones wait with the door open; the facilitator lets them in', async () => {
    const w = await setUpWorkshop(server.url, 2);
    await expect_(w, 3);
    const third = await connect(server.url);
    expect(code(await join(third, w.joinCode, newToken(), 'z3'))).toBe('ok');
    const fourth = await connect(server.url);
    const token = newToken();
    expect(code(await join(fourth, w.joinCode, token, 'z1'))).toBe('WAITING_AT_DOOR');
    const full = await consoleWhen(w, (v) => v.door?.waiting === 1);
    expect(full.door?.closed).toBe(false);
    expect(full.session.settings.expectedParticipants).toBe(3);
    await w.facilitator.ok('door:admit', { commandId: newCommandId(), zoneId: null });
    await fourth.waitFor('door:admitted', () => true);
    expect(code(await join(fourth, w.joinCode, token, 'z1'))).toBe('ok');
    await consoleWhen(w, (v) => v.attendance.joined === 4);
  });

  it('DO9 a waiting join survives a restart without its name on disk; its phone sends the join again and is let in with it', async () => {
    const w = await setUpWorkshop(server.url, 1);
    await setDoor(w, true);
    const phone = await connect(server.url);
    const token = newToken();
    const name = 'Wachtende-Naam-Zonder-Schijf';
    expect(code(await join(phone, w.joinCode, token, 'z2', name))).toBe('WAITING_AT_DOOR');
    const rows = readDb(server.dbFile, (db) => db.prepare('SELECT * FROM waiting_joins').all());
    expect(rows).toEqual([
      {
        session_id: w.sessionId,
        token_hash: expect.stringMatching(/^[\w-]{43}$/),
        zone_id: 'z2',
        municipality_id: null,
      },
    ]);
    expect(databaseBytes(server.dbFile).includes(Buffer.from(name))).toBe(false);
    expect(databaseBytes(server.dbFile).includes(Buffer.from(token))).toBe(false);

    const connects = phone.connects;
    await server.restart();
    await phone.connected(connects + 1, 10_000);
    const console2 = await attachConsole(server.url, w);
    // The web app sends its join again on every reconnect; the server still has it waiting.
    expect(code(await join(phone, w.joinCode, token, 'z2', name))).toBe('WAITING_AT_DOOR');
    expect(await console2.ok('door:admit', { commandId: newCommandId(), zoneId: 'z2' })).toEqual({ admitted: 1 });
    await phone.waitFor('door:admitted', () => true);
    const joined = await join(phone, w.joinCode, token, 'z2', name);
    expect(joined.ok && joined.value.self.name).toBe(name);
    expect(readDb(server.dbFile, (db) => db.prepare('SELECT count(*) AS n FROM waiting_joins').get())).toEqual({
      n: 0,
    });
  });
});

describe('join limits (DO6, DO7, S8)', () => {
  it('DO6 S8 a room of 80 phones behind one address joins within 20 s', async () => {
    const w = await setUpWorkshop(server.url, 0);
    const phones = await Promise.all(Array.from({ length: 80 }, () => connect(server.url)));
    const started = Date.now();
    const acks = await Promise.all(phones.map((p, i) => join(p, w.joinCode, newToken(), `z${(i % 3) + 1}`)));
    const elapsed = Date.now() - started;
    expect(acks.map(code)).toEqual(acks.map(() => 'ok'));
    expect(elapsed).toBeLessThan(20_000);
    console.info(`DO6: 80 phones from one address joined in ${elapsed} ms`);
    await consoleWhen(w, (v) => v.attendance.joined === 80);
  });

  /**
   * 2,000 joins with fresh tokens from one address, over 100 sockets of 20 joins each (the connection
   * limit lets 20 a second through, so every join reaches the door). The room of 80 is in and the
   * expected number is 80: no scripted join gets in, the few that pass the address's bucket wait.
   */
  it('DO6 DO2 S8 2,000 scripted joins from one address: refused or held, none can vote; the room still votes', async () => {
    const w = await setUpWorkshop(server.url, 0);
    await expect_(w, 80);
    const room = await Promise.all(Array.from({ length: 80 }, () => connect(server.url)));
    await Promise.all(room.map((p, i) => join(p, w.joinCode, newToken(), `z${(i % 3) + 1}`)));
    const roundId = await openRound(w.facilitator);

    const { acks, elapsed, scripts } = await flood(w.joinCode, 100, 20);
    const counts = tally(acks);
    console.info(`DO6 DO2: 2,000 scripted joins in ${elapsed} ms (expected number set, room full):`, counts);
    expect(acks).toHaveLength(2000);
    expect(counts.ok ?? 0).toBe(0);
    expect(Object.keys(counts).sort()).toEqual(['RATE_LIMITED', 'WAITING_AT_DOOR']);
    // What passed the address's bucket waits; it is no more than the bucket had left plus its refill.
    expect(counts.WAITING_AT_DOOR).toBeLessThanOrEqual(
      RATE_LIMITS.newJoinsPerAddressBurst -
        80 +
        Math.ceil((elapsed / 60_000) * RATE_LIMITS.newJoinsPerAddressPerMinute) +
        1,
    );
    // A second on, so the connections' own limit is not what answers.
    await sleep(1100);
    const votes = await Promise.all(scripts.map((s) => s.send('vote:cast', voteFor(roundId, single('o1')))));
    expect(new Set(votes.map((v) => (v.ok ? 'ok' : v.error.code)))).toEqual(new Set(['NOT_JOINED']));
    const view = await consoleWhen(w, (v) => v.door?.waiting === counts.WAITING_AT_DOOR);
    expect(view.attendance.joined).toBe(80);
    // The room is unaffected: every one of them votes.
    await Promise.all(room.map((p) => p.ok('vote:cast', voteFor(roundId, single('o2')))));
    // 80 first ballots: 26 whole batches of three on the console (AN12), the last two at the close.
    await consoleWhen(w, (v) => v.rounds[0]?.respondents === 78);
    await w.facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    await consoleWhen(w, (v) => v.rounds[0]?.status === 'closed' && v.rounds[0].respondents === 80);
  }, 60_000);

  it('DO6 S8 without an expected number a script on one address gets the bucket and its refill, no more', async () => {
    const w = await setUpWorkshop(server.url, 0);
    const roundId = await openRound(w.facilitator);
    const { acks, elapsed, scripts } = await flood(w.joinCode, 100, 20);
    const counts = tally(acks);
    console.info(`DO6: 2,000 scripted joins in ${elapsed} ms (no expected number, door open):`, counts);
    expect(Object.keys(counts).sort()).toEqual(['RATE_LIMITED', 'ok']);
    const allowed =
      RATE_LIMITS.newJoinsPerAddressBurst + Math.ceil((elapsed / 60_000) * RATE_LIMITS.newJoinsPerAddressPerMinute) + 1;
    expect(counts.ok).toBeLessThanOrEqual(allowed);
    expect(counts.ok).toBeGreaterThanOrEqual(RATE_LIMITS.newJoinsPerAddressBurst);
    // A socket whose every join was refused cannot vote.
    const refusedOnly = scripts.filter((_, i) => acks.slice(i * 20, i * 20 + 20).every((a) => !a.ok));
    expect(refusedOnly.length).toBeGreaterThan(0);
    await sleep(1100);
    const votes = await Promise.all(refusedOnly.map((s) => s.send('vote:cast', voteFor(roundId, single('o1')))));
    expect(votes.every((v) => !v.ok && v.error.code === 'NOT_JOINED')).toBe(true);
  }, 60_000);

  it('DO6 DO5 known tokens cost nothing: the room joins again and resumes with the bucket empty', async () => {
    const w = await setUpWorkshop(server.url, 0);
    const phones = await Promise.all(Array.from({ length: 100 }, () => connect(server.url)));
    const tokens = phones.map(() => newToken());
    const acks = await Promise.all(phones.map((p, i) => join(p, w.joinCode, tokens[i]!, 'z1')));
    expect(acks.every((a) => a.ok)).toBe(true);
    const stranger = await connect(server.url);
    expect(code(await join(stranger, w.joinCode, newToken(), 'z1'))).toBe('RATE_LIMITED');
    const again = await Promise.all(phones.map((p, i) => join(p, w.joinCode, tokens[i]!, 'z1')));
    expect(again.every((a) => a.ok)).toBe(true);
  });
});

describe('commands per participant (DO8, S2)', () => {
  it('DO8 S2 50 sockets of one participant together get one participant’s rate; another participant is unaffected', async () => {
    const w = await setUpWorkshop(server.url, 2);
    const roundId = await openRound(w.facilitator);
    const [one, other] = w.phones as [Workshop['phones'][0], Workshop['phones'][0]];
    const sockets = await Promise.all(Array.from({ length: 50 }, () => connect(server.url)));
    await Promise.all(sockets.map((s) => s.ok('participant:resume', { sessionId: w.sessionId, token: one.token })));
    // Every socket is a fresh connection (its own limit untouched): 10 votes each, 500 in all, at once.
    const started = Date.now();
    const acks = await Promise.all(
      sockets.flatMap((s, i) =>
        Array.from({ length: 10 }, (_, j) => s.send('vote:cast', voteFor(roundId, single((i + j) % 2 ? 'o1' : 'o2')))),
      ),
    );
    const elapsed = Date.now() - started;
    const accepted = acks.filter((a) => a.ok).length;
    const share = RATE_LIMITS.commandsPerSecond * (1 + elapsed / 1000) + 1;
    console.info(`DO8: 500 commands of one participant on 50 sockets in ${elapsed} ms: ${accepted} accepted`);
    expect(accepted).toBeLessThanOrEqual(share);
    expect(accepted).toBeGreaterThanOrEqual(RATE_LIMITS.commandsPerSecond);
    expect(acks.filter((a) => !a.ok).every((a) => !a.ok && a.error.code === 'RATE_LIMITED')).toBe(true);
    // The other participant votes as usual meanwhile.
    await other.client.ok('vote:cast', voteFor(roundId, single('o1')));
  });

  it('DO8 S2 a socket that has not joined keeps its own limit per connection', async () => {
    const w = await setUpWorkshop(server.url, 0);
    const stranger = await connect(server.url);
    const acks = await Promise.all(
      Array.from({ length: 30 }, () => stranger.send('session:lookup', { joinCode: w.joinCode })),
    );
    expect(acks.filter((a) => a.ok)).toHaveLength(RATE_LIMITS.commandsPerSecond);
    expect(acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED')).toHaveLength(10);
  });
});

/** `sockets` connections sending `each` joins with fresh tokens at once; the acks in socket order. */
async function flood(joinCode: string, sockets: number, each: number) {
  const scripts = await Promise.all(Array.from({ length: sockets }, () => connect(server.url)));
  const started = Date.now();
  const perSocket = await Promise.all(
    scripts.map((s) => Promise.all(Array.from({ length: each }, () => join(s, joinCode, newToken(), 'z1')))),
  );
  return { acks: perSocket.flat(), elapsed: Date.now() - started, scripts };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tally(acks: readonly JoinAck[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const ack of acks) counts[code(ack)] = (counts[code(ack)] ?? 0) + 1;
  return counts;
}
