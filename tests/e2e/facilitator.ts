import { expect, type Browser, type Page } from '@playwright/test';

/**
 * A facilitator's console on a laptop-sized screen, for a new session made through /new with its
 * default zones; returns the console and the join code. One place, so a change to how sessions are
 * created (accounts) changes every spec that uses it.
 */
export async function newConsole(
  browser: Browser,
  baseURL: string,
  title: string,
): Promise<{ console: Page; code: string }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  const console = await context.newPage();
  await console.goto('/new');
  await console.getByTestId('session-title').fill(title);
  await console.getByTestId('session-create').click();
  await expect(console).toHaveURL(/\/console\//);
  const code = (await console.getByTestId('join-code').innerText()).replace(/[\s-]/g, '');
  return { console, code };
}
