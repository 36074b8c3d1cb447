/**
 * The floor for pain points (P3): a bare socket.io 4.8 server (bench/bare-io.ts, Vrijuit's engine
 * options) that answers the commands the pain-point driver sends with fixed acks (no validation, no
 * store, no projection, no batching) and relays every submitted entry at once, with fan-out to two
 * sockets: a `facilitator:view` to the console and a `projector:view` to the projector, each carrying
 * only the new entry (and the count so far), then acks. Phones get the round opening, nothing else.
 * Started by bench/pain-points.ts; by hand: `pnpm exec tsx bench/pain-floor-server.ts`.
 */
import { ackOf, listenBare, type BareSocket } from './bare-io.ts';
import { serveBenchChild } from './ipc.ts';

const SESSION_ID = 'floor-session';
const ROUND_ID = 'floor-round-1';
const ZONES = [{ id: 'z1', name: 'Zaal', municipalities: [] }];

const textOf = (request: unknown): string =>
  typeof request === 'object' && request !== null && 'text' in request ? String(request.text) : '';

await serveBenchChild('pain-floor', async () => {
  const { io, port, close } = await listenBare();
  let relayed = 0;

  io.on('connection', (socket: BareSocket) => {
    const answer =
      (value: unknown, room?: string) =>
      (...args: unknown[]) => {
        if (room) void socket.join(room);
        ackOf(args)({ ok: true, value });
      };
    socket.on('session:create', answer({ sessionId: SESSION_ID, joinCode: 'FL00R2' }));
    socket.on('session:lookup', answer({ sessionId: SESSION_ID, title: 'Floor', zones: ZONES }));
    socket.on('facilitator:attach', answer({ rounds: [] }, 'f'));
    socket.on('projector:attach', answer({ round: null }, 'v'));
    socket.on('participant:join', answer({}, 'p'));
    socket.on('round:create', answer({ roundId: ROUND_ID }));
    socket.on('round:open', (...args: unknown[]) => {
      io.to('p').emit('participant:view', { round: { id: ROUND_ID, status: 'open' } });
      ackOf(args)({ ok: true, value: {} });
    });
    socket.on('painpoint:submit', (request: unknown, ...rest: unknown[]) => {
      const count = ++relayed;
      const point = { id: `pt${count}`, text: textOf(request), themeId: null, hidden: null, support: 0, merged: [] };
      const wall = { points: [point] };
      io.to('f').emit('facilitator:view', {
        rounds: [{ id: ROUND_ID, respondents: count, wall, moderation: { waiting: 0, queue: [] } }],
      });
      io.to('v').emit('projector:view', { round: { id: ROUND_ID, respondents: count, wall } });
      ackOf(rest)({ ok: true, value: { pointId: point.id } });
    });
  });

  return { port, dataDir: null, close };
});
