import { expect, test, type Page } from '@playwright/test';
import { signInContext } from './accounts.ts';
import { addRound, newConsole, openCockpit } from './console.ts';
import { joinedPhone } from './phones.ts';
import { ServerProcess } from './server-process.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

async function expectOn(phones: Page[], question: string, state: string): Promise<void> {
  for (const p of phones) {
    await expect(p.getByTestId('round-question')).toHaveText(question);
    await expect(p.getByTestId('round-status')).toHaveAttribute('data-state', state);
  }
}

test('ST1 ST3 ST7 live steering: next moves both phones along, going back shows an earlier round, the preview follows', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { page: desk, code } = await newConsole(browser, server.url, 'Live sturen');
  for (const q of ['Vraag één', 'Vraag twee', 'Vraag drie']) await addRound(desk, q);
  // Rounds are made in design mode; the session is steered from the cockpit (CK2).
  await openCockpit(desk);
  const steps = desk.getByTestId('agenda-step');
  await expect(steps).toHaveCount(3);
  await expect(steps.first()).toHaveAttribute('data-status', 'draft');

  const phones = [
    await joinedPhone(browser, server.url, code, 'Neteland'),
    await joinedPhone(browser, server.url, code, 'RIT'),
  ];
  // ST6: per zone, online now.
  const zoneRow = (zone: string) => desk.locator(`[data-testid="cockpit-zone"][data-zone="${zone}"]`);
  await expect(zoneRow('Neteland').getByTestId('cockpit-zone-online')).toHaveText('1');
  await expect(zoneRow('RIT').getByTestId('cockpit-zone-online')).toHaveText('1');

  // ST1: the button names what it opens; both phones follow.
  const next = desk.getByTestId('next-round');
  await expect(next).toHaveText(/Volgende ronde: Vraag één/);
  await next.click();
  await expectOn(phones, 'Vraag één', 'open');
  await phones[0]!.getByTestId('vote-option').first().click();
  await expect(steps.nth(0)).toHaveAttribute('aria-current', 'step');

  await expect(next).toHaveText(/Volgende ronde: Vraag twee/);
  await next.click();
  await expectOn(phones, 'Vraag twee', 'open');
  await expect(steps.nth(0)).toHaveAttribute('data-status', 'closed');
  await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
  await expect(steps.nth(0)).not.toHaveAttribute('aria-current', 'step');
  await phones[1]!.getByTestId('vote-option').first().click();

  // ST7: the preview is the projector page itself, showing the current round.
  const preview = desk.getByTestId('projector-preview').frameLocator('iframe');
  await expect(preview.getByTestId('projector-question')).toHaveText('Vraag twee');

  // ST3: back to the first round (its results revealed), keyboard only; nothing reopens, round two stays open.
  // The cockpit looks into round one first (the room stays on round two), and reveals it there.
  await steps.nth(0).getByTestId('agenda-pick').click();
  const round = desk.getByTestId('round-item');
  await expect(round).toHaveAttribute('data-round-id', (await steps.nth(0).getAttribute('data-round-id'))!);
  await round.getByTestId('round-reveal').click();
  await expect(round).toHaveAttribute('data-revealed', 'true');
  await expect(preview.getByTestId('projector-question')).toHaveText('Vraag twee');
  const again = steps.nth(0).getByTestId('show-again');
  await again.focus();
  await desk.keyboard.press('Enter');
  for (const p of phones) {
    await expect(p.getByTestId('round-status')).toHaveAttribute('data-state', 'closed');
    await expect(p.getByTestId('phone-results')).toContainText('Vraag één');
  }
  await expect(steps.nth(0)).toHaveAttribute('aria-current', 'step');
  await expect(steps.nth(1)).toHaveAttribute('data-status', 'open');
  await expect(preview.getByTestId('projector-question')).toHaveText('Vraag één');
  await expect(desk.getByTestId('now-showing')).toHaveText('Nu op de schermen: Vraag één');

  // ST1: next continues after the open round, not after the one shown.
  await expect(next).toHaveText(/Volgende ronde: Vraag drie/);
  await next.click();
  await expectOn(phones, 'Vraag drie', 'open');
  await expect(steps.nth(1)).toHaveAttribute('data-status', 'closed');
});

test('ST7 only the projector page may be framed, and only by this origin', async ({ browser }) => {
  // Signed in, so the facilitator pages answer themselves rather than a redirect to /login.
  const desk = await browser.newContext({ baseURL: server.url });
  await signInContext(desk);
  const request = desk.request;
  const present = await request.get(`${server.url}/present/abcdefghijklmnop`);
  expect(present.headers()['x-frame-options']).toBe('SAMEORIGIN');
  expect(present.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
  for (const path of ['/', '/new', '/console/abcdefghijklmnop']) {
    const res = await request.get(`${server.url}${path}`);
    expect(res.headers()['x-frame-options'], path).toBe('DENY');
    expect(res.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'");
  }
  await desk.close();
});
