import { randomUUID } from 'node:crypto';
import pg from 'pg';

const CHANNEL = 'vrijuit_revoked';

/**
 * SG5 (issue 18): "a sign-in ended or a share was withdrawn", told to every process on one PostgreSQL
 * (LISTEN/NOTIFY), so consoles, screens and editors on another process are re-checked at once (AC3), not
 * only at their next message. The notice names nothing (the sender's random id only, so a process skips
 * its own); each process re-checks its own connections against the store. One connection per process
 * listens, opened by the first subscriber (a server; a store opened by the CLI or a test opens none); if
 * it drops, it connects again after a second (a notice missed meanwhile still ends the connection at its
 * next message, which is checked against the store).
 */
export class PgRevocations {
  readonly #url: string;
  readonly #pool: pg.Pool;
  readonly #id = randomUUID();
  readonly #listeners = new Set<() => void>();
  #client: pg.Client | null = null;
  #listening: Promise<void> | null = null;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;

  constructor(url: string, pool: pg.Pool) {
    this.#url = url;
    this.#pool = pool;
  }

  /** Resolves once this process listens (after the first subscriber); rejects if that first try failed. */
  listening(): Promise<void> {
    return this.#listening ?? Promise.resolve();
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url });
    const again = () => {
      if (this.#closed || this.#client !== client) return;
      this.#client = null;
      client.end().catch(() => {});
      this.#retry = setTimeout(() => void this.#listen().catch(() => {}), 1000);
      this.#retry.unref();
    };
    client.on('error', again);
    client.on('end', again);
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || message.payload === this.#id) return;
      for (const listener of this.#listeners) listener();
    });
    this.#client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      again();
      throw error;
    }
  }

  /** Called for every notice of another process. */
  onRevoked(listener: () => void): () => void {
    this.#listeners.add(listener);
    this.#listening ??= this.#listen();
    this.#listening.catch(() => {}); // a failed first try is retried (#listen's error handler)
    return () => this.#listeners.delete(listener);
  }

  /** Tells the other processes (after the store has the change: they re-check against it). */
  async announce(): Promise<void> {
    await this.#pool.query('SELECT pg_notify($1, $2)', [CHANNEL, this.#id]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }
}
