// The thread behind test-store.ts's synchronous queries (pg-sync.ts): one pg client per database, kept
// open, answering each query on the port and waking the waiting test thread through the shared signal.
import { workerData } from 'node:worker_threads';
import pg from 'pg';

const { port, signal } = workerData;
const clients = new Map();

async function clientFor(url) {
  let client = clients.get(url);
  if (!client) {
    client = (async () => {
      const c = new pg.Client(url);
      // A database dropped or a server stopped under it: forget the client, the next query connects again.
      c.on('error', () => clients.delete(url));
      await c.connect();
      return c;
    })();
    clients.set(url, client);
    client.catch(() => clients.delete(url));
  }
  return client;
}

port.on('message', async ({ url, sql, params }) => {
  let reply;
  try {
    const client = await clientFor(url);
    reply = { rows: (await client.query(sql, params)).rows };
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
