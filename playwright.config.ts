import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (toolchain.md). Each test file starts its own real
// server on a free port with a fresh data directory (tests/e2e/fixtures.ts).
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: 'test-results',
  use: {
    // Browsers ask for Dutch unless a test says otherwise (the page follows Accept-Language, SPEC LN3).
    locale: 'nl-BE',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
