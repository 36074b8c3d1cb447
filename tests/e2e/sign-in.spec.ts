import { expect, test } from '@playwright/test';
import { ServerProcess, SETUP_ACCOUNT } from './server-process.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

test('facilitator pages send you to /login and signing in brings you back (AC2, AC4)', async ({ browser }) => {
  // A first visit: the home page keeps the join form first, with a discreet way in for facilitators.
  const desk = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  const page = await desk.newPage();
  await page.goto('/');
  await expect(page.locator('#join-code')).toBeVisible();
  await page.getByRole('link', { name: 'Begeleider? Aanmelden' }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Fsessions$/);

  // A wrong password is said in Dutch; the right one lands on the (empty) sessions list.
  await page.getByLabel('E-mailadres').fill(SETUP_ACCOUNT.email);
  await page.getByLabel('Wachtwoord').fill('niet-het-wachtwoord');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('Dit e-mailadres of wachtwoord klopt niet.');
  await page.getByLabel('Wachtwoord').fill(SETUP_ACCOUNT.password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page).toHaveURL(/\/sessions$/);
  await expect(page.getByTestId('sessions-empty')).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveText(`Aangemeld als ${SETUP_ACCOUNT.name}`);

  // A new session from the list opens its console.
  await page.getByTestId('new-session').click();
  await page.getByTestId('session-title').fill('Heidag');
  await page.getByTestId('session-create').click();
  await expect(page).toHaveURL(/\/console\/[A-Za-z0-9_-]+$/);
  const consolePath = new URL(page.url()).pathname;
  await expect(page.getByTestId('join-code')).toBeVisible();

  // Another browser, not signed in: the console sends it to /login, and signing in lands back on it.
  const laptop = await (await browser.newContext({ baseURL: server.url })).newPage();
  await laptop.goto(consolePath);
  await expect(laptop).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(consolePath)}$`));
  await laptop.getByLabel('E-mailadres').fill(SETUP_ACCOUNT.email);
  await laptop.getByLabel('Wachtwoord').fill(SETUP_ACCOUNT.password);
  await laptop.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(laptop).toHaveURL(new RegExp(`${consolePath}$`));
  await expect(laptop.getByRole('heading', { name: 'Heidag' })).toBeVisible();
  await expect(laptop.getByTestId('signed-in-as')).toBeVisible();

  // Signing out there ends that sign-in: back to /login, and the console asks for it again.
  await laptop.getByTestId('sign-out').click();
  await expect(laptop).toHaveURL(/\/login$/);
  await laptop.goto(consolePath);
  await expect(laptop).toHaveURL(/\/login\?next=/);

  // The first browser is still signed in and lists the session.
  await page.goto('/sessions');
  await expect(page.getByTestId('sessions-list')).toContainText('Heidag');
});
