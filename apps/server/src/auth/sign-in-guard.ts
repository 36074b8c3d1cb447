import type { LRUCache } from 'lru-cache';
import { SIGN_IN_LIMITS } from '@vrijuit/protocol';
import { limitKey } from '../client-address.ts';
import { TokenBucket } from '../rate-limit.ts';
import { boundedLru } from '../bounded-lru.ts';

export type SignInLimits = { readonly [K in keyof typeof SIGN_IN_LIMITS]: number };

/**
 * SG1: what sign-in asks of the backoff (NE5): in this process's memory (SignInGuard, synchronous), or
 * shared by every process on one PostgreSQL (store/pg-guards.ts, awaited).
 */
export interface SignInLimiter {
  /** 0 when this attempt may be checked now; otherwise how many ms until it may. */
  waitMs(email: string, address: string): number | Promise<number>;
  failed(email: string, address: string): void | Promise<void>;
  /** The pair's failures are forgiven, and the pair is known to have signed in. */
  succeeded(email: string, address: string): void | Promise<void>;
}

interface Failures {
  count: number;
  last: number;
}

/** How many keys each table remembers at most; the least recently used is forgotten first. */
const KEYS = 50_000;

/**
 * S9, AC5: failed sign-ins slow down; nothing locks an account. Failures count per (email, address) and
 * per address (an IPv6 address by its /64): past a few free ones each failure doubles the wait, up to a
 * cap. Nothing counts per email alone, so wrong passwords sent from elsewhere never stop the owner. Over
 * every address together a bucket caps failures; while it is empty only (email, address) pairs that
 * signed in before are checked, so a spread-out attack slows down without shutting the owner out
 * where they signed in before. Memory: three LRUs (lru-cache) of at most 50,000 keys each.
 */
export class SignInGuard implements SignInLimiter {
  readonly #limits: SignInLimits;
  readonly #now: () => number;
  readonly #pairs: LRUCache<string, Failures>;
  readonly #addresses: LRUCache<string, Failures>;
  readonly #known: LRUCache<string, true>;
  readonly #global: TokenBucket;

  constructor(limits: SignInLimits = SIGN_IN_LIMITS, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
    const perf = { now };
    this.#pairs = boundedLru(KEYS, { ttl: limits.forgetAfterMs, perf });
    this.#addresses = boundedLru(KEYS, { ttl: limits.forgetAfterMs, perf });
    this.#known = boundedLru(KEYS, { ttl: 30 * 24 * 60 * 60 * 1000, perf });
    this.#global = new TokenBucket(limits.globalBurst, limits.globalPerMinute / 60, now);
  }

  /** 0 when this attempt may be checked now; otherwise how many ms until it may. */
  waitMs(email: string, address: string): number {
    const pair = pairKey(email, address);
    const wait = Math.max(
      this.#backoff(this.#pairs.get(pair), this.#limits.freePerPair),
      this.#backoff(this.#addresses.get(limitKey(address)), this.#limits.freePerAddress),
    );
    if (wait > 0 || this.#known.has(pair)) return wait;
    return this.#global.waitMs('all');
  }

  /** How many keys are remembered, per table (bounded). */
  get size(): { pairs: number; addresses: number; known: number } {
    return { pairs: this.#pairs.size, addresses: this.#addresses.size, known: this.#known.size };
  }

  failed(email: string, address: string): void {
    this.#count(this.#pairs, pairKey(email, address));
    this.#count(this.#addresses, limitKey(address));
    this.#global.take('all');
  }

  /** The pair's failures are forgiven (not the address's: one account of one's own must not reset them). */
  succeeded(email: string, address: string): void {
    const pair = pairKey(email, address);
    this.#pairs.delete(pair);
    this.#known.set(pair, true);
  }

  #backoff(failures: Failures | undefined, free: number): number {
    if (!failures || failures.count <= free) return 0;
    const delay = Math.min(this.#limits.backoffMaxMs, this.#limits.backoffBaseMs * 2 ** (failures.count - free - 1));
    return Math.max(0, failures.last + delay - this.#now());
  }

  #count(table: LRUCache<string, Failures>, key: string): void {
    const failures = table.get(key) ?? { count: 0, last: 0 };
    table.set(key, { count: failures.count + 1, last: this.#now() });
  }
}

export const pairKey = (email: string, address: string) => `${email.toLowerCase()}\n${limitKey(address)}`;
