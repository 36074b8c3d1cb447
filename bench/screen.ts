/**
 * A screen of the pain-point benchmark, in a process of its own: the facilitator's console
 * (`facilitator:view`) or the room's projector (`projector:view`), attached as the bench's signed-in account.
 * It stamps every view on arrival (machine-wide monotonic clock and Date.now()), finds the entry texts
 * it shows for the first time, and reports them to the driver every 20 ms at most, with the number of
 * views and characters (~bytes) received. Started twice by bench/pain-points.ts; exits with the driver.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, Wall } from '../packages/protocol/src/index.ts';
import { nowMs, type FromScreen, type ScreenView, type ToScreen } from './ipc.ts';

const send = process.send?.bind(process);
if (!send) throw new Error('bench/screen.ts is started by bench/pain-points.ts (it needs an IPC channel)');
const post = (message: FromScreen) => send(message);

let socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
let shown = new Set<string>();
let pending: ScreenView[] = [];
let flushing: ReturnType<typeof setTimeout> | null = null;
let total = 0;
let chars = 0;

const flush = () => {
  flushing = null;
  post({ type: 'views', views: pending, total, chars });
  pending = [];
};

/** Records one view; `walls` are the walls it carries (a floor's view carries only the new entry). */
function record(at: number, walls: (Wall | null | undefined)[], count: number | null, waiting: number | null) {
  const clock = Date.now();
  total++;
  const fresh: string[] = [];
  for (const wall of walls) {
    for (const point of wall?.points ?? []) {
      if (point.text === null || shown.has(point.text)) continue;
      shown.add(point.text);
      fresh.push(point.text);
    }
  }
  pending.push({ at, clock, fresh, count, waiting });
  flushing ??= setTimeout(flush, 20);
}

const sum = (values: (number | null | undefined)[]) =>
  values.some((v) => typeof v === 'number') ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null;

process.on('disconnect', () => {
  socket?.close();
  process.exit(0);
});

process.on('message', (raw: unknown) => {
  const message = raw as ToScreen;
  socket?.close();
  socket = null;
  if (flushing) clearTimeout(flushing);
  flushing = null;
  pending = [];
  shown = new Set();
  total = 0;
  chars = 0;
  if (message.type !== 'attach') return;
  const s: Socket<ServerToClientEvents, ClientToServerEvents> = io(message.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 30_000,
    ...(message.cookie ? { extraHeaders: { cookie: message.cookie } } : {}),
  });
  socket = s;
  if (message.as === 'facilitator') {
    s.on('facilitator:view', (view) => {
      const at = nowMs();
      record(
        at,
        view.rounds.map((r) => r.wall),
        sum(view.rounds.map((r) => (r.wall ? r.respondents : null))),
        sum(view.rounds.map((r) => r.moderation?.waiting)),
      );
    });
  } else {
    s.on('projector:view', (view) => {
      const at = nowMs();
      record(at, [view.round?.wall], view.round?.respondents ?? null, null);
    });
  }
  s.once('connect_error', (error) => post({ type: 'attached', ok: false, error: String(error) }));
  s.once('connect', () => {
    // Every packet's size, before socket.io decodes it (its text length: ~bytes for these ASCII views).
    s.io.engine.on('packet', (packet: { data?: unknown }) => {
      if (typeof packet.data === 'string') chars += packet.data.length;
    });
    const request = { sessionId: message.sessionId };
    const attached = (ack: { ok: true } | { ok: false; error: { code: string } }) =>
      post(ack.ok ? { type: 'attached', ok: true } : { type: 'attached', ok: false, error: ack.error.code });
    if (message.as === 'facilitator') s.emit('facilitator:attach', request, attached);
    else s.emit('projector:attach', request, attached);
  });
});

post({ type: 'ready' });
