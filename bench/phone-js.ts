/**
 * P6: the JavaScript a phone loads for a page, gzip-compressed (level 9), as a phone on a slow network
 * pays for it. Start Vrijuit (`npm start`), then:
 *
 *   pnpm exec tsx bench/phone-js.ts http://127.0.0.1:3000 /j/ABC234 [locale]
 *
 * An unknown code gives the join page's JavaScript without a session (what a phone loads first).
 * With `--join` (a real session's code), the phone also joins the first zone and waits as a phone
 * waits for the first round, so the total is everything it loads before the first round:
 *
 *   pnpm exec tsx bench/phone-js.ts http://127.0.0.1:3000 /j/REALCODE nl-BE --join
 */
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const args = process.argv.slice(2);
const join = args.includes('--join');
const [base = 'http://127.0.0.1:3000', path = '/j/ABC234', locale = 'nl-BE'] = args.filter((a) => a !== '--join');
/** Long enough to see anything a waiting phone fetches by itself (until 2026-12-06: the round screen, after 3 s). */
const WAIT_AFTER_JOIN_MS = 6000;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
const page = await browser.newPage({ locale, viewport: { width: 360, height: 740 }, isMobile: true });
const sizes: { file: string; raw: number; gz: number }[] = [];
const pending: Promise<void>[] = [];
page.on('response', (response) => {
  if (response.request().resourceType() !== 'script') return;
  pending.push(
    response
      .body()
      .then((body) => {
        sizes.push({
          file: response.url().split('/').pop() ?? '',
          raw: body.length,
          gz: gzipSync(body, { level: 9 }).length,
        });
      })
      .catch(() => undefined),
  );
});
await page.goto(base + path, { waitUntil: 'networkidle' });
if (join) {
  await page.getByTestId('zone-option').first().check();
  await page.getByTestId('join-submit').click();
  await page.locator('[data-testid="round-status"][data-state="waiting"]').waitFor();
  await page.waitForTimeout(WAIT_AFTER_JOIN_MS);
}
await Promise.all(pending);
await browser.close();
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
for (const s of sizes.sort((a, b) => b.gz - a.gz))
  console.log(`${kb(s.gz).padStart(6)} KB gz  ${kb(s.raw).padStart(6)} KB  ${s.file}`);
const total = sizes.reduce((sum, s) => sum + s.gz, 0);
console.log(`${path} (${locale}${join ? ', joined, waiting' : ''}): ${sizes.length} files, ${kb(total)} KB gz`);
