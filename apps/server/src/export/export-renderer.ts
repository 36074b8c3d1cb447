import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ExportInput, SessionState } from '@vrijuit/core';
import type { ExportFormat } from '@vrijuit/protocol';
import type { Logger } from '../log.ts';
import type { ExportJob, ExportJobResult, ToExportWorker } from './export-worker.ts';
import { sliceState } from './state-slices.ts';

/** A rendered export as the worker sends it back. */
export interface RenderedExport {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  /** From the session's title and date (packages/export/src/file-name.ts); the endpoint sends it as is. */
  readonly fileName: string;
  /** Time spent inside the worker building the model, and rendering it. */
  readonly modelMs: number;
  readonly renderMs: number;
}

interface Pending {
  readonly job: ExportJob;
  readonly resolve: (file: RenderedExport) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Built (`npm start` runs apps/server/dist/main.js, see build.mjs), the worker is the bundle beside this
 * one. From source (vitest, `pnpm dev`, the benchmarks) it runs through tsx, like the server, resolved
 * from this file, not the working directory.
 */
function workerEntry(): { file: string; execArgv: string[] } {
  if (import.meta.url.endsWith('.js'))
    return { file: fileURLToPath(new URL('./export-worker.js', import.meta.url)), execArgv: [] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { file: fileURLToPath(new URL('./export-worker.ts', import.meta.url)), execArgv: ['--import', tsx] };
}

/** SE9: how long the state's slices may hold the loop in one turn before live traffic goes first. */
const SLICE_TURN_MS = 1;

/** Longest a render may take before its worker is terminated (and started afresh for the next job). */
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Renders exports in one warm worker process (P5: a big DOCX or PDF must not stall live votes, nor take
 * the CPU they need: the process runs at the lowest priority, its garbage collection too). The worker
 * starts with the first job and stays; jobs queue and run one at a time; a worker that dies or hangs fails
 * its job and is replaced at the next one. `close()` stops it with the server; it also ends by itself when
 * the server dies (its IPC channel closes).
 */
export class ExportRenderer {
  readonly #log: Logger;
  readonly #timeoutMs: number;
  readonly #queue: Pending[] = [];
  #worker: ChildProcess | null = null;
  #current: Pending | null = null;
  #timer: NodeJS.Timeout | null = null;
  #nextId = 1;
  #closed = false;

  constructor(log: Logger, options: { timeoutMs?: number } = {}) {
    this.#log = log;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Jobs waiting or running. */
  get pending(): number {
    return this.#queue.length + (this.#current ? 1 : 0);
  }

  /** The session's export in `format`: model and file made in the worker from a copy of the state. */
  render(state: SessionState, input: ExportInput, format: ExportFormat): Promise<RenderedExport> {
    if (this.#closed) return Promise.reject(new Error('export renderer closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ job: { id: this.#nextId++, state, input, format }, resolve, reject });
      this.#next();
    });
  }

  /** Stops the worker; jobs still queued or running fail. */
  async close(): Promise<void> {
    this.#closed = true;
    const failed = new Error('export renderer closed');
    for (const pending of this.#queue.splice(0)) pending.reject(failed);
    this.#finish()?.reject(failed);
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await stop(worker);
  }

  #next(): void {
    if (this.#current || this.#closed) return;
    const pending = this.#queue.shift();
    if (!pending) return;
    this.#current = pending;
    this.#timer = setTimeout(() => this.#crashed(new Error('export timed out')), this.#timeoutMs);
    const worker = this.#ensureWorker();
    // Working: the process waits for the answer as it would for a worker thread.
    worker.ref();
    worker.channel?.ref();
    this.#send(pending, worker);
  }

  /**
   * SE9: the job's state goes in slices, the loop given back to live traffic whenever a millisecond of
   * copying has passed, then the job itself. Stops if the job ended meanwhile (its worker failed, the
   * renderer closed): a new worker never gets the slices of a job it was not sent.
   */
  #send(pending: Pending, worker: ChildProcess): void {
    const { id, state } = pending.job;
    const { shell, slices } = sliceState(state);
    let next = 0;
    const post = () => {
      if (this.#current !== pending || this.#worker !== worker) return;
      const until = performance.now() + SLICE_TURN_MS;
      while (next < slices.length) {
        const message: ToExportWorker = { type: 'slice', id, slice: slices[next++]! };
        worker.send(message);
        if (performance.now() >= until) return void setImmediate(post);
      }
      const job: ToExportWorker = { type: 'job', ...pending.job, state: shell };
      worker.send(job);
    };
    post();
  }

  /** Ends the current job's bookkeeping and returns it. */
  #finish(): Pending | null {
    const pending = this.#current;
    this.#current = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    return pending;
  }

  #ensureWorker(): ChildProcess {
    if (this.#worker) return this.#worker;
    const entry = workerEntry();
    const worker = fork(entry.file, [], {
      execArgv: entry.execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    worker.on('message', (result: ExportJobResult) => {
      if (worker !== this.#worker || result.id !== this.#current?.job.id) return;
      const pending = this.#finish();
      if (!pending) return;
      if (result.ok) {
        const { bytes, contentType, fileName, modelMs, renderMs } = result;
        pending.resolve({ bytes, contentType, fileName, modelMs, renderMs });
      } else pending.reject(new Error(result.message));
      this.#idle(worker);
      this.#next();
    });
    // A failed spawn, or a message it could not be sent (its channel closed: it is dying).
    worker.on('error', (error) => {
      if (worker === this.#worker) this.#crashed(new Error(`export worker failed (${error.message})`));
    });
    worker.on('exit', (code, signal) => {
      if (worker === this.#worker) this.#crashed(new Error(`export worker exited (${code ?? signal})`));
    });
    this.#worker = worker;
    return worker;
  }

  /** An idle worker does not keep the server's process alive (its close() stops it anyway). */
  #idle(worker: ChildProcess): void {
    if (this.#current) return;
    worker.unref();
    worker.channel?.unref();
  }

  /** The worker died or hung: its job fails, it is dropped, and the next job gets a new one. */
  #crashed(error: Error): void {
    this.#log.error('export worker failed', { error: String(error) });
    const worker = this.#worker;
    this.#worker = null;
    worker?.kill('SIGKILL');
    this.#finish()?.reject(error);
    this.#next();
  }
}

/** Asks the worker to end (its channel closes: it exits by itself), and kills it if it has not within a second. */
function stop(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => worker.kill('SIGKILL'), 1_000);
    worker.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    if (worker.connected) worker.disconnect();
    else worker.kill();
  });
}
