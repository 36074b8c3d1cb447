import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signInContext } from './accounts.ts';
import { newPhone } from './phones.ts';
import { ServerProcess } from './server-process.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

/** People's names as they typed them when joining: no export may hold them (A1). */
const NAMES = ['Anneleen Peeters', 'Bavo Janssens', 'Chloë Wouters'];
const QUESTION = 'Op welk thema moet Welzijnszorg Kempen inzetten?';
const PAIN_QUESTION = 'Wat knelt er vandaag in de samenwerking?';
const ENTRIES = ['De facturen komen altijd te laat', 'Niemand weet wie er beslist', 'Te weinig personeel'];

async function joinedWithName(browser: Browser, code: string, zone: string, name: string): Promise<Page> {
  const page = await newPhone(browser, server.url);
  await page.goto(`/j/${code}`);
  await page
    .getByTestId('zone-option')
    .and(page.getByLabel(zone, { exact: true }))
    .check();
  await page.getByTestId('participant-name').fill(name);
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('round-status')).toHaveAttribute('data-state', 'waiting');
  return page;
}

/** Picks a format in the console's export panel, exports, and returns the saved file's name and text. */
async function exportAs(console_: Page, format: 'md' | 'json'): Promise<{ name: string; text: string }> {
  const panel = console_.getByTestId('export-panel');
  await panel.getByTestId(`export-format-${format}`).check();
  const [download] = await Promise.all([
    console_.waitForEvent('download', { timeout: 30_000 }),
    panel.getByTestId('export-button').click(),
  ]);
  await expect(panel.getByTestId('export-status')).toHaveAttribute('data-phase', 'done');
  await expect(panel.getByTestId('export-status')).toContainText(download.suggestedFilename());
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

const shotsDir = process.env.SCREENSHOTS === '1' ? 'docs/screenshots' : process.env.SCREENSHOTS;

test('export: a short session with three named phones, exported from the console as JSON and Markdown', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const desk = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 900 } });
  await signInContext(desk);
  const console_ = await desk.newPage();
  await console_.goto('/new');
  await console_.getByTestId('session-title').fill('Werkgroep Kempen: verslag');
  // The shortest release interval there is (core AN21).
  await console_.getByTestId('session-release-every').fill('10');
  await console_.getByTestId('session-create').click();
  await expect(console_).toHaveURL(/\/console\//);
  const code = (await console_.getByTestId('join-code').innerText()).replace(/[\s-]/g, '');

  const phones = await Promise.all([
    joinedWithName(browser, code, 'Neteland', NAMES[0]!),
    joinedWithName(browser, code, 'Neteland', NAMES[1]!),
    joinedWithName(browser, code, 'RIT', NAMES[2]!),
  ]);

  // A single-choice vote (the form's default themes): two for Opgroeien, one for Tewerkstelling.
  await console_.getByTestId('round-question').fill(QUESTION);
  await console_.getByTestId('round-create').click();
  const vote = console_.getByTestId('round-item').first();
  await vote.getByTestId('round-open').click();
  for (const [i, p] of phones.entries()) {
    await expect(p.getByTestId('round-status')).toHaveAttribute('data-state', 'open');
    await p
      .getByTestId('vote-option')
      .filter({ hasText: i < 2 ? 'Opgroeien' : 'Tewerkstelling' })
      .click();
    // Stored in a batch of k = 3 people (AN13): the first two wait as received until the third votes.
    await expect(p.getByTestId('vote-status')).toHaveAttribute('data-state', i < 2 ? 'received' : 'sent');
  }
  for (const p of phones) await expect(p.getByTestId('vote-status')).toHaveAttribute('data-state', 'sent');
  await expect(vote.getByTestId('ballot-count')).toHaveText('3');
  await vote.getByTestId('round-close').click();
  await expect(vote).toHaveAttribute('data-status', 'closed');

  // A pain-point round: one entry per phone, released together in the next batch.
  await console_.getByTestId('round-question').fill(PAIN_QUESTION);
  await console_.getByTestId('round-kind-pain-points').check();
  await console_.getByTestId('round-options').fill('');
  await console_.getByTestId('round-create').click();
  const pains = console_.getByTestId('round-item').nth(1);
  await pains.getByTestId('round-open').click();
  for (const [i, p] of phones.entries()) {
    await expect(p.getByTestId('pain-text')).toBeVisible();
    await p.getByTestId('pain-text').fill(ENTRIES[i]!);
    await p.getByTestId('pain-send').click();
    // Received; the third person's entry completes a batch, released at the next tick (maybe at once).
    await expect(p.getByTestId('own-point').filter({ hasText: ENTRIES[i]! })).toHaveAttribute(
      'data-state',
      i < 2 ? 'received' : /^(received|on-wall)$/,
    );
  }
  await expect(console_.getByTestId('wall-point')).toHaveCount(ENTRIES.length, { timeout: 15_000 });
  for (const [i, p] of phones.entries()) {
    await expect(p.getByTestId('own-point').filter({ hasText: ENTRIES[i]! })).toHaveAttribute('data-state', 'on-wall');
  }

  const panel = console_.getByTestId('export-panel');
  await expect(panel).toContainText('geen namen');
  await expect(panel.getByRole('radio')).toHaveCount(5);

  const json = await exportAs(console_, 'json');
  expect(json.name).toMatch(/^werkgroep-kempen-verslag(-\d{4}-\d{2}-\d{2})?\.json$/);
  const doc = JSON.parse(json.text) as {
    rounds: { question: string; results?: { options: { label: string; value: number }[] }; themes?: unknown }[];
  };
  expect(doc.rounds.map((r) => r.question)).toEqual([QUESTION, PAIN_QUESTION]);
  const values = Object.fromEntries((doc.rounds[0]?.results?.options ?? []).map((o) => [o.label, o.value]));
  expect(values).toMatchObject({ Opgroeien: 2, Tewerkstelling: 1 });
  for (const entry of ENTRIES) expect(json.text).toContain(entry);
  for (const name of NAMES) expect(json.text).not.toContain(name);
  if (shotsDir) await panel.screenshot({ path: `${shotsDir}/export-panel.png` });

  const md = await exportAs(console_, 'md');
  expect(md.name).toMatch(/\.md$/);
  expect(md.text).toContain(QUESTION);
  expect(md.text).toContain(PAIN_QUESTION);
  for (const entry of ENTRIES) expect(md.text).toContain(entry);
  expect(md.text).toMatch(/Opgroeien[^\n]*\b2\b/);
  for (const name of NAMES) expect(md.text).not.toContain(name);
});
