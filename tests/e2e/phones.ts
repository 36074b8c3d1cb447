import { expect, type Browser, type Page } from '@playwright/test';
import { VIEWPORTS } from './fit.ts';

/** A small phone: 360 px wide, touch, a high-density screen. */
export const PHONE = { viewport: VIEWPORTS.phone360, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** The smallest phone we support (PH1): 320 px wide. */
export const SMALLEST_PHONE = { ...PHONE, viewport: VIEWPORTS.phone320 };

/** A new phone, in a browser context of its own (its own storage), on the server at `baseURL`. */
export async function newPhone(browser: Browser, baseURL: string, device = PHONE): Promise<Page> {
  const context = await browser.newContext({ ...device, baseURL });
  return context.newPage();
}

/** A phone that opened the join link and joined `zone` (its exact label); it waits for the first round. */
export async function joinedPhone(
  browser: Browser,
  baseURL: string,
  code: string,
  zone: string,
  device = PHONE,
): Promise<Page> {
  const page = await newPhone(browser, baseURL, device);
  await joinWith(page, code, zone);
  return page;
}

/** Opens the join link on `page` and joins `zone` (its exact label); it waits for the first round. */
export async function joinWith(page: Page, code: string, zone: string): Promise<void> {
  await page.goto(`/j/${code}`);
  await page
    .getByTestId('zone-option')
    .and(page.getByLabel(zone, { exact: true }))
    .check();
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('round-status')).toHaveAttribute('data-state', 'waiting');
}

/**
 * Opens the join link on `page`, lets `check` look at the join page, joins `zone` and lets it look at
 * the waiting screen (a test that checks every screen of a phone).
 */
export async function joinChecked(
  page: Page,
  code: string,
  zone: string,
  check: (step: 'join' | 'waiting') => Promise<void>,
): Promise<void> {
  await page.goto(`/j/${code}`);
  await expect(page.getByTestId('zone-option').first()).toBeVisible();
  await check('join');
  await joinWith(page, code, zone);
  await check('waiting');
}

/**
 * Answers every statement of a scale or agreement check with level `level`: all at once (a scale, or a
 * single statement), or one statement at a time with "Volgende" (an agreement check, PH2).
 */
export async function answerStatements(page: Page, level: number): Promise<void> {
  const groups = page.getByTestId('level-group');
  await expect(groups.first()).toBeVisible();
  for (;;) {
    for (const group of await groups.all()) await group.getByTestId('level-option').nth(level).check();
    const next = page.getByTestId('statement-next');
    if ((await next.count()) === 0) return;
    const progress = page.getByTestId('statement-progress');
    const before = await progress.innerText();
    await next.click();
    await expect(progress).not.toHaveText(before);
  }
}
