import { expect, test } from '@playwright/test';
import { newConsole } from './console.ts';
import { joinedPhone, newPhone } from './phones.ts';
import { ServerProcess } from './server-process.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

const TITLE = 'Slotmoment Welzijnszorg Kempen';

test('a facilitator starts, closes and deletes a session; the phones follow (LC1-LC7)', async ({ browser }) => {
  const { page: console, code } = await newConsole(browser, server.url, TITLE);
  const panel = console.getByTestId('session-panel');
  const status = console.getByTestId('session-status');
  await expect(status).toHaveAttribute('data-status', 'draft');

  // People arrive early: a phone joins the draft session and waits.
  const phone = await joinedPhone(browser, server.url, code, 'Neteland');
  await panel.getByRole('button', { name: 'Start sessie' }).click();
  await expect(status).toHaveAttribute('data-status', 'live');
  // The room's screen, opened on the console's laptop.
  const sessionId = new URL(console.url()).pathname.split('/').pop() ?? '';
  const projector = await console.context().newPage();
  await projector.goto(`/present/${sessionId}`);
  await expect(projector.getByTestId('projector')).toBeVisible();
  await expect(projector.getByTestId('projector-ended')).toHaveCount(0);

  // A vote runs; closing the session (after a confirmation) closes it with its result.
  await console.getByTestId('round-question').fill('Komen we volgend jaar terug?');
  await console.getByTestId('round-create').click();
  const round = console.getByTestId('round-item').first();
  await round.getByTestId('round-open').click();
  await expect(phone.getByTestId('round-status')).toHaveAttribute('data-state', 'open');
  await phone.getByTestId('vote-option').first().click();
  // One person: the ballot is received and waits for others (AN13); closing stores it.
  await expect(phone.getByTestId('vote-status')).toHaveAttribute('data-state', 'received');
  await expect(round.getByTestId('ballot-count')).toHaveText('0');

  await panel.getByRole('button', { name: 'Sessie afsluiten' }).click();
  const yes = panel.getByRole('button', { name: 'Ja, afsluiten' });
  await expect(yes).toBeFocused();
  await yes.click();
  await expect(status).toHaveAttribute('data-status', 'closed');
  await expect(round).toHaveAttribute('data-status', 'closed');
  await expect(round.getByTestId('ballot-count')).toHaveText('1');
  await expect(phone.getByTestId('session-ended')).toHaveAttribute('data-kind', 'closed');
  await expect(phone.getByText('De sessie is afgelopen.')).toBeVisible();
  await expect(phone.getByText('Bedankt om mee te doen.')).toBeVisible();
  await expect(projector.getByTestId('projector-ended')).toContainText('Deze sessie is afgesloten.');

  // A latecomer opening the link sees the same, not a join form.
  const latecomer = await newPhone(browser, server.url);
  await latecomer.goto(`/j/${code}`);
  await expect(latecomer.getByTestId('session-ended')).toHaveAttribute('data-kind', 'closed');
  await expect(latecomer.getByTestId('join-submit')).toHaveCount(0);

  // Archived is read-only (LC5): the round's buttons go; taking it out of the archive brings them back.
  await expect(round.getByTestId('round-rerun')).toBeVisible();
  await panel.getByRole('button', { name: 'Archiveren' }).click();
  await expect(status).toHaveAttribute('data-status', 'archived');
  await expect(round.getByTestId('round-rerun')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Uit het archief halen' }).click();
  await expect(status).toHaveAttribute('data-status', 'closed');
  await expect(round.getByTestId('round-rerun')).toBeVisible();

  // Deleting: Escape cancels the dialog and gives focus back; the button waits for the exact title.
  const deleteButton = panel.getByRole('button', { name: 'Sessie verwijderen' });
  await deleteButton.click();
  const dialog = console.getByTestId('delete-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('kan niet ongedaan worden gemaakt')).toBeVisible();
  const input = dialog.getByLabel(/Typ de titel/);
  await expect(input).toBeFocused();
  await console.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(deleteButton).toBeFocused();

  await deleteButton.click();
  const confirm = dialog.getByRole('button', { name: 'Definitief verwijderen' });
  await input.fill(TITLE.toLowerCase());
  await expect(confirm).toBeDisabled();
  await input.fill(TITLE);
  await expect(confirm).toBeEnabled();
  await confirm.click();

  // The console goes to the start page; the phone says the session no longer exists, and keeps nothing.
  await expect(console).toHaveURL(new URL('/', server.url).href);
  await expect(phone.getByTestId('session-ended')).toHaveAttribute('data-kind', 'deleted');
  await expect(phone.getByText('Deze sessie bestaat niet meer.')).toBeVisible();
  await expect(projector.getByTestId('projector-deleted')).toBeVisible();
  await expect(projector.getByText(TITLE)).toHaveCount(0);
  const kept = await phone.evaluate(() =>
    // The e2e code is typed without the DOM; in the page, localStorage is there.
    Object.keys((globalThis as unknown as { localStorage: object }).localStorage).filter((k) =>
      k.startsWith('vrijuit:'),
    ),
  );
  expect(kept).toEqual([]);
  // The code leads nowhere any more.
  await latecomer.goto(`/j/${code}`);
  await expect(latecomer.getByTestId('session-ended')).toHaveCount(0);
  await expect(latecomer.getByRole('alert')).toBeVisible();
});
