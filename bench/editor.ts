/**
 * A process of co-writing editors (P4, bench/co-writing.ts): real y-websocket providers (`ws` as the
 * WebSocket), each with its own Y.Doc, on one text. On Vrijuit each editor is a participant: it joins
 * over socket.io with its own token and asks a one-time ticket before every Yjs connection (TX5), as a
 * phone does; on the floor it connects straight to the room.
 *
 * Typing: editor e (of E) inserts one character at a seeded random place at start + (e / E + s) x period,
 * s = 0, 1, ... Its Y.Doc's clientID is CLIENT_BASE + e, so the clock of an item names its keystroke s:
 * when a remote update arrives (`doc.on('update')` from the provider), Y.parseUpdateMeta says which
 * clients' clocks it brought, and the delay of each is arrival - planned time (CLOCK_MONOTONIC, one clock
 * for every process). Delays go into a histogram of 0.1 ms buckets, merged by the driver.
 *
 * Only the first `watchers` editors are full providers that apply every update and measure. The others
 * are typists: the same join, ticket and Yjs connection, the same keystrokes as Yjs updates from a Y.Doc of
 * their own, sent as y-websocket's sync messages (y-protocols), but they do not apply what the server
 * sends them. The server's work is the same either way (it applies each update once and sends it to
 * every other editor); the generator's is not: 50 full editors on this 2-core machine apply 12,250
 * updates a second between them and sent their keystrokes up to 0.8 s late, on the floor too.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { ticketedWebSocket } from '../packages/protocol/src/yjs-ticket-socket.ts';
import { call, connect, secret, type Client } from './client.ts';
import { nowMs } from './ipc.ts';

export const CLIENT_BASE = 1_000_000;
/** Histogram buckets of 0.1 ms up to 10 s; the last one counts everything later. */
export const BUCKETS = 100_001;
export const BUCKET_MS = 0.1;

export type ToEditors =
  | {
      type: 'connect';
      url: string;
      room: string;
      /** Vrijuit: join as a participant and ask for tickets; null on the floor. */
      participant: { joinCode: string; zoneId: string; sessionId: string; docName: string } | null;
      editors: number[];
      total: number;
      /** Editors 0 .. watchers - 1 apply every update and measure; the rest only type. */
      watchers: number;
    }
  | { type: 'type'; start: number; periodMs: number; keystrokes: number; drainMs: number };
export type FromEditors =
  | { type: 'ready' }
  | { type: 'connected'; error?: string }
  | {
      type: 'done';
      histogram: number[];
      arrivals: number;
      /** Arrivals expected: every other editor's keystrokes, for each editor of this process. */
      expected: number;
      /** Editors whose text did not reach its full length before the drain ended. */
      incomplete: number;
      /** Keystroke sent - planned: p99 and max over this process's keystrokes. */
      lagP99: number;
      lagMax: number;
    };

const send = (message: FromEditors) => process.send?.(message);
// y-websocket adds a process 'exit' listener per provider; dozens of editors are expected here.
process.setMaxListeners(0);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Editor {
  e: number;
  /** Null for a typist, which applies nothing it receives. */
  provider: WebsocketProvider | null;
  text: Y.Text;
  phone: Client | null;
}

/** y-websocket's message type for sync messages (its `messageSync`). */
const MESSAGE_SYNC = 0;

let editors: Editor[] = [];
let total = 0;
const histogram = new Uint32Array(BUCKETS);
let arrivals = 0;
/** Planned time of editor e's keystroke s: set when typing starts. */
let planned: (e: number, s: number) => number = () => NaN;

function watch(editor: Editor & { provider: WebsocketProvider }): void {
  editor.provider.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== editor.provider) return;
    const at = nowMs();
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, end] of to) {
      const e = client - CLIENT_BASE;
      if (e < 0 || e >= total || e === editor.e) continue;
      for (let s = from.get(client) ?? 0; s < end; s++) {
        const delay = at - planned(e, s);
        histogram[Math.min(BUCKETS - 1, Math.max(0, Math.floor(delay / BUCKET_MS)))]!++;
        arrivals++;
      }
    }
  });
}

async function open(message: Extract<ToEditors, { type: 'connect' }>, e: number): Promise<Editor> {
  const doc = new Y.Doc();
  doc.clientID = CLIENT_BASE + e;
  let phone: Client | null = null;
  let Polyfill: unknown = WebSocket;
  const { participant } = message;
  if (participant) {
    phone = await connect(message.url, 30_000, '', {
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
    });
    const token = secret();
    await call(phone, 'participant:join', { joinCode: participant.joinCode, token, zoneId: participant.zoneId });
    const client = phone;
    Polyfill = ticketedWebSocket(async () => {
      const { ticket } = await call(client, 'text:ticket', { docName: participant.docName });
      return ticket;
    }, WebSocket as never);
  }
  const serverUrl = `${message.url.replace(/^http/, 'ws')}/yjs`;
  if (e >= message.watchers) return typist(serverUrl, message.room, doc, Polyfill as typeof WebSocket, e, phone);
  const provider = new WebsocketProvider(serverUrl, message.room, doc, {
    WebSocketPolyfill: Polyfill as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (synced: boolean) => synced && resolve());
  });
  const editor = { e, provider, text: doc.getText('t'), phone };
  watch(editor);
  return editor;
}

/** A typist: its keystrokes go out as y-websocket update messages; what comes in is not applied. */
async function typist(
  serverUrl: string,
  room: string,
  doc: Y.Doc,
  Socket: typeof WebSocket,
  e: number,
  phone: Client | null,
): Promise<Editor> {
  const socket = new Socket(`${serverUrl}/${room}`);
  socket.binaryType = 'arraybuffer';
  await new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = () => reject(new Error(`typist ${e} could not connect`));
  });
  doc.on('update', (update: Uint8Array) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    socket.send(encoding.toUint8Array(encoder));
  });
  return { e, provider: null, text: doc.getText('t'), phone };
}

async function type(message: Extract<ToEditors, { type: 'type' }>): Promise<void> {
  const { start, periodMs, keystrokes } = message;
  planned = (e, s) => start + (e / total + s) * periodMs;
  const lags: number[] = [];
  const rand = new Map(editors.map((ed) => [ed.e, mulberry32(0x5eed + ed.e)]));
  const next = new Map(editors.map((ed) => [ed.e, 0]));
  let left = editors.length * keystrokes;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = nowMs();
      for (const ed of editors) {
        let s = next.get(ed.e)!;
        while (s < keystrokes && planned(ed.e, s) <= now) {
          lags.push(nowMs() - planned(ed.e, s));
          ed.text.insert(Math.floor(rand.get(ed.e)!() * (ed.text.length + 1)), 'x');
          s++;
          left--;
        }
        next.set(ed.e, s);
      }
      if (left === 0) resolve();
      else setTimeout(tick, 1);
    };
    const first = setTimeout(tick, Math.max(0, start - nowMs()));
    first.unref?.();
  });
  // Drain: every editor's text complete (every keystroke of every editor), or the drain time is up.
  const full = total * keystrokes;
  const deadline = nowMs() + message.drainMs;
  const watching = editors.filter((ed) => ed.provider !== null);
  while (watching.some((ed) => ed.text.length < full) && nowMs() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  lags.sort((a, b) => a - b);
  send({
    type: 'done',
    histogram: Array.from(histogram),
    arrivals,
    expected: watching.length * (total - 1) * keystrokes,
    incomplete: watching.filter((ed) => ed.text.length < full).length,
    lagP99: lags[Math.min(lags.length - 1, Math.ceil(0.99 * lags.length) - 1)] ?? NaN,
    lagMax: lags[lags.length - 1] ?? NaN,
  });
}

process.on('message', (raw: unknown) => {
  const message = raw as ToEditors;
  if (message.type === 'connect') {
    total = message.total;
    Promise.all(message.editors.map((e) => open(message, e))).then(
      (opened) => {
        editors = opened;
        send({ type: 'connected' });
      },
      (error: unknown) => send({ type: 'connected', error: String(error) }),
    );
  } else {
    void type(message);
  }
});
// The driver going away ends this process (no editor outlives the benchmark).
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
