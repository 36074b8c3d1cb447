/**
 * A real PostgreSQL for a test file, started by the test itself from Debian's `postgresql` package
 * (scripts/test.mjs installs it when missing): `initdb` into a temporary folder, `postgres` on a free
 * loopback port with its socket in that folder, one database; `stop()` shuts it down and removes the
 * folder. PostgreSQL refuses to run as root: as root, both run as the `postgres` user (`runuser`), on a
 * folder that user owns. One instance per test file (a start takes about a second).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './ports.ts';

export interface TestPostgres {
  /** `postgres://…` of the test database. */
  readonly url: string;
  /** The server's data directory (`base/`, `pg_wal/`, …), for tests that read its raw files. */
  readonly dataDir: string;
  /** The postmaster's pid (its backends are its children), while it runs. */
  readonly pid: () => number | undefined;
  /** How long initdb and the start took, in ms. */
  readonly startMs: number;
  /** Creates another (empty) database on the same server; returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const DATABASE = 'vrijuit_test';
const USER = 'vrijuit';

/** The newest PostgreSQL's binaries under /usr/lib/postgresql/<version>/bin. */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql');
  return join(root, versions[0], 'bin');
}

/** As root, a command runs as the `postgres` user on a folder it owns. */
function asServerUser(dir: string): (command: string) => [string, string[]] {
  if (process.getuid?.() !== 0) return (command) => [command, []];
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
  return (command) => ['runuser', ['-u', 'postgres', '--', command]];
}

/** Resolves once the server logs that it accepts connections; rejects if it exits first. */
function ready(server: ChildProcess, log: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start:\n${log.join('')}`)), 30_000);
    server.stderr!.on('data', (chunk: Buffer) => {
      log.push(chunk.toString());
      if (log.join('').includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited (${code}):\n${log.join('')}`));
    });
  });
}

/** `maxConnections`: the server's max_connections (each PgStore pools up to 10). */
/** `fsync`: PostgreSQL flushes its WAL at each commit, as in production (benchmarks); tests run without. */
export async function startPostgres(maxConnections = 20, { fsync = false } = {}): Promise<TestPostgres> {
  const started = performance.now();
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'vrijuit-pg-'));
  const data = join(dir, 'data');
  const as = asServerUser(dir);
  let server: ChildProcess | undefined;
  /** The postmaster's own pid (under runuser, the child's pid is runuser's). */
  const postmasterPid = () => {
    const file = join(data, 'postmaster.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
  };
  const kill = (signal: NodeJS.Signals) => {
    const pid = postmasterPid();
    if (pid) {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  };
  // Should the test process end without `stop()`, the server does not outlive it.
  const onExit = () => {
    kill('SIGQUIT');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  try {
    const [initdb, initArgs] = as(join(bin, 'initdb'));
    // C locale: text sorts by bytes, as in SQLite; no fsync: a test's data need not survive a crash.
    execFileSync(
      initdb,
      [
        ...initArgs,
        '-D',
        data,
        '-U',
        USER,
        '-A',
        'trust',
        '--no-locale',
        '-E',
        'UTF8',
        '--no-sync',
        '--no-instructions',
      ],
      { stdio: 'pipe' },
    );
    const port = await freePort();
    const [postgres, args] = as(join(bin, 'postgres'));
    const log: string[] = [];
    server = spawn(
      postgres,
      [
        ...args,
        '-D',
        data,
        '-k',
        dir,
        '-p',
        String(port),
        '-h',
        '127.0.0.1',
        ...(fsync ? [] : ['-F']),
        '-c',
        `max_connections=${maxConnections}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    await ready(server, log);
    const createDatabase = async (name: string) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, database: 'postgres' });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `postgres://${USER}@127.0.0.1:${port}/${name}`;
    };
    const url = await createDatabase(DATABASE);
    const running = server;
    return {
      url,
      dataDir: data,
      pid: postmasterPid,
      startMs: Math.round(performance.now() - started),
      createDatabase,
      async stop() {
        const exited = new Promise<void>((resolve) => {
          if (running.exitCode !== null || running.signalCode !== null) resolve();
          else running.once('exit', () => resolve());
        });
        // Fast shutdown: open connections are ended, nothing is waited for.
        kill('SIGINT');
        await exited;
        process.off('exit', onExit);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    server?.kill('SIGKILL');
    onExit();
    process.off('exit', onExit);
    throw error;
  }
}
