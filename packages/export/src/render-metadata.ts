import type { ExportDocument } from '@vrijuit/protocol';

/*
 * What the DOCX and PDF files say about themselves. The only author a file names is the tool: the
 * facilitator is in the text, by choice, but never in document properties a reader does not see; and
 * no timestamp is finer than the session's day (A1), where the libraries would write the moment of export.
 */

export const AUTHOR = 'Vrijuit';

/** The day the file is dated: the session's date, or the day of export for a session without one. */
export function exportDay(doc: ExportDocument): string {
  return doc.session.date ?? new Date().toISOString().slice(0, 10);
}

/** That day at midnight UTC, for metadata fields that want a full time. */
export function exportMidnight(doc: ExportDocument): Date {
  return new Date(`${exportDay(doc)}T00:00:00Z`);
}
