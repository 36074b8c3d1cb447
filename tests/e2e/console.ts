import { expect, type Browser, type Page } from '@playwright/test';
import { signInContext } from './accounts.ts';

/**
 * A signed-in facilitator's console on a desk-sized screen with a new session (the prefilled Kempen zones, or a
 * built-in template's design), and its join code. One place for how a session is made, so a change of sign-in changes only this.
 */
export async function newConsole(
  browser: Browser,
  baseURL: string,
  title: string,
  options: {
    template?: string;
    viewport?: { width: number; height: number };
    plainLanguage?: boolean;
    /** The pain points' release tick (AN21: 10 s at the floor). */
    releaseEverySeconds?: number;
  } = {},
): Promise<{ page: Page; code: string }> {
  const desk = await browser.newContext({ baseURL, viewport: options.viewport ?? { width: 1280, height: 900 } });
  await signInContext(desk);
  const page = await desk.newPage();
  await page.goto('/new');
  // The page is live (its script ran, so the create button is enabled): a template checked before that
  // would stay checked in the server's markup without filling the form (a flake at load 11, session 17).
  await expect(page.getByTestId('session-create')).toBeEnabled();
  // A template fills in the whole form, its agenda included (DE9); the title is set after it.
  if (options.template) await page.getByTestId(`template-${options.template}`).check();
  await page.getByTestId('session-title').fill(title);
  if (options.plainLanguage) await page.getByTestId('session-plain-language').check();
  if (options.releaseEverySeconds)
    await page.getByTestId('session-release-every').fill(String(options.releaseEverySeconds));
  await page.getByTestId('session-create').click();
  await expect(page).toHaveURL(/\/console\//);
  // A session in preparation opens in design mode (CK2), where rounds are made.
  await expect(page.getByTestId('mode-design')).toHaveAttribute('aria-pressed', 'true');
  const code = (await page.getByTestId('join-code').innerText()).replace(/[\s-]/g, '');
  return { page, code };
}

/** Adds a draft round with the form's default options; it appears at the end of the agenda. */
export async function addRound(page: Page, question: string, kind?: string): Promise<void> {
  const before = await page.getByTestId('round-item').count();
  if (kind) await page.getByTestId(`round-kind-${kind}`).check();
  await page.getByTestId('round-question').fill(question);
  await page.getByTestId('round-create').click();
  await expect(page.getByTestId('round-item')).toHaveCount(before + 1);
}

/** Switches the console to the cockpit, the live mode that fits one laptop screen (CK1, CK2). */
export async function openCockpit(page: Page): Promise<void> {
  await page.getByTestId('mode-live').click();
  await expect(page.getByTestId('cockpit')).toBeVisible();
}

/** The projector's page as the console's link opens it (a new tab of the same signed-in desk), at a beamer's size. */
export async function openProjector(console: Page, viewport = { width: 1280, height: 720 }): Promise<Page> {
  const [projector] = await Promise.all([
    console.context().waitForEvent('page'),
    console.getByTestId('projector-link').click(),
  ]);
  await projector.setViewportSize(viewport);
  return projector;
}
