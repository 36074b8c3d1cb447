import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { newConsole } from './console.ts';
import { joinedPhone } from './phones.ts';
import { ServerProcess } from './server-process.ts';

/*
 * A word-cloud round (core WC1-WC9) with four phones, the console and the projector, on the real
 * server and Chromium: a word appears once three people (k) sent it, names and the session's
 * municipalities never; the projector draws the cloud with a list for screen readers.
 */
const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

async function sendWords(page: Page, answers: string[]): Promise<void> {
  for (const [i, answer] of answers.entries()) await page.getByTestId(`cloud-answer-${i}`).fill(answer);
  await page.getByTestId('cloud-send').click();
  await expect(page.getByTestId('cloud-status')).toHaveAttribute('data-state', /received|sent/);
}

test('WC6 WC10 word cloud: four phones send words, a word shows once three sent it, names never', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const { page: facilitator, code } = await newConsole(browser, server.url, 'Toekomst van de Kempen');
  const [projector] = await Promise.all([
    facilitator.context().waitForEvent('page'),
    facilitator.getByTestId('projector-link').click(),
  ]);
  await projector.setViewportSize({ width: 1280, height: 720 });

  const phones = await Promise.all(
    ['Neteland', 'Neteland', 'RIT', 'Zuiderkempen'].map((zone) => joinedPhone(browser, server.url, code, zone)),
  );
  const [an, bart, chris, dina] = phones as [Page, Page, Page, Page];

  await facilitator.getByTestId('round-kind-word-cloud').check();
  await facilitator.getByTestId('round-question').fill('Welk woord zegt wat de Kempen nodig hebben?');
  await facilitator.getByTestId('round-reveal-live').check();
  await facilitator.getByTestId('round-create').click();
  const round = facilitator.getByTestId('round-item').first();
  await round.getByTestId('round-open').click();
  await expect(round).toHaveAttribute('data-status', 'open');

  // Before typing, each phone says who sees what and how many must send a word; three boxes (the default).
  for (const page of phones) {
    await expect(page.getByTestId('cloud-anonymity')).toContainText('niemand ziet wat jij stuurt');
    // WC10: beside the boxes, k as the session has it.
    await expect(page.getByTestId('cloud-threshold')).toHaveText(
      'Een woord verschijnt pas als minstens 3 mensen het stuurden.',
    );
    await expect(page.getByTestId('cloud-answer-2')).toBeVisible();
  }

  await sendWords(an, ['Fietspaden', 'praten met Peeters', 'openbaar vervoer']);
  await sendWords(bart, ['veilige fietspaden', 'Jan', 'openbaar vervoer']);
  // Two phones: received, in memory; no screen shows a word yet.
  await expect(projector.getByTestId('projector-word-cloud')).toHaveCount(0);
  await sendWords(chris, ['fietspad', 'Openbaar vervoer in Herentals', 'Geel']);
  // The third completes a batch of k = 3: the words three people sent appear everywhere at once.
  const cloud = projector.getByTestId('projector-word-cloud');
  await expect(cloud).toBeVisible({ timeout: 15_000 });
  await expect(cloud.locator('.word')).toHaveText(['vervoer', 'fietspaden', 'openbaar']);
  await expect(cloud.locator('.word', { hasText: 'fietspaden' })).toHaveAttribute('data-count', '3');
  const list = projector.getByTestId('projector-word-cloud-list');
  await expect(list.locator('li')).toHaveText(['fietspaden: 3', 'openbaar: 3', 'vervoer: 3']);
  for (const hidden of ['Peeters', 'peeters', 'Jan', 'Herentals', 'herentals', 'geel', 'veilig', 'praten']) {
    await expect(projector.getByTestId('projector-round')).not.toContainText(hidden);
    await expect(facilitator.getByTestId('console-word-cloud-list')).not.toContainText(hidden);
  }
  await expect(facilitator.getByTestId('console-word-cloud-list').locator('li')).toHaveCount(3);
  // Each phone shows what it sent, and that names do not count; the cloud as the room sees it.
  await expect(an.getByTestId('cloud-own')).toContainText('praten met Peeters');
  await expect(an.getByTestId('cloud-own')).toContainText('Namen van mensen en gemeenten');
  await expect(an.getByTestId('phone-word-cloud-list').locator('li')).toHaveCount(3);

  // While the round is open, after a reload the phone knows only what the server kept of its answers: the words, no name.
  await an.reload();
  await expect(an.getByTestId('cloud-own')).toContainText('fietspaden');
  await expect(an.getByTestId('cloud-own')).not.toContainText('eeters');
  await expect(an.getByTestId('phone-word-cloud-list').locator('li')).toHaveCount(3);
  // WCAG 2.2 AA on the phone with its cloud, the projector's cloud and the console.
  await expectNoAxeViolations(an, { page: 'phone', state: 'word cloud', language: 'nl-BE' });
  await expectNoAxeViolations(projector, { page: 'projector', state: 'word cloud', language: 'nl-BE' });
  await expectNoAxeViolations(facilitator, { page: 'console', state: 'word cloud', language: 'nl-BE' });
  // Dina's words make a fourth; with the three before they are stored only at the close (batch of 1 < k).
  await sendWords(dina, ['fietspaden', 'groen']);
  await expect(dina.getByTestId('cloud-status')).toHaveAttribute('data-state', 'received');
  if (process.env.SCREENSHOTS) {
    await an.screenshot({ path: `${process.env.SCREENSHOTS}/word-cloud-phone.png`, fullPage: true });
    await projector.screenshot({ path: `${process.env.SCREENSHOTS}/word-cloud-projector.png` });
  }
  await round.getByTestId('round-close').click();
  await expect(round).toHaveAttribute('data-status', 'closed');
  await expect(projector.getByTestId('projector-word-cloud-list').locator('li')).toHaveText([
    'fietspaden: 4',
    'openbaar: 3',
    'vervoer: 3',
  ]);
  await expect(projector.getByTestId('projector-responses')).toHaveAttribute('data-count', '4');
});
