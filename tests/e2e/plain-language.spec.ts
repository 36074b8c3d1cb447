import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { newConsole } from './console.ts';
import { EveryKindSession, PHONE_ZONE, type RoundKey } from './every-kind.ts';
import { expectTappable, pageErrors } from './fit.ts';
import { joinWith, newPhone } from './phones.ts';
import { ServerProcess } from './server-process.ts';

/*
 * Klare taal (core KT1-KT9) on a 360 px phone: a session in plain language shows each round's plain
 * wording first with the facilitator's beneath (every kind, written in the console's round form too),
 * faces beside agreement levels, a "Lees voor" button that speaks in the page's language, targets of at
 * least 44 px and a scale one statement at a time.
 */
const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

const KEYS: RoundKey[] = ['single', 'scale', 'gradients'];
const PLAIN_QUESTIONS = ['Wat moet eerst?', 'Hoe snel moet dit?', 'Ben je het eens?'];
/** The fourth is left empty: the phone falls back to the original ("Tewerkstelling"). */
const PLAIN_OPTIONS = [
  'Kinderen en jongeren',
  'Oudere mensen',
  'Iedereen telt mee',
  '',
  'Gezondheid',
  'Een goed huis',
  'Je goed voelen in je hoofd',
  'Hulp krijgen',
];

declare global {
  interface Window {
    spoken?: { text: string; lang: string }[];
  }
}

async function expectAtLeast44(target: Locator): Promise<void> {
  await expectTappable(target);
  const box = await target.boundingBox();
  expect(box?.height, `${String(target)} is at least 44 px high`).toBeGreaterThanOrEqual(44);
  expect(box?.width, `${String(target)} is at least 44 px wide`).toBeGreaterThanOrEqual(44);
}

async function plainPhone(page: Page, joinCode: string): Promise<void> {
  // What the browser would say, recorded instead of spoken; nothing leaves the page.
  await page.addInitScript(() => {
    window.spoken = [];
    window.speechSynthesis.speak = (utterance) =>
      void window.spoken!.push({ text: utterance.text, lang: utterance.lang });
  });
  await joinWith(page, joinCode, PHONE_ZONE);
}

/** What "Lees voor" said last. */
async function lastSpoken(page: Page): Promise<string | undefined> {
  return page.evaluate(() => window.spoken?.at(-1)?.text);
}

/** A session in plain language of rounds `keys`, each with plain wording (`questions` by round, PLAIN_OPTIONS). */
function plainSession(title: string, keys: RoundKey[], questions: string[]): Promise<EveryKindSession> {
  return EveryKindSession.create(server.url, title, keys, 'nl-BE', (design) => ({
    ...design,
    settings: { ...design.settings!, plainLanguage: true },
    agenda: design.agenda!.map((round, i) => ({
      ...round,
      plain: { question: questions[i]!, options: PLAIN_OPTIONS.slice(0, round.options.length) },
    })),
  }));
}

/** The round's question as the phone shows it in plain language: the plain one, the original beneath. */
async function expectPlainQuestion(page: Page, plain: string, original: string): Promise<void> {
  await expect(page.getByTestId('round-question')).toHaveText(plain);
  await expect(page.getByTestId('round-original-question')).toHaveText(original);
}

test('KT3-KT6 a phone in plain language: plain wording first, read aloud, faces, 44 px, one statement at a time', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const session = await plainSession('Klare taal', KEYS, PLAIN_QUESTIONS);
  const page = await newPhone(browser, server.url);
  const errors = pageErrors(page);
  await plainPhone(page, session.joinCode);

  // KT3: the plain question first (large), the facilitator's below; each option plain first, original beneath.
  await session.open('single');
  await expectPlainQuestion(page, 'Wat moet eerst?', 'Welk thema eerst?');
  const size = (l: Locator) => l.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(await size(page.getByTestId('round-question'))).toBeGreaterThan(
    await size(page.getByTestId('round-original-question')),
  );
  const options = page.getByTestId('vote-option');
  await expect(options).toHaveCount(8);
  await expect(options.first()).toContainText('Kinderen en jongeren');
  await expect(options.first().getByTestId('option-original')).toHaveText('Opgroeien');
  await expect(options.nth(3)).toContainText('Tewerkstelling');
  await expect(options.nth(3).getByTestId('option-original')).toHaveCount(0);

  // KT4: "Lees voor" speaks the plain question and options in the page's language; again stops.
  const readAloud = page.getByTestId('read-aloud');
  await expect(readAloud).toHaveText(/Lees voor/);
  await readAloud.click();
  await expect(readAloud).toHaveText(/Stop met voorlezen/);
  const spoken = await page.evaluate(() => window.spoken);
  expect(spoken).toHaveLength(1);
  expect(spoken![0]!.lang).toBe('nl-BE');
  expect(spoken![0]!.text).toMatch(/^Wat moet eerst\? Kinderen en jongeren\. Oudere mensen\./);
  expect(spoken![0]!.text).toContain('Tewerkstelling.');
  await readAloud.click();
  await expect(readAloud).toHaveText(/Lees voor/);

  // KT6: every target at least 44 px.
  await expectAtLeast44(readAloud);
  for (const option of await options.all()) await expectAtLeast44(option);

  // KT6: a scale shows one statement at a time, like an agreement check.
  await session.open('scale');
  await expect(page.getByTestId('round-question')).toHaveText('Hoe snel moet dit?');
  await expect(page.getByTestId('level-group')).toHaveCount(1);
  await expect(page.getByTestId('statement-progress')).toHaveText('Uitspraak 1 van 8');
  await expect(page.getByTestId('level-group')).toContainText('Kinderen en jongeren');
  for (const level of await page.locator('label.level').all()) await expectAtLeast44(level);
  await expectAtLeast44(page.getByTestId('statement-next'));
  await expect(page.getByTestId('level-face')).toHaveCount(0);

  // KT5: on an agreement check every level has a face beside its words (hidden from screen readers).
  await session.open('gradients');
  await expect(page.getByTestId('round-question')).toHaveText('Ben je het eens?');
  const faces = page.getByTestId('level-face');
  await expect(faces).toHaveCount(8);
  for (const face of await faces.all()) await expect(face).toHaveAttribute('aria-hidden', 'true');
  await expect(page.getByRole('radio', { name: 'Volmondig akkoord' })).toBeVisible();
  expect(errors).toEqual([]);
  session.dispose();
});

test('KT2 KT3 the facilitator writes the plain wording in the console’s round form; a phone shows it first, the original beneath', async ({
  browser,
}) => {
  const { page: desk, code } = await newConsole(browser, server.url, 'Klare taal uit de console', {
    plainLanguage: true,
  });
  const page = await newPhone(browser, server.url);
  const errors = pageErrors(page);
  await plainPhone(page, code);

  await desk.getByTestId('round-question').fill('Welke herinrichting van de schoolomgeving verkiest u?');
  await desk.getByTestId('round-options').fill('Fietsstraat\nSchoolstraat\nZone 30');
  await desk.getByTestId('round-plain').locator('summary').click();
  await desk.getByTestId('round-plain-question').fill('Wat wil je voor de straat aan de school?');
  const plainOptions = desk.getByTestId('round-plain-option');
  await expect(plainOptions).toHaveCount(3);
  await plainOptions.nth(0).fill('Fietsers gaan voor');
  await plainOptions.nth(1).fill('Geen auto’s als de school begint en eindigt');
  // The third stays empty: the phone shows the facilitator's "Zone 30".
  await desk.getByTestId('round-create').click();
  const item = desk.getByTestId('round-item').first();
  await item.getByTestId('round-open').click();

  await expectPlainQuestion(
    page,
    'Wat wil je voor de straat aan de school?',
    'Welke herinrichting van de schoolomgeving verkiest u?',
  );
  const options = page.getByTestId('vote-option');
  await expect(options).toHaveCount(3);
  await expect(options.nth(0)).toContainText('Fietsers gaan voor');
  await expect(options.nth(0).getByTestId('option-original')).toHaveText('Fietsstraat');
  await expect(options.nth(1)).toContainText('Geen auto’s als de school begint en eindigt');
  await expect(options.nth(1).getByTestId('option-original')).toHaveText('Schoolstraat');
  await expect(options.nth(2)).toHaveText(/Zone 30/);
  await expect(options.nth(2).getByTestId('option-original')).toHaveCount(0);
  await page.getByTestId('read-aloud').click();
  expect(await lastSpoken(page)).toBe(
    'Wat wil je voor de straat aan de school? Fietsers gaan voor. Geen auto’s als de school begint en eindigt. Zone 30.',
  );
  // KT3: the console keeps the facilitator's wording.
  await expect(item).toContainText('Welke herinrichting van de schoolomgeving verkiest u?');
  await expect(item).not.toContainText('Wat wil je voor de straat aan de school?');
  expect(errors).toEqual([]);
});

test('KT8 KT9 a phone in plain language: a ranking, a pain-point round and a position text show the plain wording first, the original beneath', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const session = await plainSession(
    'Klare taal, alle soorten',
    ['ranking', 'pain', 'text'],
    ['Wat is het belangrijkst?', 'Wat loopt er mis?', 'Wat vinden we samen?'],
  );
  const page = await newPhone(browser, server.url);
  const errors = pageErrors(page);
  await plainPhone(page, session.joinCode);
  const axe = (state: string) =>
    expectNoAxeViolations(page, { page: 'phone in plain language', state, language: 'nl-BE' });

  // KT9: a ranking: each plain label with the original beneath; the buttons name the plain label.
  await session.open('ranking');
  await expectPlainQuestion(page, 'Wat is het belangrijkst?', 'Zet de thema’s in jouw volgorde');
  const items = page.getByTestId('rank-item');
  await expect(items).toHaveCount(8);
  await expect(items.first()).toContainText('Kinderen en jongeren');
  await expect(items.first().getByTestId('option-original')).toHaveText('Opgroeien');
  await expect(items.nth(3).getByTestId('option-original')).toHaveCount(0);
  await page.getByRole('button', { name: 'Kinderen en jongeren één plaats omlaag' }).click();
  await expect(items.nth(1)).toContainText('Kinderen en jongeren');
  await expect(
    page.getByRole('status').filter({ hasText: 'Kinderen en jongeren staat nu op plaats 2.' }),
  ).toBeAttached();
  await axe('ranking');

  // KT8: a pain-point round: the plain question, "Lees voor" with the themes, a card per theme.
  await session.open('pain');
  await expectPlainQuestion(page, 'Wat loopt er mis?', 'Welke pijnpunten zie je?');
  await page.getByTestId('read-aloud').click();
  expect(await lastSpoken(page)).toMatch(/^Wat loopt er mis\? Kinderen en jongeren\. Oudere mensen\./);
  await expectAtLeast44(page.getByTestId('read-aloud'));
  await expect(page.getByTestId('pain-theme')).toHaveCount(0);
  const cards = page.getByTestId('pain-theme-cards').locator('label');
  await expect(cards).toHaveCount(9);
  await expect(cards.nth(1)).toContainText('Kinderen en jongeren');
  await expect(cards.nth(1).getByTestId('option-original')).toHaveText('Opgroeien');
  await expect(cards.nth(4).getByTestId('option-original')).toHaveCount(0);
  for (const card of await cards.all()) await expectAtLeast44(card);
  await cards.nth(6).click();
  await expect(page.getByTestId('pain-theme-option').nth(6)).toBeChecked();
  await page.getByTestId('pain-text').fill('Een huis huren kost te veel');
  await page.getByTestId('pain-send').click();
  const own = page.getByTestId('own-point');
  await expect(own).toContainText('Een goed huis');
  // Sent: the cards start again at "no theme".
  await expect(page.getByTestId('pain-theme-option').first()).toBeChecked();
  await axe('pain points');

  // KT8: the wall's theme headings: the plain label, the original beneath.
  await session.addAnswerers([3, 0, 0, 0, 0]);
  await session.answer('pain');
  await session.reveal('pain');
  const wall = page.getByTestId('phone-wall');
  const heading = wall.getByRole('heading', { name: /^Kinderen en jongeren/ });
  await expect(heading).toBeVisible({ timeout: 30_000 });
  await expect(heading.getByTestId('option-original')).toHaveText('Opgroeien');
  await expect(wall.getByRole('heading', { name: /^Een goed huis/ }).getByTestId('option-original')).toHaveText(
    '(Precair) wonen',
  );
  await axe('pain-point wall');

  // KT8: a position text: the plain question first, the original beneath, "Lees voor".
  await session.open('text');
  await expectPlainQuestion(page, 'Wat vinden we samen?', 'Standpunttekst');
  await page.getByTestId('read-aloud').click();
  expect(await lastSpoken(page)).toBe('Wat vinden we samen?');
  await expect(page.getByTestId('text-editor-content').first()).toBeVisible();
  await axe('position text');
  expect(errors).toEqual([]);
  session.dispose();
});
