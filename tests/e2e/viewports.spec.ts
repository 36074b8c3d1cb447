import { expect, test, type Locator, type Page } from '@playwright/test';
import { EveryKindSession, OPTIONS, PHONE_ZONE, ROUND_KEYS, ROUNDS, type RoundKey } from './every-kind.ts';
import { expectFits, expectInside, expectTappable, pageErrors, VIEWPORTS } from './fit.ts';
import { answerStatements, joinWith, newPhone, PHONE } from './phones.ts';
import { ServerProcess } from './server-process.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

/** `SCREENSHOTS=<folder>` saves what the phone shows at each step, to look at as a person would. */
const shotsDir = process.env.SCREENSHOTS;

/** Saves one of the docs' phone pictures (docs/screenshots): the whole page, or the screen with `at` in its middle (default: the top). */
type DocShot = (file: string, view?: 'full' | Locator) => Promise<void>;

/** How the phone in the browser answers each kind, through its own controls; resolves once it is sent. */
const answers: Record<RoundKey, (page: Page, docShot: DocShot) => Promise<void>> = {
  single: async (page) => {
    await page.getByTestId('vote-option').nth(6).click();
    await sent(page);
  },
  multiple: async (page) => {
    await page.getByTestId('choice-option').nth(2).check();
    await page.getByTestId('choice-option').nth(6).check();
    await send(page);
  },
  ranking: async (page) => {
    await page.getByTestId('rank-down').first().click();
    await page.getByTestId('rank-up').last().click();
    await send(page);
  },
  // VP3: every "+" and "Versturen" of the dot vote can be tapped: on the screen, under no sticky bar.
  dots: async (page, docShot) => {
    for (const plus of await page.getByTestId('dot-add').all()) await expectTappable(plus);
    const add = (label: string) =>
      page.locator(`[data-testid="dot-row"][data-option-label="${label}"]`).getByTestId('dot-add');
    for (const label of [OPTIONS[6]!, OPTIONS[6]!, OPTIONS[6]!, OPTIONS[2]!, OPTIONS[7]!]) await add(label).click();
    await expect(page.getByTestId('ballot-summary')).toHaveText('Alle punten verdeeld');
    await docShot('template-phone-dots.png', add(OPTIONS[6]!));
    await expectTappable(page.getByTestId('ballot-send'));
    await send(page);
  },
  scale: async (page) => {
    await expect(page.getByTestId('level-group')).toHaveCount(OPTIONS.length);
    await answerStatements(page, 3);
    await send(page);
  },
  gradients: async (page) => {
    await answerStatements(page, 2);
    await send(page);
  },
  fist: async (page) => {
    await answerStatements(page, 0);
    await send(page);
  },
  pain: async (page) => {
    await page.getByTestId('pain-theme').selectOption({ label: OPTIONS[6]! });
    await page.getByTestId('pain-text').fill('De wachtlijsten in de geestelijke gezondheidszorg zijn veel te lang');
    await page.getByTestId('pain-send').click();
    await expect(page.getByTestId('own-point')).toHaveCount(1);
  },
  text: async (page, docShot) => {
    const text = page.getByTestId('text-editor-content').first();
    await text.click();
    await page.keyboard.type('Wij willen dat elke zone gehoord wordt.', { delay: 5 });
    await expect(text).toContainText('Wij willen dat elke zone gehoord wordt.');
    await docShot('text-phone.png');
  },
};

/** The sticky bar's button of each kind that has one: on the screen from the start (PH2: "next" until the last statement). */
const sendBar: Partial<Record<RoundKey, string>> = {
  multiple: 'ballot-send',
  ranking: 'ballot-send',
  dots: 'ballot-send',
  scale: 'ballot-send',
  gradients: 'statement-next',
  fist: 'statement-next',
};

/** What must be on the screen without scrolling, the page at its top, in each state (the send bar is sticky). */
async function expectOnScreen(page: Page, ...testIds: string[]): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectInside(testIds.map((id) => page.getByTestId(id)));
}

async function send(page: Page): Promise<void> {
  await page.getByTestId('ballot-send').click();
  await sent(page);
}

async function sent(page: Page): Promise<void> {
  await expect(page.getByTestId('vote-status')).toHaveAttribute('data-state', /^(received|stored)$/);
}

for (const [name, viewport] of [
  ['320x640', VIEWPORTS.phone320],
  ['360x740', VIEWPORTS.phone360],
] as const) {
  test(`VP1 VP2 VP3 a ${name} phone through every round kind and state: nothing sideways, what matters on screen, the dot vote tappable, no page error`, async ({
    browser,
  }) => {
    // About 30 s alone; a busy machine (and SCREENSHOTS) can take several times that.
    test.setTimeout(240_000);
    const session = await EveryKindSession.create(server.url, 'Toekomstvisie Welzijnszorg Kempen');
    const phone = await newPhone(browser, server.url, { ...PHONE, viewport });
    const errors = pageErrors(phone);
    const status = phone.getByTestId('round-status');
    /** Fits (and a screenshot with SCREENSHOTS) at step `step`. */
    const check = async (step: string) => {
      await expectFits(phone, `${name} ${step}`);
      if (shotsDir) await phone.screenshot({ path: `${shotsDir}/viewport-${name}-${step}.png`, fullPage: true });
    };
    /** The docs' phone pictures are taken at 360x740; copy them from the SCREENSHOTS folder into docs/screenshots. */
    const docShot: DocShot = async (file, view) => {
      if (!shotsDir || viewport !== VIEWPORTS.phone360) return;
      if (view === undefined) await phone.evaluate(() => window.scrollTo(0, 0));
      else if (view !== 'full') await view.evaluate((e) => e.scrollIntoView({ block: 'center' }));
      await phone.screenshot({ path: `${shotsDir}/${file}`, fullPage: view === 'full' });
    };

    await phone.goto(`/j/${session.joinCode}`);
    await expect(phone.getByTestId('zone-option').first()).toBeVisible();
    await check('join');
    await joinWith(phone, session.joinCode, PHONE_ZONE);
    await check('waiting');
    await session.addAnswerers();

    for (const key of ROUND_KEYS) {
      const kind = ROUNDS[key].config.kind;
      await session.open(key);
      await expect(status).toHaveAttribute('data-state', 'open');
      await expect(phone.getByTestId('round-question')).toHaveText(ROUNDS[key].question);
      await check(`${key}-open`);
      await expectOnScreen(phone, 'round-question', ...(sendBar[key] ? [sendBar[key]] : []));

      await answers[key](phone, docShot);
      await session.answer(key);
      await check(`${key}-answered`);

      if (kind === 'pain-points') {
        // Revealed while open: the wall as the release tick lets entries through (AN8), moderated, with "ik ook".
        await session.reveal(key);
        await session.moderate(key);
        await expect(phone.locator('[data-testid="wall-point"].hidden')).toBeVisible();
        await phone.getByTestId('support-button').first().click();
        await expect(phone.getByTestId('support-status')).toBeVisible();
        await check(`${key}-revealed`);
        await docShot('pain-wall-phone.png', 'full');
      }

      await session.lock(key);
      await expect(phone.getByTestId(kind === 'position-text' ? 'text-readonly' : 'round-locked')).toBeVisible();
      await check(`${key}-locked`);
      await expectOnScreen(phone, 'round-question', kind === 'position-text' ? 'text-readonly' : 'round-locked');

      if (kind !== 'pain-points' && kind !== 'position-text') {
        await session.reveal(key);
        await expect(phone.getByTestId('phone-results')).toBeVisible();
        await check(`${key}-revealed`);
      }

      await session.close(key);
      await expect(status).toHaveAttribute('data-state', 'closed');
      await check(`${key}-closed`);
      await expectOnScreen(phone, 'round-next');
    }

    await session.end();
    await expect(phone.getByTestId('session-ended')).toBeVisible();
    await check('ended');
    await expectOnScreen(phone, 'session-ended');
    session.dispose();
    expect(errors).toEqual([]);
  });
}
