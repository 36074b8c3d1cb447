import { describe, expect, it } from 'vitest';
import { AGREEMENT_LEVELS } from '@vrijuit/protocol/constants';
import { exportLabels } from './index.ts';
import { nlExport } from './nl.ts';

/** Every string of a catalogue by its path. */
function strings(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value))
      for (const [p, s] of strings(child, `${path}.${key}`)) out.set(p, s);
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('export catalogues', () => {
  const dutch = strings(nlExport);
  for (const language of ['en', 'fr'] as const) {
    it(`${language}: every Dutch key, the same placeholders, one label per agreement level`, () => {
      const labels = exportLabels(language);
      const translated = strings(labels);
      expect([...translated.keys()].sort()).toEqual([...dutch.keys()].sort());
      for (const [path, text] of translated)
        expect(placeholders(text), path).toEqual(placeholders(dutch.get(path) ?? ''));
      for (const [preset, n] of Object.entries(AGREEMENT_LEVELS)) {
        expect(labels.agreementLevels[preset as keyof typeof AGREEMENT_LEVELS]).toHaveLength(n);
      }
      expect(labels.locale).not.toBe(nlExport.locale);
    });
  }
});
