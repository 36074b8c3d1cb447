import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { exportDocument, type ExportInput, type SessionState } from '@vrijuit/core';
import { renderExport } from '@vrijuit/export';
import type { ExportFormat } from '@vrijuit/protocol';
import { joinState, type StateSlice } from './state-slices.ts';

/*
 * The export's thread (P5: exports run off the main event loop). It takes one job at a time: the
 * session's state (structured clones: its tables' slices first, SE9) and the export input and a format;
 * it builds the model (core's pure exportDocument, ~30 ms for the P5 session) and renders it, and
 * answers with the file, its bytes transferred.
 */

export interface ExportJob {
  readonly id: number;
  readonly state: SessionState;
  readonly input: ExportInput;
  readonly format: ExportFormat;
}

/**
 * What the server's thread sends: first the slices of the state's tables (SE9), each in a message of its
 * own, then the job with those tables left empty (`sliceState`); the job's id ties them together.
 */
export type ToExportWorker = { type: 'slice'; id: number; slice: StateSlice } | ({ type: 'job' } & ExportJob);

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

if (!parentPort) throw new Error('export-worker.ts runs as a worker thread only');
const port = parentPort;

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

/** Slices received for the job they precede. */
const slicesOf = new Map<number, StateSlice[]>();

port.on('message', (message: ToExportWorker) => {
  if (message.type === 'slice') {
    const slices = slicesOf.get(message.id) ?? [];
    slices.push(message.slice);
    slicesOf.set(message.id, slices);
    return;
  }
  const slices = slicesOf.get(message.id) ?? [];
  slicesOf.delete(message.id);
  run({ ...message, state: joinState(message.state, slices) });
});

function run(job: ExportJob): void {
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
}
