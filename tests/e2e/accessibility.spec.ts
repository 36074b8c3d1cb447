import { expect, test, type Browser, type Page } from '@playwright/test';
import type { SessionLanguage } from '../../packages/protocol/src/index.ts';
import { signInContext } from './accounts.ts';
import { expectNoAxeViolations, writeAxeReport } from './axe.ts';
import { EveryKindSession, PHONE_ZONE, ROUND_KEYS, ROUNDS, type RoundKey } from './every-kind.ts';
import { expectFits, pageErrors, VIEWPORTS } from './fit.ts';
import { PHONE_ANSWERS, revealOnPhone } from './phone-answers.ts';
import { joinedPhone, joinWith, PHONE } from './phones.ts';
import { ServerProcess } from './server-process.ts';

/*
 * A11Y1: axe-core finds nothing against WCAG 2.2 AA on any page in any state, in each language: one
 * session per language walked through every round kind, with the phone, the console in both modes and
 * the projector open at once, each checked at every step. `AXE_REPORT=<file>` writes what every check
 * found as JSON (docs/accessibility.md is made from it).
 */

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => {
  await server.stop();
  if (process.env.AXE_REPORT) writeAxeReport(process.env.AXE_REPORT);
});

interface Language {
  /** As the report names it. */
  name: string;
  /** What the browsers ask for (Accept-Language). */
  locale: string;
  /** The session's language (the projector speaks it). */
  session: SessionLanguage;
  /** The page's <html lang>. */
  lang: string;
}

const LANGUAGES: Language[] = [
  { name: 'nl-BE', locale: 'nl-BE', session: 'nl-BE', lang: 'nl-BE' },
  { name: 'fr-BE', locale: 'fr-BE', session: 'fr', lang: 'fr-BE' },
  { name: 'en', locale: 'en-GB', session: 'en', lang: 'en' },
];

async function newPage(browser: Browser, language: Language, options: object): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, locale: language.locale, ...options });
  return context.newPage();
}

for (const language of LANGUAGES) {
  test(`A11Y1 no axe violation (WCAG 2.2 AA) on any page in any state, in ${language.name}`, async ({ browser }) => {
    // About a minute on a quiet machine; a busy one (other test runs) can take several times that.
    test.setTimeout(360_000);
    const check = (page: Page, where: string, state: string) =>
      expectNoAxeViolations(page, { page: where, state, language: language.name });

    // Signed out: the landing page, sign-in, and an address that leads nowhere.
    const visitor = await newPage(browser, language, { viewport: VIEWPORTS.laptop });
    await visitor.goto('/');
    await expect(visitor.locator('html')).toHaveAttribute('lang', language.lang);
    await check(visitor, 'landing', 'empty');
    await visitor.goto('/?code=abc');
    await expect(visitor.locator('#join-code')).toHaveAttribute('aria-invalid', 'true');
    await check(visitor, 'landing', 'invalid code');
    await visitor.goto('/login');
    // The submit button is enabled once the page is live (hydrated); that is the state to judge.
    await expect(visitor.locator('form button[type="submit"]')).toBeEnabled();
    await check(visitor, 'login', 'empty');
    await visitor.locator('form button[type="submit"]').click();
    await expect(visitor.locator('#login-email')).toHaveAttribute('aria-invalid', 'true');
    await check(visitor, 'login', 'error');
    await visitor.goto('/nergens-te-vinden');
    await expect(visitor.getByTestId('error-page')).toHaveAttribute('data-status', '404');
    await check(visitor, '404', 'not found');
    await visitor.context().close();

    // Signed in: a new session, the list of sessions.
    const session = await EveryKindSession.create(
      server.url,
      `Toegankelijkheid ${language.name}`,
      ROUND_KEYS,
      language.session,
    );
    const desk = await browser.newContext({ baseURL: server.url, locale: language.locale, viewport: VIEWPORTS.laptop });
    await signInContext(desk);
    const design = await desk.newPage();
    await design.goto('/new');
    await expect(design.getByTestId('session-create')).toBeVisible();
    await check(design, 'new', 'form');
    await design.goto('/sessions');
    await expect(design.getByText(`Toegankelijkheid ${language.name}`)).toBeVisible();
    await check(design, 'sessions', 'list');

    // The console in both modes and the projector, all on the same session.
    await design.goto(`/console/${session.sessionId}?mode=design`);
    await expect(design.getByTestId('round-item')).toHaveCount(ROUND_KEYS.length);
    await check(design, 'console design', 'draft');
    const live = await desk.newPage();
    const errors = pageErrors(live);
    await live.goto(`/console/${session.sessionId}?mode=live`);
    await expect(live.getByTestId('cockpit')).toBeVisible();
    await check(live, 'console live', 'draft');
    const projector = await desk.newPage();
    await projector.setViewportSize(VIEWPORTS.projector);
    await projector.goto(`/present/${session.sessionId}`);
    await expect(projector.getByTestId('projector-join')).toBeVisible();
    await check(projector, 'projector', 'join');

    const phone = await newPage(browser, language, PHONE);
    await phone.goto(`/j/${session.joinCode}`);
    await expect(phone.getByTestId('zone-option').first()).toBeVisible();
    await check(phone, 'phone', 'join');
    await joinWith(phone, session.joinCode, PHONE_ZONE);
    await check(phone, 'phone', 'waiting');
    await session.addAnswerers();

    const consoleRound = (key: RoundKey) =>
      live.locator(`[data-testid="round-item"][data-round-id="${session.roundId(key)}"]`);
    const stage = projector.getByTestId('projector-round');
    /** Every screen once the round is in `state` (the console and projector waited for by their data attributes). */
    const checkAll = async (key: RoundKey, state: string, attributes: Record<string, string>) => {
      for (const [name, value] of Object.entries(attributes)) {
        await expect(consoleRound(key)).toHaveAttribute(`data-${name}`, value);
        await expect(stage).toHaveAttribute(`data-${name}`, value);
      }
      await check(phone, `phone ${key}`, state);
      await check(live, `console live ${key}`, state);
      await check(projector, `projector ${key}`, state);
    };

    for (const key of ROUND_KEYS) {
      const kind = ROUNDS[key].config.kind;
      await session.open(key);
      await expect(phone.getByTestId('round-status')).toHaveAttribute('data-state', 'open');
      if (kind !== 'position-text') {
        // A timer runs, so its countdown is checked on every screen too.
        await session.timer(key, 900);
        await expect(phone.getByTestId('countdown')).toBeVisible();
      }
      await check(phone, `phone ${key}`, 'open');

      // Answered: the phone says it was sent; the projector shows the round once answers come in.
      await PHONE_ANSWERS[key](phone);
      await session.answer(key);
      if (kind !== 'position-text') await session.answered(key, 3);
      await checkAll(key, 'answered', { status: 'open' });

      if (kind !== 'position-text') {
        // A wall moderated, with "ik ook" or a vote; the word cloud; a vote's chart.
        await revealOnPhone(session, key, phone);
        const wall = kind === 'pain-points' || kind === 'questions';
        await checkAll(key, wall ? 'revealed while open' : 'revealed', { status: 'open', revealed: 'true' });
      }

      await session.close(key);
      await expect(phone.getByTestId('round-status')).toHaveAttribute('data-state', 'closed');
      // Closed and revealed: the projector shows the breakdown per zone.
      await checkAll(key, 'closed', { status: 'closed' });
    }

    // Every round closed with its results: the design mode shows them all.
    await expect(design.locator('[data-testid="round-item"][data-status="closed"]')).toHaveCount(ROUND_KEYS.length);
    await check(design, 'console design', 'every round closed');

    await session.end();
    await expect(phone.getByTestId('session-ended')).toBeVisible();
    await check(phone, 'phone', 'session ended');
    expect(errors).toEqual([]);
    session.dispose();
    await desk.close();
    await phone.context().close();
  });
}

test('A11Y2 the phone says a new question, what became of its vote, the last ten seconds, results and closing through live regions', async ({
  browser,
}) => {
  const session = await EveryKindSession.create(server.url, 'Aankondigingen', ['single']);
  await session.addAnswerers([2, 0, 0, 0, 0]);
  const phone = await joinedPhone(browser, server.url, session.joinCode, PHONE_ZONE);
  const said = phone.getByTestId('phone-announcer');
  await expect(said).toHaveAttribute('aria-live', 'polite');

  await session.open('single');
  await expect(said).toHaveText(`Nieuwe vraag: ${ROUNDS.single.question}`);
  // The ballot's fate is said in a status region (there before any vote, so the change is read).
  await phone.getByTestId('vote-option').first().click();
  await expect(phone.locator('[role="status"] [data-testid="vote-status"]')).toHaveText(/^✓\s*Ontvangen\./);

  // role=timer is not read every second; ten seconds before the end it says so, once.
  await session.timer('single', 12);
  await expect(phone.getByTestId('countdown')).toHaveAttribute('role', 'timer');
  await expect(phone.getByTestId('countdown-said')).toHaveText('Nog tien seconden om te stemmen.', { timeout: 8_000 });
  await session.timer('single', null);

  await session.answer('single');
  await session.reveal('single');
  await expect(said).toHaveText('De resultaten worden getoond.');
  await session.close('single');
  await expect(said).toHaveText(/^De stemming is gesloten\. De resultaten worden getoond\./);
  session.dispose();
  await phone.context().close();
});

/**
 * The first `max` stops of the Tab key on `page` (one full cycle at most), and those of them without a
 * visible focus indicator.
 */
async function focusStops(page: Page, max: number): Promise<{ stops: number; unseen: string[] }> {
  const problems: string[] = [];
  const seen = new Set<string>();
  await page.locator('body').focus();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      // An outline of at least 2 px, or a ring drawn as a box shadow, on the element or on its label.
      const shows = (e: Element | null | undefined) => {
        if (!e) return false;
        const s = getComputedStyle(e);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
      };
      const label = el instanceof HTMLInputElement ? el.labels?.[0] : null;
      const path = [];
      for (let e: Element | null = el; e && e !== document.body; e = e.parentElement)
        path.push(`${e.tagName}${[...e.parentElement!.children].indexOf(e)}`);
      const name = `<${el.tagName.toLowerCase()} ${el.getAttribute('data-testid') ?? el.className}> "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 30)}"`;
      return { key: path.join('/'), name, visible: shows(el) || shows(label) };
    });
    if (!stop || seen.has(stop.key)) break;
    seen.add(stop.key);
    if (!stop.visible) problems.push(stop.name);
  }
  return { stops: seen.size, unseen: problems };
}

/** A11Y3 on `page`: at least `min` stops, each visibly focused. */
async function expectVisibleFocus(page: Page, where: string, min: number, max = 60): Promise<void> {
  const { stops, unseen } = await focusStops(page, max);
  expect(unseen, `${where}: focus not visible on`).toEqual([]);
  expect(stops, `${where}: stops of the Tab key`).toBeGreaterThanOrEqual(min);
}

test('A11Y3 every stop of the Tab key shows where the focus is: phone, console, sign-in', async ({ browser }) => {
  const session = await EveryKindSession.create(server.url, 'Focus', ['ranking', 'scale', 'text']);
  const phone = await newPage(browser, LANGUAGES[0]!, PHONE);
  await phone.goto(`/j/${session.joinCode}`);
  await expect(phone.getByTestId('zone-option').first()).toBeVisible();
  await expectVisibleFocus(phone, 'phone join', 4);
  await joinWith(phone, session.joinCode, PHONE_ZONE);
  const desk = await browser.newContext({ baseURL: server.url, viewport: VIEWPORTS.laptop });
  await signInContext(desk);
  const console = await desk.newPage();
  await console.goto(`/console/${session.sessionId}?mode=live`);
  await expect(console.getByTestId('cockpit')).toBeVisible();
  for (const key of ['ranking', 'scale', 'text'] as const) {
    await session.open(key);
    await expect(phone.getByTestId('round-question')).toHaveText(ROUNDS[key].question);
    await expectVisibleFocus(phone, `phone ${key}`, 3);
    await expect(
      console.locator(`[data-testid="round-item"][data-round-id="${session.roundId(key)}"]`),
    ).toHaveAttribute('data-status', 'open');
    await expectVisibleFocus(console, `console live ${key}`, 10);
  }
  await console.goto(`/console/${session.sessionId}?mode=design`);
  await expect(console.getByTestId('round-item')).toHaveCount(3);
  await expectVisibleFocus(console, 'console design', 10);
  await console.goto('/login');
  await expectVisibleFocus(console, 'login', 3);
  session.dispose();
  await desk.close();
  await phone.context().close();
});

test('A11Y4 at 200 % zoom on a laptop nothing of the desk pages is cut off sideways', async ({ browser }) => {
  // 1280x800 at 200 %: a 640x400 CSS-pixel window with twice the pixels.
  const zoomed = { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 };
  const session = await EveryKindSession.create(server.url, 'Werkgroep toekomstvisie Welzijnszorg Kempen', [
    'single',
    'scale',
  ]);
  await session.addAnswerers();
  await session.open('single');
  await session.answer('single');
  await session.close('single');
  await session.reveal('single');
  await session.open('scale');
  const visitor = await newPage(browser, LANGUAGES[0]!, zoomed);
  for (const path of ['/', '/login', '/nergens']) {
    await visitor.goto(path);
    await expect(visitor.locator('main')).toBeVisible();
    await expectFits(visitor, path);
  }
  const desk = await browser.newContext({ baseURL: server.url, ...zoomed });
  await signInContext(desk);
  const page = await desk.newPage();
  for (const path of [
    '/new',
    '/sessions',
    `/console/${session.sessionId}?mode=design`,
    `/console/${session.sessionId}?mode=live`,
  ]) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    if (path.includes('/console/')) await expect(page.getByTestId('round-item').first()).toBeVisible();
    await expectFits(page, path);
  }
  session.dispose();
  await desk.close();
  await visitor.context().close();
});
