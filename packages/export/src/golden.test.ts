import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { exportDocument } from '@vrijuit/core';
import { fixtureInput, fixtureSession } from '@vrijuit/core/export-fixture';
import type { ExportFormat } from '@vrijuit/protocol';
import { describe, expect, it } from 'vitest';
import { renderExport } from './render.ts';

/*
 * Golden files: the fixture session's Markdown and JSON, compared byte for byte with the committed
 * packages/export/test/golden/fixture.*. After a deliberate change, regenerate them with
 * `UPDATE_GOLDEN=1 pnpm exec vitest run --project export golden`, read the diff, and commit it.
 */
const update = process.env.UPDATE_GOLDEN === '1';

describe.each<[ExportFormat, string]>([
  ['md', 'fixture.md'],
  ['json', 'fixture.json'],
])('the fixture session as %s', (format, file) => {
  it(`matches test/golden/${file}`, async () => {
    const doc = exportDocument(fixtureSession(), fixtureInput());
    const out = await renderExport(doc, format);
    const path = new URL(`../test/golden/${file}`, import.meta.url);
    if (update) writeFileSync(path, out.bytes);
    expect(existsSync(path), `${file} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(Buffer.from(out.bytes).equals(readFileSync(path))).toBe(true);
    expect(new TextDecoder().decode(out.bytes)).toBe(readFileSync(path, 'utf8'));
    expect(out.fileName).toBe(`toekomst-welzijnszorg-kempen-sessie-2-2026-11-24.${format}`);
  });
});
