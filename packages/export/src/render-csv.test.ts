import { exportDocument } from '@vrijuit/core';
import { fixtureInput, fixtureSession } from '@vrijuit/core/export-fixture';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { renderExport } from './render.ts';
import { csvNumber, csvText, neutralise } from './render-csv.ts';
import { FORMULAS, HOSTILE_WORDS, XSS } from './testing/hostile-words.ts';
import { readCsv } from './testing/read-csv.ts';

const FILES = [
  'sessie.csv',
  'aanwezigheid.csv',
  'stemmingen.csv',
  'uitsplitsing.csv',
  'antwoorden-per-niveau.csv',
  'voor-en-na.csv',
  'knelpunten.csv',
  'moderatie.csv',
  'teksten.csv',
];

async function csvExport(hostile = false) {
  const w = hostile ? HOSTILE_WORDS : undefined;
  const file = await renderExport(exportDocument(fixtureSession(w), fixtureInput(w)), 'csv');
  return { file, entries: unzipSync(file.bytes) };
}

/** The local file headers' DOS dates and times of a zip, in order. */
function zipDates(zip: Uint8Array): { date: string; time: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const found = [];
  for (let at = 0; at + 30 <= zip.length; at++) {
    if (view.getUint32(at, true) !== 0x04034b50) continue;
    const time = view.getUint16(at + 10, true);
    const d = view.getUint16(at + 12, true);
    const date = `${1980 + (d >> 9)}-${String((d >> 5) & 15).padStart(2, '0')}-${String(d & 31).padStart(2, '0')}`;
    found.push({ date, time });
  }
  return found;
}

describe('neutralise (S6, OWASP CSV injection)', () => {
  it('puts a quote before a formula start and leaves other text alone', () => {
    for (const formula of Object.values(FORMULAS)) expect(neutralise(formula)).toBe(`'${formula}`);
    expect(neutralise('-')).toBe("'-");
    expect(neutralise('Werkdruk = zwaar')).toBe('Werkdruk = zwaar');
    expect(neutralise('')).toBe('');
  });

  it('writes numbers bare, with a decimal comma, negative ones as numbers', () => {
    expect(csvNumber(-2)).toBe('-2');
    expect(csvNumber(1 / 6)).toBe('0,1667');
    expect(csvNumber(1234567.891)).toBe('1234567,891');
    expect(csvNumber(1e-7)).toBe('0');
    const text = csvText({ name: 'x.csv', head: ['a', 'b'], rows: [[-2.5, '-2.5']] });
    expect(text).toBe('\uFEFF"a";"b"\r\n-2,5;"\'-2.5"\r\n');
  });
});

describe('the CSV export', () => {
  const TZ = process.env.TZ;
  afterEach(() => {
    if (TZ === undefined) delete process.env.TZ;
    else process.env.TZ = TZ;
  });

  it('is a zip of one CSV per kind of fact, named after the session', async () => {
    const { file, entries } = await csvExport();
    expect(file.contentType).toBe('application/zip');
    expect(file.fileName).toBe('toekomst-welzijnszorg-kempen-sessie-2-2026-11-24.zip');
    expect(Object.keys(entries)).toEqual(FILES);
    for (const name of FILES) {
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(entries[name]);
      expect(text.startsWith('\uFEFF"'), name).toBe(true);
      expect(text.endsWith('\r\n'), name).toBe(true);
      const rows = readCsv(text);
      expect(rows.length, name).toBeGreaterThan(1);
      for (const row of rows) expect(row.length, name).toBe(rows[0]!.length);
    }
  });

  it('holds the facts: results with decimal commas, suppressed groups, merged entries, re-runs', async () => {
    const { entries } = await csvExport();
    const read = (name: string) => readCsv(strFromU8(entries[name]!)).map((row) => row.map((c) => c.value));
    expect(read('stemmingen.csv')).toContainEqual([
      '2',
      'Op welke thema’s moet de organisatie inzetten?',
      'Punten verdelen',
      'afgesloten',
      '',
      'Communicatie',
      '6',
      'Punten',
      '0,1667',
      '12',
      '0',
      '',
    ]);
    expect(read('stemmingen.csv')).toContainEqual(expect.arrayContaining(['7', '1,5', 'Gemiddeld']));
    expect(read('uitsplitsing.csv')).toContainEqual(['2', 'Werkdruk', 'zone', 'Kempen Noord', '', '', 'ja']);
    expect(read('uitsplitsing.csv')).toContainEqual(['2', 'Werkdruk', 'gemeente', 'Herentals', '3', '5', 'nee']);
    expect(read('knelpunten.csv')).toContainEqual([
      '1',
      'Wat loopt er vandaag mis?',
      'Werkdruk',
      'Wachttijden veel te lang',
      '',
      'Wachtlijsten zijn te lang',
      'nee',
    ]);
    expect(read('knelpunten.csv')).toContainEqual([
      '1',
      'Wat loopt er vandaag mis?',
      'Communicatie',
      'Te veel overleg zonder besluit',
      '0',
      '',
      'ja',
    ]);
    expect(read('knelpunten.csv').flat()).not.toContain('Iemand met naam en toenaam beschuldigen');
    // ML3: the moderation log, summed: action, reason, theme, times, entries; no text.
    expect(read('moderatie.csv')).toEqual([
      ['Ronde', 'Vraag', 'Handeling', 'Reden', 'Thema', 'Keer', 'Knelpunten'],
      ['1', 'Wat loopt er vandaag mis?', 'Samengevoegd met een ander knelpunt', '', '', '1', '1'],
      ['1', 'Wat loopt er vandaag mis?', 'Verborgen', 'noemt iemand bij naam', '', '1', '1'],
      ['1', 'Wat loopt er vandaag mis?', 'Voorstel aanvaard', '', 'Communicatie', '1', '1'],
    ]);
    expect(read('moderatie.csv').flat()).not.toContain('Iemand met naam en toenaam beschuldigen');
    const change = readCsv(strFromU8(entries['voor-en-na.csv']!))[1]!;
    expect(change.map((c) => c.value)).toEqual(['3', '2', 'Werkdruk', '18', '16', '-2']);
    expect(change[5]!.quoted).toBe(false);
    expect(read('teksten.csv')).toContainEqual(['6', 'Onze gezamenlijke nota', 'Plenair', 'kop', '2', 'Visie']);
  });

  it('gives the same bytes in every time zone, every entry dated on the session day at midnight', async () => {
    const bytes: Uint8Array[] = [];
    for (const tz of ['UTC', 'Pacific/Kiritimati', 'America/Adak']) {
      process.env.TZ = tz;
      bytes.push((await csvExport()).file.bytes);
    }
    expect(Buffer.from(bytes[1]!).equals(Buffer.from(bytes[0]!))).toBe(true);
    expect(Buffer.from(bytes[2]!).equals(Buffer.from(bytes[0]!))).toBe(true);
    const dates = zipDates(bytes[0]!);
    expect(dates).toHaveLength(FILES.length);
    for (const d of dates) expect(d).toEqual({ date: '2026-11-24', time: 0 });
  });

  it('keeps every hostile text as inert text: no cell a spreadsheet would run (S6)', async () => {
    const { entries } = await csvExport(true);
    const cells = FILES.flatMap((name) => readCsv(strFromU8(entries[name]!)).flat());
    for (const c of cells) {
      if (c.quoted) expect(c.value).not.toMatch(/^[=+\-@\t\r]/);
      else expect(c.value).toMatch(/^(-?\d+(,\d+)?)?$/);
    }
    const values = cells.map((c) => c.value);
    // Each formula reaches its cell whole, behind one quote; markup is kept as the text it was.
    expect(values).toContain(`'${FORMULAS.equals}`);
    expect(values).toContain(`'${FORMULAS.plus}`);
    expect(values).toContain(`'${FORMULAS.minus}`);
    expect(values).toContain(`'${FORMULAS.cr} schaal?`);
    expect(values).toContain(`'${FORMULAS.at} eerste paragraaf ${XSS.img}`);
    expect(values).toContain(`'${FORMULAS.tab} doorgaan?`);
    expect(values).toContain(XSS.script);
    expect(values).toContain(`${XSS.link}\nnieuwe regel`);
  });
});
