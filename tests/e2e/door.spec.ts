import { expect, test } from '@playwright/test';
import { newConsole } from './console.ts';
import { joinedPhone, newPhone } from './phones.ts';
import { ServerProcess } from './server-process.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

test('the facilitator closes the door; a new phone waits until let in, a known phone gets back in (DO1, DO2, DO4, DO5)', async ({
  browser,
}) => {
  const { page: console, code } = await newConsole(browser, server.url, 'Deur dicht');
  const door = console.getByTestId('door-panel');
  const early = await joinedPhone(browser, server.url, code, 'Neteland');

  // The keyboard closes the door.
  await door.getByRole('button', { name: 'Deur dicht' }).focus();
  await console.keyboard.press('Enter');
  await expect(door.getByTestId('door-state')).toHaveText('dicht');
  await expect(door.getByTestId('door-waiting')).toHaveText('Niemand wacht aan de deur.');

  // A latecomer joins: not refused, not in; its phone says the facilitator lets it in soon.
  const late = await newPhone(browser, server.url);
  await late.goto(`/j/${code}`);
  await late
    .getByTestId('zone-option')
    .and(late.getByLabel('RIT', { exact: true }))
    .check();
  await late.getByTestId('join-submit').click();
  await expect(late.getByTestId('at-the-door')).toHaveAttribute('data-reason', 'facilitator');
  await expect(late.getByRole('heading', { name: 'De begeleider laat je zo binnen' })).toBeVisible();

  // The console counts it per zone, and only there.
  await expect(door.getByTestId('door-waiting')).toHaveText('1 telefoon wacht om binnen te komen.');
  await expect(door.getByTestId('door-zone')).toHaveCount(1);
  await expect(door.getByTestId('door-zone')).toHaveAttribute('data-zone', 'RIT');

  // A phone that was in before gets back in with the door closed (a reload resumes it).
  await early.reload();
  await expect(early.getByTestId('round-status')).toHaveAttribute('data-state', 'waiting');

  // Letting RIT in: the waiting phone moves on by itself.
  await door.getByRole('button', { name: 'Binnenlaten (1 uit RIT)' }).click();
  await expect(late.getByTestId('round-status')).toHaveAttribute('data-state', 'waiting');
  await expect(late.getByTestId('at-the-door')).toHaveCount(0);
  await expect(door.getByTestId('door-waiting')).toHaveText('Niemand wacht aan de deur.');
  await expect(console.getByTestId('joined-count')).toHaveText('2');

  // Both vote in the next round: received (two people make no batch of three, AN13).
  await console.getByTestId('round-question').fill('Gaan we verder?');
  await console.getByTestId('round-create').click();
  await console.getByTestId('round-item').first().getByTestId('round-open').click();
  for (const phone of [early, late]) {
    await expect(phone.getByTestId('round-status')).toHaveAttribute('data-state', 'open');
    await phone.getByTestId('vote-option').first().click();
    await expect(phone.getByTestId('vote-status')).toHaveAttribute('data-state', 'received');
  }

  // Opening the door again, with the expected number set to the two who are in (DO2): a third phone waits.
  await door.getByRole('button', { name: 'Deur open' }).click();
  await expect(door.getByTestId('door-state')).toHaveText('open');
  await console.getByTestId('settings-open').click();
  await console.getByLabel('Verwacht aantal deelnemers (niet verplicht)').fill('2');
  await console.getByTestId('settings-save').click();
  await expect(door.getByTestId('door-expected')).toHaveText('Verwacht: 2 deelnemers.');
  const third = await newPhone(browser, server.url);
  await third.goto(`/j/${code}`);
  await third
    .getByTestId('zone-option')
    .and(third.getByLabel('Baldemore', { exact: true }))
    .check();
  await third.getByTestId('join-submit').click();
  await expect(third.getByTestId('at-the-door')).toBeVisible();
  await expect(door.getByTestId('door-waiting')).toHaveText('1 telefoon wacht om binnen te komen.');
  await door.getByRole('button', { name: 'Iedereen binnenlaten' }).click();
  await expect(third.getByTestId('round-status')).toHaveAttribute('data-state', 'open');
  await expect(console.getByTestId('joined-count')).toHaveText('3');
});
