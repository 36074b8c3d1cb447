import { expect, test, type Browser, type Page } from '@playwright/test';
import { joinedPhone } from './phones.ts';
import { ServerProcess } from './server-process.ts';
import { newConsole, openProjector } from './console.ts';
import { expectNoAxeViolations } from './axe.ts';

/*
 * Anonymous questions (core SPEC QA1-QA4) with four phones, the console and the projector: questions
 * reach the screens in a batch, votes move the order, the facilitator marks one answered (and back) and
 * hides one with a reason (the console's log lists it, QA6); the asker's phone shows its own question like
 * anyone's.
 */
const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

const phone = (browser: Browser, code: string, zone: string) => joinedPhone(browser, server.url, code, zone);

async function ask(page: Page, text: string, completesBatch = false): Promise<void> {
  await page.getByTestId('pain-text').fill(text);
  await page.getByTestId('pain-send').click();
  const own = page.getByTestId('own-point').filter({ hasText: text });
  if (completesBatch) {
    // The batch is whole: the next release tick (any moment) may store and show it before it is looked at.
    await expect(own.or(page.getByTestId('question').filter({ hasText: text })).first()).toBeVisible();
    return;
  }
  // Received (acked) and waiting in the server's memory for its batch: only this phone lists it, on its way.
  await expect(own).toHaveAttribute('data-state', 'received');
}

const phoneQuestion = (page: Page, text: string) =>
  page.getByTestId('phone-questions').getByTestId('question').filter({ hasText: text });
const projectorItems = (page: Page) => page.getByTestId('projector-question-item');
const consoleQuestion = (page: Page, text: string) => page.getByTestId('console-question').filter({ hasText: text });

async function shot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS)
    await page.screenshot({ path: `${process.env.SCREENSHOTS}/${name}.png`, fullPage: true });
}

test('QA1 QA2 QA3 QA4 QA6 questions: four phones ask and vote anonymously, the projector sorts by votes, answered ones go grey at the end', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { page: facilitator, code } = await newConsole(browser, server.url, 'Infoavond mobiliteitsplan', {
    viewport: { width: 1366, height: 900 },
    releaseEverySeconds: 10,
  });
  const projector = await openProjector(facilitator);

  const [an, bart, chris, dina] = await Promise.all([
    phone(browser, code, 'Neteland'),
    phone(browser, code, 'Neteland'),
    phone(browser, code, 'RIT'),
    phone(browser, code, 'Baldemore'),
  ]);

  await facilitator.getByTestId('round-question').fill('Wat wil je de schepen vragen?');
  await facilitator.getByTestId('round-kind-questions').check();
  await facilitator.getByTestId('round-per-participant').fill('2');
  await facilitator.getByTestId('round-create').click();
  const round = facilitator.getByTestId('round-item').first();
  await round.getByTestId('round-open').click();
  await expect(round).toHaveAttribute('data-status', 'open');
  // The console speaks of questions here, not of a wall's points.
  await expect(facilitator.getByTestId('question-board')).toContainText(
    'Nieuwe vragen verschijnen in groepjes: zodra minstens 3 deelnemers iets vroegen, ten vroegste om de 10 s.',
  );
  await expect(round).toContainText('Zaal ziet de vragen live');

  for (const page of [an, bart, chris, dina]) {
    await expect(page.getByTestId('pain-anonymity')).toContainText('niemand');
    await expect(page.getByTestId('pain-anonymity')).toContainText('zonder teken dat ze van jou is');
  }

  const q = {
    an: 'Wanneer komt de nieuwe busverbinding naar het station?',
    bart: 'Wie betaalt de fietsstraat in de Kerkstraat?',
    chris: 'Waarom sluit het loket op zaterdag?',
  };
  await ask(an, q.an);
  await ask(bart, q.bart);
  await shot(an, 'questions-received-phone');
  await ask(chris, q.chris, true);

  // One batch: the three questions appear together on every screen.
  await expect(projectorItems(projector)).toHaveCount(3, { timeout: 15_000 });
  await expect(facilitator.getByTestId('console-question')).toHaveCount(3);
  for (const page of [an, bart, chris, dina]) await expect(page.getByTestId('question')).toHaveCount(3);
  // QA3: once stored, An's question leaves "on its way" and sits among the others unmarked, with a vote button.
  await expect(an.getByTestId('own-point')).toHaveCount(0);
  await expect(an.getByTestId('wall-own')).toHaveCount(0);
  await expect(phoneQuestion(an, q.an).getByTestId('question-vote')).toBeVisible();
  const listed = (page: Page) => page.getByTestId('phone-questions').getByTestId('question').allInnerTexts();
  expect(await listed(an)).toEqual(await listed(dina));

  // Three people vote for Chris's question: stored together, it moves to the top with 3 votes.
  for (const page of [an, bart, dina]) {
    await phoneQuestion(page, q.chris).getByTestId('question-vote').click();
    await expect(phoneQuestion(page, q.chris).getByTestId('question-vote')).toHaveAttribute('aria-pressed', 'true');
  }
  await expect(projectorItems(projector).first()).toContainText(q.chris);
  await expect(projectorItems(projector).first().getByTestId('projector-question-votes')).toHaveText('3');
  await expect(dina.getByTestId('question').first()).toContainText(q.chris);
  await expect(phoneQuestion(dina, q.chris).getByTestId('question-votes')).toHaveText('3 stemmen');

  // QA2: Chris's question is answered: greyed, at the end, on every screen; the phones lose its vote button.
  await consoleQuestion(facilitator, q.chris).getByTestId('question-answer').click();
  await expect(projectorItems(projector).last()).toContainText(q.chris);
  await expect(projectorItems(projector).last()).toHaveAttribute('data-answered', 'true');
  await expect(phoneQuestion(bart, q.chris).getByTestId('question-answered')).toHaveText('✓ Beantwoord');
  await expect(phoneQuestion(bart, q.chris).getByTestId('question-vote')).toHaveCount(0);
  await expect(bart.getByTestId('question').last()).toContainText(q.chris);
  await expect(consoleQuestion(facilitator, q.chris).getByTestId('question-answer')).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // Hidden with a reason: the room sees the reason instead of Bart's text.
  await consoleQuestion(facilitator, q.bart).getByTestId('question-hide').selectOption('off-topic');
  await expect(projector.getByTestId('projector-questions')).not.toContainText(q.bart);
  await expect(projector.getByTestId('projector-questions')).toContainText('hoort niet bij deze vraag');
  await expect(dina.getByTestId('phone-questions')).not.toContainText(q.bart);
  // QA6: the console's moderation log (folded under the list) has the hide, with its reason, never the text.
  const log = facilitator.getByTestId('question-board').getByTestId('moderation-log');
  await expect(log.getByTestId('moderation-log-count')).toHaveText('1');
  await log.locator('summary').click();
  await expect(log.getByTestId('moderation-log-line')).toHaveText([/^Eén vraag verborgen — /]);
  await expect(log).not.toContainText(q.bart);

  // A11Y: the new screens pass axe (WCAG 2.2 AA) with a question answered and one hidden.
  await expectNoAxeViolations(dina, { page: 'phone', state: 'questions', language: 'nl-BE' });
  await expectNoAxeViolations(facilitator, { page: 'console', state: 'questions', language: 'nl-BE' });
  await expectNoAxeViolations(projector, { page: 'projector', state: 'questions', language: 'nl-BE' });

  await shot(dina, 'questions-phone');
  await shot(an, 'questions-phone-asker');
  await shot(facilitator, 'questions-console');
  await shot(projector, 'questions-projector');

  // Undo: not answered after all; Chris's question is back on top with its 3 votes.
  await consoleQuestion(facilitator, q.chris).getByTestId('question-answer').click();
  await expect(projectorItems(projector).first()).toContainText(q.chris);
  await expect(projectorItems(projector).first()).toHaveAttribute('data-answered', 'false');
  await expect(phoneQuestion(bart, q.chris).getByTestId('question-vote')).toBeVisible();

  for (const page of [an, bart, chris, dina]) await page.context().close();
  await facilitator.context().close();
});
