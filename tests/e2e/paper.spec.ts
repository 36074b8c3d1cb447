import { expect, test, type Browser, type Page } from '@playwright/test';
import { openProjector } from './console.ts';
import { joinedPhone } from './phones.ts';
import { ServerProcess } from './server-process.ts';
import { signInContext } from './accounts.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

/**
 * The one place this spec creates a session (through /new, like voting.spec.ts): when sessions move to
 * accounts, only this changes. Returns the console, the projector opened from it, and the join code.
 */
async function createSession(
  browser: Browser,
  title: string,
): Promise<{ facilitator: Page; projector: Page; code: string }> {
  const desk = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 900 } });
  await signInContext(desk);
  const facilitator = await desk.newPage();
  await facilitator.goto('/new');
  await facilitator.getByTestId('session-title').fill(title);
  await facilitator.getByTestId('session-create').click();
  await expect(facilitator).toHaveURL(/\/console\//);
  const code = (await facilitator.getByTestId('join-code').innerText()).replace(/[\s-]/g, '');
  const projector = await openProjector(facilitator);
  return { facilitator, projector, code };
}

async function createRound(facilitator: Page, question: string, kind?: string): Promise<void> {
  await facilitator.getByTestId('round-question').fill(question);
  if (kind) await facilitator.getByTestId(`round-kind-${kind}`).check();
  await facilitator.getByTestId('round-create').click();
  const round = facilitator.getByTestId('round-item').filter({ hasText: question });
  await round.getByTestId('round-open').click();
  await expect(round).toHaveAttribute('data-status', 'open');
}

test('paper ballots typed in on the console count with the phones, and say so only as a count', async ({ browser }) => {
  test.setTimeout(120_000);
  const { facilitator, projector, code } = await createSession(browser, 'Werkgroep papieren invoer');
  // Three phones: ballots are stored and counted in batches of k = 3 people (AN13); paper adds none to k.
  const [anna, bert, chris] = await Promise.all([
    joinedPhone(browser, server.url, code, 'Neteland'),
    joinedPhone(browser, server.url, code, 'Neteland'),
    joinedPhone(browser, server.url, code, 'Baldemore'),
  ]);

  await createRound(facilitator, 'Op welk thema moet Welzijnszorg Kempen inzetten?');
  const round = facilitator.getByTestId('round-item').first();
  await anna.getByTestId('vote-option').filter({ hasText: 'Opgroeien' }).click();
  await expect(anna.getByTestId('vote-status')).toHaveAttribute('data-state', 'received');

  // Two paper forms from RIT: the zone stays for the second sheet, the ballot starts empty.
  const panel = facilitator.getByTestId('paper-panel');
  await expect(panel.getByTestId('paper-saved')).toHaveText('0 papieren stemmen ingevoerd');
  await panel.getByTestId('paper-save').click();
  await expect(panel.getByTestId('paper-problem')).toHaveText('Kies eerst de zone van het formulier.');
  await panel.getByLabel('Zone').selectOption({ label: 'RIT' });
  await panel.getByLabel('Gemeente').selectOption({ label: 'Turnhout' });
  await panel.getByTestId('paper-save').click();
  await expect(panel.getByTestId('paper-problem')).toHaveText('Beantwoord minstens één vraag.');
  await panel.getByTestId('vote-option').filter({ hasText: 'Opgroeien' }).click();
  await expect(panel.getByTestId('vote-option').filter({ hasText: 'Opgroeien' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await panel.getByTestId('paper-save').click();
  await expect(panel.getByTestId('paper-saved')).toHaveText('1 papieren stem ingevoerd');
  await expect(panel.getByLabel('Zone')).toHaveValue(/.+/);
  await expect(panel.getByLabel('Gemeente')).toHaveValue('');
  await expect(panel.getByTestId('vote-option').filter({ hasText: 'Opgroeien' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await panel.getByTestId('vote-option').filter({ hasText: 'Tewerkstelling' }).click();
  await panel.getByTestId('paper-save').click();
  await expect(panel.getByTestId('paper-saved')).toHaveText('2 papieren stemmen ingevoerd');
  await expect(panel.getByTestId('paper-pending')).toHaveCount(0);
  // Received, not stored: the paper ballots wait for the phones' next batch, and no count moves.
  await expect(panel.getByTestId('paper-received')).toHaveAttribute('data-count', '2');
  await expect(round.getByTestId('ballot-count')).toHaveText('0');

  // Two more phones make a batch of three people: it is stored with the two paper ballots.
  await bert.getByTestId('vote-option').filter({ hasText: 'Opgroeien' }).click();
  await expect(bert.getByTestId('vote-status')).toHaveAttribute('data-state', 'received');
  await chris.getByTestId('vote-option').filter({ hasText: 'Ouder worden' }).click();
  await expect(chris.getByTestId('vote-status')).toHaveAttribute('data-state', 'sent');
  await expect(anna.getByTestId('vote-status')).toHaveAttribute('data-state', 'sent');
  await expect(panel.getByTestId('paper-received')).toHaveCount(0);
  await expect(panel.getByTestId('paper-saved')).toHaveText('2 papieren stemmen ingevoerd');
  await expect(round.getByTestId('ballot-count')).toHaveText('5');
  await expect(round.getByTestId('paper-count')).toHaveText('waarvan 2 op papier');

  // While open the room sees no paper count (PA5); after close and reveal it does.
  await expect(projector.getByTestId('projector-responses')).toHaveAttribute('data-count', '5');
  await expect(projector.getByTestId('paper-count')).toHaveCount(0);
  await round.getByTestId('round-close').click();
  await expect(round).toHaveAttribute('data-status', 'closed');
  await expect(panel).toHaveCount(0);
  await round.getByTestId('round-reveal').click();
  await expect(projector.getByTestId('projector-responses')).toHaveAttribute('data-count', '5');
  await expect(projector.getByTestId('paper-count')).toHaveText('waarvan 2 op papier');
  await expect(anna.getByTestId('phone-results').getByTestId('paper-count')).toHaveText('waarvan 2 op papier');
});

test('a pain point from paper reaches the wall with the phones’ entries at close', async ({ browser }) => {
  test.setTimeout(120_000);
  const { facilitator, projector } = await createSession(browser, 'Werkgroep papieren knelpunten');
  await createRound(facilitator, 'Wat knelt er in de samenwerking?', 'pain-points');

  const panel = facilitator.getByTestId('paper-panel');
  const text = 'Vervoer naar de dagcentra ontbreekt op het platteland';
  await panel.getByLabel('Knelpunt zoals op het papier').fill(text);
  await expect(panel.getByTestId('paper-counter')).toHaveText(`${text.length} van 280 tekens`);
  await panel.getByLabel('Thema').selectOption({ index: 1 });
  await panel.getByTestId('paper-save').click();
  await expect(panel.getByTestId('paper-saved')).toHaveText('1 papieren knelpunt ingevoerd');
  await expect(panel.getByTestId('paper-received')).toHaveAttribute('data-count', '1');
  await expect(panel.getByLabel('Knelpunt zoals op het papier')).toHaveValue('');
  await expect(panel.getByLabel('Knelpunt zoals op het papier')).toBeFocused();

  // Alone it waits for a batch; closing releases it onto every wall.
  await expect(projector.getByTestId('projector-point')).toHaveCount(0);
  const round = facilitator.getByTestId('round-item').first();
  await round.getByTestId('round-close').click();
  await expect(projector.getByTestId('projector-point').filter({ hasText: text })).toBeVisible({ timeout: 10_000 });
  await expect(facilitator.getByTestId('wall-point').filter({ hasText: text })).toBeVisible();
});

test('QA7 a question from paper joins the question list like the phones’, with no mark of paper', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { facilitator, projector } = await createSession(browser, 'Infoavond zonder smartphone');
  await createRound(facilitator, 'Wat wil je de schepen vragen?', 'questions');

  const panel = facilitator.getByTestId('paper-panel');
  await expect(panel).toContainText('vragen');
  const text = 'Komt er een zitbank aan de bushalte?';
  await panel.getByLabel('Vraag zoals op het papier').fill(text);
  // A question round has no themes to pick.
  await expect(panel.getByTestId('paper-theme')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Bewaar vraag' }).click();
  await expect(panel.getByTestId('paper-saved')).toHaveText('1 papieren vraag ingevoerd');
  await expect(panel.getByTestId('paper-received')).toHaveAttribute('data-count', '1');
  await expect(panel.getByLabel('Vraag zoals op het papier')).toHaveValue('');

  // Alone it waits for a batch; closing releases it into the list on the console and the projector.
  await expect(projector.getByTestId('projector-question-item')).toHaveCount(0);
  await facilitator.getByTestId('round-item').first().getByTestId('round-close').click();
  await expect(projector.getByTestId('projector-question-item').filter({ hasText: text })).toBeVisible({
    timeout: 10_000,
  });
  const question = facilitator.getByTestId('console-question').filter({ hasText: text });
  await expect(question).toBeVisible();
  await expect(question).not.toContainText('papier');
});
