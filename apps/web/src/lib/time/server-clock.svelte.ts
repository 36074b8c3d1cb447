import { clockOffset, remainingMs } from './countdown.ts';

/**
 * A ticking "now" on the server's clock for countdowns. One per page: it ticks only while some
 * countdown is shown (start/stop counted), four times a second so a second never lags visibly.
 */
export class ServerClock {
  /** Local time of the last tick (Date.now()). */
  now = $state(Date.now());
  /** Server clock minus local clock, from the last view that carried `serverTime`. */
  offset = $state(0);
  #users = 0;
  #timer: ReturnType<typeof setInterval> | null = null;

  /** Call with each view's `serverTime` as it arrives. */
  sync(serverTime: number): void {
    this.offset = clockOffset(serverTime, Date.now());
    this.now = Date.now();
  }

  /** Takes an offset measured elsewhere (the phone's session keeps only the number). */
  follow(offset: number): void {
    this.offset = offset;
  }

  remaining(closesAt: number | null): number | null {
    return remainingMs(closesAt, this.now, this.offset);
  }

  /** Starts ticking for one more countdown; returns its stop function (for an $effect cleanup). */
  use(): () => void {
    this.#users += 1;
    this.#timer ??= setInterval(() => (this.now = Date.now()), 250);
    return () => {
      this.#users -= 1;
      if (this.#users <= 0 && this.#timer) {
        clearInterval(this.#timer);
        this.#timer = null;
        this.#users = 0;
      }
    };
  }
}
