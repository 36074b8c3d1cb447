import type { Page } from '@playwright/test';

/**
 * Records, in `page`, what the element `testId` shows as it changes: its text (a live region's sentences)
 * or, with `attribute`, that attribute's value; each change once, empty values left out. The test reads
 * the page's own record, so a state shorter than one of Playwright's polls is still seen, and an element
 * made again by the page is followed.
 */
export async function recordChanges(page: Page, testId: string, attribute?: string): Promise<() => Promise<string[]>> {
  const key = `${testId}/${attribute ?? 'text'}`;
  await page.evaluate(
    ({ key, testId, attribute }) => {
      const w = window as unknown as { recorded?: Record<string, string[]> };
      const seen: string[] = ((w.recorded ??= {})[key] = []);
      let last = '';
      const look = () => {
        const element = document.querySelector(`[data-testid="${testId}"]`);
        const value = (attribute ? element?.getAttribute(attribute) : element?.textContent?.trim()) ?? '';
        if (value !== last && value !== '') seen.push(value);
        last = value;
      };
      new MutationObserver(look).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        ...(attribute ? { attributes: true, attributeFilter: [attribute] } : {}),
      });
      look();
    },
    { key, testId, attribute },
  );
  return () => page.evaluate((k) => (window as unknown as { recorded: Record<string, string[]> }).recorded[k]!, key);
}
