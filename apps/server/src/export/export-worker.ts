import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { exportDocument, type ExportInput, type SessionState } from '@vrijuit/core';
import { renderExport } from '@vrijuit/export';
import type { ExportFormat } from '@vrijuit/protocol';

/*
 * The export's thread (P5: exports run off the main event loop). It takes one job at a time: the
 * session's state and the export input (structured clones) and a format; it builds the model (core's
 * pure exportDocument, ~30 ms for the P5 session, against ~4 ms to clone the state) and renders it,
 * and answers with the file, its bytes transferred.
 */

export interface ExportJob {
  readonly id: number;
  readonly state: SessionState;
  readonly input: ExportInput;
  readonly format: ExportFormat;
}

export type ExportJobResult =
  | {
      id: number;
      ok: true;
      bytes: ArrayBuffer;
      contentType: string;
      fileName: string;
      modelMs: number;
      renderMs: number;
    }
  | { id: number; ok: false; message: string };

const port = parentPort;
if (!port) throw new Error('export-worker.ts runs as a worker thread only');

/**
 * P5: the export yields the CPU to live votes. On Linux a nice value belongs to a thread, and 0 names the
 * calling one: this thread runs at the lowest priority, the server's main thread keeps its own. On a
 * busy machine an export takes longer; live acks do not wait for it. Where it cannot be set (another
 * system, a container that forbids it) the export runs at the server's priority, as before.
 */
const EXPORT_NICE = 19;
try {
  setPriority(0, EXPORT_NICE);
} catch {
  // Not allowed here: the export still runs, only not behind live traffic.
}

port.on('message', (job: ExportJob) => {
  const started = performance.now();
  let modelMs = 0;
  Promise.resolve()
    .then(() => {
      const doc = exportDocument(job.state, job.input);
      modelMs = performance.now() - started;
      return renderExport(doc, job.format);
    })
    .then(
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
          modelMs,
          renderMs: performance.now() - started - modelMs,
        };
        port.postMessage(result, [bytes]);
      },
      (error: unknown) => {
        const result: ExportJobResult = { id: job.id, ok: false, message: String(error) };
        port.postMessage(result);
      },
    );
});
