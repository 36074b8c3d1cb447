import { expect, test, type Browser, type Locator, type Page, type WebSocketRoute } from '@playwright/test';
import type { SessionLanguage } from '../../packages/protocol/src/index.ts';
import { signInContext } from './accounts.ts';
import { EveryKindSession, PHONE_ZONE, ROUND_KEYS, ROUNDS } from './every-kind.ts';
import { expectFits, expectNoClippedText, pageErrors } from './fit.ts';
import { PHONE_ANSWERS, revealOnPhone } from './phone-answers.ts';
import { joinChecked, newPhone, SMALLEST_PHONE } from './phones.ts';
import { ServerProcess } from './server-process.ts';

/*
 * A11Y5: the phone's top bar keeps one line. A11Y6: text at 200 % reflows: a 320 px phone (as 640 px at
 * 200 %) through every screen, and the console and projector in a 640x400 window (a 1280x800 laptop at
 * 200 % zoom), never scroll sideways and cut no text off. `SCREENSHOTS=<folder>` saves the top bars.
 */

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

const shotsDir = process.env.SCREENSHOTS;

const LANGUAGES: { locale: string; session: SessionLanguage; language: RegExp }[] = [
  { locale: 'nl-BE', session: 'nl-BE', language: /^Taal$/ },
  { locale: 'fr-BE', session: 'fr', language: /^Langue$/ },
  { locale: 'en-GB', session: 'en', language: /^Language$/ },
];

/** The top bar's brand, picker and status lie on one line: each starts above where the others end. */
async function expectOneLine(bar: Locator, where: string): Promise<void> {
  const boxes = await Promise.all(
    ['a', '[data-testid="language-picker"]', '[data-testid="connection-status"]'].map(
      async (selector) => (await bar.locator(selector).first().boundingBox())!,
    ),
  );
  const top = Math.max(...boxes.map((b) => b.y));
  const bottom = Math.min(...boxes.map((b) => b.y + b.height));
  expect(top, `${where}: the top bar wraps`).toBeLessThan(bottom);
}

for (const width of [320, 360]) {
  for (const language of LANGUAGES) {
    test(`A11Y5 the phone's top bar is one line at ${width} px in ${language.locale}, online and offline, with 44 px targets and the picker's name`, async ({
      browser,
    }) => {
      const session = await EveryKindSession.create(server.url, 'Bovenbalk', ['single'], language.session);
      const context = await browser.newContext({
        ...SMALLEST_PHONE,
        viewport: { width, height: 640 },
        baseURL: server.url,
        locale: language.locale,
      });
      // The socket goes through the test, which cuts it: the phone then says it has no connection (its
      // attempts to reconnect get a socket that never answers).
      const sockets: WebSocketRoute[] = [];
      await context.routeWebSocket(/\/socket\.io\//, (ws) => {
        if (sockets.length > 0) return;
        ws.connectToServer();
        sockets.push(ws);
      });
      const phone = await context.newPage();
      await phone.goto(`/j/${session.joinCode}`);
      await expect(phone.getByTestId('zone-option').first()).toBeVisible();
      for (const state of ['online', 'offline'] as const) {
        if (state === 'offline') await sockets[0]!.close();
        await expect(phone.getByTestId('connection-status')).toHaveAttribute('data-connection', state);
        const bar = phone.getByTestId('top-bar');
        const where = `${width} px ${language.locale} ${state}`;
        await expectOneLine(bar, where);
        await expectFits(phone, where);
        await expectNoClippedText(phone, where);
        const picker = phone.getByRole('combobox', { name: language.language });
        for (const target of [picker, bar.locator('a')]) {
          const box = (await target.boundingBox())!;
          expect(
            Math.min(box.width, box.height),
            `${where}: ${String(target)} is a 44 px target`,
          ).toBeGreaterThanOrEqual(44);
        }
        if (shotsDir) await bar.screenshot({ path: `${shotsDir}/top-bar-${width}-${language.locale}-${state}.png` });
      }
      await context.close();
      session.dispose();
    });
  }
}

/** The console's cockpit and the projector at 200 % zoom on a 1280x800 laptop. */
const ZOOMED = { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 };

async function desk(browser: Browser, path: string, ready: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, ...ZOOMED });
  await signInContext(context);
  const page = await context.newPage();
  await page.goto(path);
  await expect(page.getByTestId(ready)).toBeVisible();
  return page;
}

test('A11Y6 text at 200 %: a 320 px phone through every round kind, the console and the projector at 640 px, nothing sideways, no text cut off', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const session = await EveryKindSession.create(server.url, 'Werkgroep toekomstvisie Welzijnszorg Kempen', ROUND_KEYS);
  const phone = await newPhone(browser, server.url, SMALLEST_PHONE);
  const cockpit = await desk(browser, `/console/${session.sessionId}?mode=live`, 'cockpit');
  const projector = await desk(browser, `/present/${session.sessionId}`, 'projector-join');
  const errors = [phone, cockpit, projector].flatMap((page) => pageErrors(page));
  const check = async (step: string, pages: Page[] = [phone, cockpit, projector]) => {
    for (const page of pages) {
      const where = `${page === phone ? 'phone' : page === cockpit ? 'console' : 'projector'} ${step}`;
      await expectFits(page, where);
      await expectNoClippedText(page, where);
    }
  };

  await joinChecked(phone, session.joinCode, PHONE_ZONE, (step) => check(step));
  await session.addAnswerers();

  for (const key of ROUND_KEYS) {
    const kind = ROUNDS[key].config.kind;
    await session.open(key);
    await expect(phone.getByTestId('round-question')).toHaveText(ROUNDS[key].question);
    if (kind !== 'position-text') {
      await session.timer(key, 900);
      await expect(phone.getByTestId('countdown')).toBeVisible();
    }
    await check(`${key} open`);
    await PHONE_ANSWERS[key](phone);
    await session.answer(key);
    await check(`${key} answered`);
    if (kind !== 'position-text') {
      await revealOnPhone(session, key, phone);
      await expect(projector.getByTestId('projector-round')).toHaveAttribute('data-revealed', 'true');
      await check(`${key} revealed`);
    }
    await session.close(key);
    await expect(phone.getByTestId('round-status')).toHaveAttribute('data-state', 'closed');
    await expect(projector.getByTestId('projector-round')).toHaveAttribute('data-status', 'closed');
    await check(`${key} closed`);
  }

  await session.end();
  await expect(phone.getByTestId('session-ended')).toBeVisible();
  await check('ended', [phone]);
  expect(errors).toEqual([]);
  session.dispose();
  for (const page of [phone, cockpit, projector]) await page.context().close();
});
