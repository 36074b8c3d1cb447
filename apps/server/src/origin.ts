import type { IncomingMessage } from 'node:http';

/**
 * S4: a browser always sends Origin on WebSocket and cross-site requests. Accept the page's own
 * origin (same host) and configured ones; requests without Origin come from non-browser clients,
 * which cannot carry a victim's ambient credentials. Since sockets and the Yjs endpoint accept the
 * sign-in cookie (AC2), this check is what stops a foreign page from riding on it (with SameSite=Lax).
 */
export function isOriginAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
