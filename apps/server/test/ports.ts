/**
 * Ports for the test's own processes (PostgreSQL, nginx, Caddy): one the OS has free now, and waiting
 * until a started process listens on it.
 */
import { createServer, connect } from 'node:net';

/** A port free on `host` now (the OS picks it; the process started next binds it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Resolves once `host:port` accepts a TCP connection; rejects after `timeoutMs`, naming `what` waited. */
export async function listening(host: string, port: number, what: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, host, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`${what} did not listen on ${host}:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
