/**
 * Countdowns follow the server's clock: a round closes at `closesAt` (server epoch ms), and a phone
 * whose own clock is minutes off must still show the right time left. Every view carries
 * `serverTime`; the difference with the local clock at arrival is the offset to add.
 */

/** How far the server clock is ahead of the local one (negative when behind), in ms. */
export function clockOffset(serverTime: number, receivedAt: number): number {
  return serverTime - receivedAt;
}

/** Milliseconds left until `closesAt` on the server clock, never below 0; null without a timer. */
export function remainingMs(closesAt: number | null, localNow: number, offset: number): number | null {
  if (closesAt === null) return null;
  return Math.max(0, closesAt - (localNow + offset));
}

/** Whole seconds left, rounded up: "0:01" shows until the very last moment, "0:00" only at the end. */
export const remainingSeconds = (ms: number): number => Math.ceil(Math.max(0, ms) / 1000);

/** "4:05", or "1:02:03" from an hour on: tabular, the way kitchen timers read. */
export function formatCountdown(ms: number): string {
  const total = remainingSeconds(ms);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** Minutes and seconds left, for a sentence a screen reader can say ("nog 4 minuten en 5 seconden"). */
export function countdownParts(ms: number): { minutes: number; seconds: number } {
  const total = remainingSeconds(ms);
  return { minutes: Math.floor(total / 60), seconds: total % 60 };
}

/**
 * Moments worth announcing to a screen reader (a live region that spoke every second would drown
 * everything else): when one minute and when ten seconds are left.
 */
export const ANNOUNCE_AT_SECONDS = [60, 10] as const;

/** The announcement mark passed between two ticks, if any (seconds left before and now). */
export function crossedMark(before: number, now: number): number | null {
  for (const mark of ANNOUNCE_AT_SECONDS) if (before > mark && now <= mark) return mark;
  return null;
}
