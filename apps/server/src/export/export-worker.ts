import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { exportDocument, type ExportInput, type SessionState } from '@vrijuit/core';
import { renderExport } from '@vrijuit/export';
import type { ExportFormat } from '@vrijuit/protocol';
import { joinState, type StateSlice } from './state-slices.ts';

/*
 * The export's process (P5: exports run off the server's event loop, and off its CPUs when live traffic
 * wants them). A child of the server, spoken to over its IPC channel with structured clones; it takes one
 * job at a time: the session's state (its tables' slices first, SE9) and the export input and a format;
 * it builds the model (core's pure exportDocument, ~30 ms for the P5 session) and renders it, and
 * answers with the file's bytes. It ends when the server does (its channel closes).
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
      bytes: Uint8Array;
      contentType: string;
      fileName: string;
      modelMs: number;
      renderMs: number;
    }
  | { id: number; ok: false; message: string };

if (!process.send) throw new Error('export-worker.ts runs as a child process of the server only');
const send = process.send.bind(process);

/**
 * P5: the export yields the CPU to live votes. A nice value belongs to a thread on Linux and a new thread
 * takes its creator's: this process's main thread first, then every thread it already has (V8's garbage
 * collection helpers among them, which a worker thread would have shared with the server's loop). On a
 * busy machine an export takes longer; live acks do not wait for it. Where it cannot be set (another
 * system, a container that forbids it) the export runs at the server's priority.
 */
const EXPORT_NICE = 19;
function lowerPriority(): void {
  try {
    setPriority(0, EXPORT_NICE);
  } catch {
    return; // Not allowed here: the export still runs, only not behind live traffic.
  }
  let threads: string[] = [];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    return; // Not Linux: the nice value was the process's.
  }
  for (const tid of threads) {
    try {
      setPriority(Number(tid), EXPORT_NICE);
    } catch {
      // A thread that ended meanwhile.
    }
  }
}
lowerPriority();

// The server is gone (stopped, or killed): nothing is left to export for.
process.on('disconnect', () => process.exit(0));

/** Slices received for the job they precede. */
const slicesOf = new Map<number, StateSlice[]>();

process.on('message', (message: ToExportWorker) => {
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
        const result: ExportJobResult = {
          id: job.id,
          ok: true,
          bytes: file.bytes,
          contentType: file.contentType,
          fileName: file.fileName,
          modelMs,
          renderMs: performance.now() - started - modelMs,
        };
        send(result);
      },
      (error: unknown) => {
        const result: ExportJobResult = { id: job.id, ok: false, message: String(error) };
        send(result);
      },
    );
}
