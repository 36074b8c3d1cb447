import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request handler as node:http and express call it (`next` only under express). */
export type Handler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

export interface LazyHandler {
  /** Serves a request: at once when loaded, else once the load has finished (nothing is refused meanwhile). */
  readonly handle: Handler;
  /** Starts the load (once; later calls share it): the server calls it as soon as it listens. */
  load(): Promise<Handler>;
}

/**
 * A request handler loaded on first use or when `load()` is called (issue 17, P7): what only HTTP requests
 * need (express and its routes, the web app's handler) is imported after the port is open, so a restart
 * answers socket.io (the phones' resumes) without waiting for it. A request that comes earlier waits for
 * the load; if the load fails it is answered 500 (or passed on to express's error handling), and the
 * failure rejects `load()` for the caller to report.
 */
export function lazyHandler(load: () => Promise<Handler>): LazyHandler {
  let loaded: Handler | null = null;
  let loading: Promise<Handler> | null = null;
  const start = () =>
    (loading ??= load().then((handler) => {
      loaded = handler;
      return handler;
    }));
  return {
    handle: (req, res, next) => {
      if (loaded) return loaded(req, res, next);
      start().then(
        (handler) => handler(req, res, next),
        (error: unknown) => {
          if (next) return next(error);
          if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
          res.end('the server failed to start this part; see its log');
        },
      );
    },
    load: start,
  };
}
