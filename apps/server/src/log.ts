/**
 * A small structured logger: one JSON line per entry, led by its time (ISO 8601, UTC) so a supervisor's
 * journal and a log file read the same. Callers pass only metadata (ids, codes, counts): never pain-point
 * content, vote choices, tokens, or an IP address next to content (product anonymity model).
 */
export interface Logger {
  info(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
  debug(message: string, meta?: Record<string, unknown>): void;
}

const rank = { silent: 0, error: 1, info: 2, debug: 3 } as const;

/** Where lines go: errors to stderr, the rest to stdout (tests pass their own). */
export interface LogSink {
  out(line: string): void;
  err(line: string): void;
}

const processSink: LogSink = {
  out: (line) => process.stdout.write(line),
  err: (line) => process.stderr.write(line),
};

export function createLogger(
  level: keyof typeof rank,
  sink: LogSink = processSink,
  clock: () => Date = () => new Date(),
): Logger {
  const write = (at: keyof typeof rank, message: string, meta?: Record<string, unknown>) => {
    if (rank[at] > rank[level]) return;
    const head = { time: clock().toISOString(), level: at, message };
    // The head leads the line and no metadata key can replace it.
    const line = JSON.stringify(Object.assign({ ...head }, meta, head)) + '\n';
    if (at === 'error') sink.err(line);
    else sink.out(line);
  };
  return {
    info: (m, meta) => write('info', m, meta),
    error: (m, meta) => write('error', m, meta),
    debug: (m, meta) => write('debug', m, meta),
  };
}
