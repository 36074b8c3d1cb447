import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log.ts';
import { exitOnFatal, stopOnSignals, type ProcessLike } from './shutdown.ts';

/** A stand-in for `process`: signals and errors are emitted by the test; `exit` resolves `exited`. */
function fakeProcess() {
  const emitter = new EventEmitter();
  let exit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  const codes: number[] = [];
  const proc = Object.assign(emitter, {
    exit: (code: number) => {
      codes.push(code);
      exit(code);
    },
  }) as unknown as ProcessLike & EventEmitter;
  return { proc, exited, codes };
}

/** A logger that keeps its lines, parsed. */
function linesLogger() {
  const lines: Record<string, unknown>[] = [];
  const keep = (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>);
  return { log: createLogger('info', { out: keep, err: keep }), lines };
}

describe('PR2 PR4 the process lifecycle', () => {
  it('PR2 a SIGTERM runs the stop once, however many signals follow, and exits 0 when it has finished', async () => {
    const { proc, exited, codes } = fakeProcess();
    const { log, lines } = linesLogger();
    let stops = 0;
    let finish!: () => void;
    stopOnSignals(
      () => {
        stops++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      log,
      { proc },
    );
    proc.emit('SIGTERM', 'SIGTERM');
    proc.emit('SIGINT', 'SIGINT');
    proc.emit('SIGTERM', 'SIGTERM');
    expect(stops).toBe(1);
    expect(codes).toEqual([]);
    finish();
    expect(await exited).toBe(0);
    expect(codes).toEqual([0]);
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ['info', 'stopping'],
      ['info', 'stopped'],
    ]);
    expect(lines[0]).toMatchObject({ signal: 'SIGTERM', deadlineMs: 10_000 });
  });

  it('PR2 a stop that fails, or outlasts its deadline, is logged and exits 1', async () => {
    const failing = fakeProcess();
    const a = linesLogger();
    stopOnSignals(() => Promise.reject(new Error('store gone')), a.log, { proc: failing.proc });
    failing.proc.emit('SIGINT', 'SIGINT');
    expect(await failing.exited).toBe(1);
    expect(a.lines[1]).toMatchObject({ level: 'error', message: 'stop failed; exiting', error: 'Error: store gone' });

    const hanging = fakeProcess();
    const b = linesLogger();
    stopOnSignals(() => new Promise<void>(() => undefined), b.log, { proc: hanging.proc, deadlineMs: 50 });
    hanging.proc.emit('SIGTERM', 'SIGTERM');
    expect(await hanging.exited).toBe(1);
    expect(b.lines[1]).toMatchObject({ level: 'error', message: 'stop deadline passed; exiting', deadlineMs: 50 });
  });

  it('PR4 an uncaught exception and an unhandled rejection are logged with their stack, then the process exits 1', async () => {
    for (const [event, message] of [
      ['uncaughtException', 'uncaught exception; exiting'],
      ['unhandledRejection', 'unhandled rejection; exiting'],
    ] as const) {
      const { proc, exited } = fakeProcess();
      const { log, lines } = linesLogger();
      exitOnFatal(log, proc);
      proc.emit(event, new TypeError('boom'));
      expect(await exited).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 'error', message, error: 'TypeError: boom' });
      expect(lines[0]?.stack).toContain('shutdown.test.ts');
    }
  });
});

describe('PR5 log lines', () => {
  it('PR5 every line starts with its time in ISO 8601 UTC, and no metadata replaces time, level or message', () => {
    const out: string[] = [];
    const err: string[] = [];
    const at = new Date('2026-12-05T16:00:00.123Z');
    const log = createLogger('info', { out: (l) => out.push(l), err: (l) => err.push(l) }, () => at);
    log.info('listening', { url: 'http://127.0.0.1:3000' });
    log.error('failed', { time: 'x', level: 'info', message: 'y', code: 'E' });
    log.debug('not at info');
    expect(out).toEqual([
      '{"time":"2026-12-05T16:00:00.123Z","level":"info","message":"listening","url":"http://127.0.0.1:3000"}\n',
    ]);
    expect(err).toEqual(['{"time":"2026-12-05T16:00:00.123Z","level":"error","message":"failed","code":"E"}\n']);
  });
});
