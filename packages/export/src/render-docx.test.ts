import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportDocument } from '@vrijuit/core';
import { DUTCH_WORDS, fixtureInput, fixtureSession } from '@vrijuit/core/export-fixture';
import { renderExport } from './render.ts';
import { HOSTILE_WORDS, FORMULAS, XSS } from './testing/hostile-words.ts';
import { docxText, libreOfficeConvert, pdfInfo, pdfText, requireTool } from './testing/office-tools.ts';
import { leaksIn } from './testing/anonymity.ts';

/*
 * The DOCX export read back by LibreOffice, the way a municipality's office opens it: the text holds the
 * session's facts, nothing names a participant, the properties name no person and no time of day.
 */

const fixture = exportDocument(fixtureSession(), fixtureInput());
const hostile = exportDocument(fixtureSession(HOSTILE_WORDS), fixtureInput(HOSTILE_WORDS));
const parts = (bytes: Uint8Array) =>
  Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));

/** LibreOffice writes one table cell a line: a row reads as its cells on consecutive lines. */
const row = (...cells: string[]) => cells.join('\n');

beforeAll(async () => {
  await requireTool('soffice');
  await requireTool('pdftotext');
});

describe('DOCX export', () => {
  let bytes: Uint8Array;
  let text: string;
  beforeAll(async () => {
    const file = await renderExport(fixture, 'docx');
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(file.fileName).toMatch(/\.docx$/);
    bytes = file.bytes;
    text = await docxText(bytes);
  }, 60_000);

  it('holds the session facts as LibreOffice reads them', () => {
    const w = DUTCH_WORDS;
    for (const fact of [w.title, '24 november 2026', w.facilitator, w.description]) expect(text).toContain(fact);
    for (const zone of w.zones) expect(text).toContain(zone);
    expect(text).toContain('Herentals, Grobbendonk, Olen');
    for (const question of Object.values(w.questions)) expect(text).toContain(question);
    // Dot vote: Werkdruk 18 dots, 50 %; one voice per municipality withheld; a suppressed zone reads "—".
    expect(text).toContain(row('Werkdruk', '18', '50%'));
    expect(text).toContain(row('Werkdruk', '9', '—', '—'));
    // Pain points: the merged entry with its support; the hidden one left out.
    expect(text).toContain(row('Wachtlijsten zijn te lang (ook: Wachttijden veel te lang)', '4'));
    expect(text).toContain(row('De bijdrage per inwoner stijgt elk jaar', '2'));
    expect(text).not.toContain(w.points[4]);
    // The position text, its list, the zone draft, the agreement per paragraph.
    for (const line of [w.text.heading, ...w.text.paragraphs, ...w.text.items, w.zoneDraft])
      expect(text).toContain(line);
    expect(text).toContain('Akkoord per paragraaf');
    // The re-run against the round it re-runs: before, after, change.
    expect(text).toContain(row('Ronde 2', 'Nu', 'Verschil'));
    expect(text).toContain(row('Communicatie', '6', '12', '+6'));
    // A round never started is not in the export.
    expect(text).not.toContain('Nooit gestart');
  });

  it('names no participant anywhere in the package', () => {
    expect(leaksIn(text)).toEqual([]);
    for (const [name, xml] of Object.entries(parts(bytes))) expect(leaksIn(xml), name).toEqual([]);
  });

  it('names no person and no time of day in its properties', () => {
    const core = parts(bytes)['docProps/core.xml'] ?? '';
    expect(core).toContain(`<dc:title>${DUTCH_WORDS.title}</dc:title>`);
    expect(core).toContain('<dc:creator>Vrijuit</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>Vrijuit</cp:lastModifiedBy>');
    expect(core).toMatch(/<dcterms:created[^>]*>2026-11-24T00:00:00Z</);
    expect(core).toMatch(/<dcterms:modified[^>]*>2026-11-24T00:00:00Z</);
    expect(core).not.toContain(DUTCH_WORDS.facilitator);
    const app = parts(bytes)['docProps/app.xml'] ?? '';
    expect(app).not.toMatch(/<(Company|Manager)>/);
  });

  it('uses real Word structure: Heading styles, repeated header rows, lists, Dutch (Belgium), A4', () => {
    const p = parts(bytes);
    const body = p['word/document.xml'] ?? '';
    for (const level of [1, 2, 3, 4]) expect(body).toContain(`<w:pStyle w:val="Heading${level}"/>`);
    expect(body).toContain('<w:tblHeader/>');
    expect(body).toContain('<w:jc w:val="right"/>');
    expect(body).toMatch(/<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
    expect(body).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(p['word/styles.xml']).toContain('w:val="nl-BE"');
    expect(Object.keys(p).some((name) => /^word\/footer\d*\.xml$/.test(name))).toBe(true);
  });

  it('opens cleanly in LibreOffice and converts to an A4 PDF', async () => {
    const pdf = await libreOfficeConvert(bytes, 'export.docx', 'pdf');
    const info = await pdfInfo(pdf);
    expect(info['Page size']).toContain('(A4)');
    expect(Number(info.Pages)).toBeGreaterThan(3);
    expect(info.Title).toBe(DUTCH_WORDS.title);
    expect(info.Author).toBe('Vrijuit');
    const pages = await pdfText(pdf);
    expect(pages).toContain(DUTCH_WORDS.questions.agreement);
  }, 60_000);
});

describe('DOCX export of the S6 corpus', () => {
  it('keeps every script, markup and formula as literal text, and still opens', async () => {
    const { bytes } = await renderExport(hostile, 'docx');
    const text = await docxText(bytes);
    for (const [name, value] of Object.entries(XSS)) expect(text, name).toContain(value);
    for (const name of ['equals', 'plus', 'minus', 'at'] as const) expect(text, name).toContain(FORMULAS[name]);
    // A typed tab stays whitespace, a typed carriage return a line break: the formula after them stays.
    expect(text).toMatch(/\s=1\+1 doorgaan\?/);
    expect(text).toMatch(/\n=1\+1 schaal\?/);
    expect(leaksIn(text)).toEqual([]);
    // The XML breakers did not open a paragraph of their own: the body still has exactly one.
    const body = parts(bytes)['word/document.xml'] ?? '';
    expect(body.match(/<w:body>/g)).toHaveLength(1);
    expect(body).not.toContain('<w:p/><?xml');
  }, 60_000);
});
