import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker copies the WAL into the database file. */
export const CHECKPOINT_EVERY_MS = 1000;

/**
 * The server's own connection checkpoints only when the WAL passes this many pages (~40 MB): a safety
 * net should the worker fall behind or be gone. SQLite's default is 1,000 pages.
 */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * The worker, plain CommonJS evaluated in its thread (so it runs the same under tsx and from the built
 * bundle): its own connection to the file, a PASSIVE checkpoint every `everyMs`, closed on any message.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error));
  }
}, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * P4: checkpoints of a WAL-mode database in a worker thread of its own. A checkpoint copies the WAL's
 * pages into the database file and fsyncs it (synchronous = NORMAL), 20-35 ms on this machine's disk;
 * run by the writing connection (SQLite's automatic checkpoint, in the COMMIT that passes 1,000 pages)
 * it held the event loop that long every ~800 Yjs updates, and every editor's keystroke with it. In the
 * worker it holds nothing: WAL readers and the writer go on while a PASSIVE checkpoint runs. Durability
 * is unchanged (a commit is durable when it is in the WAL; the checkpoint only moves it). The worker is
 * unref'd: it never keeps a process alive. A checkpoint the store needs done at once (the scrubs,
 * sqlite-delete.ts) it runs itself with TRUNCATE, and retries while the worker's is under way.
 */
export class WalCheckpointer {
  readonly #worker: Worker;
  #stopped: Promise<void> | null = null;

  constructor(file: string, everyMs: number = CHECKPOINT_EVERY_MS, onError: (error: string) => void = () => {}) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(WORKER, { eval: true, execArgv: [], workerData: { driver, file, everyMs } });
    this.#worker.on('message', (error: string) => onError(error));
    this.#worker.on('error', (error) => onError(String(error)));
    this.#worker.unref();
  }

  /** Closes the worker's connection and ends the thread. */
  stop(): Promise<void> {
    this.#stopped ??= new Promise<void>((resolve) => {
      // Held again until it has ended: an unref'd worker's exit would not keep an awaiting process alive
      // (node ends it with "unsettled top-level await", exit code 13: the admin CLI did).
      this.#worker.ref();
      this.#worker.once('exit', () => resolve());
      this.#worker.postMessage('stop');
    });
    return this.#stopped;
  }
}
