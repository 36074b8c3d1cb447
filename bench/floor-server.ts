/**
 * The floor for the vote burst: a bare socket.io 4.8 server with the same engine options as Vrijuit
 * (perMessageDeflate and HTTP compression off, 64 KB max message), answering the same commands the
 * driver sends with fixed acks: no validation, no store, no projection. It keeps one vote per client in
 * a Map and pushes the counts to the "facilitator" sockets, coalesced like Vrijuit (a 25 ms timer
 * started by the first change), and relays a round opening to every phone in one room broadcast.
 * Started by bench/vote-burst.ts; by hand: `pnpm exec tsx bench/floor-server.ts`.
 */
import { ackOf, listenBare, type BareSocket } from './bare-io.ts';
import { serveBenchChild } from './ipc.ts';

/** The same delay as Vrijuit's BROADCAST_DELAY_MS (apps/server/src/realtime.ts). */
const BROADCAST_DELAY_MS = 25;
const OPTIONS = ['o1', 'o2', 'o3', 'o4'];
const ROUND_ID = 'floor-round-1';

const optionOf = (request: unknown): string => {
  const ballot = typeof request === 'object' && request !== null && 'ballot' in request ? request.ballot : null;
  return typeof ballot === 'object' && ballot !== null && 'optionId' in ballot ? String(ballot.optionId) : '';
};

await serveBenchChild('floor', async () => {
  const { io, port, close } = await listenBare();
  const votes = new Map<string, string>();
  let joined = 0;
  let roundOpen = false;

  const view = () => {
    const counts: Record<string, number> = Object.fromEntries(OPTIONS.map((o) => [o, 0]));
    for (const option of votes.values()) counts[option] = (counts[option] ?? 0) + 1;
    return {
      session: { sessionId: 'floor-session', zones: [{ id: 'z1', name: 'Zaal' }] },
      attendance: { joined },
      rounds: [
        {
          id: ROUND_ID,
          options: OPTIONS.map((id) => ({ id, label: id })),
          status: roundOpen ? 'open' : 'draft',
          results: { respondents: votes.size, perPerson: { values: counts, matrix: null } },
        },
      ],
    };
  };
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    timer ??= setTimeout(() => {
      timer = null;
      io.to('f').emit('facilitator:view', view());
    }, BROADCAST_DELAY_MS);
  };

  io.on('connection', (socket: BareSocket) => {
    socket.on('session:create', (...args: unknown[]) => {
      void socket.join('f');
      ackOf(args)({ ok: true, value: { sessionId: 'floor-session', joinCode: 'FL00R2' } });
    });
    socket.on('facilitator:attach', (...args: unknown[]) => {
      void socket.join('f');
      ackOf(args)({ ok: true, value: view() });
    });
    socket.on('round:create', (...args: unknown[]) => ackOf(args)({ ok: true, value: { roundId: ROUND_ID } }));
    socket.on('round:open', (...args: unknown[]) => {
      roundOpen = true;
      io.to('p').emit('participant:view', { round: { id: ROUND_ID, status: 'open' } });
      schedule();
      ackOf(args)({ ok: true, value: {} });
    });
    socket.on('participant:join', (...args: unknown[]) => {
      void socket.join('p');
      joined++;
      schedule();
      ackOf(args)({ ok: true, value: {} });
    });
    socket.on('vote:cast', (request: unknown, ...rest: unknown[]) => {
      votes.set(socket.id, optionOf(request));
      schedule();
      ackOf(rest)({ ok: true, value: { roundId: ROUND_ID } });
    });
  });
  return { port, dataDir: null, close };
});
