/**
 * Synchronous queries on a test PostgreSQL, for the tests' raw looks at the store (helpers.ts's readDb and
 * dumpDb, which are synchronous as better-sqlite3 is): a worker thread (pg-sync-worker.mjs) keeps one
 * connection per database and runs each query while the test's thread waits on a shared signal
 * (Atomics.wait), then takes the answer off the port (receiveMessageOnPort). A query costs a round trip,
 * not a psql process (about 60 ms each on the 2-core machine).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

let channel: { port: MessagePort; signal: Int32Array } | undefined;

function open(): { port: MessagePort; signal: Int32Array } {
  if (!channel) {
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(new URL('./pg-sync-worker.mjs', import.meta.url), {
      workerData: { port: port2, signal },
      transferList: [port2],
    });
    // Neither keeps the test process alive.
    worker.unref();
    port1.unref();
    channel = { port: port1, signal };
  }
  return channel;
}

/** Runs `sql` with `$n` parameters on the database at `url` and returns its rows, synchronously. */
export function querySync(url: string, sql: string, params: readonly unknown[] = []): Record<string, unknown>[] {
  const { port, signal } = open();
  Atomics.store(signal, 0, 0);
  port.postMessage({ url, sql, params });
  if (Atomics.wait(signal, 0, 0, 60_000) === 'timed-out') throw new Error(`no answer in 60 s to: ${sql}`);
  const answer = receiveMessageOnPort(port)?.message as
    { rows?: Record<string, unknown>[]; error?: string } | undefined;
  if (!answer) throw new Error(`no answer to: ${sql}`);
  if (answer.error !== undefined) throw new Error(`${answer.error}\n${sql}`);
  return answer.rows!;
}
