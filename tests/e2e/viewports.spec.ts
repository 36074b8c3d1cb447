import { expect, test, type Locator, type Page } from '@playwright/test';
import { EveryKindSession, PHONE_ZONE, ROUND_KEYS, ROUNDS, VARIANT_KEYS, type RoundKey } from './every-kind.ts';
import { expectFits, expectInside, expectTappable, pageErrors, VIEWPORTS } from './fit.ts';
import { dotAdd, DOTS, PHONE_ANSWERS, revealOnPhone, sendBallot } from './phone-answers.ts';
import { joinChecked, newPhone, PHONE } from './phones.ts';
import { ServerProcess } from './server-process.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

/** `SCREENSHOTS=<folder>` saves what the phone shows at each step, to look at as a person would. */
const shotsDir = process.env.SCREENSHOTS;

/** Saves one of the docs' phone pictures (docs/screenshots): the whole page, or the screen with `at` in its middle (default: the top). */
type DocShot = (file: string, view?: 'full' | Locator) => Promise<void>;

/**
 * How the phone answers each kind (phone-answers.ts); the dot vote also checks VP3: every "+" and
 * "Versturen" can be tapped, on the screen and under no sticky bar.
 */
const answers: Record<RoundKey, (page: Page, docShot: DocShot) => Promise<void>> = {
  ...PHONE_ANSWERS,
  dots: async (page, docShot) => {
    for (const plus of await page.getByTestId('dot-add').all()) await expectTappable(plus);
    for (const label of DOTS) await dotAdd(page, label).click();
    await expect(page.getByTestId('ballot-summary')).toHaveText('Alle punten verdeeld');
    await docShot('template-phone-dots.png', dotAdd(page, DOTS[0]!));
    await expectTappable(page.getByTestId('ballot-send'));
    await sendBallot(page);
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

for (const [name, viewport] of [
  ['320x640', VIEWPORTS.phone320],
  ['360x740', VIEWPORTS.phone360],
] as const) {
  test(`VP1 VP2 VP3 a ${name} phone through every round kind and state: nothing sideways, what matters on screen, the dot vote tappable, no page error`, async ({
    browser,
  }) => {
    // About 30 s alone; a busy machine (and SCREENSHOTS) can take several times that.
    test.setTimeout(240_000);
    const keys = [...ROUND_KEYS, ...VARIANT_KEYS];
    const session = await EveryKindSession.create(server.url, 'Toekomstvisie Welzijnszorg Kempen', keys);
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

    await joinChecked(phone, session.joinCode, PHONE_ZONE, check);
    await session.addAnswerers();

    for (const key of keys) {
      const kind = ROUNDS[key].config.kind;
      const wall = kind === 'pain-points' || kind === 'questions';
      await session.open(key);
      await expect(status).toHaveAttribute('data-state', 'open');
      await expect(phone.getByTestId('round-question')).toHaveText(ROUNDS[key].question);
      // A timer runs (a quarter of an hour: the round is closed long before): its countdown fits too.
      await session.timer(key, 900);
      if (kind !== 'position-text') await expect(phone.getByTestId('countdown')).toBeVisible();
      await check(`${key}-open`);
      await expectOnScreen(phone, 'round-question', ...(sendBar[key] ? [sendBar[key]] : []));

      await answers[key](phone, docShot);
      await session.answer(key);
      await check(`${key}-answered`);

      if (wall) {
        // Revealed while open: the wall as the release tick lets entries through (AN8), moderated, with "ik ook" or a vote.
        await revealOnPhone(session, key, phone);
        await check(`${key}-revealed`);
        if (kind === 'pain-points') await docShot('pain-wall-phone.png', 'full');
      }

      await session.lock(key);
      await expect(phone.getByTestId(kind === 'position-text' ? 'text-readonly' : 'round-locked')).toBeVisible();
      await check(`${key}-locked`);
      await expectOnScreen(phone, 'round-question', kind === 'position-text' ? 'text-readonly' : 'round-locked');

      if (!wall && kind !== 'position-text') {
        await revealOnPhone(session, key, phone);
        await check(`${key}-revealed`);
      }

      await session.close(key);
      await expect(status).toHaveAttribute('data-state', 'closed');
      await check(`${key}-closed`);
      await expectOnScreen(phone, kind === 'position-text' ? 'text-readonly' : 'round-next');
    }

    await session.end();
    await expect(phone.getByTestId('session-ended')).toBeVisible();
    await check('ended');
    await expectOnScreen(phone, 'session-ended');
    session.dispose();
    expect(errors).toEqual([]);
  });
}
