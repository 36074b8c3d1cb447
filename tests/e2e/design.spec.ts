import { expect, test, type Page } from '@playwright/test';
import { ServerProcess } from './server-process.ts';
import { signInContext } from './accounts.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

/**
 * The one place this spec makes a session: /new from the built-in template, landing on the console.
 * (When sign-in arrives, it goes here.)
 */
async function createFromTemplate(page: Page): Promise<void> {
  await page.goto('/new');
  // The button says what it does: the session is made in preparation, nothing starts yet (LC1).
  await expect(page.getByTestId('session-create')).toHaveText('Sessie aanmaken');
  // A try without a title, then a template: the template fills in the title, so the old error goes.
  await page.getByTestId('session-create').click();
  await expect(page.getByText('Geef de sessie een titel.')).toBeVisible();
  await page.getByTestId('template-kempen-welzijn').check();
  await expect(page.getByText('Geef de sessie een titel.')).toHaveCount(0);
  await expect(page.getByTestId('template-chosen')).toContainText('5 vragen');
  await expect(page.getByTestId('session-title')).toHaveValue('Toekomstvisie Welzijnszorg Kempen');
  await expect(page.getByTestId('session-zones-count')).toHaveText('5 zones, 27 gemeenten');
  await page.getByTestId('session-date').fill('2026-03-12');
  await page.getByTestId('session-create').click();
  await expect(page).toHaveURL(/\/console\//);
}

const items = (page: Page) => page.getByTestId('round-item');
const questions = (page: Page) => items(page).locator('h3');

test('a session from the built-in template: its agenda on the console, drafts edited, moved, duplicated, deleted', async ({
  browser,
}) => {
  const desk = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  await signInContext(desk);
  const page = await desk.newPage();
  await createFromTemplate(page);

  // DE9: the template's agenda is there as drafts, in its order.
  await expect(questions(page)).toHaveText([
    /pijnpunten/,
    /thema’s/,
    /uitgangspunten/,
    /Standpunttekst/,
    'Kon je vandaag vrijuit spreken?',
  ]);
  await expect(items(page).and(page.locator('[data-status="draft"]'))).toHaveCount(5);

  // Move the closing pulse up one (keyboard: focus the button, press Enter).
  const pulse = items(page).nth(4);
  await pulse.getByTestId('round-move-up').focus();
  await page.keyboard.press('Enter');
  await expect(questions(page).nth(3)).toHaveText('Kon je vandaag vrijuit spreken?');
  await expect(items(page).nth(3).getByTestId('agenda-status')).toHaveText('Verplaatst naar plaats 4.');

  // Edit the theme vote: a new question and a bigger budget, through the round form.
  const vote = items(page).nth(1);
  await vote.getByTestId('round-edit').click();
  const form = vote.getByTestId('round-edit-form');
  await expect(form.getByRole('heading', { name: 'Vraag bewerken' })).toBeVisible();
  await expect(form.locator('textarea[id$="-options"]')).toHaveValue(/Opgroeien\n/);
  await form.locator('input[id$="-question"]').fill('Welke drie thema’s eerst?');
  await form.locator('input[id$="-budget"]').fill('4');
  await form.getByRole('button', { name: 'Bewaren' }).click();
  await expect(questions(page).nth(1)).toHaveText('Welke drie thema’s eerst?');
  await expect(vote.getByTestId('round-edit-form')).toHaveCount(0);
  await expect(vote.getByTestId('round-edit')).toBeFocused();

  // Duplicate it: a draft copy right after it.
  await items(page).nth(1).getByTestId('round-duplicate').click();
  await expect(items(page)).toHaveCount(6);
  await expect(questions(page).nth(2)).toHaveText('Welke drie thema’s eerst?');

  // Delete the copy, after a confirm; "Nee" keeps it.
  const copy = items(page).nth(2);
  await copy.getByTestId('round-delete').click();
  await expect(copy.getByTestId('round-delete-no')).toBeFocused();
  await copy.getByTestId('round-delete-no').click();
  await expect(items(page)).toHaveCount(6);
  await copy.getByTestId('round-delete').click();
  await copy.getByTestId('round-delete-yes').click();
  await expect(items(page)).toHaveCount(5);
  await expect(page.locator('#agenda-heading')).toBeFocused();

  // All of it is on the server: a reload shows the same agenda.
  await page.reload();
  await expect(questions(page)).toHaveText([
    /pijnpunten/,
    'Welke drie thema’s eerst?',
    /uitgangspunten/,
    'Kon je vandaag vrijuit spreken?',
    /Standpunttekst/,
  ]);
  // Sessie-instellingen: details and k change; zones too, as nobody has joined yet.
  await page.getByTestId('settings-open').click();
  await expect(page.locator('#settings-title')).toBeFocused();
  await expect(page.getByTestId('settings-date')).toHaveValue('2026-03-12');
  await page.getByTestId('settings-description').fill('Derde sessie: de standpunttekst.');
  await page.getByTestId('settings-threshold').fill('4');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('session-description')).toHaveText('Derde sessie: de standpunttekst.');
  await expect(page.getByTestId('session-settings')).toContainText('Kleinste groep: 4');
  await expect(page.getByTestId('settings-open')).toBeFocused();

  // An open round cannot be edited or deleted, but still moves and duplicates.
  await items(page).nth(0).getByTestId('round-open').click();
  await expect(items(page).nth(0)).toHaveAttribute('data-status', 'open');
  await expect(items(page).nth(0).getByTestId('round-edit')).toHaveCount(0);
  await expect(items(page).nth(0).getByTestId('round-delete')).toHaveCount(0);
  await expect(items(page).nth(0).getByTestId('round-move-down')).toBeEnabled();
  await desk.close();
});

test('DE9 a template picked on a slow line before /new is live fills the form once it is', async ({ browser }) => {
  const desk = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  await signInContext(desk);
  const page = await desk.newPage();
  // The page's scripts come late, as on a slow line; the server's markup is there at once.
  let release: () => void = () => undefined;
  const late = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_app/immutable/**/*.js', async (route) => {
    await late;
    await route.continue();
  });
  await page.goto('/new', { waitUntil: 'domcontentloaded' });
  await page.getByTestId('template-kempen-welzijn').check();
  // Not live yet: the create button waits for the page's script.
  await expect(page.getByTestId('session-create')).toBeDisabled();
  release();
  await expect(page.getByTestId('session-create')).toBeEnabled();
  await expect(page.getByTestId('template-chosen')).toContainText('5 vragen');
  await expect(page.getByTestId('session-title')).not.toHaveValue('');
});
