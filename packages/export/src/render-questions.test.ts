import { exportDocument } from '@vrijuit/core';
import { fixtureInput, fixtureSession } from '@vrijuit/core/export-fixture';
import type { ExportDocument } from '@vrijuit/protocol';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderExport } from './render.ts';
import { pdfText } from './testing/office-tools.ts';
import { readCsv } from './testing/read-csv.ts';

/** The fixture's export with a question round after its rounds, as core's model gives it (QA5). */
function withQuestions(
  moderation: Extract<ExportDocument['rounds'][number], { kind: 'questions' }>['moderation'] = [
    { action: 'hidden', reason: 'off-topic', theme: null, times: 2, entries: 2 },
    { action: 'merged', reason: null, theme: null, times: 1, entries: 1 },
  ],
  paper = 3,
): ExportDocument {
  const doc = exportDocument(fixtureSession(), fixtureInput());
  const number = doc.rounds.length + 1;
  return {
    ...doc,
    rounds: [
      ...doc.rounds,
      {
        number,
        question: 'Wat wil je de schepen vragen?',
        status: 'closed',
        rerunOf: null,
        compareKey: null,
        kind: 'questions',
        questions: [
          { text: 'Waarom sluit het loket op zaterdag?', votes: 7, answered: true, merged: [] },
          {
            text: 'Wanneer komt de nieuwe bus?',
            votes: 3,
            answered: false,
            merged: ['Komt er een bus naar het station?'],
          },
        ],
        paper,
        moderation,
      },
    ],
  };
}

describe('QA5 a question round in the export', () => {
  it('QA5 Markdown lists the questions with their votes and whether they were answered', async () => {
    const md = strFromU8((await renderExport(withQuestions(), 'md')).bytes);
    const section = md.slice(md.indexOf('Wat wil je de schepen vragen?'));
    expect(section).toContain('Vragen');
    expect(section).toContain('2 vragen.');
    expect(section).toMatch(/\| Waarom sluit het loket op zaterdag\? \| 7 \| ja \|/);
    expect(section).toMatch(
      /\| Wanneer komt de nieuwe bus\? \(ook: Komt er een bus naar het station\?\) \| 3 \| nee \|/,
    );
  });

  it('QA5 the CSV zip has vragen.csv with one row per question and merged duplicate; none without a question round', async () => {
    const zip = unzipSync((await renderExport(withQuestions(), 'csv')).bytes);
    const rows = readCsv(strFromU8(zip['vragen.csv']!)).map((row) => row.map((cell) => cell.value));
    expect(rows[0]).toEqual(['Ronde', 'Vraag', 'Gestelde vraag', 'Stemmen', 'Beantwoord', 'Samengevoegd in']);
    expect(rows.slice(1).map((r) => r.slice(2))).toEqual([
      ['Waarom sluit het loket op zaterdag?', '7', 'ja', ''],
      ['Wanneer komt de nieuwe bus?', '3', 'nee', ''],
      ['Komt er een bus naar het station?', '', '', 'Wanneer komt de nieuwe bus?'],
    ]);
    const plain = unzipSync((await renderExport(exportDocument(fixtureSession(), fixtureInput()), 'csv')).bytes);
    expect(Object.keys(plain)).not.toContain('vragen.csv');
  });

  it('QA7 Markdown, DOCX and PDF say how many questions came on paper, in a sentence of its own; nothing without', async () => {
    const md = strFromU8((await renderExport(withQuestions(), 'md')).bytes);
    // Three on paper, two listed: a merged or hidden one counts too, so never "2 vragen (waarvan 3 …)".
    expect(md.slice(md.indexOf('Wat wil je de schepen vragen?'))).toContain(
      '2 vragen. 3 vragen kwamen op papier binnen.',
    );
    const one = strFromU8((await renderExport(withQuestions(undefined, 1), 'md')).bytes);
    expect(one).toContain('2 vragen. 1 vraag kwam op papier binnen.');
    const none = strFromU8((await renderExport(withQuestions(undefined, 0), 'md')).bytes);
    expect(none).toContain('2 vragen.\n');
    expect(none).not.toContain('op papier binnen');
    const docx = unzipSync((await renderExport(withQuestions(), 'docx')).bytes);
    expect(strFromU8(docx['word/document.xml']!)).toContain('3 vragen kwamen op papier binnen.');
    const pdf = await pdfText((await renderExport(withQuestions(), 'pdf')).bytes, 'raw');
    expect(pdf.replace(/\s+/g, ' ')).toContain('3 vragen kwamen op papier binnen.');
    const en = strFromU8(
      (await renderExport({ ...withQuestions(), session: { ...withQuestions().session, language: 'en' } }, 'md')).bytes,
    );
    expect(en).toContain('2 questions. 3 questions came in on paper.');
  });

  it('QA5 the JSON export is the model, questions and all', async () => {
    const json = JSON.parse(strFromU8((await renderExport(withQuestions(), 'json')).bytes));
    expect(json.rounds.at(-1)).toMatchObject({
      kind: 'questions',
      questions: [{ votes: 7, answered: true }, { votes: 3 }],
      paper: 3,
    });
  });
});

describe("QA6 a question round's moderation log in the export", () => {
  it('QA6 Markdown has the Moderatielogboek table under the questions, and says so when nothing was done', async () => {
    const md = strFromU8((await renderExport(withQuestions(), 'md')).bytes);
    const section = md.slice(md.indexOf('Wat wil je de schepen vragen?'));
    expect(section).toContain('Moderatielogboek');
    expect(section).toContain('Wat de begeleider met de vragen deed');
    expect(section).toMatch(/\| Verborgen \| hoort niet bij de vraag \| 2 \| 2 \|/);
    expect(section).toMatch(/\| Samengevoegd met een andere vraag \|\s+\| 1 \| 1 \|/);
    const none = strFromU8((await renderExport(withQuestions([]), 'md')).bytes);
    expect(none.slice(none.indexOf('Wat wil je de schepen vragen?'))).toContain(
      'De begeleider verborg niets en voegde niets samen.',
    );
  });

  it("QA6 moderatie.csv has the question round's rows; the JSON has moderation on the round", async () => {
    const doc = withQuestions();
    const zip = unzipSync((await renderExport(doc, 'csv')).bytes);
    const rows = readCsv(strFromU8(zip['moderatie.csv']!)).map((row) => row.map((cell) => cell.value));
    const mine = rows.filter((r) => r[1] === 'Wat wil je de schepen vragen?').map((r) => r.slice(2));
    expect(mine).toEqual([
      ['Verborgen', 'hoort niet bij de vraag', '', '2', '2'],
      ['Samengevoegd met een andere vraag', '', '', '1', '1'],
    ]);
    const json = JSON.parse(strFromU8((await renderExport(doc, 'json')).bytes));
    expect(json.rounds.at(-1).moderation).toEqual([
      { action: 'hidden', reason: 'off-topic', theme: null, times: 2, entries: 2 },
      { action: 'merged', reason: null, theme: null, times: 1, entries: 1 },
    ]);
  });
});
