import { expect, test, type Page } from '@playwright/test';
import { newConsole, openCockpit } from './console.ts';
import { expectFits, expectInside, expectNoPageScroll, pageErrors, VIEWPORTS } from './fit.ts';
import { joinedPhone } from './phones.ts';
import { ServerProcess } from './server-process.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

const LAPTOP = VIEWPORTS.laptop;

/** What the cockpit must always show on the laptop's screen (CK1), by test id. */
const ALWAYS = [
  'agenda-list',
  'join-code',
  'join-qr',
  'cockpit-online',
  'cockpit-waiting',
  'projector-preview',
  'tool-export',
  'mode-design',
  'shortcuts-toggle',
  'projector-link',
];
/** The round's controls, those its state has. */
const CONTROLS = [
  'next-round',
  'round-open',
  'round-lock',
  'round-reveal',
  'round-close',
  'round-rerun',
  'timer-add-minute',
];

/** CK1: the page does not scroll, and everything the facilitator steers with lies inside the window. */
async function expectCockpitFits(page: Page, where: string): Promise<void> {
  await expectNoPageScroll(page, where);
  await expectFits(page, where);
  await expectInside(ALWAYS.map((id) => page.getByTestId(id)));
  const controls = [];
  for (const id of CONTROLS) if ((await page.getByTestId(id).count()) > 0) controls.push(page.getByTestId(id));
  // Every state has at least one control of the round besides "next".
  expect(controls.length, `${where}: the round's controls`).toBeGreaterThan(1);
  await expectInside(controls);
}

/**
 * `SCREENSHOTS=<folder>` saves the cockpit at each step, to look at as a facilitator would; `SCREENSHOTS=1`
 * refreshes the one in the docs (the dot vote, revealed).
 */
const shotsDir = process.env.SCREENSHOTS;
async function shot(page: Page, name: string): Promise<void> {
  if (shotsDir === '1' && name === 'dot-voting-revealed')
    await page.screenshot({ path: 'docs/screenshots/console-cockpit.png' });
  else if (shotsDir && shotsDir !== '1') await page.screenshot({ path: `${shotsDir}/console-cockpit-${name}.png` });
}

test('CK1 CK2 CK3 the cockpit fits a 1280x800 laptop through every round kind of the template; shortcuts steer; no page error', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const { page: desk, code } = await newConsole(browser, server.url, 'Cockpit Kempen', {
    template: 'kempen-welzijn',
    viewport: LAPTOP,
  });
  const errors = pageErrors(desk);

  // CK2: in preparation the console opens in design mode: the round form is there, the cockpit is not.
  await expect(desk.getByTestId('round-create')).toBeVisible();
  await expect(desk.getByTestId('cockpit')).toHaveCount(0);
  await openCockpit(desk);
  await expect(desk.getByTestId('round-create')).toHaveCount(0);
  await expect(desk.getByTestId('round-edit')).toHaveCount(0);

  const phones = [
    await joinedPhone(browser, server.url, code, 'Neteland'),
    await joinedPhone(browser, server.url, code, 'RIT'),
    await joinedPhone(browser, server.url, code, 'Zuiderkempen'),
  ];
  const phoneErrors = phones.map(pageErrors);
  await expect(desk.getByTestId('cockpit-online')).toHaveAttribute('data-online', '3');
  const zone = (name: string) => desk.locator(`[data-testid="cockpit-zone"][data-zone="${name}"]`);
  await expect(zone('Neteland').getByTestId('cockpit-zone-online')).toHaveText('1');
  await expect(zone('Baldemore').getByTestId('cockpit-zone-online')).toHaveText('0');
  await expectCockpitFits(desk, 'preparation');
  await shot(desk, 'preparation');

  const steps = desk.getByTestId('agenda-step');
  await expect(steps).toHaveCount(5);
  const round = desk.getByTestId('round-item');
  const status = phones[0]!.getByTestId('round-status');

  /** CK3: a key moves the room to the next round; the phone follows, the cockpit with it. */
  const next = async (index: number, key: string) => {
    const question = await steps.nth(index).getByTestId('agenda-pick').innerText();
    await desk.keyboard.press(key);
    await expect(phones[0]!.getByTestId('round-question')).toHaveText(question);
    await expect(status).toHaveAttribute('data-state', 'open');
    await expect(steps.nth(index)).toHaveAttribute('aria-current', 'step');
    await expect(round).toHaveAttribute('data-round-id', (await steps.nth(index).getAttribute('data-round-id'))!);
    await expect(round).toHaveAttribute('data-status', 'open');
  };

  // 1. Pain points: every phone writes one; they go out together (k = 3), at the latest when the round closes.
  await next(0, 'n');
  const pains = ['Te lange wachtlijsten', 'Niemand weet wie beslist', 'Facturen komen te laat'];
  for (const [i, phone] of phones.entries()) {
    await phone.getByTestId('pain-text').fill(pains[i]!);
    await phone.getByTestId('pain-send').click();
    await expect(phone.getByTestId('own-point')).toHaveCount(1);
  }
  await expectCockpitFits(desk, 'pain points open');
  await shot(desk, 'pain-points');

  // 2. The dot vote, by the right arrow; T starts a timer; keys typed in a field do nothing.
  await next(1, 'ArrowRight');
  await expectCockpitFits(desk, 'dot vote open');
  await desk.keyboard.press('t');
  await expect(round.getByTestId('round-countdown')).toBeVisible();
  await expect(desk.getByTestId('shortcut-said')).toHaveText('Eén minuut erbij gevraagd.');
  const minutes = desk.getByTestId('timer-minutes');
  await minutes.focus();
  await desk.keyboard.press('n');
  await desk.keyboard.press('r');
  await desk.keyboard.press('l');
  await desk.keyboard.press('Tab');
  await expect(minutes).not.toBeFocused();
  // L outside the field pauses: once the pause shows, any key from the field would have shown before it.
  await desk.keyboard.press('l');
  await expect(round).toHaveAttribute('data-locked', 'true');
  await expect(round).toHaveAttribute('data-revealed', 'false');
  await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
  await expect(status).toHaveAttribute('data-state', 'open');
  await desk.keyboard.press('l');
  await expect(round).toHaveAttribute('data-locked', 'false');
  // R reveals the live results to the room.
  await desk.keyboard.press('r');
  await expect(round).toHaveAttribute('data-revealed', 'true');

  // Looking back at the pain wall without moving the room: its entries come before the empty themes.
  await steps.nth(0).getByTestId('agenda-pick').click();
  await expect(round).toHaveAttribute('data-round-id', (await steps.nth(0).getAttribute('data-round-id'))!);
  await expect(round.getByTestId('wall-point')).toHaveCount(3);
  // The phones vote meanwhile: new views arrive, and the cockpit keeps looking where the facilitator chose.
  for (const phone of phones) {
    const plus = phone.getByTestId('dot-add');
    await plus.nth(0).click();
    await plus.nth(0).click();
    await plus.nth(1).click();
    await phone.getByTestId('ballot-send').click();
  }
  for (const phone of phones) await expect(phone.getByTestId('vote-status')).toHaveAttribute('data-state', 'sent');
  await expect(round).toHaveAttribute('data-round-id', (await steps.nth(0).getAttribute('data-round-id'))!);
  const filled = await round
    .getByTestId('wall-column')
    .evaluateAll((columns) => columns.map((c) => c.querySelector('[data-testid="wall-point"]') !== null));
  expect(filled.indexOf(false), 'no empty theme before an entry').toBeGreaterThanOrEqual(filled.lastIndexOf(true));
  await expectCockpitFits(desk, 'pain wall, closed, looked at again');
  await shot(desk, 'pain-wall');
  await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
  await desk.getByTestId('back-to-current').click();
  await expect(round).toHaveAttribute('data-round-id', (await steps.nth(1).getAttribute('data-round-id'))!);
  await expect(round.getByTestId('ballot-count')).toHaveText('3');
  await expectCockpitFits(desk, 'dot vote revealed, three ballots');
  await shot(desk, 'dot-voting-revealed');

  // 3. The agreement check, 4. the position text, 5. the closing pulse: each fits, open and revealed.
  await next(2, 'PageDown');
  await expectCockpitFits(desk, 'agreement open');
  await desk.keyboard.press('r');
  await expect(round).toHaveAttribute('data-revealed', 'true');
  await expectCockpitFits(desk, 'agreement revealed');
  await next(3, 'n');
  await expectCockpitFits(desk, 'position text open');
  await shot(desk, 'position-text');
  await next(4, 'n');
  await expectCockpitFits(desk, 'closing pulse open');

  // After the last round, N closes it; the list of shortcuts is on the page.
  await desk.keyboard.press('n');
  await expect(round).toHaveAttribute('data-status', 'closed');
  await expect(status).toHaveAttribute('data-state', 'closed');
  await desk.keyboard.press('r');
  await expect(round).toHaveAttribute('data-revealed', 'true');
  await expectCockpitFits(desk, 'closing pulse closed and revealed');
  await shot(desk, 'pulse-closed');
  await desk.keyboard.press('?');
  await expect(desk.getByTestId('shortcut-help')).toContainText('Volgende ronde');
  await shot(desk, 'help');

  // CK1: the panels a session rarely needs are one click away, in a drawer that scrolls by itself.
  await desk.getByTestId('tool-export').click();
  await expect(desk.getByTestId('cockpit-drawer')).toHaveAttribute('data-tool', 'export');
  await expect(desk.getByTestId('export-panel')).toBeVisible();
  await desk.keyboard.press('Escape');
  await expect(desk.getByTestId('cockpit-drawer')).toHaveCount(0);
  await expect(desk.getByTestId('tool-export')).toBeFocused();

  // CK2: reopened while the session runs, the console lands in the cockpit.
  await desk.reload();
  await expect(desk.getByTestId('cockpit')).toBeVisible();
  await expect(desk.getByTestId('mode-live')).toHaveAttribute('aria-pressed', 'true');
  await expectCockpitFits(desk, 'reloaded');

  // A narrow window (or a zoomed-in one) stacks the columns and scrolls the page rather than cut anything off.
  await desk.setViewportSize({ width: 900, height: 700 });
  await expectFits(desk, 'narrow window');
  const tall = await desk.evaluate(() => document.scrollingElement!.scrollHeight);
  expect(tall).toBeGreaterThan(700);
  await shot(desk, 'narrow');

  expect(errors).toEqual([]);
  expect(phoneErrors.flat()).toEqual([]);
});
