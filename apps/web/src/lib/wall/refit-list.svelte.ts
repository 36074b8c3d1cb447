import type { Attachment } from 'svelte/attachments';

/**
 * When to fit a list on the room's screen again (QA8; the fitting itself is fitList): whenever what
 * `watch` reads changes, once the fonts are in, and when the element it is attached to changes size.
 * `fit` runs in an animation frame of its own, because it lays the list out (flushSync) and that cannot
 * happen inside an effect; a burst of reasons gives one fit. `stale` is told at once that a fit is due.
 *
 *   <div {@attach refitList(() => items, fit)}>
 */
export function refitList(watch: () => unknown, fit: () => void, stale?: () => void): Attachment<HTMLElement> {
  return (box) => {
    let frame = 0;
    const refit = () => {
      stale?.();
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fit);
    };
    // Nested, so only this part runs again when the list changes; the observer stays.
    $effect(() => {
      watch();
      refit();
      void document.fonts?.ready.then(refit);
    });
    const observer = new ResizeObserver(refit);
    observer.observe(box);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  };
}
