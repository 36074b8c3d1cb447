import { expect, type Browser, type Page } from '@playwright/test';

/** A small phone: 360 px wide, touch, a high-density screen. */
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** A new phone, in a browser context of its own (its own storage), on the server at `baseURL`. */
export async function newPhone(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, baseURL });
  return context.newPage();
}

/** A phone that opened the join link and joined `zone` (its exact label); it waits for the first round. */
export async function joinedPhone(browser: Browser, baseURL: string, code: string, zone: string): Promise<Page> {
  const page = await newPhone(browser, baseURL);
  await page.goto(`/j/${code}`);
  await page
    .getByTestId('zone-option')
    .and(page.getByLabel(zone, { exact: true }))
    .check();
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('round-status')).toHaveAttribute('data-state', 'waiting');
  return page;
}
