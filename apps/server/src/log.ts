/**
 * A small structured logger. Callers pass only metadata (ids, codes, counts): never pain-point
 * content, vote choices, tokens, or an IP address next to content (product anonymity model).
 */
export interface Logger {
  info(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
  debug(message: string, meta?: Record<string, unknown>): void;
}

const rank = { silent: 0, error: 1, info: 2, debug: 3 } as const;

export function createLogger(level: keyof typeof rank): Logger {
  const write = (at: keyof typeof rank, message: string, meta?: Record<string, unknown>) => {
    if (rank[at] > rank[level]) return;
    const line = JSON.stringify({ level: at, message, ...meta });
    if (at === 'error') process.stderr.write(line + '\n');
    else process.stdout.write(line + '\n');
  };
  return {
    info: (m, meta) => write('info', m, meta),
    error: (m, meta) => write('error', m, meta),
    debug: (m, meta) => write('debug', m, meta),
  };
}
