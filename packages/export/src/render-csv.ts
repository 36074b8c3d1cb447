import type { ExportDocument } from '@vrijuit/protocol';
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { csvTables, type CsvCell, type CsvTable } from './csv-tables.ts';
import type { ExportLabels } from './i18n/index.ts';

/*
 * The CSV export: one file per kind of fact, zipped. Made for Excel and LibreOffice in Belgium: UTF-8
 * with a byte-order mark (so Excel reads é and ’ right), `;` between cells and a decimal comma (the
 * nl-BE list and decimal separators, so figures open as numbers), CRLF line ends (RFC 4180).
 */

/** A text a spreadsheet would run as a formula (OWASP CSV injection): =, +, -, @, tab or carriage return first. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made inert: a leading `'` keeps it text in every spreadsheet. Numbers are left as numbers. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A number with a decimal comma, at most four decimals (shares, means); never in exponent form. */
export function csvNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  const rounded = Math.round(n * 10_000) / 10_000;
  return rounded.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 4 }).replace('.', ',');
}

const cell = (value: CsvCell): string | number | null => (typeof value === 'string' ? neutralise(value) : value);

/** One table as CSV text (BOM, header row, `;`, text cells quoted, numbers bare). */
export function csvText(table: CsvTable): string {
  return stringify([table.head.map(neutralise), ...table.rows.map((row) => row.map(cell))], {
    bom: true,
    delimiter: ';',
    record_delimiter: 'windows',
    quoted_string: true,
    cast: { number: csvNumber },
  });
}

/**
 * A zip entry's date is a timestamp too (A1): every entry carries the session's day (or 1980-01-01),
 * never the moment of export, so the same session gives the same bytes. fflate writes local time, so
 * the date is built in local time to read the same day in every time zone.
 */
function entryDate(date: string | null): Date {
  const [y, m, d] = (date ?? '1980-01-01').split('-').map(Number);
  return new Date(y ?? 1980, (m ?? 1) - 1, d ?? 1);
}

/** The CSV export as a zip of one CSV file per table. */
export function renderCsvZip(doc: ExportDocument, labels: ExportLabels): Uint8Array {
  const mtime = entryDate(doc.session.date);
  const files: Zippable = {};
  for (const t of csvTables(doc, labels)) files[t.name] = [strToU8(csvText(t)), { mtime }];
  return zipSync(files, { level: 6, mtime });
}
