import { flushSync } from 'svelte';
import { fitCount, fitScale } from './fit-scale.ts';

/**
 * Fits a list on the room's screen into `el` (the pain-point wall, the questions, QA8): the largest type
 * scale between `min` and `max` (set as `--scale` on `el`) at which nothing overflows; if even `min`
 * overflows, the most items (1 to `most`) that fit at `min`, laid out through `cap` (null: all of them).
 * Lays the list out a few times, synchronously: call it in a frame of its own, never inside an effect.
 */
export function fitList(
  el: HTMLElement,
  o: { min: number; max: number; most: number; cap: (count: number | null) => void },
): { scale: number; cap: number | null } {
  const overflows = () => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
  // Laid out at once (flushSync) to be measured; called after the change rather than around it, which is
  // the same in the browser and lets a test give it measurements of its own (fit-list.test.ts).
  const setCap = (count: number | null) => {
    o.cap(count);
    flushSync();
  };
  setCap(null);
  const best = fitScale(
    (s) => {
      el.style.setProperty('--scale', String(s));
      return !overflows();
    },
    o.min,
    o.max,
  );
  el.style.setProperty('--scale', String(best.scale));
  if (best.fits) return { scale: best.scale, cap: null };
  const count = fitCount((n) => {
    setCap(n);
    return !overflows();
  }, o.most);
  setCap(count);
  return { scale: best.scale, cap: count };
}
