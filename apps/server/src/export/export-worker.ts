import { parentPort } from 'node:worker_threads';
import { renderExport } from '@vrijuit/export';
import type { ExportDocument, ExportFormat } from '@vrijuit/protocol';

/*
 * The export renderer's thread (P5: exports run off the main event loop). It takes one job at a time:
 * the export model (structured clone) and a format; it answers with the file, its bytes transferred.
 */

export interface ExportJob {
  readonly id: number;
  readonly doc: ExportDocument;
  readonly format: ExportFormat;
}

export type ExportJobResult =
  | { id: number; ok: true; bytes: ArrayBuffer; contentType: string; fileName: string; renderMs: number }
  | { id: number; ok: false; message: string };

const port = parentPort;
if (!port) throw new Error('export-worker.ts runs as a worker thread only');

port.on('message', (job: ExportJob) => {
  const started = performance.now();
  renderExport(job.doc, job.format).then(
    (file) => {
      // A view on a bigger or shared buffer is copied once, so exactly the file's bytes are transferred.
      const whole = file.bytes.byteOffset === 0 && file.bytes.byteLength === file.bytes.buffer.byteLength;
      const bytes = (whole ? file.bytes : file.bytes.slice()).buffer as ArrayBuffer;
      const result: ExportJobResult = {
        id: job.id,
        ok: true,
        bytes,
        contentType: file.contentType,
        fileName: file.fileName,
        renderMs: performance.now() - started,
      };
      port.postMessage(result, [bytes]);
    },
    (error: unknown) => {
      const result: ExportJobResult = { id: job.id, ok: false, message: String(error) };
      port.postMessage(result);
    },
  );
});
