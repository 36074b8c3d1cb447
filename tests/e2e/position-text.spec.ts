import { expect, test, type Browser, type Page } from '@playwright/test';
import { answerStatements, joinedPhone } from './phones.ts';
import { ServerProcess } from './server-process.ts';
import { signInContext } from './accounts.ts';
import { addRound, newConsole } from './console.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

const phone = (browser: Browser, code: string, zone: string) => joinedPhone(browser, server.url, code, zone);

const content = (page: Page) => page.getByTestId('text-editor-content').first();

/** Types at the end of the text, in a paragraph of its own. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await content(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text, { delay: 15 });
}

test('position text: two phones and the console write one text, through a server crash; a lock makes it read-only; paragraphs go to an agreement check', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const desk = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 900 } });
  await signInContext(desk);
  const facilitator = await desk.newPage();
  await facilitator.goto('/new');
  await facilitator.getByTestId('session-title').fill('Werkgroep toekomstvisie Welzijnszorg Kempen');
  await facilitator.getByTestId('session-create').click();
  await expect(facilitator).toHaveURL(/\/console\//);
  const code = (await facilitator.getByTestId('join-code').innerText()).replace(/[\s-]/g, '');

  const [an, bart] = await Promise.all([phone(browser, code, 'Neteland'), phone(browser, code, 'RIT')]);

  await facilitator.getByTestId('round-question').fill('Ons standpunt over de toekomst van Welzijnszorg Kempen');
  await facilitator.getByTestId('round-kind-position-text').check();
  await facilitator.getByTestId('round-create').click();
  const round = facilitator.getByTestId('round-item').first();
  await round.getByTestId('round-open').click();
  await expect(round).toHaveAttribute('data-status', 'open');

  // Each phone gets the editor, with the sentence that co-writing is not anonymous.
  for (const page of [an, bart]) {
    await expect(page.getByTestId('text-notice')).toBeVisible();
    await expect(page.getByTestId('text-connection')).toHaveAttribute('data-state', /connected|saved|synced/);
  }
  await typeAtEnd(an, 'Wij willen een organisatie die luistert.');
  await typeAtEnd(bart, 'Elke gemeente telt even zwaar.');
  await typeAtEnd(facilitator, 'Voorstel van de werkgroep.');
  for (const page of [an, bart, facilitator]) {
    await expect(content(page)).toContainText('Wij willen een organisatie die luistert.');
    await expect(content(page)).toContainText('Elke gemeente telt even zwaar.');
    await expect(content(page)).toContainText('Voorstel van de werkgroep.');
  }

  // `SCREENSHOTS=docs/screenshots npx playwright test position-text` refreshes the pictures in the docs.
  const shots = process.env.SCREENSHOTS;
  if (shots) {
    await an.screenshot({ path: `${shots}/text-phone.png` });
    await round.screenshot({ path: `${shots}/text-console.png` });
  }

  // The facilitator keeps a named version of the text as it stands.
  await facilitator.getByTestId('text-version-label').fill('Voor de pauze');
  await facilitator.getByTestId('text-version-save').click();
  await expect(facilitator.getByTestId('text-version')).toHaveCount(1);

  // The facilitator puts two paragraphs to an agreement check: a new agreement round, as a draft, in the agenda.
  await facilitator.getByTestId('text-agree-open').click();
  const paragraph = (text: string) =>
    facilitator.getByTestId('text-agree-paragraph').and(facilitator.getByLabel(text, { exact: true }));
  await paragraph('Wij willen een organisatie die luistert.').check();
  await paragraph('Elke gemeente telt even zwaar.').check();
  await facilitator.getByTestId('text-agree-submit').click();
  const agreement = facilitator.getByTestId('round-item').nth(1);
  await expect(agreement).toHaveAttribute('data-status', 'draft');
  await expect(agreement).toContainText("Kunnen jullie je vinden in deze alinea's?");

  // A crash: the server is killed and comes back; nothing another editor had is lost, nothing doubles.
  await server.restart();
  const reloaded = await desk.newPage();
  await reloaded.goto(facilitator.url());
  const text = reloaded.getByTestId('text-editor-content').first();
  await expect(text).toContainText('Wij willen een organisatie die luistert.');
  await expect(text).toContainText('Elke gemeente telt even zwaar.');
  await typeAtEnd(an, 'Na de storing.');
  await expect(content(bart)).toContainText('Na de storing.');
  expect((await content(bart).innerText()).split('Elke gemeente telt even zwaar.').length).toBe(2);

  // The saved version survived the crash and still reads as it was then.
  await reloaded.getByTestId('text-version-view').first().click();
  const version = reloaded.getByTestId('text-version-viewer');
  await expect(version).toContainText('Elke gemeente telt even zwaar.');
  await expect(version).not.toContainText('Na de storing.');
  await reloaded.getByTestId('text-version-close').click();

  // The facilitator locks the round: the text is read-only on every phone.
  await round.getByTestId('round-lock').click();
  for (const page of [an, bart]) {
    await expect(page.getByTestId('text-readonly')).toBeVisible();
    await expect(content(page)).toHaveAttribute('contenteditable', 'false');
  }

  // The agreement round opens (the text round closes); a phone answers; the result stands beside each paragraph.
  await agreement.getByTestId('round-open').click();
  await expect(agreement).toHaveAttribute('data-status', 'open');
  // One paragraph at a time (PH2), in the text's order.
  await expect(an.getByTestId('level-group')).toHaveAttribute(
    'data-option-label',
    'Wij willen een organisatie die luistert.',
  );
  await answerStatements(an, 0);
  await expect(an.getByTestId('level-group')).toHaveAttribute('data-option-label', 'Elke gemeente telt even zwaar.');
  await an.getByTestId('ballot-send').click();
  // One person's answer waits to be stored with others' (AN13); closing the round stores it.
  await expect(an.getByTestId('vote-status')).toHaveAttribute('data-state', 'received');
  await agreement.getByTestId('round-close').click();
  await expect(agreement).toHaveAttribute('data-status', 'closed');
  const results = facilitator.getByTestId('text-agree-result');
  await expect(results).toHaveCount(2);
  for (const result of await results.all()) await expect(result).toHaveAttribute('data-respondents', '1');
});

test('TX6 next round on a text whose plenary text is empty while a zone wrote a draft asks first: the drafts go into the plenary text, then it closes; a closed text is not asked again', async ({
  browser,
}) => {
  const { page: facilitator, code } = await newConsole(browser, server.url, 'Nota van de zones');
  const an = await phone(browser, code, 'Neteland');
  await facilitator.getByTestId('round-question').fill('Onze nota');
  await facilitator.getByTestId('round-kind-position-text').check();
  await facilitator.getByTestId('round-zone-drafts').check();
  await facilitator.getByTestId('round-create').click();
  await expect(facilitator.getByTestId('round-item')).toHaveCount(1);
  await addRound(facilitator, 'Hoe verder?');
  await facilitator.getByTestId('next-round').click();
  const round = facilitator.getByTestId('round-item').first();
  await expect(round).toHaveAttribute('data-status', 'open');

  // The phone writes in its zone's draft; the plenary text stays empty.
  await expect(an.getByTestId('text-notice')).toBeVisible();
  await typeAtEnd(an, 'Neteland vraagt meer overleg.');

  await facilitator.getByTestId('next-round').click();
  const dialog = facilitator.getByTestId('final-text-dialog');
  await expect(dialog).toBeVisible();
  await expect(round).toHaveAttribute('data-status', 'open');
  await dialog.getByTestId('final-text-gather').click();
  await expect(dialog).toBeHidden();
  await expect(facilitator.getByTestId('final-text-status')).toContainText('1 zone');
  const plenary = content(facilitator);
  await expect(plenary.getByRole('heading', { level: 2 })).toHaveText(/Neteland/);
  await expect(plenary).toContainText('Neteland vraagt meer overleg.');

  // With text in it, "next" closes the text round at once; a closed text offers no re-run.
  await facilitator.getByTestId('next-round').click();
  await expect(round).toHaveAttribute('data-status', 'closed');
  await expect(dialog).toBeHidden();
  await expect(round.getByTestId('round-rerun')).toHaveCount(0);
});
