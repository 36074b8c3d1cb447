import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STORE_INDEPENDENT_FILES } from './store-independent.ts';

const here = new URL('./', import.meta.url);
const source = (file: string) => readFileSync(new URL(file, here), 'utf8');

describe('DB13 the PostgreSQL run leaves out only the files that do not follow the store setting', () => {
  it('DB13 each file left out exists and starts no test server that follows VRIJUIT_TEST_STORE', () => {
    const files = new Set(readdirSync(here));
    for (const file of STORE_INDEPENDENT_FILES) {
      expect(files.has(file), file).toBe(true);
      const text = source(file);
      // A server of helpers.ts follows the setting unless it names its store; so does a test store.
      expect(text, file).not.toMatch(/serverPerFile\(|openTestStore\(|TEST_STORE|writeStoreSync/);
      for (const call of text.matchAll(/startServer\(([^)]*)\)/g)) expect(call[1], file).toMatch(/store:/);
    }
  });
});
