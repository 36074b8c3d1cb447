import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One run for every workspace; the end-to-end tests (tests/e2e) run under Playwright instead.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'protocol',
          root: './packages/protocol',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        },
      },
      { test: { name: 'core', root: './packages/core', include: ['src/**/*.test.ts'] } },
      { test: { name: 'themes', root: './packages/themes', include: ['src/**/*.test.ts'] } },
      {
        test: { name: 'export', root: './packages/export', include: ['src/**/*.test.ts'], testTimeout: 60_000 },
      },
      {
        test: {
          name: 'server',
          root: './apps/server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        // $lib as in SvelteKit; the messages are compiled by the web app's `prepare` (pnpm install).
        resolve: { alias: { $lib: fileURLToPath(new URL('./apps/web/src/lib', import.meta.url)) } },
        test: { name: 'web', root: './apps/web', include: ['src/**/*.test.ts'] },
      },
    ],
  },
});
