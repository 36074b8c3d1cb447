import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import {
  closeAllClients,
  getJson,
  newCommandId,
  openTextRound,
  setUpWorkshop,
  startServer,
  type TestServer,
  type Workshop,
} from './helpers.ts';
import { destroyProviders, RawYjs, synced, textInStore, textUpdate, until, yjsProvider } from './yjs-clients.ts';

/**
 * S1, TX2: property-based fuzzing (fast-check, fixed seeds) of raw y-websocket frames against a real
 * server: arbitrary bytes and frames built from real parts with every varUint canonical or overlong
 * (`0x80 0x00` is 0, `0x82 0x00` is 2), lengths that lie, and real or broken payloads. The server stays
 * up, a locked text never changes, an open one still syncs and takes edits.
 */

const SEED = 20_261_205;
const RUNS = 100;

let server: TestServer;
let workshop: Workshop;
let locked: string;
let open: string;
/** The Yjs server logs each update it fails to apply; the fuzzer makes many on purpose. */
const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
beforeAll(async () => {
  server = await startServer();
  workshop = await setUpWorkshop(server.url, 1);
  const lockedRound = await openTextRound(workshop.facilitator);
  locked = lockedRound.plenary;
  const writer = yjsProvider(server.wsUrl, `${workshop.sessionId}/${locked}`, { cookie: workshop.cookie });
  await synced(writer);
  writer.doc.getText('t').insert(0, 'Vastgelegd standpunt.');
  await until(() => textInStore(server.dbFile, workshop.sessionId, locked) === 'Vastgelegd standpunt.');
  destroyProviders();
  await workshop.facilitator.ok('round:lock', {
    commandId: newCommandId(),
    roundId: lockedRound.roundId,
    locked: true,
  });
  // Opening the next round closes the locked one: read-only either way.
  open = (await openTextRound(workshop.facilitator)).plenary;
});
afterEach(destroyProviders);
afterAll(async () => {
  logged.mockRestore();
  closeAllClients();
  await server.close();
});

/** `n` as a lib0 varUint with `extra` redundant continuation bytes (0: canonical). */
function varUint(n: number, extra = 0): number[] {
  const out: number[] = [];
  let rest = n;
  while (rest > 0x7f) {
    out.push(0x80 | (rest & 0x7f));
    rest = Math.floor(rest / 128);
  }
  if (extra === 0) return [...out, rest];
  return [...out, 0x80 | rest, ...Array<number>(extra - 1).fill(0x80), 0x00];
}

const encoding = fc.nat({ max: 3 });
const awareness = new Awareness(new Y.Doc());
awareness.setLocalState({ user: { name: 'Fien', color: '#1d4ed8' } });
const payload = fc.oneof(
  { arbitrary: fc.string({ maxLength: 30 }).map((text) => textUpdate(`INGEBROKEN ${text}`)), weight: 3 },
  fc.constant(encodeAwarenessUpdate(awareness, [awareness.clientID])),
  fc.uint8Array({ maxLength: 120 }),
  fc.constant(new Uint8Array([0])),
);
/** A length prefix: true, or a lie (short, long, huge, past 53 bits), canonical or overlong. */
const length = (real: number) =>
  fc.oneof(
    encoding.map((extra) => varUint(real, extra)),
    fc.constantFrom(
      [0],
      varUint(real + 1),
      varUint(Math.max(0, real - 1)),
      [0xff, 0xff, 0xff, 0xff, 0x0f],
      Array<number>(10).fill(0xff),
    ),
  );
/** A y-websocket frame: message type, then for sync a step, then a length-prefixed payload. */
const frame = fc.oneof(
  fc
    // Sync (0) most often: it is the one that can write.
    .tuple(fc.constantFrom(0, 0, 0, 1, 2, 3, 4), encoding, fc.nat({ max: 3 }), encoding, payload)
    .chain(([type, typeExtra, step, stepExtra, bytes]) =>
      length(bytes.length).map((prefix) => [
        ...varUint(type, typeExtra),
        ...(type === 0 ? varUint(step, stepExtra) : []),
        ...prefix,
        ...bytes,
      ]),
    ),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => [...bytes]),
);

/** Sends `frames` on a fresh connection to `docName`, then waits for a round trip or for the server to close it. */
async function feed(docName: string, frames: number[][]): Promise<void> {
  const raw = new RawYjs(server.wsUrl, `${workshop.sessionId}/${docName}`, { cookie: workshop.cookie });
  try {
    await raw.opened;
    for (const bytes of frames) raw.ws.send(Buffer.from(bytes));
    await Promise.race([raw.roundTrip(), raw.closed]);
  } finally {
    raw.close();
  }
}

const textOf = async (docName: string) => {
  const reader = yjsProvider(server.wsUrl, `${workshop.sessionId}/${docName}`, { cookie: workshop.cookie });
  return synced(reader, () => reader.doc.getText('t').toString());
};

describe('S1 TX2 fuzzed Yjs frames', () => {
  it('S1 TX2 a locked text takes no frame, however encoded: its text, its store and the server stay as they were', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 4 }), (frames) => feed(locked, frames)),
      { seed: SEED, numRuns: RUNS },
    );
    expect(await textOf(locked)).toBe('Vastgelegd standpunt.');
    expect(textInStore(server.dbFile, workshop.sessionId, locked)).toBe('Vastgelegd standpunt.');
    expect(await getJson(`${server.url}/healthz`)).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('S1 an open text survives the same frames: the server stays up, the text syncs and takes edits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 4 }), (frames) => feed(open, frames)),
      { seed: SEED + 1, numRuns: RUNS },
    );
    const [a, b] = [0, 1].map(() =>
      yjsProvider(server.wsUrl, `${workshop.sessionId}/${open}`, workshop.phones[0]!.token),
    );
    await Promise.all([synced(a!), synced(b!)]);
    a!.doc.getText('t').insert(0, 'Na de storm. ');
    await until(() => b!.doc.getText('t').toString().startsWith('Na de storm. '));
    expect(await getJson(`${server.url}/healthz`)).toMatchObject({ status: 200, body: { ok: true } });
  });
});
