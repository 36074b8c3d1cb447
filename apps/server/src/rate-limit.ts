/**
 * Fixed-window counters per key (a socket, an address). Bounded: windows are forgotten when they end,
 * and the map is swept when it grows, so a flood of keys cannot grow memory without limit.
 */
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
    const w = this.#windows.get(key);
    if (!w || now - w.start >= this.#windowMs) {
      this.#windows.set(key, { start: now, count: 1 });
      return true;
    }
    w.count++;
    return w.count <= this.#limit;
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
