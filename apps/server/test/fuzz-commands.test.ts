import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import WebSocket from 'ws';
import { commandNames, commands, isCommandName, type CommandName } from '@vrijuit/protocol';
import {
  closeAllClients,
  connect,
  dumpDb,
  getJson,
  openRound,
  setUpWorkshop,
  startServer,
  type TestClient,
  type TestServer,
  type Workshop,
} from './helpers.ts';
import { facilitatorView, validRequestsFor } from './command-samples.ts';

/**
 * S1: property-based fuzzing (fast-check, fixed seeds: a failure prints its seed and path to replay) of
 * every command schema over a real socket.io connection, and of raw engine.io / socket.io packets over
 * a plain WebSocket, against a real server with a real SQLite file. 0 crashes, a typed error for every
 * bad command, 0 state changes.
 */

const SEED = 20_261_205;
/** Runs per command schema: 37 schemas x 20 stay within a few seconds on two cores. */
const RUNS_PER_COMMAND = 20;
const RAW_RUNS = 120;

let server: TestServer;
let workshop: Workshop;
let roundId: string;
beforeAll(async () => {
  server = await startServer();
  workshop = await setUpWorkshop(server.url, 3);
  roundId = await openRound(workshop.facilitator);
});
afterEach(() => closeAllClients([workshop.facilitator, ...workshop.phones.map((p) => p.client)]));
afterAll(async () => {
  closeAllClients();
  await server.close();
});

/** The database and the facilitator's view: what no bad input may change. */
const snapshot = async () => ({ db: dumpDb(server.dbFile), view: await facilitatorView(server.url, workshop) });

/**
 * Connections for the fuzzer, each used for fewer commands than the per-connection limit (20 a second),
 * so every answer is about the payload. The payload is parsed before the sender's role is looked at, so
 * a connection that has joined nothing reaches every schema.
 */
class Senders {
  #client: TestClient | null = null;
  #used = 0;
  async next(): Promise<TestClient> {
    if (!this.#client || this.#used >= 19) {
      this.#client?.close();
      this.#client = await connect(server.url);
      this.#used = 0;
    }
    this.#used++;
    return this.#client;
  }
}

/** What the server parses: the payload after socket.io's JSON round trip (NaN and Infinity become null). */
const onTheWire = (payload: unknown): unknown =>
  payload === undefined ? undefined : JSON.parse(JSON.stringify(payload));

const HUGE = 'x'.repeat(20_000);
/** Values a field should never take: wrong types, edges of number and string, odd objects. */
const wild = fc.oneof(
  fc.anything({
    maxDepth: 3,
    maxKeys: 5,
    withNullPrototype: true,
    withBoxedValues: true,
    withSparseArray: true,
    withMap: true,
    withSet: true,
    withDate: true,
  }),
  fc.constantFrom<unknown>(
    '',
    '   ',
    HUGE,
    '\u0000',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '𝕏'.repeat(200),
    -1,
    -0,
    0.5,
    1e308,
    2 ** 53 + 1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    [],
    {},
    [HUGE, HUGE],
    { $gt: '' },
    JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.double(),
  fc.integer(),
);

/** A valid request with one or two fields replaced, a field removed, or an extra key added. */
function mutated(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  const key = fc.constantFrom(...keys, '__proto__', 'constructor', 'extra');
  return fc.oneof(
    fc.tuple(key, wild).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.tuple(key, wild, key, wild).map(([k1, v1, k2, v2]) => ({ ...valid, [k1]: v1, [k2]: v2 })),
    fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([other]) => other !== k))),
  );
}

/** A payload the command's schema refuses (after the wire), with how many arguments precede the ack. */
function badPayload(name: CommandName) {
  const valid = validRequestsFor(workshop, roundId)[name];
  const schema = commands[name].request;
  return fc
    .record({ payload: fc.oneof(wild, mutated(valid)), argCount: fc.constantFrom(0, 1, 1, 1, 2) })
    .filter(({ payload, argCount }) => !schema.safeParse(argCount === 0 ? undefined : onTheWire(payload)).success);
}

describe('S1 fuzzed commands over socket.io', () => {
  commandNames.forEach((name, index) => {
    it(`S1 ME1 ${name}: arbitrary and mutated payloads each answer a typed error and change nothing`, async () => {
      const before = await snapshot();
      const senders = new Senders();
      await fc.assert(
        fc.asyncProperty(badPayload(name), async ({ payload, argCount }) => {
          const client = await senders.next();
          const ack = await client.sendRaw(name, payload, 5000, argCount);
          // BELOW_FLOOR is the typed answer to a protection set under its floor (AN20).
          expect(ack).toMatchObject({
            ok: false,
            error: { code: expect.stringMatching(/^(BAD_REQUEST|BELOW_FLOOR)$/) },
          });
        }),
        { seed: SEED + index, numRuns: RUNS_PER_COMMAND },
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await snapshot()).toEqual(before);
    });
  });

  it('S1 ME1 arbitrary event names answer UNKNOWN_COMMAND', async () => {
    const senders = new Senders();
    const reserved = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];
    const names = fc.string({ maxLength: 80 }).filter((n) => !isCommandName(n) && !reserved.includes(n));
    await fc.assert(
      fc.asyncProperty(names, wild, async (event, payload) => {
        const client = await senders.next();
        expect(await client.sendRaw(event, payload)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
      }),
      { seed: SEED, numRuns: 50 },
    );
  });
});

/**
 * A raw engine.io connection (protocol 4 over WebSocket): opened, connected to the main namespace, then
 * fed `packets`, then a probe (an event with an ack id). Resolves when the probe is answered or the
 * server closed the connection (its answer to a malformed packet); either way the server decided.
 */
async function feed(packets: (string | Uint8Array)[]): Promise<'answered' | 'closed'> {
  const ws = new WebSocket(`${server.wsUrl}/socket.io/?EIO=4&transport=websocket`);
  const outcome = new Promise<'answered' | 'closed'>((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.startsWith('0{')) ws.send('40');
      else if (text.startsWith('40')) {
        for (const packet of packets) ws.send(packet);
        ws.send('4277777["vrijuit:probe"]');
      } else if (text.startsWith('4377777')) resolve('answered');
    });
    ws.on('close', () => resolve('closed'));
    ws.on('error', reject);
  });
  try {
    return await outcome;
  } finally {
    ws.terminate();
  }
}

const numberText = fc.oneof(
  fc.nat().map(String),
  fc.constantFrom('', '-1', '007', '1e400', '99999999999999999999999999', '9'.repeat(400), 'NaN', '0x10'),
);
const jsonText = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc.tuple(fc.constantFrom(...commandNames), wild).map((args) => JSON.stringify(args) ?? '[]'),
  fc.constantFrom(
    '["session:lookup",{"joinCode":1e400}]',
    '[1e400]',
    '["vote:cast",{"_placeholder":true,"num":0}]',
    '["vote:cast",{"_placeholder":true,"num":99999999}]',
    '[{"_placeholder":true,"num":-1}]',
    '["__proto__",{"polluted":true}]',
    '["constructor"]',
    '["toString"]',
    `[${'['.repeat(5000)}${']'.repeat(5000)}]`,
    '[',
    '{}',
    'null',
  ),
);
/** An engine.io packet type, a socket.io packet type, a binary-attachment count, a namespace, an ack id, a body. */
const rawPacket = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('0', '1', '2', '3', '4', '4', '4', '5', '6', '7', '9', 'b', ''),
      fc.constantFrom('0', '1', '2', '2', '3', '4', '5', '5', '6', '7', ''),
      fc.oneof(
        fc.constant(''),
        numberText.map((n) => `${n}-`),
      ),
      fc.constantFrom('', '/', '/,', '/admin,', '/../,', `/${'x'.repeat(300)},`),
      fc.oneof(fc.constant(''), numberText),
      jsonText,
    )
    .map((parts) => parts.join('')),
  fc.uint8Array({ maxLength: 64 }),
);

describe('S1 raw engine.io and socket.io packets', () => {
  it('S1 malformed packet types, bad JSON, huge numbers and binary attachment counts: the server stays up and nothing changes', async () => {
    const before = await snapshot();
    const outcomes = { answered: 0, closed: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(rawPacket, { minLength: 1, maxLength: 4 }), async (packets) => {
        outcomes[await feed(packets)]++;
      }),
      { seed: SEED, numRuns: RAW_RUNS },
    );
    // Both happen: the server answers after packets it ignores, and drops connections that break the protocol.
    expect(outcomes.answered).toBeGreaterThan(0);
    expect(outcomes.closed).toBeGreaterThan(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await getJson(`${server.url}/healthz`)).toMatchObject({ status: 200, body: { ok: true } });
    expect(await snapshot()).toEqual(before);
    // A phone still works over socket.io afterwards.
    const phone = await connect(server.url);
    expect(await phone.send('session:lookup', { joinCode: workshop.joinCode })).toMatchObject({ ok: true });
  });
});
