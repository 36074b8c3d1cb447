import { expect, test, type Page } from '@playwright/test';
import { signInContext } from './accounts.ts';
import { EveryKindSession } from './every-kind.ts';
import { pageErrors } from './fit.ts';
import { PHONE } from './phones.ts';
import { ServerProcess } from './server-process.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

const lang = (page: Page) => page.locator('html');

test('LN3: a phone asking for English gets English; it switches to French at once and keeps it', async ({
  browser,
}) => {
  const session = await EveryKindSession.create(server.url, 'Talen', ['single']);
  const context = await browser.newContext({ ...PHONE, baseURL: server.url, locale: 'en-GB' });
  const phone = await context.newPage();
  const errors = pageErrors(phone);
  const response = await phone.goto(`/j/${session.joinCode}`);
  expect(response?.headers()['vary']).toMatch(/Accept-Language, Cookie/);
  await expect(lang(phone)).toHaveAttribute('lang', 'en');
  await expect(phone.getByTestId('join-submit')).toHaveText('Join');

  // No reload: what the participant selected or typed stays.
  await phone.getByTestId('zone-option').first().check();
  await phone.getByTestId('language-picker').selectOption('fr-BE');
  await expect(lang(phone)).toHaveAttribute('lang', 'fr-BE');
  await expect(phone.getByTestId('join-submit')).toHaveText('Participer');
  await expect(phone.getByTestId('zone-option').first()).toBeChecked();

  // The choice is kept for the next visit, over what the browser asks for.
  await phone.reload();
  await expect(lang(phone)).toHaveAttribute('lang', 'fr-BE');
  await expect(phone.getByTestId('join-submit')).toHaveText('Participer');
  await phone.getByTestId('zone-option').first().check();
  await phone.getByTestId('join-submit').click();
  await expect(phone.getByTestId('round-status')).toHaveAttribute('data-state', 'waiting');
  await expect(phone.getByTestId('language-picker')).toHaveValue('fr-BE');
  expect(errors).toEqual([]);
  session.dispose();
  await context.close();
});

test('LN3: a phone asking for a language Vrijuit lacks speaks the session’s', async ({ browser }) => {
  const session = await EveryKindSession.create(server.url, 'Langues', ['single'], 'fr');
  const context = await browser.newContext({ ...PHONE, baseURL: server.url, locale: 'de-DE' });
  const phone = await context.newPage();
  await phone.goto(`/j/${session.joinCode}`);
  await expect(lang(phone)).toHaveAttribute('lang', 'fr-BE');
  await expect(phone.getByTestId('join-submit')).toHaveText('Participer');
  session.dispose();
  await context.close();
});

test('LN3: the projector speaks the session’s language; the console the facilitator’s choice', async ({ browser }) => {
  const session = await EveryKindSession.create(server.url, 'Languages', ['single'], 'en');
  const desk = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
  await signInContext(desk);
  const projector = await desk.newPage();
  await projector.goto(`/present/${session.sessionId}`);
  await expect(lang(projector)).toHaveAttribute('lang', 'en');
  await expect(projector).toHaveTitle(/^Projector: Languages/);

  const console = await desk.newPage();
  await console.goto(`/console/${session.sessionId}?mode=design`);
  await expect(lang(console)).toHaveAttribute('lang', 'nl-BE');
  await expect(console.getByTestId('mode-design')).toHaveText(/Ontwerpen/);
  await console.getByTestId('language-picker').selectOption('fr-BE');
  await expect(console.getByTestId('mode-design')).toHaveText(/Préparer/);
  await expect(lang(console)).toHaveAttribute('lang', 'fr-BE');
  // The projector stays with the session's language after the facilitator's choice.
  await projector.reload();
  await expect(lang(projector)).toHaveAttribute('lang', 'en');
  session.dispose();
  await desk.close();
});
