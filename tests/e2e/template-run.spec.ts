import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { openProjector } from './console.ts';
import { signInContext } from './accounts.ts';
import { answerStatements, newPhone } from './phones.ts';
import { ServerProcess } from './server-process.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

/** A phone that joined `zone` and, as the join form offers it, `municipality`; it waits for the first round. */
async function joinedWithMunicipality(browser: Browser, code: string, zone: string, municipality: string) {
  const page = await newPhone(browser, server.url);
  await page.goto(`/j/${code}`);
  await page
    .getByTestId('zone-option')
    .and(page.getByLabel(zone, { exact: true }))
    .check();
  await page
    .getByTestId('municipality-option')
    .and(page.getByLabel(municipality, { exact: true }))
    .check();
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('round-status')).toHaveAttribute('data-state', 'waiting');
  return page;
}

/** Every phone shows `question` as an open round, without anyone touching it. */
async function followed(phones: Page[], question: string | RegExp): Promise<void> {
  for (const p of phones) {
    await expect(p.getByTestId('round-status')).toHaveAttribute('data-state', 'open');
    await expect(p.getByTestId('round-question')).toHaveText(question);
  }
}

/** Picks level `level` for each statement on the phone, then sends the ballot. */
async function answerLevels(page: Page, level: number, state: 'received' | 'sent'): Promise<void> {
  await answerStatements(page, level);
  await send(page, state);
}

/**
 * Sends the ballot. Ballots are stored in batches of k = 3 people (AN13): the first two phones' wait
 * as received, the third's completes the batch and is stored at once (and so are the other two).
 */
async function send(page: Page, state: 'received' | 'sent'): Promise<void> {
  await page.getByTestId('ballot-send').click();
  await expect(page.getByTestId('vote-status')).toHaveAttribute('data-state', state);
}

/** The state the i-th of three phones sees right after sending: the third completes the batch. */
const stateAfter = (i: number) => (i < 2 ? 'received' : 'sent');

const dotAdd = (page: Page, label: string) =>
  page.locator(`[data-testid="dot-row"][data-option-label="${label}"]`).getByTestId('dot-add');

/** `SCREENSHOTS=1` (or a folder) saves the pictures of a template run for the docs. */
const shotsDir = process.env.SCREENSHOTS === '1' ? 'docs/screenshots' : process.env.SCREENSHOTS;
async function shot(target: Page | Locator, name: string): Promise<void> {
  if (shotsDir) await target.screenshot({ path: `${shotsDir}/template-${name}.png` });
}

test('a session from the built-in template, run start to end with "Volgende ronde" and three phones', async ({
  browser,
}) => {
  // The whole built-in template with three phones: the longest scenario of the suite.
  test.setTimeout(150_000);
  const desk = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 900 } });
  await signInContext(desk);
  const console_ = await desk.newPage();
  await console_.goto('/new');
  // Live first (the create button is enabled once its script ran): a template checked before would not fill the form.
  await expect(console_.getByTestId('session-create')).toBeEnabled();
  await console_.getByTestId('template-kempen-welzijn').check();
  await expect(console_.getByTestId('template-chosen')).toContainText('5 vragen');
  await console_.getByTestId('session-create').click();
  await expect(console_).toHaveURL(/\/console\//);
  const code = (await console_.getByTestId('join-code').innerText()).replace(/[\s-]/g, '');
  const items = console_.getByTestId('round-item');
  await expect(items).toHaveCount(5);
  await expect(items.and(console_.locator('[data-status="draft"]'))).toHaveCount(5);
  await shot(console_.getByTestId('steering'), 'console-agenda');

  const projector = await openProjector(console_);
  await expect(projector.getByTestId('projector-qr').locator('svg')).toBeVisible();

  // Three people in three zones, each naming their municipality.
  const phones = await Promise.all([
    joinedWithMunicipality(browser, code, 'Neteland', 'Herentals'),
    joinedWithMunicipality(browser, code, 'RIT', 'Turnhout'),
    joinedWithMunicipality(browser, code, 'Zuiderkempen', 'Geel'),
  ]);
  const [an, bart, chris] = phones as [Page, Page, Page];
  await expect(console_.getByTestId('joined-count')).toHaveText('3');

  const next = console_.getByTestId('next-round');
  const step = async (question: RegExp | string, index: number) => {
    await expect(next).toContainText(question);
    await next.click();
    await followed(phones, question);
    await expect(items.nth(index)).toHaveAttribute('data-status', 'open');
    if (index > 0) await expect(items.nth(index - 1)).toHaveAttribute('data-status', 'closed');
    await expect(projector.getByTestId('projector-question')).toHaveText(question);
  };

  // 1. Pain points: one each; with three entries the batch goes out, at the latest when the round closes.
  await step(/pijnpunten/, 0);
  const pains = ['De facturen komen altijd te laat', 'Niemand weet wie er beslist', 'Te weinig personeel'];
  for (const [i, page] of phones.entries()) {
    await page.getByTestId('pain-text').fill(pains[i]!);
    await page.getByTestId('pain-send').click();
    // Received by the server; stored, and on the wall, with its batch (three people, or the round's close).
    await expect(page.getByTestId('own-point').filter({ hasText: pains[i]! })).toHaveAttribute(
      'data-state',
      i < 2 ? 'received' : /^(received|on-wall)$/,
    );
  }

  // 2. The theme dot vote (3 dots, at most 2 per theme); it closes the pain-point round.
  await step(/thema’s/, 1);
  // Closed, the pain-point round has let out all three on its wall in the console.
  await expect(items.nth(0).getByTestId('wall-point')).toHaveCount(3);
  for (const pain of pains)
    await expect(items.nth(0).getByTestId('wall-point').filter({ hasText: pain })).toBeVisible();
  await expect(an.getByTestId('ballot-summary')).toHaveText('Nog 3 punten');
  const picks: [Page, string, string][] = [
    [an, 'Opgroeien', 'Ouder worden'],
    [bart, 'Opgroeien', '(Precair) wonen'],
    [chris, 'Geestelijke gezondheidszorg', 'Opgroeien'],
  ];
  for (const [i, [page, twice, once]] of picks.entries()) {
    await dotAdd(page, twice).click();
    await dotAdd(page, twice).click();
    await dotAdd(page, once).click();
    await expect(page.getByTestId('ballot-summary')).toHaveText('Alle punten verdeeld');
    if (page === an && shotsDir) {
      await an.getByTestId('round-question').scrollIntoViewIfNeeded();
      await shot(an, 'phone-dots');
    }
    await send(page, stateAfter(i));
  }
  for (const page of phones) await expect(page.getByTestId('vote-status')).toHaveAttribute('data-state', 'sent');
  await expect(items.nth(1).getByTestId('ballot-count')).toHaveText('3');

  // 3. The agreement check on the five principles.
  await step(/uitgangspunten/, 2);
  // One statement at a time on the phone (PH2).
  await expect(an.getByTestId('level-group')).toHaveCount(1);
  await expect(an.getByTestId('statement-progress')).toHaveText('Uitspraak 1 van 5');
  for (const [i, page] of phones.entries()) await answerLevels(page, i, stateAfter(i));
  await expect(items.nth(2).getByTestId('ballot-count')).toHaveText('3');

  // 4. The position text, zone drafts first: An writes in Neteland's draft; the console reads it there.
  await step(/Standpunttekst/, 3);
  await expect(an.getByTestId('text-switch-zone')).toHaveAttribute('aria-pressed', 'true');
  const sentence = 'Wij willen een organisatie die luistert.';
  const anText = an.getByTestId('text-editor-content').first();
  await anText.click();
  await an.keyboard.type(sentence, { delay: 10 });
  await expect(anText).toContainText(sentence);
  await items.nth(3).getByRole('tab', { name: 'Ontwerp Neteland' }).click();
  await expect(items.nth(3).getByTestId('text-editor-content').first()).toContainText(sentence);

  // The plenary text is still empty while Neteland wrote a draft: "next" asks first (TX6); the draft goes in.
  await next.click();
  const ask = console_.getByTestId('final-text-dialog');
  await expect(ask).toBeVisible();
  await expect(items.nth(3)).toHaveAttribute('data-status', 'open');
  await ask.getByTestId('final-text-gather').click();
  await expect(ask).toBeHidden();
  await expect(console_.getByTestId('final-text-status')).toContainText('1 zone');

  // 5. The closing pulse: two scales, everyone answers.
  await step('Kon je vandaag vrijuit spreken?', 4);
  await expect(an.getByTestId('level-group')).toHaveCount(2);
  for (const [i, page] of phones.entries()) await answerLevels(page, 2 + i, stateAfter(i));
  const pulse = items.nth(4);
  await expect(pulse.getByTestId('ballot-count')).toHaveText('3');

  // The same button closes the last round; revealing puts the pulse's results on the projector.
  await expect(next).toHaveText('Laatste ronde sluiten');
  await next.click();
  await expect(pulse).toHaveAttribute('data-status', 'closed');
  for (const page of phones) await expect(page.getByTestId('round-status')).toHaveAttribute('data-state', 'closed');
  await pulse.getByTestId('round-reveal').click();
  await expect(pulse).toHaveAttribute('data-revealed', 'true');
  await expect(projector.getByTestId('projector-question')).toHaveText('Kon je vandaag vrijuit spreken?');
  await expect(projector.getByTestId('projector-results')).toBeVisible();
  await expect(projector.getByTestId('projector-responses')).toHaveAttribute('data-count', '3');
  await expect(pulse.getByTestId('ballot-count')).toHaveText('3');
  await shot(projector, 'projector-pulse');
  await desk.close();
});
