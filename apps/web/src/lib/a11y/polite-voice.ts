/**
 * What a polite live region says, paced so it does not chatter (A11Y7): a running count (votes counted)
 * is said at most once every `gapMs`, the latest value when the pause ends; a moment that matters (a
 * round closing) is said at once and replaces a count still waiting.
 */
export interface PoliteVoice {
  /** A running value: said now if the region was quiet for `gapMs`, else once the pause ends (only the latest). */
  update(text: string): void;
  /** Said at once; a waiting update is dropped. */
  now(text: string): void;
  /** Drops a waiting update (the component goes away). */
  stop(): void;
}

/** How long a running count waits after the last thing said: a screen reader has finished a sentence by then. */
export const COUNT_PAUSE_MS = 10_000;

export function politeVoice(
  say: (text: string) => void,
  gapMs = COUNT_PAUSE_MS,
  clock = () => Date.now(),
): PoliteVoice {
  let lastAt = -Infinity;
  let waiting: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const speak = (text: string) => {
    lastAt = clock();
    say(text);
  };
  const stop = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    waiting = null;
  };
  return {
    update(text) {
      const quietFor = clock() - lastAt;
      if (quietFor >= gapMs && timer === null) return speak(text);
      waiting = text;
      timer ??= setTimeout(() => {
        timer = null;
        const latest = waiting;
        waiting = null;
        if (latest !== null) speak(latest);
      }, gapMs - quietFor);
    },
    now(text) {
      stop();
      speak(text);
    },
    stop,
  };
}
