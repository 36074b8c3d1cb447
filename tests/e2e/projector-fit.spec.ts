import { expect, test, type Browser, type Page } from '@playwright/test';
import { signInContext } from './accounts.ts';
import { openRoom, ROUND_KINDS, type DrivenRound, type Room, runRound } from './projector-room.ts';
import { ServerProcess } from './server-process.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;

/** `SCREENSHOTS=<folder>` saves each checked state at each size, to look at it as the room would. */
const shotsDir = process.env.SCREENSHOTS;

const QUESTION =
  'Welke thema’s moeten volgens jou de komende twee jaar voorrang krijgen in de werking van Welzijnszorg Kempen?';

/** The room's screen, signed in as the facilitator (the projector uses that laptop's sign-in). */
async function projectorFor(browser: Browser, room: Room): Promise<{ page: Page; errors: Error[] }> {
  const context = await browser.newContext({ baseURL: server.url, viewport: SIZES[0] });
  await signInContext(context);
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`/present/${room.sessionId}`);
  await expect(page.getByTestId('projector-join')).toBeVisible();
  return { page, errors };
}

/**
 * Nothing of the page outside the screen and nothing cut off: no element's box leaves the viewport, no
 * box clips its own content (an ellipsis, a hidden overflow), and the document does not scroll.
 */
async function expectFits(page: Page, what: string): Promise<void> {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const doc = document.documentElement;
    if (doc.scrollWidth > vw || doc.scrollHeight > vh) out.push(`document ${doc.scrollWidth}x${doc.scrollHeight}`);
    const hiddenOnPurpose = (el: Element) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.clipPath !== 'none' || s.clip !== 'auto' || s.display === 'none' || s.visibility === 'hidden') return true;
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
        out.push(`${name(el)} at ${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)}`);
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

async function checkAtEverySize(page: Page, what: string, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // Layout (and the fitting, which runs in an animation frame) settles before measuring.
    await expect(page.getByTestId('projector-stage')).toHaveAttribute('data-fitted', 'true');
    const label = `${what} at ${size.width}x${size.height}`;
    await expectFits(page, label);
    await expectJoinCorner(page, label);
    if (shotsDir) await page.screenshot({ path: `${shotsDir}/${name}-${size.width}.png` });
  }
}

const round = (page: Page) => page.getByTestId('projector-round');

test('PJ1 PJ2 PJ3 every round kind with 8 options and 5 zones fits 1920x1080 and 1280x720 in every state', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  // 10 phones: Neteland 3 and RIT 3 are shown, Baldemore 1, Noorderkempen 2, Zuiderkempen 1 hidden (< k = 3).
  const room = await openRoom(server.url, 'Werkgroep toekomstvisie Welzijnszorg Kempen', [1, 3, 2, 3, 1]);
  const { page, errors } = await projectorFor(browser, room);
  try {
    for (const kind of ROUND_KINDS) {
      const driven: DrivenRound = await runRound(room, kind, QUESTION);
      const counts = kind.config.kind !== 'position-text';
      await expect(round(page)).toHaveAttribute('data-status', 'open');
      if (counts) await expect(page.getByTestId('projector-responses')).not.toHaveAttribute('data-count', '0');
      await checkAtEverySize(page, `${kind.name} open`, `${kind.name}-open`);
      await driven.lock(true);
      await expect(round(page)).toHaveAttribute('data-locked', 'true');
      await checkAtEverySize(page, `${kind.name} locked`, `${kind.name}-locked`);
      await driven.lock(false);
      await driven.reveal();
      await expect(round(page)).toHaveAttribute('data-revealed', 'true');
      await checkAtEverySize(page, `${kind.name} revealed`, `${kind.name}-revealed`);
      await driven.close();
      await expect(round(page)).toHaveAttribute('data-status', 'closed');
      await checkAtEverySize(page, `${kind.name} closed`, `${kind.name}-closed`);
    }
  } finally {
    room.close();
  }
  expect(errors).toEqual([]);
});
