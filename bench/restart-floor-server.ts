/**
 * The floor for the reconnect storm (bench/restart-storm.ts): a bare socket.io 4.8 server (bench/bare-io.ts,
 * Vrijuit's engine options) on a given port, answering the commands the driver sends with fixed acks and
 * keeping nothing: after a restart a phone's `participant:resume` gets a trivial state (no ballot).
 * With `--restart built` the storm runs it bundled (plain JavaScript, no tsx loader), as Vrijuit's dist/main.js.
 *
 *   pnpm exec tsx bench/restart-floor-server.ts --port 4321
 */
import { parseArgs } from 'node:util';
import { ackOf, listenBare, type BareSocket } from './bare-io.ts';
import { serveBenchChild } from './ipc.ts';

// No bench/cli.ts here: bench/restart-storm.ts bundles this file (esbuild) to start it as plain JavaScript.
const { values } = parseArgs({ options: { port: { type: 'string' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error('--port must be an integer from 1 to 65535');
  process.exit(2);
}
const SESSION_ID = 'floor-session';
const ROUND_ID = 'floor-round-1';
const OPTIONS = ['o1', 'o2', 'o3', 'o4'];

await serveBenchChild('floor', async () => {
  const bare = await listenBare(port);
  const view = {
    session: { sessionId: SESSION_ID, zones: [{ id: 'z1', name: 'Zaal' }] },
    rounds: [{ id: ROUND_ID, options: OPTIONS.map((id) => ({ id, label: id })), status: 'open' }],
  };
  const state = { view: { round: { id: ROUND_ID, status: 'open' } }, self: { ballot: null } };
  bare.io.on('connection', (socket: BareSocket) => {
    socket.on('session:create', (...args: unknown[]) =>
      ackOf(args)({ ok: true, value: { sessionId: SESSION_ID, joinCode: 'FL00R2' } }),
    );
    socket.on('facilitator:attach', (...args: unknown[]) => ackOf(args)({ ok: true, value: view }));
    socket.on('round:create', (...args: unknown[]) => ackOf(args)({ ok: true, value: { roundId: ROUND_ID } }));
    socket.on('round:open', (...args: unknown[]) => ackOf(args)({ ok: true, value: {} }));
    socket.on('participant:join', (...args: unknown[]) => ackOf(args)({ ok: true, value: state }));
    socket.on('participant:resume', (...args: unknown[]) => ackOf(args)({ ok: true, value: state }));
    socket.on('vote:cast', (...args: unknown[]) => ackOf(args)({ ok: true, value: { roundId: ROUND_ID } }));
  });
  return { port: bare.port, dataDir: null, close: bare.close };
});
