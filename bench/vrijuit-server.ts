/**
 * The real Vrijuit server (socket.io, handlers, session hub, SQLite store) as a benchmark child:
 * a fresh temporary data directory, port 0 on 127.0.0.1, silent log, no web app.
 * Started by bench/vote-burst.ts; by hand: `pnpm exec tsx bench/vrijuit-server.ts`.
 */
import { benchServer } from './bench-server.ts';
import { serveBenchChild } from './ipc.ts';

await serveBenchChild('vrijuit', () => benchServer());
