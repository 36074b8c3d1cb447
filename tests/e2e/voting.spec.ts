import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { openProjector } from './console.ts';
import { newPhone } from './phones.ts';
import { ServerProcess } from './server-process.ts';
import { signInContext } from './accounts.ts';

const server = new ServerProcess();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.stop());

async function phone(browser: Browser, code: string): Promise<Page> {
  const page = await newPhone(browser, server.url);
  await page.goto(`/j/${code}`);
  return page;
}

/** Joins with a zone and, when given, a municipality ('' = "liever niet zeggen"). */
async function join(page: Page, zone: string, municipality: string | null, state = 'waiting'): Promise<void> {
  await page
    .getByTestId('zone-option')
    .and(page.getByLabel(zone, { exact: true }))
    .check();
  if (municipality === '') await page.getByTestId('municipality-none').check();
  else if (municipality) {
    await page
      .getByTestId('municipality-option')
      .and(page.getByLabel(municipality, { exact: true }))
      .check();
  }
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('round-status')).toHaveAttribute('data-state', state);
}

const dotRow = (page: Page, label: string) => page.locator(`[data-testid="dot-row"][data-option-label="${label}"]`);

async function addDots(page: Page, label: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await dotRow(page, label).getByTestId('dot-add').click();
}

/**
 * Sends the ballot. The server stores ballots only in batches of k = 3 people (AN13): until a batch is
 * complete the phone says `received`; the ballot that completes a batch is `sent` (stored) at once.
 */
async function send(page: Page, state: 'received' | 'sent'): Promise<void> {
  await page.getByTestId('ballot-send').click();
  await expect(page.getByTestId('vote-status')).toHaveAttribute('data-state', state);
}

const zoneGroup = (page: Page | Locator, zone: string) =>
  page.getByTestId('breakdown-zones').locator(`[data-testid="breakdown-group"][data-group="${zone}"]`);

test('dot voting with five phones, a projector, and zones under the anonymity threshold', async ({ browser }) => {
  test.setTimeout(180_000);
  const desk = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  await signInContext(desk);
  const facilitator = await desk.newPage();
  await facilitator.goto('/new');
  await facilitator.getByTestId('session-title').fill('Werkgroep toekomstvisie Welzijnszorg Kempen');
  // The five Kempen zones and their 27 municipalities are prefilled; k stays 3.
  await expect(facilitator.getByTestId('session-zones-count')).toHaveText('5 zones, 27 gemeenten');
  await expect(facilitator.getByTestId('session-threshold')).toHaveValue('3');
  await facilitator.getByTestId('session-create').click();
  await expect(facilitator).toHaveURL(/\/console\//);
  await expect(facilitator.getByTestId('session-settings')).toContainText('Kleinste groep: 3');
  const code = (await facilitator.getByTestId('join-code').innerText()).replace(/[\s-]/g, '');

  // The room's screen, opened from the console in its own window, shows how to join.
  const projector = await openProjector(facilitator, { width: 1600, height: 900 });
  await expect(projector.getByTestId('projector-code')).toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);
  await expect(projector.getByTestId('projector-qr').locator('svg')).toBeVisible();

  // Five phones: three from Neteland, two from RIT; the municipality is optional.
  const neteland = await Promise.all([phone(browser, code), phone(browser, code), phone(browser, code)]);
  const rit = await Promise.all([phone(browser, code), phone(browser, code)]);
  await join(neteland[0]!, 'Neteland', 'Herentals');
  await join(neteland[1]!, 'Neteland', 'Olen');
  await join(neteland[2]!, 'Neteland', '');
  await join(rit[0]!, 'RIT', 'Turnhout');
  await join(rit[1]!, 'RIT', null);
  await expect(facilitator.getByTestId('joined-count')).toHaveText('5');
  await expect(projector.getByTestId('projector-joined')).toHaveAttribute('data-count', '5');

  // A dot-voting round: 5 points, at most 3 per option, results hidden until revealed.
  await facilitator.getByTestId('round-question').fill('Waar moet Welzijnszorg Kempen op inzetten?');
  await facilitator.getByTestId('round-kind-dot-voting').check();
  await facilitator.getByTestId('round-budget').fill('5');
  await facilitator.getByTestId('round-max-per-option').fill('3');
  await facilitator.getByTestId('round-create').click();
  const round = facilitator.getByTestId('round-item').first();
  await expect(round).toHaveAttribute('data-status', 'draft');
  await round.getByTestId('round-open').click();
  await expect(round).toHaveAttribute('data-status', 'open');
  await expect(projector.getByTestId('projector-question')).toHaveText('Waar moet Welzijnszorg Kempen op inzetten?');
  await expect(projector.getByTestId('projector-responses')).toHaveAttribute('data-count', '0');

  // The first phone tries to put a 4th dot on one option, then to spend more than its budget.
  const anna = neteland[0]!;
  await expect(anna.getByTestId('ballot-summary')).toHaveText('Nog 5 punten');
  await addDots(anna, 'Opgroeien', 3);
  const plus = dotRow(anna, 'Opgroeien').getByTestId('dot-add');
  await expect(plus).toHaveAttribute('aria-disabled', 'true');
  await plus.dispatchEvent('click');
  await expect(dotRow(anna, 'Opgroeien').getByTestId('dot-count')).toHaveText(/^3/);
  await expect(anna.getByTestId('ballot-problem')).toHaveText('Hoogstens 3 punten per keuze.');
  await addDots(anna, 'Ouder worden', 2);
  await expect(anna.getByTestId('ballot-summary')).toHaveText('Alle punten verdeeld');
  await expect(anna.getByTestId('vote-status')).toHaveAttribute('data-state', 'unsent');
  await dotRow(anna, 'Tewerkstelling').getByTestId('dot-add').dispatchEvent('click');
  await expect(anna.getByTestId('ballot-problem')).toHaveText('Je punten zijn op. Haal eerst ergens een punt weg.');
  await expect(dotRow(anna, 'Tewerkstelling').getByTestId('dot-count')).toHaveText(/^0/);
  // Received, not stored yet: it waits for the ballots of two more people, and no count moves.
  await send(anna, 'received');
  await expect(anna.getByTestId('vote-status')).toContainText('Ontvangen');
  await expect(round.getByTestId('vote-batch-note')).toHaveText(
    'Stemmen tellen mee in groepjes van minstens 3 deelnemers; de rest verschijnt bij het sluiten.',
  );
  await expect(round.getByTestId('ballot-count')).toHaveText('0');
  await expect(projector.getByTestId('projector-responses')).toHaveAttribute('data-count', '0');

  await addDots(neteland[1]!, 'Opgroeien', 2);
  await addDots(neteland[1]!, 'Tewerkstelling', 3);
  await send(neteland[1]!, 'received');
  await expect(projector.getByTestId('projector-responses')).toHaveAttribute('data-count', '0');
  // The third ballot completes a batch: the three are stored and counted together.
  await addDots(neteland[2]!, 'Opgroeien', 3);
  await addDots(neteland[2]!, 'Gezondheidszorg', 2);
  await send(neteland[2]!, 'sent');
  for (const p of [anna, neteland[1]!])
    await expect(p.getByTestId('vote-status')).toHaveAttribute('data-state', 'sent');
  await expect(anna.getByTestId('vote-status')).toContainText('Opgeslagen');
  await expect(projector.getByTestId('projector-responses')).toHaveAttribute('data-count', '3');
  const tally = (label: string) =>
    round.locator(`[data-testid="tally-row"][data-option-label="${label}"] [data-testid="tally-count"]`);
  await expect(round.getByTestId('ballot-count')).toHaveText('3');
  await expect(tally('Opgroeien')).toHaveText('8');
  await expect(tally('Ouder worden')).toHaveText('2');
  await expect(tally('Tewerkstelling')).toHaveText('3');

  await addDots(rit[0]!, '(Precair) wonen', 3);
  await addDots(rit[0]!, 'Opgroeien', 2);
  await send(rit[0]!, 'received');
  await addDots(rit[1]!, 'Tewerkstelling', 1);
  await send(rit[1]!, 'received');

  // Anna changes her mind while the round is open: one dot moves; she still counts once.
  await dotRow(anna, 'Ouder worden').getByTestId('dot-remove').click();
  await addDots(anna, 'Tewerkstelling', 1);
  await expect(anna.getByTestId('vote-status')).toHaveAttribute('data-state', 'unsent');
  await send(anna, 'received');

  // Two new ballots and one change: fewer than 3 people, so the live counts stay where the batch left
  // them; the results stay hidden from the room until revealed.
  await expect(projector.getByTestId('projector-responses')).toHaveAttribute('data-count', '3');
  await expect(projector.getByTestId('projector-results')).toHaveCount(0);
  await expect(round.getByTestId('ballot-count')).toHaveText('3');
  await expect(tally('Opgroeien')).toHaveText('8');
  await expect(tally('Ouder worden')).toHaveText('2');

  // Closing stores the rest: every ballot counts, Anna's changed one once.
  await round.getByTestId('round-close').click();
  await expect(round).toHaveAttribute('data-status', 'closed');
  await expect(round.getByTestId('vote-batch-note')).toHaveCount(0);
  await expect(round.getByTestId('ballot-count')).toHaveText('5');
  await expect(projector.getByTestId('projector-responses')).toHaveAttribute('data-count', '5');
  await expect(tally('Opgroeien')).toHaveText('10');
  await expect(tally('Ouder worden')).toHaveText('1');
  await expect(tally('Tewerkstelling')).toHaveText('5');
  await expect(projector.getByTestId('projector-hidden')).toBeVisible();
  await round.getByTestId('round-reveal').click();
  await expect(round).toHaveAttribute('data-revealed', 'true');

  const projected = (label: string) =>
    projector.locator(
      `[data-testid="projector-tally-row"][data-option-label="${label}"] [data-testid="projector-tally-count"]`,
    );
  await expect(projector.getByTestId('projector-results')).toBeVisible();
  await expect(projected('Opgroeien')).toHaveText('10');
  await expect(projected('Ouder worden')).toHaveText('1');
  await expect(projected('(Precair) wonen')).toHaveText('3');

  // RIT has 2 respondents (< k = 3): suppressed. Neteland's 3 are suppressed too, as its complement:
  // shown, total − Neteland would give RIT's dots away. Neither carries a single figure.
  await expect(zoneGroup(projector, 'RIT')).toHaveAttribute('data-suppressed', 'true');
  await expect(zoneGroup(projector, 'Neteland')).toHaveAttribute('data-suppressed', 'true');
  await expect(zoneGroup(projector, 'RIT')).not.toContainText(/\d/);
  await expect(zoneGroup(projector, 'Neteland')).not.toContainText(/\d/);
  await expect(zoneGroup(facilitator, 'RIT')).toContainText('minder dan 3 antwoorden — verborgen');
  await expect(zoneGroup(facilitator, 'Neteland')).toHaveAttribute('data-suppressed', 'true');

  // A sixth person, from Zuiderkempen, comes in; the round is run again. Now the hidden part (RIT 2 +
  // Zuiderkempen 1 = 3) is large enough: Neteland is shown, and RIT cannot be told from Zuiderkempen.
  const late = await phone(browser, code);
  await join(late, 'Zuiderkempen', 'Geel', 'closed');
  await round.getByTestId('round-rerun').click();
  const rerun = facilitator.getByTestId('round-item').nth(1);
  await expect(rerun).toHaveAttribute('data-status', 'draft');
  await rerun.getByTestId('round-open').click();
  await expect(rerun).toHaveAttribute('data-status', 'open');
  // Six people: two full batches of three, so all six count before the close.
  for (const [i, p] of [...neteland, ...rit, late].entries()) {
    await addDots(p, 'Opgroeien', 1);
    await addDots(p, p === late || rit.includes(p) ? 'Tewerkstelling' : 'Ouder worden', 2);
    await send(p, i % 3 === 2 ? 'sent' : 'received');
  }
  await expect(projector.getByTestId('projector-responses')).toHaveAttribute('data-count', '6');
  await rerun.getByTestId('round-close').click();
  await rerun.getByTestId('round-reveal').click();

  await expect(projected('Opgroeien')).toHaveText('6');
  await expect(zoneGroup(projector, 'Neteland')).toHaveAttribute('data-suppressed', 'false');
  await expect(zoneGroup(projector, 'Neteland')).toContainText('3 antwoorden');
  await expect(zoneGroup(projector, 'RIT')).toHaveAttribute('data-suppressed', 'true');
  await expect(zoneGroup(projector, 'Zuiderkempen')).toHaveAttribute('data-suppressed', 'true');
  await expect(zoneGroup(facilitator.getByTestId('round-item').nth(1), 'Neteland')).toContainText('3');

  // Before and after, side by side, on the projector and the console.
  await expect(projector.getByTestId('before-after')).toBeVisible();
  await expect(projector.locator('[data-testid="compare-row"][data-option-label="Ouder worden"]')).toContainText('+');
  await expect(rerun.getByTestId('before-after')).toBeVisible();

  // Phones see the revealed result too.
  await expect(late.getByTestId('round-status')).toHaveAttribute('data-state', 'closed');
  await expect(late.getByTestId('phone-results')).toBeVisible();
});
