import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';
import type { AxeResults, Result } from 'axe-core';

/*
 * axe-core in the page under test. The page's CSP allows no injected <script> (as it should), so the
 * engine's source is evaluated through the DevTools protocol (page.evaluate), once per document.
 */

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_VERSION = (JSON.parse(readFileSync(require.resolve('axe-core/package.json'), 'utf8')) as { version: string })
  .version;

/** WCAG 2.2 level A and AA, with the criteria added in 2.1 and 2.2. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** What one check found: a line of the report AXE_REPORT writes. */
export interface AxeCheck {
  page: string;
  state: string;
  language: string;
  violations: number;
  passes: number;
  /** Rule ids that failed (empty when none did). */
  rules: string[];
}

const checks: AxeCheck[] = [];

/** One violation as a person reads it: rule, impact, where, and what it asks. */
function describe(violation: Result): string {
  const targets = violation.nodes.map((node) => `    ${node.target.join(' ')}`).join('\n');
  return `${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help}\n${targets}`;
}

/**
 * Runs axe on the whole document with the WCAG 2.2 AA rules and fails (softly: the test goes on, so one
 * run lists every page's problems) with a readable list when anything is violated. `where` names the
 * page, its state and language for the message and the report.
 */
export async function expectNoAxeViolations(
  page: Page,
  where: { page: string; state: string; language: string },
): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  // Colours mid-transition are neither the old nor the new ones (a button that hydration just enabled
  // fades from grey for 120 ms): let every finite animation end, so axe judges what the page settles on.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => Number.isFinite(Number(animation.effect?.getComputedTiming().endTime)))
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const result = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResults> } }).axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) => ({ violations: r.violations, passes: r.passes.length })),
    WCAG_TAGS,
  );
  const violations = result.violations as Result[];
  checks.push({
    ...where,
    violations: violations.reduce((n, v) => n + v.nodes.length, 0),
    passes: result.passes,
    rules: violations.map((v) => v.id),
  });
  const label = `${where.page} (${where.state}, ${where.language})`;
  expect.soft(violations.map(describe), `axe on ${label}:\n${violations.map(describe).join('\n')}`).toEqual([]);
}

/** Every check so far, in order. */
export function axeChecks(): readonly AxeCheck[] {
  return checks;
}

/** Writes the checks so far as JSON to `file` (AXE_REPORT), for docs/accessibility.md. */
export function writeAxeReport(file: string): void {
  const violations = checks.reduce((n, c) => n + c.violations, 0);
  const date = new Date().toISOString().slice(0, 10);
  const report = { axe: AXE_VERSION, tags: WCAG_TAGS, date, violations, checks };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
