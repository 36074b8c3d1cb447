import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { joinedPhone } from './phones.ts';
import { ServerProcess } from './server-process.ts';
import { newConsole, openProjector } from './console.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

const phone = (browser: Browser, code: string, zone: string) => joinedPhone(browser, server.url, code, zone);

async function write(page: Page, text: string): Promise<void> {
  await page.getByTestId('pain-text').fill(text);
  await page.getByTestId('pain-send').click();
  // Received by the server (acked), not stored nor on any screen yet: it waits in memory for its batch.
  await expect(page.getByTestId('own-point').filter({ hasText: text })).toHaveAttribute('data-state', 'received');
  await expect(page.getByTestId('pain-text')).toHaveValue('');
}

const consoleCard = (page: Page, text: string) => page.getByTestId('wall-point').filter({ hasText: text });
const projectorCard = (page: Page, text: string) => page.getByTestId('projector-point').filter({ hasText: text });

async function menu(facilitator: Page, text: string): Promise<Locator> {
  const card = consoleCard(facilitator, text);
  await card.getByTestId('point-menu').click();
  return card;
}

test('pain points: four phones write anonymously, entries reach the screens in a batch, the facilitator moderates', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // Batches every 10 seconds (the floor, core AN21), at least 3 entries (the default and the floor).
  const { page: facilitator, code } = await newConsole(
    browser,
    server.url,
    'Werkgroep toekomstvisie Welzijnszorg Kempen',
    {
      viewport: { width: 1366, height: 900 },
      releaseEverySeconds: 10,
    },
  );
  const projector = await openProjector(facilitator);

  const [an, bart, chris, dina] = await Promise.all([
    phone(browser, code, 'Neteland'),
    phone(browser, code, 'Neteland'),
    phone(browser, code, 'RIT'),
    phone(browser, code, 'Baldemore'),
  ]);

  // A pain-point round with two themes, two entries each, the wall live.
  await facilitator.getByTestId('round-question').fill('Wat knelt er vandaag in de samenwerking?');
  await facilitator.getByTestId('round-kind-pain-points').check();
  await facilitator.getByTestId('round-options').fill('Financiën\nPersoneel');
  await facilitator.getByTestId('round-per-participant').fill('2');
  await facilitator.getByTestId('round-create').click();
  const round = facilitator.getByTestId('round-item').first();
  await round.getByTestId('round-open').click();
  await expect(round).toHaveAttribute('data-status', 'open');

  // Before typing, each phone says who sees what, the server's files included.
  for (const page of [an, bart, chris, dina]) {
    await expect(page.getByTestId('pain-anonymity')).toContainText('niemand');
    await expect(page.getByTestId('pain-anonymity')).toContainText('wie de bestanden van de server heeft');
  }
  // The console says when new entries appear, never how many wait.
  await expect(facilitator.getByTestId('wall-release-note')).toHaveText(
    'Nieuwe punten verschijnen in groepjes: zodra minstens 3 deelnemers iets schreven, ten vroegste om de 10 s. Zo wijst het moment waarop iets verschijnt niemand aan.',
  );

  const texts = {
    an: 'De facturen komen altijd te laat',
    bart: 'Niemand weet wie er beslist',
    chris: 'Te weinig personeel in de dagcentra',
  };
  await write(an, texts.an);
  await write(bart, texts.bart);
  // Two entries from two people wait in the server's memory: no screen shows a text or a count yet.
  await facilitator.waitForTimeout(2500);
  await expect(facilitator.getByTestId('wall-point')).toHaveCount(0);
  await expect(projector.getByTestId('projector-point')).toHaveCount(0);
  await expect(facilitator.getByTestId('pain-point-board')).not.toContainText(/\bwacht/);
  await expect(an.getByTestId('own-point').filter({ hasText: texts.an })).toHaveAttribute('data-state', 'received');
  if (process.env.SCREENSHOTS) {
    await an.screenshot({ path: `${process.env.SCREENSHOTS}/pain-received-phone.png`, fullPage: true });
  }

  // The third entry completes a batch: all three appear together on every screen.
  await write(chris, texts.chris);
  await expect(projector.getByTestId('projector-point')).toHaveCount(3, { timeout: 15_000 });
  await expect(facilitator.getByTestId('wall-point')).toHaveCount(3);
  for (const text of Object.values(texts)) await expect(projectorCard(projector, text)).toBeVisible();
  await expect(an.getByTestId('own-point').filter({ hasText: texts.an })).toHaveAttribute('data-state', 'on-wall');
  // A phone marks its own entry and offers "ik ook" on the others only.
  const anWall = an.getByTestId('phone-wall');
  await expect(anWall.getByTestId('wall-point').filter({ hasText: texts.an }).getByTestId('wall-own')).toBeVisible();
  await expect(
    anWall.getByTestId('wall-point').filter({ hasText: texts.an }).getByTestId('support-button'),
  ).toHaveCount(0);

  // Dina says "ik ook" to An's entry: received, but no count moves until 3 people's "ik ook" are stored.
  const wallPoint = (page: Page) =>
    page.getByTestId('phone-wall').getByTestId('wall-point').filter({ hasText: texts.an });
  await wallPoint(dina).getByTestId('support-button').click();
  await expect(wallPoint(dina).getByTestId('support-button')).toHaveAttribute('aria-pressed', 'true');
  await expect(wallPoint(dina).getByTestId('support-status')).toHaveAttribute('data-state', 'received');
  await wallPoint(bart).getByTestId('support-button').click();
  await expect(wallPoint(bart).getByTestId('support-status')).toHaveAttribute('data-state', 'received');
  // (No count is shown while it is 0.)
  await expect(consoleCard(facilitator, texts.an).getByTestId('wall-point-support')).toHaveCount(0);
  await expect(projectorCard(projector, texts.an).getByTestId('projector-point-support')).toHaveCount(0);
  await expect(wallPoint(an).getByTestId('wall-support')).toHaveText('Nog geen “ik ook”');
  // Chris is the third: the three are stored together, the count moves by 3 on the console and the projector.
  await wallPoint(chris).getByTestId('support-button').click();
  await expect(consoleCard(facilitator, texts.an).getByTestId('wall-point-support')).toHaveAttribute('data-count', '3');
  await expect(projectorCard(projector, texts.an).getByTestId('projector-point-support')).toHaveAttribute(
    'data-count',
    '3',
  );
  for (const page of [dina, bart, chris]) {
    await expect(wallPoint(page).getByTestId('support-status')).toHaveAttribute('data-state', 'sent');
  }

  // Moderation: hide Bart's entry with a reason every screen shows instead of the text.
  await menu(facilitator, texts.bart);
  await facilitator.getByTestId('point-menu-hide').click();
  await facilitator.locator('[data-testid="point-hide-reason"][data-reason="off-topic"]').click();
  await expect(projector.getByTestId('projector-point').filter({ hasText: texts.bart })).toHaveCount(0);
  await expect(projector.locator('[data-testid="projector-point"][data-hidden="off-topic"]')).toHaveCount(1);
  await expect(bart.getByTestId('phone-wall')).not.toContainText(texts.bart);
  await expect(bart.getByTestId('phone-wall')).toContainText('hoort niet bij deze vraag');

  // Merge Chris's entry into An's: its text is listed under An's, the support combines (3 + 1).
  await menu(facilitator, texts.chris);
  await facilitator.getByTestId('point-menu-merge').click();
  await facilitator.getByTestId('point-merge-target').filter({ hasText: texts.an }).click();
  await facilitator.getByTestId('point-merge-confirm').click();
  await expect(projector.getByTestId('projector-point')).toHaveCount(2);
  await expect(projectorCard(projector, texts.an).getByTestId('projector-point-support')).toHaveAttribute(
    'data-count',
    '4',
  );

  // Cluster An's entry into "Personeel" with the menu (the keyboard and phone way; drag on a laptop).
  await menu(facilitator, texts.an);
  await facilitator.getByTestId('point-menu-theme').click();
  await facilitator.getByTestId('point-theme-choice').filter({ hasText: 'Personeel' }).click();
  const personeel = projector.getByTestId('projector-wall-group').filter({ hasText: 'Personeel' });
  await expect(personeel.getByTestId('projector-point').filter({ hasText: texts.an })).toBeVisible();
  await expect(
    facilitator.locator('[data-testid="wall-column"][data-theme-id="o2"]').getByTestId('wall-point'),
  ).toContainText(texts.an);

  // `SCREENSHOTS=docs/screenshots npx playwright test pain-points` refreshes the pictures in the docs
  // (the phone's wall comes from viewports.spec.ts).
  const shots = process.env.SCREENSHOTS;
  if (shots) {
    await projector.screenshot({ path: `${shots}/pain-wall-projector.png` });
    await facilitator.getByTestId('pain-point-board').screenshot({ path: `${shots}/pain-wall-console.png` });
  }

  // On a laptop the same is done by dragging the card onto another theme (native HTML5 drag and drop).
  await consoleCard(facilitator, texts.an).dragTo(
    facilitator.locator('[data-testid="wall-column"][data-theme-id="o1"]'),
  );
  const financien = projector.getByTestId('projector-wall-group').filter({ hasText: 'Financiën' });
  await expect(financien.getByTestId('projector-point').filter({ hasText: texts.an })).toBeVisible();

  // Dina's entry waits alone in the server's memory until the round closes; closing stores and releases it.
  await write(dina, 'Elke gemeente wil iets anders');
  await facilitator.waitForTimeout(2500);
  await expect(projectorCard(projector, 'Elke gemeente wil iets anders')).toHaveCount(0);
  await round.getByTestId('round-close').click();
  await expect(round).toHaveAttribute('data-status', 'closed');
  await expect(projectorCard(projector, 'Elke gemeente wil iets anders')).toBeVisible();
  await expect(dina.getByTestId('own-point')).toHaveAttribute('data-state', 'on-wall');

  // Nowhere on the console is a name or a zone next to an entry.
  await expect(facilitator.getByTestId('pain-point-board')).not.toContainText('Neteland');
});
