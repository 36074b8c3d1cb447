import type { Logger } from '../log.ts';

/** The subset of a `redis` client the addresses use. */
export interface AddressRedis {
  set(key: string, value: string, options: { expiration: { type: 'PX'; value: number } }): Promise<unknown>;
  get(key: string): Promise<string | null>;
}

const keyOf = (processId: string) => `vrijuit:process-address:${processId}`;

/**
 * CL6: where each process can be reached by the others (`http://host:port`, on the network they share),
 * kept in Redis under its process id with an expiry, renewed while it runs: a process that owns a session
 * can be reached by the one a text's connection arrived at. Nothing else is kept there.
 */
export class ProcessAddresses {
  readonly #redis: AddressRedis;
  readonly #ttlMs: number;
  readonly #log: Logger;
  #timer: NodeJS.Timeout | null = null;

  constructor(redis: AddressRedis, ttlMs: number, log: Logger) {
    this.#redis = redis;
    this.#ttlMs = ttlMs;
    this.#log = log;
  }

  /** Tells the others where this process is, now and every third of the expiry, until `stop`. */
  async announce(processId: string, address: string): Promise<void> {
    const write = () => this.#redis.set(keyOf(processId), address, { expiration: { type: 'PX', value: this.#ttlMs } });
    await write();
    this.#timer = setInterval(
      () => {
        write().catch((error: unknown) => this.#log.error('announcing this process failed', { error: String(error) }));
      },
      Math.floor(this.#ttlMs / 3),
    );
    this.#timer.unref();
  }

  /** Where `processId` can be reached, or null when it has not said (or stopped saying) so. */
  async of(processId: string): Promise<URL | null> {
    const address = await this.#redis.get(keyOf(processId));
    return address ? new URL(address) : null;
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
