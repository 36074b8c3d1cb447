import { expect, test, type Browser } from '@playwright/test';
import { RATE_LIMITS } from '../../packages/protocol/src/constants.ts';
import { newConsole } from './console.ts';
import { PHONE } from './phones.ts';
import { ServerProcess } from './server-process.ts';

// Behind a proxy on this machine (TRUST_PROXY): each test phone names its own address in X-Forwarded-For.
const server = new ServerProcess({ env: { TRUST_PROXY: 'loopback' } });
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

/** A phone at `address` whose page runs no script: what it shows is what the server rendered. */
async function phoneWithoutScript(browser: Browser, address: string) {
  const context = await browser.newContext({
    ...PHONE,
    baseURL: server.url,
    javaScriptEnabled: false,
    extraHTTPHeaders: { 'x-forwarded-for': address },
  });
  return context.newPage();
}

test('PH6 the server renders the join form with the session title and zones, and an unknown code its error', async ({
  browser,
}) => {
  const { code } = await newConsole(browser, server.url, 'Dorpsraad Noord');
  const phone = await phoneWithoutScript(browser, '198.51.100.1');
  const response = await phone.goto(`/j/${code}`);
  expect(response?.headers()['cache-control']).toBe('no-store');
  await expect(phone.locator('form.join')).toContainText('Dorpsraad Noord');
  for (const zone of ['Neteland', 'RIT']) await expect(phone.getByLabel(zone, { exact: true })).toBeVisible();
  await expect(phone.getByTestId('participant-name')).toBeVisible();
  // Without its script the form cannot join: the button waits for it.
  await expect(phone.getByTestId('join-submit')).toBeDisabled();

  await phone.goto('/j/ABC234');
  await expect(phone.getByRole('alert')).toHaveText(
    'We vinden geen sessie met de code ABC 234. Kijk de code nog eens na.',
  );
  await expect(phone.locator('form.join')).toHaveCount(0);
});

test('PH6 the phone starts from the rendered join form without asking again, and joins', async ({ browser }) => {
  const { code } = await newConsole(browser, server.url, 'Heidag');
  const context = await browser.newContext({ ...PHONE, baseURL: server.url });
  const phone = await context.newPage();
  const lookups: string[] = [];
  phone.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/join/')) lookups.push(request.url());
  });
  await phone.goto(`/j/${code}`);
  await phone.getByLabel('RIT', { exact: true }).check();
  await phone.getByTestId('join-submit').click();
  await expect(phone.getByTestId('round-status')).toHaveAttribute('data-state', 'waiting');
  expect(lookups).toEqual([]);
});

test('PH6 NE6 wrong codes through the join page count against the phone’s address, not the server’s', async ({
  browser,
}) => {
  const { code } = await newConsole(browser, server.url, 'Werkgroep');
  const guesser = await phoneWithoutScript(browser, '198.51.100.7');
  const wrong = code === '222222' ? '333333' : '222222';
  // Each wrong code's page says so until the address's budget is spent (a few more trickle back meanwhile,
  // one per 2 s); then the page is refused too: it says it is still looking (its script would ask again).
  const checking = guesser.locator('main').getByRole('status');
  let wrongCodes = 0;
  for (; wrongCodes < RATE_LIMITS.wrongJoinCodesBurst + 30; wrongCodes++) {
    await guesser.goto(`/j/${wrong}`);
    if ((await checking.count()) > 0) break;
    await expect(guesser.getByRole('alert'), `try ${wrongCodes}`).toContainText('We vinden geen sessie');
  }
  expect(wrongCodes).toBeGreaterThanOrEqual(RATE_LIMITS.wrongJoinCodesBurst);
  await expect(checking).toHaveText('We zoeken de sessie…');
  await expect(guesser.getByRole('alert')).toHaveCount(0);
  // Another phone, through the same server, is not affected.
  const other = await phoneWithoutScript(browser, '198.51.100.8');
  await other.goto(`/j/${code}`);
  await expect(other.locator('form.join')).toContainText('Werkgroep');
});
