import type { ExportDocument, ExportFormat } from '@vrijuit/protocol';
import { renderDocx } from './render-docx.ts';
import { renderPdf } from './render-pdf.ts';

/** A rendered export: its bytes, its MIME type and a file name made from the session's title and date. */
export interface ExportFile {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly fileName: string;
}

/** Renders the export model to one format. Pure apart from the libraries' own work; safe in a worker. */
export async function renderExport(doc: ExportDocument, format: ExportFormat): Promise<ExportFile> {
  switch (format) {
    case 'json':
      return {
        bytes: new TextEncoder().encode(`${JSON.stringify(doc, null, 2)}\n`),
        contentType: 'application/json; charset=utf-8',
        fileName: 'vrijuit-export.json',
      };
    case 'docx':
      return {
        bytes: await renderDocx(doc),
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        fileName: 'vrijuit-export.docx',
      };
    case 'pdf':
      return { bytes: await renderPdf(doc), contentType: 'application/pdf', fileName: 'vrijuit-export.pdf' };
    default:
      throw new Error(`export format ${format} is not built yet`);
  }
}
