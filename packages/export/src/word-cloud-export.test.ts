import { exportDocument } from '@vrijuit/core';
import { fixtureInput, fixtureSession } from '@vrijuit/core/export-fixture';
import type { ExportDocument } from '@vrijuit/protocol';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderExport } from './render.ts';
import { pdfText, requireTool } from './testing/office-tools.ts';

/** The fixture's export with a word cloud added as its last round (the model is plain data). */
function withCloud(words: { word: string; count: number }[], respondents = 7): ExportDocument {
  const doc = exportDocument(fixtureSession(), fixtureInput());
  const number = doc.rounds.length + 1;
  return {
    ...doc,
    rounds: [
      ...doc.rounds,
      {
        number,
        question: 'Wat zie je graag veranderen?',
        status: 'closed',
        rerunOf: null,
        compareKey: null,
        kind: 'word-cloud',
        respondents,
        words,
      },
    ],
  };
}

const WORDS = [
  { word: 'fietspaden', count: 5 },
  { word: 'groen', count: 3 },
];
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('word cloud in the export (WC9)', () => {
  it('WC9: Markdown lists each word with how many people sent it, and says what is left out', async () => {
    const md = decode((await renderExport(withCloud(WORDS), 'md')).bytes);
    expect(md).toContain('Wat zie je graag veranderen?');
    expect(md).toMatch(/\| fietspaden \| 5 \|/);
    expect(md).toMatch(/\| groen \| 3 \|/);
    expect(md).toContain('Alleen woorden die minstens 3 mensen stuurden');
    const none = decode((await renderExport(withCloud([]), 'md')).bytes);
    expect(none).toContain('Geen woord werd door genoeg mensen gestuurd');
  });

  it('WC9: CSV has a file woordwolk.csv with round, question, word and count; JSON the same words', async () => {
    const zip = unzipSync((await renderExport(withCloud(WORDS), 'csv')).bytes);
    const csv = strFromU8(zip['woordwolk.csv']!);
    expect(csv).toContain('fietspaden');
    expect(csv.split(/\r?\n/).filter((line) => /fietspaden|groen/.test(line))).toHaveLength(2);
    // A session without a word cloud has no such file.
    const plain = unzipSync((await renderExport(exportDocument(fixtureSession(), fixtureInput()), 'csv')).bytes);
    expect(Object.keys(plain)).not.toContain('woordwolk.csv');
    const json = JSON.parse(decode((await renderExport(withCloud(WORDS), 'json')).bytes)) as ExportDocument;
    expect(json.rounds.at(-1)).toMatchObject({ kind: 'word-cloud', respondents: 7, words: WORDS });
  });

  it('WC9: DOCX and PDF hold the words too', async () => {
    const docx = unzipSync((await renderExport(withCloud(WORDS), 'docx')).bytes);
    const body = strFromU8(docx['word/document.xml']!);
    expect(body).toContain('fietspaden');
    expect(body).toContain('Woordwolk');
    await requireTool('pdftotext');
    const pdf = await pdfText((await renderExport(withCloud(WORDS), 'pdf')).bytes);
    expect(pdf).toContain('fietspaden');
    expect(pdf).toContain('groen');
  });
});
