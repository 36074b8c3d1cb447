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

test.describe('first start', () => {
  const fresh = new ServerProcess({ setUp: false });
  test.beforeAll(async () => fresh.start());
  test.afterAll(async () => fresh.stop());

  test('the printed setup link makes the first admin, who adds a facilitator (AC6)', async ({ browser }) => {
    expect(fresh.setupToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const page = await (await browser.newContext({ baseURL: fresh.url })).newPage();
    // /login says there is no account yet.
    await page.goto('/login');
    await expect(page.getByText('Er is nog geen account.')).toBeVisible();
    await page.goto(`/setup#${fresh.setupToken}`);
    await page.getByLabel('Naam').fill('Ann');
    await page.getByLabel('E-mailadres').fill('ann@example.be');
    await page.getByLabel('Wachtwoord', { exact: true }).fill('eerste-beheerder');
    await page.getByLabel('Herhaal het wachtwoord').fill('eerste-beheerder');
    await page.getByRole('button', { name: 'Beheerder aanmaken' }).click();
    await expect(page).toHaveURL(/\/sessions$/);
    await expect(page.getByTestId('signed-in-as')).toHaveText('Aangemeld als Ann');

    // The admin adds a facilitator on /accounts.
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByLabel('Naam').fill('Bram');
    await page.getByLabel('E-mailadres').fill('bram@example.be');
    await page.getByLabel('Wachtwoord', { exact: true }).fill('bram-wachtwoord');
    await page.getByRole('button', { name: 'Account toevoegen' }).click();
    await expect(page.getByText('Account voor bram@example.be toegevoegd.')).toBeVisible();
    await expect(page.getByTestId('accounts-list')).toContainText('Bram · bram@example.be · Begeleider');

    // The link is spent.
    const again = await (await browser.newContext({ baseURL: fresh.url })).newPage();
    await again.goto(`/setup#${fresh.setupToken}`);
    await expect(again.getByText('Er is al een beheerder. Meld je aan.')).toBeVisible();
  });
});
