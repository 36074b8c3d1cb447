import { ExportDocument, type ExportFormat } from '@vrijuit/protocol';
import { exportFileName } from './file-name.ts';
import { exportLabels } from './i18n/index.ts';
import { outline } from './outline.ts';
import { renderCsvZip } from './render-csv.ts';
import { renderDocx } from './render-docx.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderPdf } from './render-pdf.ts';

/** A rendered export: its bytes, its MIME type and a file name made from the session's title and date. */
export interface ExportFile {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly fileName: string;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Renders the export model to one format. Pure apart from the libraries' own work; safe in a worker. */
export async function renderExport(doc: ExportDocument, format: ExportFormat): Promise<ExportFile> {
  const labels = exportLabels(doc.session.language);
  switch (format) {
    case 'json':
      // Parsed on the way out: the file is exactly the documented schema (docs/export-schema.json), no extra keys.
      return {
        bytes: utf8(`${JSON.stringify(ExportDocument.parse(doc), null, 2)}\n`),
        contentType: 'application/json; charset=utf-8',
        fileName: exportFileName(doc.session, 'json'),
      };
    case 'md':
      return {
        bytes: utf8(renderMarkdown(outline(doc, labels))),
        contentType: 'text/markdown; charset=utf-8',
        fileName: exportFileName(doc.session, 'md'),
      };
    case 'csv':
      return {
        bytes: renderCsvZip(doc, labels),
        contentType: 'application/zip',
        fileName: exportFileName(doc.session, 'zip'),
      };
    case 'docx':
      return {
        bytes: await renderDocx(doc),
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        fileName: exportFileName(doc.session, 'docx'),
      };
    case 'pdf':
      return {
        bytes: await renderPdf(doc),
        contentType: 'application/pdf',
        fileName: exportFileName(doc.session, 'pdf'),
      };
  }
}
