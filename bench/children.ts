/**
 * Child processes of a benchmark: started with the tsx loader and an IPC channel, waited on with
 * bounded timeouts, and all killed when the benchmark ends, however it ends.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const live = new Set<ChildProcess>();
const dataDirs = new Set<string>();
const tsxLoader = import.meta.resolve('tsx');

export function killAllChildren(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  dataDirs.clear();
}

process.on('exit', killAllChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}

/** Kills `child` with the others when the benchmark ends (a process started without Child.start). */
export function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}

export class Child<In extends object, Out extends { type: string }> {
  readonly #process: ChildProcess;
  readonly #listeners = new Set<(message: Out) => void>();
  #exited = false;
  #dataDir: string | null = null;

  private constructor(process: ChildProcess) {
    this.#process = process;
    process.on('message', (message) => {
      for (const listener of [...this.#listeners]) listener(message as Out);
    });
    process.once('exit', () => {
      this.#exited = true;
      live.delete(process);
    });
  }

  /** The child's data directory: kept after a kill (to inspect it) until removeData() or the benchmark's end. */
  get dataDir(): string | null {
    return this.#dataDir;
  }
  set dataDir(dir: string | null) {
    this.#dataDir = dir;
    if (dir) dataDirs.add(dir);
  }

  removeData(): void {
    if (!this.#dataDir) return;
    rmSync(this.#dataDir, { recursive: true, force: true });
    dataDirs.delete(this.#dataDir);
    this.#dataDir = null;
  }

  /**
   * Forks `bench/<script>` under Node with --expose-gc, the tsx loader (unless `tsx` is false: a built
   * JavaScript file) and `nodeOptions`; `args` go to the script.
   */
  static start<In extends object, Out extends { type: string }>(
    script: string,
    nodeOptions: string[] = [],
    args: string[] = [],
    tsx = true,
  ): Child<In, Out> {
    const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, {
      execArgv: ['--expose-gc', ...(tsx ? ['--import', tsxLoader] : []), ...nodeOptions],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    live.add(child);
    return new Child<In, Out>(child);
  }

  send(message: In): void {
    if (!this.#exited) this.#process.send(message);
  }

  on(listener: (message: Out) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The next message of `type`, or a rejection after `timeoutMs` or when the child exits. */
  next<T extends Out['type']>(type: T, timeoutMs: number): Promise<Extract<Out, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => {
        done();
        reject(new Error(`child exited (${code}) while waiting for ${type}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${type} from child within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on((message) => {
        if (message.type !== type) return;
        done();
        resolve(message as Extract<Out, { type: T }>);
      });
      const done = () => {
        clearTimeout(timer);
        off();
        this.#process.off('exit', onExit);
      };
      this.#process.once('exit', onExit);
    });
  }

  /**
   * Ends the child: SIGKILL at once, or with `graceful` SIGTERM first (so that --cpu-prof can write its
   * profile) and SIGKILL if it has not exited after 15 s. Waits for the exit, at most 10 s more.
   */
  async kill(graceful = false): Promise<void> {
    if (this.#exited) return;
    const exited = (ms: number) =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        this.#process.once('exit', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    if (graceful) {
      this.#process.kill('SIGTERM');
      if (await exited(15_000)) return;
    }
    this.#process.kill('SIGKILL');
    await exited(10_000);
  }
}
