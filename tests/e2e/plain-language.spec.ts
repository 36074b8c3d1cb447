import { expect, test, type Locator, type Page } from '@playwright/test';
import { EveryKindSession, PHONE_ZONE, type RoundKey } from './every-kind.ts';
import { expectTappable, pageErrors } from './fit.ts';
import { joinWith, newPhone } from './phones.ts';
import { ServerProcess } from './server-process.ts';

/*
 * Klare taal (core KT1-KT6) on a 360 px phone: a session in plain language shows each round's plain
 * wording first with the facilitator's beneath, faces beside agreement levels, a "Lees voor" button that
 * speaks in the page's language, targets of at least 44 px and a scale one statement at a time.
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

async function plainPhone(page: Page, session: EveryKindSession): Promise<void> {
  // What the browser would say, recorded instead of spoken; nothing leaves the page.
  await page.addInitScript(() => {
    window.spoken = [];
    window.speechSynthesis.speak = (utterance) =>
      void window.spoken!.push({ text: utterance.text, lang: utterance.lang });
  });
  await joinWith(page, session.joinCode, PHONE_ZONE);
}

test('KT3-KT6 a phone in plain language: plain wording first, read aloud, faces, 44 px, one statement at a time', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const session = await EveryKindSession.create(server.url, 'Klare taal', KEYS, 'nl-BE', (design) => ({
    ...design,
    settings: { ...design.settings!, plainLanguage: true },
    agenda: design.agenda!.map((round, i) => ({
      ...round,
      plain: { question: PLAIN_QUESTIONS[i]!, options: PLAIN_OPTIONS },
    })),
  }));
  const page = await newPhone(browser, server.url);
  const errors = pageErrors(page);
  await plainPhone(page, session);

  // KT3: the plain question first (large), the facilitator's below; each option plain first, original beneath.
  await session.open('single');
  await expect(page.getByTestId('round-question')).toHaveText('Wat moet eerst?');
  await expect(page.getByTestId('round-original-question')).toHaveText('Welk thema eerst?');
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
