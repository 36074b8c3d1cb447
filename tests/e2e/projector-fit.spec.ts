import { expect, test, type Browser, type Page } from '@playwright/test';
import { signInContext } from './accounts.ts';
import { EveryKindSession, ROUND_KEYS, type RoundKey } from './every-kind.ts';
import { expectFits, expectNoPageScroll, pageErrors, VIEWPORTS } from './fit.ts';
import { ServerProcess } from './server-process.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

const SIZES = [VIEWPORTS.projector, VIEWPORTS.projectorSmall] as const;

/**
 * `SCREENSHOTS=<folder>` saves each checked state at each size, to look at it as the room would;
 * `SCREENSHOTS=1` (or `docs/screenshots`) refreshes only the docs' picture: a closed ranking of 8 options.
 */
const docShots = process.env.SCREENSHOTS === '1' || process.env.SCREENSHOTS === 'docs/screenshots';
const shotsDir = docShots ? null : process.env.SCREENSHOTS;
const DOC_SHOTS: Record<string, string> = { 'ranking-closed-1920': 'docs/screenshots/projector-ranking.png' };

/** The room's screen, signed in as the facilitator (the projector uses that laptop's sign-in). */
async function projectorFor(
  browser: Browser,
  session: EveryKindSession,
  reducedMotion: 'reduce' | 'no-preference' = 'no-preference',
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: server.url, viewport: SIZES[0], reducedMotion });
  await signInContext(context);
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.goto(`/present/${session.sessionId}`);
  await expect(page.getByTestId('projector-join')).toBeVisible();
  return { page, errors };
}

/**
 * Nothing of the page outside the screen and nothing cut off: no element's box leaves the viewport, and
 * no box clips its own content (an ellipsis, a hidden overflow). Stricter than fit.ts's checks, which
 * also run: a projector has no scrolling at all, and content cut off inside a box counts as lost too.
 */
async function expectNothingCutOff(page: Page, what: string): Promise<void> {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const doc = document.documentElement;
    if (doc.scrollWidth > vw || doc.scrollHeight > vh) out.push(`document ${doc.scrollWidth}x${doc.scrollHeight}`);
    const hiddenOnPurpose = (el: Element) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.clipPath !== 'none' || s.clip !== 'auto' || s.display === 'none' || s.visibility === 'hidden')
          return true;
      }
      return false;
    };
    const name = (el: Element) =>
      `<${el.tagName.toLowerCase()} ${el.getAttribute('data-testid') ?? el.className}> "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (hiddenOnPurpose(el)) continue;
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1)
        out.push(
          `${name(el)} at ${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)}`,
        );
      const s = getComputedStyle(el);
      if (el instanceof HTMLElement && !(el instanceof HTMLHtmlElement) && el !== document.body) {
        if (s.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
          out.push(`${name(el)} clips ${el.scrollWidth - el.clientWidth}px sideways`);
        if (s.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1)
          out.push(`${name(el)} clips ${el.scrollHeight - el.clientHeight}px down`);
      }
    }
    return out;
  });
  expect(problems, `${what}: ${problems.join('\n')}`).toEqual([]);
}

/** During a round the join code and a small QR stay in a corner of the screen. */
async function expectJoinCorner(page: Page, what: string): Promise<void> {
  const corner = page.getByTestId('projector-join-corner');
  await expect(corner.getByTestId('projector-corner-qr').locator('svg'), what).toBeVisible();
  await expect(corner.getByTestId('projector-corner-code'), what).toBeVisible();
  const box = (await corner.boundingBox())!;
  const viewport = page.viewportSize()!;
  // The top-right quarter of the screen, and small: at most a quarter of its width.
  expect(box.x, what).toBeGreaterThan(viewport.width / 2);
  expect(box.y, what).toBeLessThan(viewport.height / 4);
  expect(box.width, what).toBeLessThan(viewport.width / 4);
}

/** The root font size follows the screen: 1rem is 24 px at 1920x1080 and 16 px at 1280x720. */
const ROOT_FONT: Record<number, string> = { 1920: '24px', 1280: '16px' };

async function checkAtEverySize(page: Page, what: string, name: string, corner = true): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // Layout settles before measuring: a change of size or content is seen by the FitBox's observer in the
    // next frame (data-fitted goes false) and fitted in the frame after it (true again).
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await expect(page.getByTestId('projector-stage')).toHaveAttribute('data-fitted', 'true');
    // A list that fits itself inside the stage (the questions, QA8) says when it is done too.
    await expect(page.locator('[data-fitted="false"]')).toHaveCount(0);
    const label = `${what} at ${size.width}x${size.height}`;
    await expect(page.locator('html'), label).toHaveCSS('font-size', ROOT_FONT[size.width]!);
    await expectFits(page, label);
    await expectNoPageScroll(page, label);
    await expectNothingCutOff(page, label);
    if (corner) await expectJoinCorner(page, label);
    if (shotsDir) await page.screenshot({ path: `${shotsDir}/${name}-${size.width}.png` });
    const doc = DOC_SHOTS[`${name}-${size.width}`];
    if (doc && docShots) await page.screenshot({ path: doc });
  }
}

const round = (page: Page) => page.getByTestId('projector-round');

/** A question as long as a phone may send (280 characters), numbered so each is its own. */
const longQuestion = (n: number) =>
  `Vraag ${n}: ${'waarom duurt het zo lang voordat de gemeente antwoordt op vragen over de nieuwe busverbinding, de fietsstraat en het loket '.repeat(3)}`.slice(
    0,
    280,
  );

/** A question round opened on the console, `count` questions typed in from paper (QA7), then closed. */
async function questionRound(facilitator: Page, question: string, count: number): Promise<void> {
  await facilitator.getByTestId('round-question').fill(question);
  await facilitator.getByTestId('round-kind-questions').check();
  await facilitator.getByTestId('round-create').click();
  const item = facilitator.getByTestId('round-item').filter({ hasText: question });
  await item.getByTestId('round-open').click();
  await expect(item).toHaveAttribute('data-status', 'open');
  const panel = facilitator.getByTestId('paper-panel');
  for (let n = 1; n <= count; n++) {
    await panel.getByTestId('paper-text').fill(longQuestion(n));
    await panel.getByTestId('paper-save').click();
  }
  await expect(panel.getByTestId('paper-saved')).toHaveAttribute('data-count', String(count));
  // Closing releases them all at once (AN8).
  await item.getByTestId('round-close').click();
  await expect(item).toHaveAttribute('data-status', 'closed');
}

test('QA8 long questions fit 1920x1080 and 1280x720: smaller type first, then the first ones and how many more', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const desk = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 900 } });
  await signInContext(desk);
  const facilitator = await desk.newPage();
  await facilitator.goto('/new');
  await facilitator.getByTestId('session-title').fill('Infoavond met veel vragen');
  await facilitator.getByTestId('session-create').click();
  await expect(facilitator).toHaveURL(/\/console\//);
  const [page] = await Promise.all([desk.waitForEvent('page'), facilitator.getByTestId('projector-link').click()]);
  const errors = pageErrors(page);
  const list = page.getByTestId('projector-questions');
  const items = page.getByTestId('projector-question-item');

  // Three long questions: all of them, nothing counted.
  await questionRound(facilitator, 'Drie vragen', 3);
  await expect(items).toHaveCount(3, { timeout: 15_000 });
  await checkAtEverySize(page, 'three long questions', 'questions-three');
  await expect(items).toHaveCount(3);
  await expect(page.getByTestId('projector-questions-more')).toHaveCount(0);

  // Twenty-five: as many as fit in the smallest type, and the rest counted.
  const total = 25;
  await questionRound(facilitator, 'Vijfentwintig vragen', total);
  await expect(list).toHaveAttribute('data-cap', /\d+/, { timeout: 15_000 });
  await checkAtEverySize(page, `${total} long questions`, 'questions-many');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await expect(list).toHaveAttribute('data-fitted', 'true');
    const shown = await items.count();
    expect(shown, `at ${size.width}`).toBeGreaterThan(0);
    expect(shown, `at ${size.width}`).toBeLessThan(total);
    // The smallest type the list allows, still readable from the back of the room.
    await expect(list).toHaveAttribute('data-scale', '0.70');
    await expect(page.getByTestId('projector-questions-more')).toHaveText(
      `Nog ${total - shown} vragen: de console toont ze allemaal.`,
    );
  }
  expect(errors).toEqual([]);
  await desk.close();
});

test('PJ1 PJ2 every round kind with 8 options and 5 zones fits 1920x1080 and 1280x720 in every state', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  // Answerers per zone 2, 3, 3, 1, 0 (every-kind.ts): Baldemore and RIT under k = 3, Zuiderkempen empty.
  const session = await EveryKindSession.create(server.url, 'Werkgroep toekomstvisie Welzijnszorg Kempen');
  await session.addAnswerers();
  const { page, errors } = await projectorFor(browser, session);
  try {
    // Before the first round: how to join, in full, fits too.
    await checkAtEverySize(page, 'join screen', 'join', false);
    for (const key of ROUND_KEYS) {
      const counts = key !== 'text';
      await session.open(key);
      await session.answer(key);
      // A pain point reaches the screens with its batch, at the next release tick (every 10 s here).
      if (counts) await session.answered(key, 3);
      await expect(round(page)).toHaveAttribute('data-status', 'open');
      if (counts) await expect(page.getByTestId('projector-responses')).not.toHaveAttribute('data-count', '0');
      await checkAtEverySize(page, `${key} open`, `${key}-open`);
      await session.lock(key);
      await expect(round(page)).toHaveAttribute('data-locked', 'true');
      await checkAtEverySize(page, `${key} locked`, `${key}-locked`);
      await session.lock(key, false);
      // A co-written text has nothing to reveal: the room follows the text from the start.
      if (counts) {
        await session.reveal(key);
        if (key === 'pain') await session.moderate(key);
        await expect(round(page)).toHaveAttribute('data-revealed', 'true');
        await checkAtEverySize(page, `${key} revealed`, `${key}-revealed`);
      }
      await session.close(key);
      await expect(round(page)).toHaveAttribute('data-status', 'closed');
      await checkAtEverySize(page, `${key} closed`, `${key}-closed`);
    }
  } finally {
    session.dispose();
  }
  expect(errors).toEqual([]);
});

test('PJ3 a zone breakdown where every zone is hidden below k is one line that says so', async ({ browser }) => {
  test.setTimeout(120_000);
  const keys: RoundKey[] = ['single', 'scale'];
  const session = await EveryKindSession.create(server.url, 'Kleine werkgroep', keys);
  // Two answerers in each of three zones: every zone is under k = 3; the two empty zones are left out.
  await session.addAnswerers([2, 2, 2, 0, 0]);
  const { page, errors } = await projectorFor(browser, session);
  try {
    for (const key of keys) {
      await session.open(key);
      await session.answer(key);
      await session.close(key);
      await session.reveal(key);
      await expect(round(page)).toHaveAttribute('data-revealed', 'true');
      const line = page.getByTestId('breakdown-all-hidden');
      await expect(line).toContainText('Per zone: verborgen om groepen van minder dan 3 te beschermen');
      await expect(line.getByTestId('breakdown-group')).toHaveText(['Baldemore', 'Neteland', 'Noorderkempen']);
      await expect(page.getByTestId('breakdown-zones').locator('table')).toHaveCount(0);
      await checkAtEverySize(page, `${key} all zones hidden`, `${key}-all-hidden`);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        // One line: no taller than one and a half of its own line height.
        const lines = await line.evaluate(
          (el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight),
        );
        expect(lines, `one line at ${size.width}`).toBeLessThan(1.5);
      }
    }
  } finally {
    session.dispose();
  }
  expect(errors).toEqual([]);
});

/** Animations (CSS animations and transitions) running on the page now. */
const running = (page: Page) =>
  page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length);

/** Counts every CSS animation and transition that starts on the page from now on (read with `started`). */
const countStarts = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { starts: number };
    w.starts = 0;
    for (const type of ['animationstart', 'transitionrun']) document.addEventListener(type, () => w.starts++);
  });
const started = (page: Page) => page.evaluate(() => (window as unknown as { starts: number }).starts);

test('PJ4 results grow into place and numbers count, and nothing moves under prefers-reduced-motion', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const keys: RoundKey[] = ['single', 'scale'];
  const session = await EveryKindSession.create(server.url, 'Beweging', keys);
  await session.addAnswerers([3, 3, 0, 0, 0]);
  const moving = await projectorFor(browser, session);
  const still = await projectorFor(browser, session, 'reduce');
  try {
    for (const key of keys) {
      await session.open(key);
      await session.answer(key);
      for (const { page } of [moving, still]) {
        await expect(page.getByTestId('projector-responses')).toHaveAttribute('data-count', '6');
      }
      // The count ticks up to 6 where motion is allowed; where it is not, it reads 6 as soon as it is there.
      expect(await still.page.getByTestId('projector-responses').locator('strong').innerText()).toBe('6');
      for (const { page } of [moving, still]) await countStarts(page);
      await session.reveal(key);
      // Bars grow when they appear: animations start on the screen that allows motion...
      await expect(round(moving.page)).toHaveAttribute('data-revealed', 'true');
      await expect.poll(() => started(moving.page)).toBeGreaterThan(0);
      // ...and none on the one that asks for less: none starts, none runs, a frame after the results are in.
      await expect(round(still.page)).toHaveAttribute('data-revealed', 'true');
      await still.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      expect(await started(still.page)).toBe(0);
      expect(await running(still.page)).toBe(0);
      await session.close(key);
    }
  } finally {
    session.dispose();
  }
  expect(moving.errors).toEqual([]);
  expect(still.errors).toEqual([]);
});
