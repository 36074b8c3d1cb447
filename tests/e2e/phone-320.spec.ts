import { expect, test, type Page } from '@playwright/test';
import { addRound, newConsole } from './console.ts';
import { expectFits, pageErrors } from './fit.ts';
import { joinWith, newPhone, SMALLEST_PHONE } from './phones.ts';
import { ServerProcess } from './server-process.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

/** `SCREENSHOTS=<folder>` saves what the phone shows at each step, to look at as a person would. */
const shotsDir = process.env.SCREENSHOTS;
async function shot(page: Page, name: string): Promise<void> {
  if (shotsDir) await page.screenshot({ path: `${shotsDir}/phone-320-${name}.png`, fullPage: true });
}

const dotAdd = (page: Page, label: string) =>
  page.locator(`[data-testid="dot-row"][data-option-label="${label}"]`).getByTestId('dot-add');

test('PH1 PH2 PH3 a 320 px phone through every round kind of the template and more: nothing scrolls sideways, no page error, one statement at a time, an end', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const { page: desk, code } = await newConsole(browser, server.url, 'Smalle telefoons', {
    template: 'kempen-welzijn',
  });
  await addRound(desk, 'Welk thema eerst?', 'single-choice');
  await addRound(desk, 'Welke thema’s nog?', 'multiple-choice');
  await addRound(desk, 'Zet de thema’s in jouw volgorde', 'ranking');
  await expect(desk.getByTestId('round-item')).toHaveCount(8);

  const phone = await newPhone(browser, server.url, SMALLEST_PHONE);
  const errors = pageErrors(phone);
  await joinWith(phone, code, 'Neteland');
  await expectFits(phone, 'waiting');

  const next = desk.getByTestId('next-round');
  const status = phone.getByTestId('round-status');
  const step = async (question: string | RegExp, name: string, go = () => next.click()) => {
    await go();
    await expect(status).toHaveAttribute('data-state', 'open');
    await expect(phone.getByTestId('round-question')).toHaveText(question);
    await expectFits(phone, name);
    await shot(phone, name);
  };

  // Pain points: nine theme choices are one compact select, so the form stays short.
  await step(/pijnpunten/, 'pain-points');
  const theme = phone.getByTestId('pain-theme');
  await expect(theme.locator('option')).toHaveCount(9);
  await theme.selectOption({ label: 'Opgroeien' });
  await phone.getByTestId('pain-text').fill('De wachtlijsten zijn veel te lang');
  const send = phone.getByTestId('pain-send');
  expect((await send.boundingBox())!.y).toBeLessThan(1000);
  await send.click();
  await expect(phone.getByTestId('own-point')).toHaveCount(1);
  await expectFits(phone, 'pain-points sent');

  // The dot vote: "+" and "Versturen" stay on the screen, also beside the longest theme.
  await step(/thema’s/, 'dot-voting');
  const plus = dotAdd(phone, 'Geestelijke gezondheidszorg');
  const box = (await plus.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(320);
  await plus.click();
  await plus.click();
  await dotAdd(phone, 'Opgroeien').click();
  await expect(phone.getByTestId('ballot-summary')).toHaveText('Alle punten verdeeld');
  await expectFits(phone, 'dot-voting filled');
  await phone.getByTestId('ballot-send').click();
  await expect(phone.getByTestId('vote-status')).toHaveAttribute('data-state', 'received');

  // The agreement check: one statement at a time, with where it is, back and forth, sent after the last.
  await step(/uitgangspunten/, 'agreement');
  const group = phone.getByTestId('level-group');
  const progress = phone.getByTestId('statement-progress');
  await expect(group).toHaveCount(1);
  await expect(progress).toHaveText('Uitspraak 1 van 5');
  await expect(group).toHaveAccessibleName(/^Uitspraak 1 van 5: /);
  await expect(phone.getByTestId('ballot-send')).toHaveCount(0);
  await expect(phone.getByTestId('statement-previous')).toHaveCount(0);
  await group.getByTestId('level-option').nth(0).check();
  await phone.getByTestId('statement-next').click();
  await expect(progress).toHaveText('Uitspraak 2 van 5');
  await expect(group).toBeFocused();
  await expect(group).toHaveAccessibleName(/^Uitspraak 2 van 5: /);
  await group.getByTestId('level-option').nth(2).check();
  await phone.getByTestId('statement-previous').click();
  await expect(progress).toHaveText('Uitspraak 1 van 5');
  await expect(group.getByTestId('level-option').nth(0)).toBeChecked();
  // Keyboard: from the statement, Tab reaches its answers; Enter on "next" moves on.
  for (let i = 1; i < 5; i++) {
    await phone.getByTestId('statement-next').press('Enter');
    await expect(progress).toHaveText(`Uitspraak ${i + 1} van 5`);
    await expect(group).toBeFocused();
    if (i === 1) {
      await phone.keyboard.press('Tab');
      await expect(group.getByTestId('level-option').nth(2)).toBeFocused();
    }
  }
  await expect(phone.getByTestId('statement-next')).toHaveCount(0);
  await group.getByTestId('level-option').nth(1).check();
  await expect(phone.getByTestId('ballot-summary')).toHaveText('3 van 5 beantwoord');
  await expectFits(phone, 'agreement last statement');
  await shot(phone, 'agreement-last');
  await phone.getByTestId('ballot-send').click();
  await expect(phone.getByTestId('vote-status')).toHaveAttribute('data-state', 'received');

  // The position text: the phone writes; "next" ends the round while the editor has focus.
  await step(/Standpunttekst/, 'position-text');
  const text = phone.getByTestId('text-editor-content').first();
  await text.click();
  await phone.keyboard.type('Wij willen luisteren.', { delay: 10 });
  await expect(text).toContainText('Wij willen luisteren.');
  await expect(text).toBeFocused();

  // The closing pulse: two scales, shown together. The plenary text is empty while the phone wrote its
  // zone's draft, so "next" asks first (TX6); closing anyway ends the text while the editor has focus.
  await step('Kon je vandaag vrijuit spreken?', 'scale', async () => {
    await next.click();
    await desk.getByTestId('final-text-close-anyway').click();
  });
  await expect(phone.getByTestId('level-group')).toHaveCount(2);
  await expect(phone.getByTestId('statement-progress')).toHaveCount(0);

  await step('Welk thema eerst?', 'single-choice');
  await phone.getByTestId('vote-option').first().click();
  await expect(phone.getByTestId('vote-status')).toHaveAttribute('data-state', 'received');

  await step('Welke thema’s nog?', 'multiple-choice');
  await phone.getByTestId('choice-option').first().check();
  await expectFits(phone, 'multiple-choice picked');

  await step('Zet de thema’s in jouw volgorde', 'ranking');
  await phone.getByTestId('rank-down').first().click();
  await expectFits(phone, 'ranking moved');

  // After the last round: no "wait for the next question", but that none is left.
  await expect(next).toHaveText('Laatste ronde sluiten');
  await next.click();
  await expect(status).toHaveAttribute('data-state', 'closed');
  const end = phone.getByTestId('round-next');
  await expect(end).toHaveAttribute('data-last', 'true');
  await expect(end).toContainText('Dit was de laatste vraag.');
  await expect(end).not.toContainText('volgende vraag');
  await expectFits(phone, 'last round closed');
  await shot(phone, 'last-round');

  // Earlier rounds again, their results revealed: the charts fit too (bars, stacked levels).
  const steps = desk.getByTestId('agenda-step');
  const items = desk.getByTestId('round-item');
  for (const [index, question, name] of [
    [1, /thema’s/, 'dot-voting results'],
    [2, /uitgangspunten/, 'agreement results'],
  ] as const) {
    await steps.nth(index).getByTestId('show-again').click();
    await items.nth(index).getByTestId('round-reveal').click();
    await expect(phone.getByTestId('phone-results')).toContainText(question);
    await expectFits(phone, name);
    await shot(phone, name.replace(' ', '-'));
  }
  // Every round has run: looking back, the phone still says no question is left (no draft after it, ST1).
  await expect(end).toHaveAttribute('data-last', 'true');

  // Closing the session says the session is over.
  const panel = desk.getByTestId('session-panel');
  await panel.getByRole('button', { name: 'Sessie afsluiten' }).click();
  await panel.getByRole('button', { name: 'Ja, afsluiten' }).click();
  await expect(phone.getByTestId('session-ended')).toHaveAttribute('data-kind', 'closed');
  await expectFits(phone, 'session ended');

  // No uncaught error on the way (the end of the text round threw state_unsafe_mutation).
  expect(errors).toEqual([]);
});

test('PH4 an address that leads nowhere has a title, a heading and a way home', async ({ browser }) => {
  const phone = await newPhone(browser, server.url, SMALLEST_PHONE);
  const response = await phone.goto('/bestaat-niet');
  expect(response?.status()).toBe(404);
  await expect(phone).toHaveTitle('Pagina niet gevonden · Vrijuit');
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Deze pagina bestaat niet');
  await expectFits(phone, '404');
  await phone.getByTestId('error-home').click();
  await expect(phone).toHaveURL(/\/$/);
});
