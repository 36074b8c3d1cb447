import { spawn, type ChildProcess } from 'node:child_process';
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

/** The real server (`apps/server/src/main.ts` with the built web app) as a child process. */
export class ServerProcess {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'vrijuit-e2e-'));
  /** The setup link's token the server printed last (null once an account exists). */
  setupToken: string | null = null;
  readonly #setUpFirstAdmin: boolean;

  /** `setUp: false` leaves the first admin to the test (the /setup page). */
  constructor(options: { setUp?: boolean } = {}) {
    this.#setUpFirstAdmin = options.setUp ?? true;
  }
  #child: ChildProcess | null = null;
  #port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  async start(): Promise<void> {
    // One process (node with tsx's loader), so a SIGKILL hits the server itself, not a wrapper.
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/server/src/main.ts')], {
      cwd: root,
      env: { ...process.env, PORT: String(this.#port), HOST: '127.0.0.1', DATA_DIR: this.dataDir, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.#child = child;
    let setupToken: string | null = null;
    this.#port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
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
