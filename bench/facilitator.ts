/**
 * The facilitator console of the vote burst, in a process of its own so that the thousands of
 * participant acks the driver handles cannot delay when a view is seen. It stamps every
 * `facilitator:view` on arrival (machine-wide monotonic clock) and forwards the tallies to the driver.
 * Started (once per benchmark) by bench/vote-burst.ts; exits when the driver goes away.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, FacilitatorView, ServerToClientEvents } from '../packages/protocol/src/index.ts';
import { nowMs, type FromFacilitator, type ToFacilitator } from './ipc.ts';

const send = process.send?.bind(process);
if (!send) throw new Error('bench/facilitator.ts is started by bench/vote-burst.ts (it needs an IPC channel)');
const post = (message: FromFacilitator) => send(message);

let socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;

const summarise = (view: Pick<FacilitatorView, 'rounds'>) =>
  view.rounds.map((r) => ({
    id: r.id,
    ballots: r.results?.respondents ?? 0,
    counts: r.results?.perPerson.values ?? {},
    ...(r.results?.words ? { words: r.results.words } : {}),
  }));

process.on('disconnect', () => {
  socket?.close();
  process.exit(0);
});

process.on('message', (raw: unknown) => {
  const message = raw as ToFacilitator;
  socket?.close();
  socket = null;
  if (message.type !== 'attach') return;
  const s: Socket<ServerToClientEvents, ClientToServerEvents> = io(message.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 30_000,
    ...(message.cookie ? { extraHeaders: { cookie: message.cookie } } : {}),
  });
  socket = s;
  s.on('facilitator:view', (view) => {
    const at = nowMs();
    post({ type: 'view', at, rounds: summarise(view) });
  });
  s.once('connect_error', (error) => post({ type: 'attached', ok: false, error: String(error) }));
  s.once('connect', () => {
    s.emit('facilitator:attach', { sessionId: message.sessionId }, (ack) => {
      post(ack.ok ? { type: 'attached', ok: true } : { type: 'attached', ok: false, error: ack.error.code });
    });
  });
});

post({ type: 'ready' });
