import { randomUUID } from 'node:crypto';
import pg from 'pg';

const CHANNEL = 'vrijuit_revoked';

/**
 * SG5 (issue 18): "a sign-in ended or a share was withdrawn", told to every process on one PostgreSQL
 * (LISTEN/NOTIFY), so consoles, screens and editors on another process are re-checked at once (AC3), not
 * only at their next message. The notice names nothing (the sender's random id only, so a process skips
 * its own); each process re-checks its own connections against the store. One connection per process
 * listens; if it drops, it connects again after a second (a notice missed meanwhile still ends the
 * connection at its next message, which is checked against the store).
 */
export class PgRevocations {
  readonly #url: string;
  readonly #pool: pg.Pool;
  readonly #id = randomUUID();
  readonly #listeners = new Set<() => void>();
  #client: pg.Client | null = null;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;

  private constructor(url: string, pool: pg.Pool) {
    this.#url = url;
    this.#pool = pool;
  }

  /** Listens from now on; resolves once the first connection listens. */
  static async open(url: string, pool: pg.Pool): Promise<PgRevocations> {
    const revocations = new PgRevocations(url, pool);
    try {
      await revocations.#listen();
    } catch (error) {
      await revocations.close();
      throw error;
    }
    return revocations;
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url });
    const again = () => {
      if (this.#closed || this.#client !== client) return;
      this.#client = null;
      client.end().catch(() => {});
      this.#retry = setTimeout(() => void this.#listen().catch(again), 1000);
      this.#retry.unref();
    };
    client.on('error', again);
    client.on('end', again);
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || message.payload === this.#id) return;
      for (const listener of this.#listeners) listener();
    });
    this.#client = client;
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
  }

  /** Called for every notice of another process. */
  onRevoked(listener: () => void): () => void {
    this.#listeners.add(listener);
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
