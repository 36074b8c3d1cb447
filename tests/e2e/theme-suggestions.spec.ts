import { expect, test, type Page } from '@playwright/test';
import { joinedPhone } from './phones.ts';
import { ServerProcess } from './server-process.ts';
import { newConsole } from './console.ts';

/*
 * Core SPEC SU6 in a real browser: the console's "Stel thema's voor" on a pain-point wall, the server's
 * suggestions, and accepting or rejecting each group. SCREENSHOTS=<dir> saves the console with them.
 */
const server = new ServerProcess();
const shotsDir = process.env.SCREENSHOTS === '1' ? 'docs/screenshots' : process.env.SCREENSHOTS;
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

async function write(page: Page, text: string): Promise<void> {
  await page.getByTestId('pain-text').fill(text);
  await page.getByTestId('pain-send').click();
  // Received, or already on the wall when its batch was released at once.
  await expect(page.getByTestId('own-point').filter({ hasText: text })).toHaveAttribute(
    'data-state',
    /^(received|on-wall)$/,
  );
}

test('SU6 the console asks for themes, accepts one into a theme, adds a suggested new theme, rejects another', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { page: facilitator, code } = await newConsole(
    browser,
    server.url,
    'Werkgroep toekomstvisie Welzijnszorg Kempen',
    {
      viewport: { width: 1366, height: 900 },
      releaseEverySeconds: 10,
    },
  );
  const [an, bart, chris] = await Promise.all([
    joinedPhone(browser, server.url, code, 'Neteland'),
    joinedPhone(browser, server.url, code, 'RIT'),
    joinedPhone(browser, server.url, code, 'Baldemore'),
  ]);

  await facilitator.getByTestId('round-question').fill('Waar lopen mensen in jouw gemeente tegenaan?');
  await facilitator.getByTestId('round-kind-pain-points').check();
  await facilitator.getByTestId('round-options').fill('Woningen\nKinderopvang');
  await facilitator.getByTestId('round-create').click();
  const round = facilitator.getByTestId('round-item').first();
  await round.getByTestId('round-open').click();
  await expect(round).toHaveAttribute('data-status', 'open');

  // Two batches of three (one entry from each phone each).
  await write(an, 'Huurwoningen zijn te duur');
  await write(bart, 'Wachtlijst voor de kinderopvang');
  await write(chris, 'Geen bus naar het ziekenhuis');
  await expect(facilitator.getByTestId('wall-point')).toHaveCount(3, { timeout: 20_000 });
  await write(an, 'De bus rijdt niet naar het ziekenhuis');
  await write(bart, 'Te weinig sociale woningen');
  await write(chris, 'Niemand weet wie er beslist');
  await expect(facilitator.getByTestId('wall-point')).toHaveCount(6, { timeout: 20_000 });

  await facilitator.getByTestId('theme-suggest').click();
  const panel = facilitator.getByTestId('theme-suggestions');
  await expect(panel).toBeVisible();
  const suggestion = panel.getByTestId('theme-suggestion');
  await expect(suggestion).toHaveCount(3);
  await expect(suggestion.nth(0)).toContainText('Woningen');
  await expect(suggestion.nth(0)).toContainText('Huurwoningen zijn te duur');
  await expect(suggestion.nth(0)).toContainText('Te weinig sociale woningen');
  await expect(suggestion.nth(1)).toContainText('Kinderopvang');
  await expect(suggestion.nth(2)).toContainText('Nieuw thema: “Bus, ziekenhuis”');
  await expect(panel).not.toContainText('Niemand weet wie er beslist');
  if (shotsDir) {
    await facilitator.screenshot({ path: `${shotsDir}/console-theme-suggestions.png`, fullPage: true });
  }
  // Nothing is filed before the facilitator accepts.
  await expect(
    facilitator.locator('[data-testid="wall-column"][data-theme-id="o1"] [data-testid="wall-point"]'),
  ).toHaveCount(0);

  // Accept "Woningen": both entries go there, as a move by hand would.
  await suggestion.nth(0).getByTestId('theme-suggestion-accept').click();
  const column = (themeId: string) =>
    facilitator.locator(`[data-testid="wall-column"][data-theme-id="${themeId}"] [data-testid="wall-point"]`);
  await expect(column('o1')).toHaveCount(2);
  // Reject "Kinderopvang": its entry stays without a theme.
  await panel
    .getByTestId('theme-suggestion')
    .filter({ hasText: 'Kinderopvang' })
    .getByTestId('theme-suggestion-reject')
    .click();
  await expect(panel.getByTestId('theme-suggestion')).toHaveCount(1);
  await expect(column('o2')).toHaveCount(0);
  // Accept the new theme: it is added, and its two entries are filed under it.
  await panel.getByTestId('theme-suggestion-accept').click();
  await expect(column('o3')).toHaveCount(2);
  await expect(facilitator.locator('[data-testid="wall-column"][data-theme-id="o3"]')).toContainText('Bus, ziekenhuis');
  await expect(panel.getByTestId('theme-suggestion')).toHaveCount(0);
  await expect(panel.getByTestId('theme-suggest-none')).toBeVisible();

  // ML1 ML4: each accepted group is one line of the moderation log, newest first; a rejection is none.
  const log = facilitator.getByTestId('moderation-log');
  await expect(log.getByTestId('moderation-log-count')).toHaveText('2');
  await log.locator('summary').click();
  await expect(log.getByTestId('moderation-log-line')).toHaveText([
    'Voorstel aanvaard: nieuw thema “Bus, ziekenhuis” met 2 knelpunten',
    'Voorstel aanvaard: 2 knelpunten naar “Woningen”',
  ]);
  // ML2: the phones say the log is published with the outcome.
  await expect(an.getByText(/logboek bij de uitkomst/)).toBeVisible();
  if (shotsDir) {
    await facilitator.screenshot({
      path: `${shotsDir}/console-theme-suggestions-accepted.png`,
      fullPage: true,
    });
  }

  // ML3 ML4 RP6: once the session is closed, the phones' results page says what moderation did.
  const sessionPanel = facilitator.getByTestId('session-panel');
  await sessionPanel.getByRole('button', { name: 'Sessie afsluiten' }).click();
  await sessionPanel.getByRole('button', { name: 'Ja, afsluiten' }).click();
  const moderation = an.getByTestId('results-moderation');
  await expect(moderation.getByRole('listitem')).toHaveText([
    'Voorstel aanvaard (Woningen): 2',
    'Voorstel aanvaard (Bus, ziekenhuis): 2',
  ]);
  await expect(
    an.getByRole('heading', { name: /Bus, ziekenhuis \(voorgesteld, bevestigd door de begeleider\)/ }),
  ).toBeVisible();
  if (shotsDir) await an.screenshot({ path: `${shotsDir}/phone-results-moderation.png`, fullPage: true });
  await facilitator.context().close();
});
