import type { LRUCache } from 'lru-cache';
import { RATE_LIMITS } from '@vrijuit/protocol';
import { limitKey } from './client-address.ts';
import { boundedLru } from './bounded-lru.ts';

export interface JoinCodeLimits {
  burst: number;
  perMinute: number;
  perJoin: number;
  max: number;
}

/**
 * SG1: what the server asks of a wrong-join-code limit (NE6). In this process's memory (JoinCodeGuard,
 * synchronous: one process on SQLite), or shared by every process on one PostgreSQL (store/pg-guards.ts,
 * awaited), so several processes behind a proxy do not multiply an address's budget.
 */
export interface JoinCodeLimiter {
  /** 0 when the address may try a code now; otherwise how many ms until it may. */
  waitMs(address: string): number | Promise<number>;
  /** A code from this address named no session. */
  wrong(address: string): void | Promise<void>;
  /** A new participant joined from this address (never rejects: a failure to widen is only logged). */
  joined(address: string): void | Promise<void>;
}

interface Budget {
  tokens: number;
  capacity: number;
  at: number;
}

/** How many addresses are remembered at most; the least recently seen is forgotten first. */
const ADDRESSES = 50_000;

/**
 * S5, S9: wrong join codes per client address (an IPv6 address by its /64), as a token bucket that grows
 * with the room: each wrong code takes a token; tokens come back at `perMinute`; each new participant
 * joined from the address adds `perJoin` tokens and raises the bucket by as much (up to `max`). A room
 * of 40 phones behind one NAT with a few typos each gets in; a script that only guesses gets the steady
 * rate. A right code cannot pass an empty bucket (it would make the bucket an oracle), but the wait is
 * at most one refill (2 s at the default rate). Memory: an LRU of at most 50,000 addresses (lru-cache),
 * each forgotten an hour after its last use (a fresh bucket is the default anyway).
 */
export class JoinCodeGuard implements JoinCodeLimiter {
  readonly #limits: JoinCodeLimits;
  readonly #now: () => number;
  readonly #budgets: LRUCache<string, Budget>;

  constructor(
    limits: JoinCodeLimits = {
      burst: RATE_LIMITS.wrongJoinCodesBurst,
      perMinute: RATE_LIMITS.wrongJoinCodesPerMinute,
      perJoin: RATE_LIMITS.wrongJoinCodesPerJoin,
      max: RATE_LIMITS.wrongJoinCodesMax,
    },
    now: () => number = Date.now,
  ) {
    this.#limits = limits;
    this.#now = now;
    this.#budgets = boundedLru(ADDRESSES, { ttl: 60 * 60 * 1000, perf: { now } });
  }

  get #perMs(): number {
    return this.#limits.perMinute / 60_000;
  }

  /** The address's budget now, refilled for the time since it was last touched. */
  #budget(address: string): Budget {
    const now = this.#now();
    const key = limitKey(address);
    const budget = this.#budgets.get(key) ?? { tokens: this.#limits.burst, capacity: this.#limits.burst, at: now };
    budget.tokens = Math.min(budget.capacity, budget.tokens + (now - budget.at) * this.#perMs);
    budget.at = now;
    this.#budgets.set(key, budget);
    return budget;
  }

  /** 0 when the address may try a code now; otherwise how many ms until it may. */
  waitMs(address: string): number {
    const { tokens } = this.#budget(address);
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.#perMs);
  }

  /** How many addresses are remembered (bounded). */
  get size(): number {
    return this.#budgets.size;
  }

  /** A code from this address named no session. */
  wrong(address: string): void {
    this.#budget(address).tokens -= 1;
  }

  /** A new participant joined from this address: its room earns room for more typos. */
  joined(address: string): void {
    const budget = this.#budget(address);
    budget.capacity = Math.min(this.#limits.max, budget.capacity + this.#limits.perJoin);
    budget.tokens = Math.min(budget.capacity, budget.tokens + this.#limits.perJoin);
  }
}
