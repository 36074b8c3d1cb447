/**
 * A real Redis for a test file, started by the test itself from Debian's `redis-server` package
 * (scripts/test.mjs installs it when missing): on a free loopback port, without persistence (`save ""`,
 * `appendonly no`: it writes no file, as docs/deploy.md runs it), its working folder a temporary one.
 * `monitor()` opens a connection that records every command any client sends (Redis's MONITOR), for the
 * Redis adversary of the anonymity audit (CL4).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { freePort } from './ports.ts';

export interface TestRedis {
  readonly url: string;
  /**
   * A dump of everything Redis holds in memory right now (an RDB snapshot streamed to `redis-cli --rdb`,
   * uncompressed: the server runs with `rdbcompression no`), written to no file of the server's.
   */
  dump(): Promise<Buffer>;
  /** Starts recording every command sent to this Redis; `lines` grows until `stop()`. */
  monitor(): Promise<{ readonly lines: string[]; stop(): Promise<void> }>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'vrijuit-redis-'));
  const port = await freePort();
  const server = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      ...['--rdbcompression', 'no'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const onExit = () => server.kill('SIGKILL');
  process.once('exit', onExit);
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${log}`)), 15_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}):\n${log}`));
    });
  });
  const url = `redis://127.0.0.1:${port}`;
  return {
    url,
    dump: async () => {
      const file = join(dir, `dump-${Date.now()}.rdb`);
      await new Promise<void>((resolve, reject) => {
        const cli = spawn('redis-cli', ['-u', url, '--rdb', file], { stdio: 'ignore' });
        cli.once('error', reject);
        cli.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`redis-cli --rdb exited ${code}`))));
      });
      const bytes = readFileSync(file);
      rmSync(file);
      return bytes;
    },
    monitor: async () => {
      const client = createClient({ url });
      client.on('error', () => undefined);
      await client.connect();
      const lines: string[] = [];
      await client.monitor((line) => lines.push(line));
      return {
        lines,
        stop: async () => {
          await client.close();
        },
      };
    },
    stop: async () => {
      process.off('exit', onExit);
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
