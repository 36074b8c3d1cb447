import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The first admin every test server gets, through the setup link the server prints on its first start
 * (AC6); server tests sign in with the same account (apps/server/test/helpers.ts FACILITATOR).
 */
export const SETUP_ACCOUNT = { email: 'fien@test.invalid', name: 'Fien', password: 'fien-test-password' } as const;

/** Where the built server is (`npm start` runs it; apps/server/build.mjs makes it). */
export const BUILT_SERVER = join(root, 'apps/server/dist/main.js');

/** Builds the server as `npm start` would (a fresh bundle of the current sources, ~0.3 s). */
export function buildServer(): void {
  execFileSync(process.execPath, [join(root, 'apps/server/build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** How a server process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The real server (`apps/server/src/main.ts` under tsx's loader, or with `built` the JavaScript `npm start`
 * runs; the built web app when there is one) as a child process.
 */
export class ServerProcess {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'vrijuit-e2e-'));
  /** The setup link's token the server printed last (null once an account exists). */
  setupToken: string | null = null;
  /** Everything the current process wrote to stdout and stderr (log lines are JSON, one a line). */
  output = '';
  readonly #setUpFirstAdmin: boolean;
  readonly #built: boolean;
  readonly #logLevel: string;
  readonly #env: Readonly<Record<string, string>>;

  /**
   * `setUp: false` leaves the first admin to the test (the /setup page); `built` runs the built server
   * (call buildServer() first); `logLevel` is the server's LOG_LEVEL (default error); `env` adds to the
   * server's environment (e.g. TRUST_PROXY).
   */
  constructor(
    options: { setUp?: boolean; built?: boolean; logLevel?: 'error' | 'info'; env?: Record<string, string> } = {},
  ) {
    this.#setUpFirstAdmin = options.setUp ?? true;
    this.#built = options.built ?? false;
    this.#logLevel = options.logLevel ?? 'error';
    this.#env = options.env ?? {};
  }
  #child: ChildProcess | null = null;
  #exit: Promise<Exit> | null = null;
  #port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** The running process's id (to pause it with SIGSTOP, as a frozen machine would), or null. */
  get pid(): number | null {
    return this.#child?.pid ?? null;
  }

  async start(): Promise<void> {
    // One process (node itself, with tsx's loader for the source), so a signal hits the server, not a wrapper.
    const args = this.#built ? [BUILT_SERVER] : ['--import', 'tsx', join(root, 'apps/server/src/main.ts')];
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(this.#port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: this.#logLevel,
        ...this.#env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    this.output = '';
    this.#exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
      process.stderr.write(chunk);
    });
    let setupToken: string | null = null;
    this.#port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        this.output += chunk.toString();
        const match = /running at http:\/\/[^:]+:(\d+)/.exec(out);
        // The setup link (only while no account exists) is printed before the address line.
        if (match) {
          clearTimeout(timer);
          setupToken = /\/setup#([A-Za-z0-9_-]+)/.exec(out)?.[1] ?? null;
          resolve(Number(match[1]));
        }
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    });
    this.setupToken = setupToken;
    if (setupToken && this.#setUpFirstAdmin) await this.#setUp(setupToken);
  }

  /** Makes the first admin with the printed one-time link, as a person would on /setup. */
  async #setUp(token: string): Promise<void> {
    const res = await fetch(`${this.url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, ...SETUP_ACCOUNT }),
    });
    if (!res.ok) throw new Error(`setup failed: ${res.status} ${await res.text()}`);
  }

  /** Sends `signal` (SIGTERM: a supervisor's stop) and resolves with how the process ended. */
  async signal(signal: NodeJS.Signals): Promise<Exit> {
    const child = this.#child;
    const exit = this.#exit;
    if (!child || !exit) throw new Error('no server process');
    child.kill(signal);
    const result = await exit;
    this.#child = null;
    return result;
  }

  /** Kills the process without a chance to flush anything (kill -9), as a crash would. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    this.#child = null;
  }

  /** Starts again on the same port and data directory, so phones find it by themselves. */
  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
