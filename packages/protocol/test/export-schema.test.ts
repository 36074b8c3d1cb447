import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderExportSchema } from '../doc/render-export-schema.ts';

const committed = readFileSync(new URL('../../../docs/export-schema.json', import.meta.url), 'utf8');

describe('docs/export-schema.json', () => {
  it('is exactly what the ExportDocument schema generates (run `pnpm docs:export` after changing it)', () => {
    expect(committed).toBe(renderExportSchema());
  });

  it('describes the whole export: every part of the model and no extra keys in a round', () => {
    const schema = JSON.parse(committed);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['format', 'version', 'session', 'attendance', 'rounds']);
    expect(schema.additionalProperties).toBe(false);
    const kinds = schema.properties.rounds.items.oneOf ?? schema.properties.rounds.items.anyOf;
    expect(kinds.map((k: { properties: { kind: { const: string } } }) => k.properties.kind.const)).toEqual([
      'vote',
      'pain-points',
      'word-cloud',
      'questions',
      'position-text',
    ]);
  });
});
