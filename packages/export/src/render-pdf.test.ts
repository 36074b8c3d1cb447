import { beforeAll, describe, expect, it } from 'vitest';
import { exportDocument } from '@vrijuit/core';
import { DUTCH_WORDS, fixtureInput, fixtureSession } from '@vrijuit/core/export-fixture';
import { renderExport } from './render.ts';
import { HOSTILE_WORDS, FORMULAS, XSS } from './testing/hostile-words.ts';
import { pdfInfo, pdfText, requireTool } from './testing/office-tools.ts';
import { leaksIn } from './testing/anonymity.ts';

/*
 * The PDF export read back by poppler (pdftotext, pdfinfo): the text holds the session's facts, nothing
 * names a participant, the metadata names no person and no time of day, and the S6 corpus is plain text.
 */

const fixture = exportDocument(fixtureSession(), fixtureInput());
const hostile = exportDocument(fixtureSession(HOSTILE_WORDS), fixtureInput(HOSTILE_WORDS));

/** In -layout a table row is one line, its cells apart by spaces. */
const row = (...cells: string[]) => new RegExp(cells.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));

/** Wrapping inside a narrow cell only adds whitespace: compare without it. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

beforeAll(async () => {
  await requireTool('pdftotext');
  await requireTool('pdfinfo');
});

describe('PDF export', () => {
  let bytes: Uint8Array;
  let text: string;
  beforeAll(async () => {
    const file = await renderExport(fixture, 'pdf');
    expect(file.contentType).toBe('application/pdf');
    expect(file.fileName).toMatch(/\.pdf$/);
    bytes = file.bytes;
    text = await pdfText(bytes);
  }, 60_000);

  it('holds the session facts as pdftotext reads them', () => {
    const w = DUTCH_WORDS;
    for (const fact of [w.title, '24 november 2026', w.facilitator, w.description]) expect(text).toContain(fact);
    expect(text).toMatch(row(w.zones[0], '6', 'Herentals, Grobbendonk, Olen'));
    for (const question of Object.values(w.questions)) expect(text).toContain(question);
    expect(text).toMatch(row('Werkdruk', '18', '50%'));
    expect(text).toMatch(row('Werkdruk', '9', '—', '—'));
    expect(text).toMatch(row('Wachtlijsten zijn te lang (ook: Wachttijden veel te lang)', '4'));
    expect(text).not.toContain(w.points[4]);
    for (const line of [w.text.heading, ...w.text.paragraphs, ...w.text.items, w.zoneDraft])
      expect(text).toContain(line);
    expect(text).toMatch(row('Ronde 2', 'Nu', 'Verschil'));
    expect(text).toMatch(row('Communicatie', '6', '12', '+6'));
    expect(text).not.toContain('Nooit gestart');
  });

  it('names no participant', () => {
    expect(leaksIn(text)).toEqual([]);
    // Dictionaries (metadata, outline) are not compressed: the raw file holds no secret either.
    expect(leaksIn(new TextDecoder('latin1').decode(bytes))).toEqual([]);
  });

  it('names no person and no time of day in its metadata; A4, Dutch, with bookmarks', async () => {
    const info = await pdfInfo(bytes);
    expect(info.Title).toBe(DUTCH_WORDS.title);
    expect(info.Author).toBe('Vrijuit');
    expect(info.Creator).toBe('Vrijuit');
    expect(info.CreationDate).toBe('2026-11-24T00:00:00Z');
    expect(info.ModDate).toBe('2026-11-24T00:00:00Z');
    expect(info['Metadata Stream']).toBe('no');
    expect(info['Page size']).toContain('(A4)');
    expect(Number(info.Pages)).toBeGreaterThan(3);
    const raw = new TextDecoder('latin1').decode(bytes);
    expect(raw).toContain('/Lang (nl-BE)');
    expect(raw).toContain('/Outlines');
    // Bookmarks nest (a round's breakdowns under the round): outline items with children of their own.
    expect(raw.match(/\/First \d+ 0 R/g)?.length).toBeGreaterThan(2);
  });

  it('numbers its pages', () => {
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    pages.forEach((page, i) => expect(page).toMatch(new RegExp(`\\b${i + 1}\\s*/\\s*${pages.length}\\b`)));
  });
});

describe('PDF export of the S6 corpus', () => {
  it('renders every script, markup and formula as literal text', async () => {
    const { bytes } = await renderExport(hostile, 'pdf');
    const text = squeeze(await pdfText(bytes, 'raw'));
    for (const [name, value] of Object.entries({ ...XSS, ...FORMULAS })) expect(text, name).toContain(squeeze(value));
    expect(leaksIn(text)).toEqual([]);
    expect((await pdfInfo(bytes)).Title).toBe(HOSTILE_WORDS.title);
  }, 60_000);
});
