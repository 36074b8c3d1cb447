import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Config } from './config.ts';

/**
 * The one server socket.io, the Yjs endpoint and express share: https with the configured certificate
 * and key (read once, at start; a missing file fails the start with its path), else plain http.
 */
export function createListener(app: RequestListener, tls: Config['tls']): HttpServer {
  if (!tls) return createHttpServer(app);
  const read = (what: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(`cannot read ${what} ${path}: ${(error as Error).message}`, { cause: error });
    }
  };
  return createHttpsServer({ cert: read('TLS_CERT', tls.cert), key: read('TLS_KEY', tls.key) }, app);
}
