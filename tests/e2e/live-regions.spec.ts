import { expect, test } from '@playwright/test';
import { signInContext } from './accounts.ts';
import { EveryKindSession, PHONE_ZONE } from './every-kind.ts';
import { VIEWPORTS } from './fit.ts';
import { joinedPhone } from './phones.ts';
import { recordChanges } from './record.ts';
import { ServerProcess } from './server-process.ts';

/*
 * A11Y7: the console says the votes counted (paced), the paper count, the results shown and the vote
 * closing with its results; the phone and the projector say their countdown at one minute and ten
 * seconds only. Each live region's sentences are recorded in the page as they change, so the test reads
 * what a screen reader was given, not only the last sentence.
 */

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

test('A11Y7 the console says votes counted at a pace, the paper count, results shown and the close; phone and projector say the timer twice at most', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const session = await EveryKindSession.create(server.url, 'Aankondigingen op de console', ['single']);
  await session.addAnswerers([3, 3, 0, 0, 0]);
  const desk = await browser.newContext({ baseURL: server.url, viewport: VIEWPORTS.laptop });
  await signInContext(desk);
  const console = await desk.newPage();
  await console.goto(`/console/${session.sessionId}?mode=live`);
  await expect(console.getByTestId('cockpit')).toBeVisible();
  const projector = await desk.newPage();
  await projector.setViewportSize(VIEWPORTS.projector);
  await projector.goto(`/present/${session.sessionId}`);
  await expect(projector.getByTestId('projector-join')).toBeVisible();
  const phone = await joinedPhone(browser, server.url, session.joinCode, PHONE_ZONE);

  const consoleSaid = await recordChanges(console, 'console-said');
  const region = console.getByTestId('console-said');
  await expect(region).toHaveAttribute('aria-live', 'polite');
  await session.open('single');
  await expect(console.getByTestId('round-item')).toHaveAttribute('data-status', 'open');

  // Six people vote: counted in batches of k = 3; the first count is said at once, the next after a pause.
  await session.answer('single');
  await session.answered('single', 6);
  await expect(region).toHaveText('6 stemmen geteld.', { timeout: 15_000 });
  const counts = await consoleSaid();
  expect(counts.length, `said: ${counts.join(' | ')}`).toBeLessThanOrEqual(2);
  for (const sentence of counts) expect(sentence).toMatch(/^\d+ stemmen geteld\.$/);

  // A paper ballot: the paper panel's count is a polite, atomic live region.
  await console.getByTestId('tool-paper').click();
  const panel = console.getByTestId('paper-panel');
  await panel.getByLabel('Zone').selectOption({ label: 'RIT' });
  await panel.getByTestId('vote-option').first().click();
  await panel.getByTestId('paper-save').click();
  const tally = panel.locator('[aria-live="polite"][aria-atomic="true"]');
  await expect(tally.getByTestId('paper-saved')).toHaveText('1 papieren stem ingevoerd');
  await console.getByTestId('drawer-close').click();

  await session.reveal('single');
  await expect(region).toHaveText('De zaal ziet de resultaten.');

  // A timer of 12 s: phone and projector say "ten seconds" once, not every second, and the round closes.
  const phoneSaid = await recordChanges(phone, 'countdown-said');
  const projectorSaid = await recordChanges(projector, 'countdown-said');
  await session.timer('single', 12);
  await expect(projector.getByTestId('countdown')).toHaveAttribute('role', 'timer');
  await expect(projector.getByTestId('countdown-said')).toHaveText('Nog tien seconden.', { timeout: 8_000 });
  await expect(phone.getByTestId('countdown-said')).toHaveText('Nog tien seconden om te stemmen.');
  await expect(projector.getByTestId('countdown')).toHaveAttribute('data-seconds', /^[0-3]$/, { timeout: 10_000 });
  expect(await projectorSaid()).toEqual(['Nog tien seconden.']);
  expect(await phoneSaid()).toEqual(['Nog tien seconden om te stemmen.']);

  // The timer closes the round: its count (the paper ballot stored with it) and its results are said.
  await expect(region).toHaveText('Stemming gesloten: 7 stemmen geteld. De resultaten staan klaar.', {
    timeout: 15_000,
  });
  session.dispose();
  await desk.close();
  await phone.context().close();
});
