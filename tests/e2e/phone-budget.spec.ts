import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { newConsole } from './console.ts';
import { joinWith, PHONE } from './phones.ts';
import { ServerProcess } from './server-process.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

/** P6: what a phone may load before the first round, gzip level 9 per file as bench/phone-js.ts counts it. */
const BUDGET = 50 * 1024;

/** The gzipped size of every script the page loads, by file. */
function scriptsOf(page: Page) {
  const sizes: Promise<[string, number]>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    const file = new URL(response.url()).pathname.split('/').pop() ?? '';
    sizes.push(response.body().then((body) => [file, gzipSync(body, { level: 9 }).length]));
  });
  return async () => {
    const files = await Promise.all(sizes);
    return { files, total: files.reduce((sum, [, gz]) => sum + gz, 0) };
  };
}

test('PH9 the join page and a joined phone waiting for the first round load at most 50 KB gz of JavaScript', async ({
  browser,
}) => {
  const { code } = await newConsole(browser, server.url, 'Zuinig');
  const context = await browser.newContext({ ...PHONE, baseURL: server.url });

  const unknown = await context.newPage();
  const unknownScripts = scriptsOf(unknown);
  await unknown.goto('/j/ABC234');
  await expect(unknown.getByRole('alert')).toContainText('ABC 234');
  await unknown.waitForLoadState('networkidle');
  const joinPage = await unknownScripts();
  expect(joinPage.files.length).toBeGreaterThan(0);
  expect(joinPage.total, JSON.stringify(joinPage.files)).toBeLessThanOrEqual(BUDGET);

  const phone = await context.newPage();
  const phoneScripts = scriptsOf(phone);
  await joinWith(phone, code, 'RIT');
  await expect(phone.getByTestId('connection-status')).toHaveAttribute('data-connection', 'online');
  await phone.waitForLoadState('networkidle');
  const waiting = await phoneScripts();
  expect(waiting.total, JSON.stringify(waiting.files)).toBeLessThanOrEqual(BUDGET);
  await context.close();
});
