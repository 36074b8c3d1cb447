import type { Logger } from './log.ts';

/** PR2: how long a graceful stop may take before the process exits anyway, non-zero. */
export const STOP_DEADLINE_MS = 10_000;

/** The part of `process` the lifecycle uses; tests pass an emitter of their own. */
export interface ProcessLike {
  on(event: 'SIGTERM' | 'SIGINT', listener: (signal: NodeJS.Signals) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  exit(code: number): void;
}

const describe = (error: unknown) =>
  error instanceof Error ? { error: String(error), stack: error.stack } : { error: String(error) };

/**
 * PR4: an uncaught exception or unhandled rejection is logged and ends the process (exit 1) for its
 * supervisor to start again: running on in an unknown state could ack what it did not commit. What was
 * committed is in the store; what was only received, the phones send again.
 */
export function exitOnFatal(log: Logger, proc: ProcessLike = process): void {
  proc.on('uncaughtException', (error) => {
    log.error('uncaught exception; exiting', describe(error));
    proc.exit(1);
  });
  proc.on('unhandledRejection', (reason) => {
    log.error('unhandled rejection; exiting', describe(reason));
    proc.exit(1);
  });
}

/**
 * PR2: SIGTERM or SIGINT runs `stop` once (the server's graceful stop, then the store) and exits 0 when it
 * has finished; 1 when it fails or has not finished within `deadlineMs`, logged either way. A second signal
 * during the stop changes nothing.
 */
export function stopOnSignals(
  stop: () => Promise<void>,
  log: Logger,
  options: { deadlineMs?: number; proc?: ProcessLike } = {},
): void {
  const { deadlineMs = STOP_DEADLINE_MS, proc = process } = options;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const started = performance.now();
    log.info('stopping', { signal, deadlineMs });
    // Not unref'd: a stop that hangs on nothing the loop waits for must still end in an exit(1).
    const deadline = setTimeout(() => {
      log.error('stop deadline passed; exiting', { deadlineMs });
      proc.exit(1);
    }, deadlineMs);
    stop().then(
      () => {
        clearTimeout(deadline);
        log.info('stopped', { ms: Math.round(performance.now() - started) });
        proc.exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        log.error('stop failed; exiting', describe(error));
        proc.exit(1);
      },
    );
  };
  proc.on('SIGTERM', onSignal);
  proc.on('SIGINT', onSignal);
}
