import type { Attachment } from 'svelte/attachments';

/**
 * A box that scrolls sideways is a tab stop while (and only while) its content is wider than it, so the
 * keyboard can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable). Give the box a role and a
 * name, e.g. role="region" with aria-labelledby, so what is focused is announced.
 */
export const tabStopWhileScrolling: Attachment<HTMLElement> = (box) => {
  const update = () => {
    if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
    else box.removeAttribute('tabindex');
  };
  const observer = new ResizeObserver(update);
  observer.observe(box);
  for (const child of box.children) observer.observe(child);
  update();
  return () => observer.disconnect();
};
