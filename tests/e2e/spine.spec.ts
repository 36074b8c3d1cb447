import { expect, test, type Browser, type Page } from '@playwright/test';
import { newPhone } from './phones.ts';
import { ServerProcess } from './server-process.ts';
import { signInContext } from './accounts.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

const phone = (browser: Browser) => newPhone(browser, server.url);

async function join(page: Page, zone: string, name: string): Promise<void> {
  await page.getByTestId('zone-option').and(page.getByLabel(zone)).check();
  if (name) await page.getByTestId('participant-name').fill(name);
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('round-status')).toHaveAttribute('data-state', 'waiting');
}

const tallyOf = (console: Page, label: string) =>
  console.locator(`[data-testid="tally-row"][data-option-label="${label}"] [data-testid="tally-count"]`);

test('a facilitator runs a single-choice vote with three phones, through a server crash', async ({ browser }) => {
  const desk = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  await signInContext(desk);
  const facilitator = await desk.newPage();
  await facilitator.goto('/new');
  await facilitator.getByTestId('session-title').fill('Werkgroep toekomstvisie Welzijnszorg Kempen');
  await facilitator.getByTestId('session-create').click();
  await expect(facilitator).toHaveURL(/\/console\//);
  const code = (await facilitator.getByTestId('join-code').innerText()).replace(/[\s-]/g, '');
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  await expect(facilitator.getByTestId('join-qr').locator('svg')).toBeVisible();
  const joinLink = await facilitator.getByTestId('join-link').getAttribute('href');
  expect(joinLink).toContain(`/j/${code}`);

  // Three phones: one follows the QR link, one types the code on the start page, one opens /j/code.
  const [anna, bert, chris] = await Promise.all([phone(browser), phone(browser), phone(browser)]);
  await anna.goto(new URL(joinLink!, server.url).pathname);
  await bert.goto('/');
  await bert.getByRole('textbox').first().fill(code.toLowerCase());
  await bert.keyboard.press('Enter');
  await expect(bert).toHaveURL(new RegExp(`/j/${code}`));
  await chris.goto(`/j/${code}`);
  await join(anna, 'Neteland', 'Anna');
  await join(bert, 'RIT', '');
  await join(chris, 'Zuiderkempen', 'Chris');
  await expect(facilitator.getByTestId('joined-count')).toHaveText('3');
  await expect(facilitator.getByTestId('online-count')).toHaveText('3');

  // A theme vote, opened from the console.
  await facilitator.getByTestId('round-question').fill('Op welk thema moet Welzijnszorg Kempen inzetten?');
  await facilitator.getByTestId('round-create').click();
  const round = facilitator.getByTestId('round-item').first();
  await expect(round).toHaveAttribute('data-status', 'draft');
  await round.getByTestId('round-open').click();
  await expect(round).toHaveAttribute('data-status', 'open');

  for (const p of [anna, bert, chris])
    await expect(p.getByTestId('round-status')).toHaveAttribute('data-state', 'open');
  await anna.getByTestId('vote-option').filter({ hasText: 'Opgroeien' }).click();
  await bert.getByTestId('vote-option').filter({ hasText: 'Opgroeien' }).click();
  await chris.getByTestId('vote-option').filter({ hasText: 'Tewerkstelling' }).click();
  // Three people: one batch, stored and counted together (AN13).
  for (const p of [anna, bert, chris]) await expect(p.getByTestId('vote-status')).toHaveAttribute('data-state', 'sent');
  await expect(tallyOf(facilitator, 'Opgroeien')).toHaveText('2');
  await expect(tallyOf(facilitator, 'Tewerkstelling')).toHaveText('1');
  await expect(round.getByTestId('ballot-count')).toHaveText('3');

  // Anna changes her mind while the round is open: received, it waits for changes of two more people.
  const annaChoice = anna.getByTestId('vote-option').filter({ hasText: 'Ouder worden' });
  await annaChoice.click();
  await expect(anna.getByTestId('vote-status')).toHaveAttribute('data-state', 'received');
  await expect(annaChoice).toHaveAttribute('aria-pressed', 'true');
  await expect(annaChoice).toContainText('ontvangen');
  // A reload keeps the received change on the phone (it is sent again, and still waits).
  await anna.reload();
  await expect(anna.getByTestId('round-status')).toHaveAttribute('data-state', 'open');
  await expect(annaChoice).toHaveAttribute('aria-pressed', 'true');
  await expect(anna.getByTestId('vote-status')).toHaveAttribute('data-state', 'received');
  // The live count does not move for one person's change.
  await expect(tallyOf(facilitator, 'Opgroeien')).toHaveText('2');
  await expect(tallyOf(facilitator, 'Ouder worden')).toHaveText('0');

  // The server crashes, losing Anna's change from its memory; Chris votes while it is down: pending.
  await server.kill();
  for (const p of [anna, bert, chris])
    await expect(p.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
  await chris.getByTestId('vote-option').filter({ hasText: 'Opgroeien' }).click();
  await expect(chris.getByTestId('vote-status')).toHaveAttribute('data-state', 'pending');

  // It comes back on the same port: phones reconnect by themselves; Anna's phone sends her received
  // change again, Chris's its pending vote. Two people's changes: received, not counted yet.
  await server.restart();
  for (const p of [anna, bert, chris]) {
    await expect(p.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 20_000 });
  }
  await expect(chris.getByTestId('vote-status')).toHaveAttribute('data-state', 'received');
  await expect(anna.getByTestId('vote-status')).toHaveAttribute('data-state', 'received');
  await expect(annaChoice).toHaveAttribute('aria-pressed', 'true');
  await expect(facilitator.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', {
    timeout: 20_000,
  });
  await expect(tallyOf(facilitator, 'Opgroeien')).toHaveText('2');
  await expect(tallyOf(facilitator, 'Ouder worden')).toHaveText('0');
  await expect(tallyOf(facilitator, 'Tewerkstelling')).toHaveText('1');
  await expect(round.getByTestId('ballot-count')).toHaveText('3');

  // A reload keeps the phone in the session with its vote.
  await bert.reload();
  await expect(bert.getByTestId('round-status')).toHaveAttribute('data-state', 'open');
  await expect(bert.getByTestId('vote-option').filter({ hasText: 'Opgroeien' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // Closing stores what waits: both changes count, each person once, nothing lost in the crash.
  await round.getByTestId('round-close').click();
  await expect(round).toHaveAttribute('data-status', 'closed');
  for (const p of [anna, bert, chris])
    await expect(p.getByTestId('round-status')).toHaveAttribute('data-state', 'closed');
  await expect(tallyOf(facilitator, 'Opgroeien')).toHaveText('2');
  await expect(tallyOf(facilitator, 'Ouder worden')).toHaveText('1');
  await expect(tallyOf(facilitator, 'Tewerkstelling')).toHaveText('0');
  await expect(round.getByTestId('ballot-count')).toHaveText('3');
});
