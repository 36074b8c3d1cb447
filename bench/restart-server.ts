/**
 * The real Vrijuit server as a benchmark child on a given data directory and port (kept when it stops),
 * for the reconnect storm (bench/restart-storm.ts): started fresh, killed with SIGKILL, and started again
 * on the same data and port. Otherwise as bench/vrijuit-server.ts (tsx loader, silent log, no web app).
 *
 *   pnpm exec tsx bench/restart-server.ts --data DIR --port 4321
 */
import { parseArgs } from 'node:util';
import { benchServer } from './bench-server.ts';
import { int } from './cli.ts';
import { serveBenchChild } from './ipc.ts';

const { values } = parseArgs({ options: { data: { type: 'string' }, port: { type: 'string' } } });
if (!values.data) {
  console.error('--data DIR is required');
  process.exit(2);
}
const at = { dataDir: values.data, port: int('port', values.port, 1, 65535) };
await serveBenchChild('vrijuit', () => benchServer((store) => store, at));
