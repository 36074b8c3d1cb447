import { expect, type Page } from '@playwright/test';
import { OPTIONS, ROUNDS, type EveryKindSession, type RoundKey } from './every-kind.ts';
import { answerStatements } from './phones.ts';

/*
 * How a phone in the browser answers each round kind of every-kind.ts through its own controls, by
 * test id and the session's own options, so in any page language; each resolves once the answer is
 * sent (a vote: its status says received or stored; a pain point: listed as the phone's own; a text:
 * in the editor).
 */

/** Taps "Versturen" and waits until the ballot is sent. */
export async function sendBallot(page: Page): Promise<void> {
  await page.getByTestId('ballot-send').click();
  await ballotSent(page);
}

/** The phone's ballot reached the server: received (stored with the next batch, AN13) or stored. */
export async function ballotSent(page: Page): Promise<void> {
  await expect(page.getByTestId('vote-status')).toHaveAttribute('data-state', /^(received|sent)$/);
}

/** Writes `words` in the phone's (first) text editor, key by key as a person types. */
export async function writeText(page: Page, words: string): Promise<void> {
  const text = page.getByTestId('text-editor-content').first();
  await text.click();
  await page.keyboard.type(words, { delay: 5 });
  await expect(text).toContainText(words);
}

/** The "+" of the dot vote's row for option `label`. */
export const dotAdd = (page: Page, label: string) =>
  page.locator(`[data-testid="dot-row"][data-option-label="${label}"]`).getByTestId('dot-add');

/** Three dots on one option, one each on two others: the whole budget of 5. */
export const DOTS = [OPTIONS[6]!, OPTIONS[6]!, OPTIONS[6]!, OPTIONS[2]!, OPTIONS[7]!];

export const PHONE_ANSWERS: Record<RoundKey, (page: Page) => Promise<void>> = {
  single: async (page) => {
    await page.getByTestId('vote-option').nth(6).click();
    await ballotSent(page);
  },
  multiple: async (page) => {
    await page.getByTestId('choice-option').nth(2).check();
    await page.getByTestId('choice-option').nth(6).check();
    await sendBallot(page);
  },
  ranking: async (page) => {
    await page.getByTestId('rank-down').first().click();
    await page.getByTestId('rank-up').last().click();
    await sendBallot(page);
  },
  dots: async (page) => {
    for (const label of DOTS) await dotAdd(page, label).click();
    await sendBallot(page);
  },
  scale: async (page) => {
    await expect(page.getByTestId('level-group')).toHaveCount(OPTIONS.length);
    await answerStatements(page, 3);
    await sendBallot(page);
  },
  gradients: async (page) => {
    await answerStatements(page, 2);
    await sendBallot(page);
  },
  fist: async (page) => {
    await answerStatements(page, 0);
    await sendBallot(page);
  },
  pain: async (page) => {
    await page.getByTestId('pain-theme').selectOption({ label: OPTIONS[6]! });
    await page.getByTestId('pain-text').fill('De wachtlijsten in de geestelijke gezondheidszorg zijn veel te lang');
    await page.getByTestId('pain-send').click();
    await expect(page.getByTestId('own-point')).toHaveCount(1);
  },
  // A question: listed as on its way until its batch is stored (QA3).
  questions: async (page) => {
    await page.getByTestId('pain-text').fill('Wanneer wordt het kruispunt aan de school veiliger?');
    await page.getByTestId('pain-send').click();
    await expect(page.getByTestId('own-point')).toHaveCount(1);
  },
  cloud: async (page) => {
    for (const [i, answer] of ['fietspaden', 'openbaar vervoer', 'groen'].entries())
      await page.getByTestId(`cloud-answer-${i}`).fill(answer);
    await page.getByTestId('cloud-send').click();
    await expect(page.getByTestId('cloud-status')).toHaveAttribute('data-state', /^(received|sent)$/);
  },
  text: async (page) => {
    await writeText(page, 'Wij willen dat elke zone gehoord wordt.');
  },
  // Zone drafts: the phone writes its zone's draft, then switches to the plenary text and back.
  drafts: async (page) => {
    await writeText(page, 'Baldemore vraagt meer vervoer op maat.');
    await page.getByTestId('text-switch-plenary').click();
    await expect(page.getByTestId('text-switch-plenary')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('text-switch-zone').click();
    await expect(page.getByTestId('text-editor-content').first()).toContainText('Baldemore vraagt');
  },
};

/**
 * Reveals round `key` (not a text) and waits until the phone shows what the room may see: a pain wall
 * moderated (one entry merged, one hidden) where the phone says "ik ook"; a question wall moderated the same
 * way, one question answered, where the phone votes; the word cloud; or the chart of a vote.
 */
export async function revealOnPhone(session: EveryKindSession, key: RoundKey, page: Page): Promise<void> {
  const kind = ROUNDS[key].config.kind;
  await session.reveal(key);
  if (kind === 'pain-points') {
    await session.moderate(key);
    await expect(page.locator('[data-testid="wall-point"].hidden')).toBeVisible();
    await page.getByTestId('support-button').first().click();
    await expect(page.getByTestId('support-status')).toBeVisible();
  } else if (kind === 'questions') {
    await session.moderate(key);
    await expect(page.getByTestId('question-answered')).toBeVisible();
    await page.getByTestId('question-vote').first().click();
    await expect(page.getByTestId('phone-questions').getByTestId('vote-status')).toBeVisible();
  } else if (kind === 'word-cloud') {
    await expect(page.getByTestId('phone-cloud')).toBeVisible();
  } else {
    await expect(page.getByTestId('phone-results')).toBeVisible();
  }
}
