import { expect, type Locator, type Page } from '@playwright/test';

/** A screen's size in CSS pixels. */
export interface Size {
  width: number;
  height: number;
}

/**
 * Every screen size the end-to-end tests check (issue 15): the smallest phone we support (PH1), a
 * common phone, the facilitator's laptop (the console's cockpit) and the room's screens (the projector).
 */
export const VIEWPORTS: Readonly<Record<'phone320' | 'phone360' | 'laptop' | 'projector' | 'projectorSmall', Size>> = {
  phone320: { width: 320, height: 640 },
  phone360: { width: 360, height: 740 },
  laptop: { width: 1280, height: 800 },
  projector: { width: 1920, height: 1080 },
  projectorSmall: { width: 1280, height: 720 },
};

/** PH1: nothing is wider than the screen: the page never scrolls sideways. Names what sticks out, if anything. */
export async function expectFits(page: Page, where: string): Promise<void> {
  const { scrollWidth, clientWidth, outside } = await page.evaluate(() => {
    const root = document.scrollingElement!;
    const outside = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, outside };
  });
  expect(
    scrollWidth,
    `${where}: ${scrollWidth} px wide on a ${clientWidth} px screen (${outside.join(', ')})`,
  ).toBeLessThanOrEqual(clientWidth);
}

/** The page is no taller than the screen: nothing needs scrolling down (a cockpit, a projector). */
export async function expectNoPageScroll(page: Page, where = 'page'): Promise<void> {
  const { scrollHeight, innerHeight } = await page.evaluate(() => ({
    scrollHeight: document.scrollingElement!.scrollHeight,
    innerHeight: window.innerHeight,
  }));
  expect(scrollHeight, `${where}: ${scrollHeight} px tall on a ${innerHeight} px screen`).toBeLessThanOrEqual(
    innerHeight,
  );
}

/**
 * Every element of each locator is visible and wholly inside `viewport` (default: the page's), as the
 * page is scrolled now: nothing cut off at an edge, nothing below the fold.
 */
export async function expectInside(targets: Locator | readonly Locator[], viewport?: Size): Promise<void> {
  for (const target of Array.isArray(targets) ? targets : [targets as Locator]) {
    await expect(target.first()).toBeVisible();
    const size = viewport ?? target.page().viewportSize()!;
    for (const element of await target.all()) {
      const box = (await element.boundingBox())!;
      const where = `${String(element)} at x ${box.x}..${box.x + box.width}, y ${box.y}..${box.y + box.height}`;
      expect(box.x, `${where}: left of the ${size.width}x${size.height} screen`).toBeGreaterThanOrEqual(-0.5);
      expect(box.y, `${where}: above the screen`).toBeGreaterThanOrEqual(-0.5);
      expect(box.x + box.width, `${where}: right of the screen`).toBeLessThanOrEqual(size.width + 0.5);
      expect(box.y + box.height, `${where}: below the screen`).toBeLessThanOrEqual(size.height + 0.5);
    }
  }
}

/**
 * A finger can tap `target`: scrolled into view as a person would (the page's scroll padding keeps it
 * clear of sticky bars), it is inside the screen and the element at its centre is it or inside it, not
 * a bar or anything else over it.
 */
export async function expectTappable(target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  await target.evaluate((e) => e.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
  await expectInside(target);
  const hit = await target.evaluate((e) => {
    const box = e.getBoundingClientRect();
    const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return top === null || e.contains(top) ? null : `${top.tagName.toLowerCase()}.${[...top.classList].join('.')}`;
  });
  expect(hit, `${String(target)} is covered at its centre by ${hit}`).toBeNull();
}

/** Collects the page's uncaught errors from now on; expect it to stay empty (`toEqual([])`). */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/**
 * A11Y6: no text is cut off inside a box: no element that hides its overflow (`hidden` or `clip`, an
 * ellipsis) holds text wider or taller than itself. Boxes that scroll (`auto`, `scroll`) keep their
 * content reachable and pass; so does what is hidden on purpose (visually-hidden text, display none).
 */
export async function expectNoClippedText(page: Page, where: string): Promise<void> {
  const clipped = await page.evaluate(() => {
    const hiddenOnPurpose = (el: Element) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.clipPath !== 'none' || s.clip !== 'auto' || s.display === 'none' || s.visibility === 'hidden')
          return true;
      }
      return false;
    };
    const hides = (overflow: string) => overflow === 'hidden' || overflow === 'clip';
    const out: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (!(el instanceof HTMLElement) || !el.innerText?.trim()) continue;
      const s = getComputedStyle(el);
      const sideways = hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
      const down = hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
      if ((!sideways && !down) || hiddenOnPurpose(el)) continue;
      const name = `<${el.tagName.toLowerCase()} ${el.getAttribute('data-testid') ?? el.className}> "${el.innerText.trim().slice(0, 40)}"`;
      out.push(
        `${name} clips ${sideways ? `${el.scrollWidth - el.clientWidth}px sideways` : `${el.scrollHeight - el.clientHeight}px down`}`,
      );
    }
    return out;
  });
  expect(clipped, `${where}: text cut off:\n${clipped.join('\n')}`).toEqual([]);
}
