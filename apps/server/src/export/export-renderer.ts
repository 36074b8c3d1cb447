import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
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
 * one. From source (vitest, `pnpm dev`, the benchmarks) it runs through tsx, like the server: Node 20 does
 * not run ESM loader hooks in worker threads (`execArgv: ['--import', 'tsx']` fails with
 * ERR_UNKNOWN_FILE_EXTENSION on the entry), so the worker loads its entry through tsx's in-thread require
 * hook (`tsx/cjs/api`) instead, resolved from this file, not the working directory.
 */
function workerEntry(): { code: string; eval: true } | { file: URL; eval: false } {
  if (import.meta.url.endsWith('.js')) return { file: new URL('./export-worker.js', import.meta.url), eval: false };
  const tsxRequire = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const workerFile = fileURLToPath(new URL('./export-worker.ts', import.meta.url));
  return {
    code: `require(${JSON.stringify(tsxRequire)}).require(${JSON.stringify(workerFile)}, __filename);`,
    eval: true,
  };
}

/** SE9: how long the state's slices may hold the loop in one turn before live traffic goes first. */
const SLICE_TURN_MS = 1;

/** Longest a render may take before its worker is terminated (and started afresh for the next job). */
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Renders exports in one warm worker thread (P5: a big DOCX or PDF must not stall live votes). The
 * worker starts with the first job and stays; jobs queue and run one at a time; a worker that dies or
 * hangs fails its job and is replaced at the next one. `close()` terminates it with the server.
 */
export class ExportRenderer {
  readonly #log: Logger;
  readonly #timeoutMs: number;
  readonly #queue: Pending[] = [];
  #worker: Worker | null = null;
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
    if (worker) await worker.terminate();
  }

  #next(): void {
    if (this.#current || this.#closed) return;
    const pending = this.#queue.shift();
    if (!pending) return;
    this.#current = pending;
    this.#timer = setTimeout(() => this.#crashed(new Error('export timed out')), this.#timeoutMs);
    this.#send(pending, this.#ensureWorker());
  }

  /**
   * SE9: the job's state goes in slices, the loop given back to live traffic whenever a millisecond of
   * copying has passed, then the job itself. Stops if the job ended meanwhile (its worker failed, the
   * renderer closed): a new worker never gets the slices of a job it was not sent.
   */
  #send(pending: Pending, worker: Worker): void {
    const { id, state } = pending.job;
    const { shell, slices } = sliceState(state);
    let next = 0;
    const post = () => {
      if (this.#current !== pending || this.#worker !== worker) return;
      const until = performance.now() + SLICE_TURN_MS;
      while (next < slices.length) {
        const message: ToExportWorker = { type: 'slice', id, slice: slices[next++]! };
        worker.postMessage(message);
        if (performance.now() >= until) return void setImmediate(post);
      }
      const job: ToExportWorker = { type: 'job', ...pending.job, state: shell };
      worker.postMessage(job);
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

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const entry = workerEntry();
    const worker = entry.eval
      ? new Worker(entry.code, { eval: true, execArgv: [] })
      : new Worker(entry.file, { execArgv: [] });
    worker.on('message', (result: ExportJobResult) => {
      if (worker !== this.#worker || result.id !== this.#current?.job.id) return;
      const pending = this.#finish();
      if (!pending) return;
      if (result.ok) {
        const { bytes, contentType, fileName, modelMs, renderMs } = result;
        pending.resolve({ bytes: new Uint8Array(bytes), contentType, fileName, modelMs, renderMs });
      } else pending.reject(new Error(result.message));
      this.#next();
    });
    worker.on('error', (error) => {
      if (worker === this.#worker) this.#crashed(error);
    });
    worker.on('exit', (code) => {
      if (worker === this.#worker) this.#crashed(new Error(`export worker exited (${code})`));
    });
    // An idle worker does not keep the process alive; the server's close() terminates it anyway.
    worker.unref();
    this.#worker = worker;
    return worker;
  }

  /** The worker died or hung: its job fails, it is dropped, and the next job gets a new one. */
  #crashed(error: Error): void {
    this.#log.error('export worker failed', { error: String(error) });
    const worker = this.#worker;
    this.#worker = null;
    void worker?.terminate();
    this.#finish()?.reject(error);
    this.#next();
  }
}
