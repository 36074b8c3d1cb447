import { ROUTING_PARAM } from '../../packages/protocol/src/constants.ts';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { newConsole, openCockpit } from './console.ts';
import { joinedPhone, newPhone, PHONE } from './phones.ts';
import { ServerProcess } from './server-process.ts';

/*
 * Core RP1-RP3 in a real browser against the real server: a session closes, the same join code shows
 * the outcome (k-suppressed as the export) and the facilitator's follow-up note on a phone, in the
 * phone's language; the period runs out when the facilitator sets it to 0 days (no waiting: the server's
 * clock is not touched, the period is).
 */

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

const TITLE = 'Toekomst van de Kempense bibliotheken';
const QUESTION = 'Openen we de bibliotheek ook op zondag?';
const NOTE = 'We leggen het voorstel op 14 januari voor aan de gemeenteraad. Daarna hoort u van ons.';
/** Screenshots to look at (the brief's check of every changed screen); not compared by the test. */
const SHOTS = process.env.RESULTS_PAGE_SHOTS;
const shoot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

test('RP1-RP3: after closing, the join code shows the outcome and the note; the period runs out', async ({
  browser,
}) => {
  const { page: console, code } = await newConsole(browser, server.url, TITLE);
  // Three phones in Neteland, one in RIT (under k = 3: its zone is never shown, nor Neteland beside it, AN5).
  const phones = [];
  for (const zone of ['Neteland', 'Neteland', 'Neteland', 'RIT'])
    phones.push(await joinedPhone(browser, server.url, code, zone));

  await console.getByTestId('round-question').fill(QUESTION);
  await console.getByTestId('round-create').click();
  const round = console.getByTestId('round-item').first();
  await round.getByTestId('round-open').click();
  for (const [i, phone] of phones.entries()) {
    await expect(phone.getByTestId('round-status')).toHaveAttribute('data-state', 'open');
    await phone
      .getByTestId('vote-option')
      .nth(i < 3 ? 0 : 1)
      .click();
  }
  // Shown to the room (RO7), so the page may show it again (RP4).
  await round.getByTestId('round-reveal').click();
  await expect(round).toHaveAttribute('data-revealed', 'true');

  const panel = console.getByTestId('session-panel');
  await panel.getByRole('button', { name: 'Sessie afsluiten' }).click();
  await panel.getByRole('button', { name: 'Ja, afsluiten' }).click();
  await expect(console.getByTestId('session-status')).toHaveAttribute('data-status', 'closed');

  // A phone that took part: the end screen, and under it the outcome.
  const phone = phones[0]!;
  await expect(phone.getByTestId('session-ended')).toHaveAttribute('data-kind', 'closed');
  const results = phone.getByRole('region', { name: 'Wat gebeurde er met jouw inbreng?' });
  await expect(results).toBeVisible();
  const outcome = results.getByTestId('results-round');
  await expect(outcome.getByRole('heading', { name: `1. ${QUESTION}` })).toBeVisible();
  await expect(outcome).toContainText('Aantal antwoorden: 4');
  await expect(outcome).toContainText(/Stemmen: 3 \(75\s?%\)/);
  await outcome.getByText('Per zone').click();
  await expect(outcome.getByTestId('results-zone').filter({ hasText: 'RIT' })).toHaveAttribute(
    'data-suppressed',
    'true',
  );
  await expect(outcome.getByTestId('results-zone').filter({ hasText: 'Neteland' })).toHaveAttribute(
    'data-suppressed',
    'true',
  );
  await expect(results.getByTestId('results-note')).toContainText('De begeleider schrijft hier later');

  // The facilitator writes what happens next.
  const settings = console.getByTestId('results-page-panel');
  await expect(settings.getByTestId('results-page-state')).toHaveAttribute('data-open', 'true');
  await expect(settings.getByLabel(/Aantal dagen open/)).toHaveValue('30');
  await settings.getByLabel(/Wat doen we ermee/).fill(NOTE);
  await settings.getByRole('button', { name: 'Opslaan' }).click();
  await expect(settings.getByRole('status')).toHaveText('Opgeslagen.');
  await shoot(console, 'console-results-page-panel');
  await expectNoAxeViolations(console, { page: 'console', state: 'results page settings', language: 'nl-BE' });

  // Someone who only has the code, no account, no join: the outcome and the note.
  const neighbour = await newPhone(browser, server.url);
  // RT1: asked with the session as its routing key (from the rendered join lookup).
  const asked = neighbour.waitForRequest((request) => request.url().includes(`/api/results/${code}`));
  await neighbour.goto(`/j/${code}`);
  expect(new URL((await asked).url()).searchParams.get(ROUTING_PARAM)).toMatch(/^[\w-]{22}$/);
  const page = neighbour.getByTestId('results-page');
  await expect(page.getByTestId('results-note')).toContainText(NOTE);
  await expect(page.getByTestId('results-round')).toContainText(QUESTION);
  await expect(neighbour.getByTestId('join-submit')).toHaveCount(0);
  await shoot(neighbour, 'phone-results-page');
  await page.getByText('Per zone').click();
  await expectNoAxeViolations(neighbour, { page: 'phone', state: 'results page', language: 'nl-BE' });

  // In the phone's language: a French phone reads the page's words in French, the content as written.
  const french = await (await browser.newContext({ ...PHONE, baseURL: server.url, locale: 'fr-BE' })).newPage();
  await french.goto(`/j/${code}`);
  await expect(french.getByRole('region', { name: 'Qu’est devenue votre contribution ?' })).toBeVisible();
  await expect(french.getByTestId('results-note')).toContainText(NOTE);
  await shoot(french, 'phone-results-page-fr');
  await expectNoAxeViolations(french, { page: 'phone', state: 'results page', language: 'fr-BE' });

  // The period runs out: 0 days ends it at once; the page then only says the session is closed.
  await settings.getByLabel(/Aantal dagen open/).fill('0');
  await settings.getByRole('button', { name: 'Opslaan' }).click();
  await expect(settings.getByTestId('results-page-state')).toHaveAttribute('data-open', 'false');
  await neighbour.reload();
  await expect(neighbour.getByTestId('session-ended')).toHaveAttribute('data-kind', 'closed');
  await expect(neighbour.getByTestId('results-over')).toBeVisible();
  await expect(neighbour.getByTestId('results-page')).toHaveCount(0);
  await expect(neighbour.getByText(NOTE)).toHaveCount(0);
  await shoot(neighbour, 'phone-results-over');
  await expectNoAxeViolations(neighbour, { page: 'phone', state: 'results page over', language: 'nl-BE' });

  // In the cockpit the same settings sit under the session tool.
  await openCockpit(console);
  await console.getByTestId('tool-session').click();
  const drawer = console.getByTestId('cockpit-drawer');
  await expect(drawer.getByTestId('results-page-panel').getByLabel(/Wat doen we ermee/)).toHaveValue(NOTE);
  await expect(drawer.getByTestId('results-page-state')).toHaveAttribute('data-open', 'false');
  await shoot(console, 'cockpit-results-page-panel');
});
