import { exportDocument } from '@vrijuit/core';
import { fixtureInput, fixtureSession, participantName } from '@vrijuit/core/export-fixture';
import { ExportDocument, type ExportFormat } from '@vrijuit/protocol';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderExport } from './render.ts';
import { leaksIn } from './testing/anonymity.ts';
import { HOSTILE_WORDS } from './testing/hostile-words.ts';

/**
 * A1 for the text formats: the fixture session holds participant ids and names, token hashes, voter
 * keys, round secrets, the owner's account and the ids of its session, rounds and pain points; none may
 * reach a Markdown, CSV or JSON export, nor a time finer than the session's day. (B checks DOCX and PDF
 * with the same `leaksIn` on their extracted text.)
 */

/** Every text an export file holds: the file itself, or each entry of a zip and its name. */
function textsOf(bytes: Uint8Array, format: ExportFormat): string[] {
  if (format !== 'csv') return [new TextDecoder().decode(bytes)];
  return Object.entries(unzipSync(bytes)).flatMap(([name, entry]) => [name, new TextDecoder().decode(entry)]);
}

describe.each<ExportFormat>(['md', 'csv', 'json'])('the %s export', (format) => {
  it.each([
    ['Dutch', undefined],
    ['hostile', HOSTILE_WORDS],
  ] as const)('of the %s fixture leaks no secret, hidden id or time', async (_, words) => {
    const state = fixtureSession(words);
    // The session does hold them (or this test would prove nothing): the names, the ids, the clock.
    expect(leaksIn(JSON.stringify(state))).toEqual(
      expect.arrayContaining([participantName(1), 'session-export-fixture', 'point-q7k2']),
    );
    const file = await renderExport(exportDocument(state, fixtureInput(words)), format);
    for (const text of [...textsOf(file.bytes, format), file.fileName]) expect(leaksIn(text)).toEqual([]);
  });
});

describe('the JSON export', () => {
  it('is the model as it is, read back whole through the schema, hostile texts included', async () => {
    for (const words of [undefined, HOSTILE_WORDS]) {
      const doc = exportDocument(fixtureSession(words), fixtureInput(words));
      const file = await renderExport(doc, 'json');
      expect(file.contentType).toBe('application/json; charset=utf-8');
      const parsed = JSON.parse(new TextDecoder().decode(file.bytes));
      expect(ExportDocument.parse(parsed)).toEqual(doc);
      expect(parsed).toEqual(doc);
    }
  });

  it('carries no key the schema does not name', async () => {
    const doc = exportDocument(fixtureSession(), fixtureInput());
    const extra = { ...doc, session: { ...doc.session, ownerAccountId: 'owner-account-id-SECRET' } };
    const file = await renderExport(extra as ExportDocument, 'json');
    expect(leaksIn(new TextDecoder().decode(file.bytes))).toEqual([]);
  });
});
