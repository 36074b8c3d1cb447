/**
 * Fixed-window counters per key (a socket, an address). Bounded: windows are forgotten when they end,
 * and the map is swept when it grows, so a flood of keys cannot grow memory without limit.
 */
/** A fixed window: `count` attempts since `start`. */
export interface Window {
  start: number;
  count: number;
}

/**
 * True when one more attempt fits in `window` (`limit` per `windowMs`), and counts it. For a window kept
 * by its owner (a socket's commands), where a limiter's map per owner would cost memory per connection.
 */
export function takeFromWindow(window: Window, limit: number, windowMs: number, now: number): boolean {
  if (now - window.start >= windowMs) {
    window.start = now;
    window.count = 0;
  }
  window.count++;
  return window.count <= limit;
}

export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** True when `key` may act now (and counts the attempt). */
  take(key: string): boolean {
    const now = this.#now();
    if (this.#windows.size > 10_000) this.#sweep(now);
    let w = this.#windows.get(key);
    if (!w) this.#windows.set(key, (w = { start: now, count: 0 }));
    return takeFromWindow(w, this.#limit, this.#windowMs, now);
  }

  /** True when `key` has used up its window without counting a new attempt. */
  exhausted(key: string): boolean {
    const w = this.#windows.get(key);
    return !!w && this.#now() - w.start < this.#windowMs && w.count >= this.#limit;
  }

  #sweep(now: number): void {
    for (const [key, w] of this.#windows) if (now - w.start >= this.#windowMs) this.#windows.delete(key);
  }
}

/**
 * Token buckets per key (an address, a participant): up to `capacity` at once, refilled at `perSecond`.
 * Unlike a fixed window, a bucket never lets twice the burst through across a window's edge. Bounded
 * as RateLimiter: a bucket that has refilled is the same as none and is dropped by the sweep.
 */
export class TokenBucket {
  readonly #capacity: number;
  readonly #perMs: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  #swept = 0;

  constructor(capacity: number, perSecond: number, now: () => number = Date.now) {
    this.#capacity = capacity;
    this.#perMs = perSecond / 1000;
    this.#now = now;
  }

  /** Whether `key` has a token now, without taking it. */
  available(key: string): boolean {
    return this.#tokens(key, this.#now()) >= 1;
  }

  /** 0 when `key` has a token now; otherwise how many ms until it has one. */
  waitMs(key: string): number {
    const tokens = this.#tokens(key, this.#now());
    return tokens >= 1 ? 0 : this.#perMs > 0 ? Math.ceil((1 - tokens) / this.#perMs) : Infinity;
  }

  /** True when `key` may act now (and takes a token). */
  take(key: string): boolean {
    const now = this.#now();
    // At most one sweep per refill time, so a flood of keys costs no sweep per call.
    if (this.#buckets.size > 10_000 && now - this.#swept >= this.#refillMs) this.#sweep(now);
    const tokens = this.#tokens(key, now);
    if (tokens < 1) return false;
    this.#buckets.set(key, { tokens: tokens - 1, at: now });
    return true;
  }

  get #refillMs(): number {
    return this.#perMs > 0 ? this.#capacity / this.#perMs : Infinity;
  }

  #tokens(key: string, now: number): number {
    const b = this.#buckets.get(key);
    return b ? Math.min(this.#capacity, b.tokens + (now - b.at) * this.#perMs) : this.#capacity;
  }

  #sweep(now: number): void {
    this.#swept = now;
    for (const key of [...this.#buckets.keys()]) {
      if (this.#tokens(key, now) >= this.#capacity) this.#buckets.delete(key);
    }
  }
}
