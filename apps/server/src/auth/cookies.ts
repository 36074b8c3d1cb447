import type { IncomingMessage } from 'node:http';
import { SIGN_IN_COOKIE } from '@vrijuit/protocol';

/** The value of one cookie in a `Cookie` header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The sign-in token a request (HTTP, socket.io handshake or Yjs upgrade) carries, if any. */
export function signInToken(req: Pick<IncomingMessage, 'headers'>): string | null {
  const token = readCookie(req.headers.cookie, SIGN_IN_COOKIE);
  return token && /^[A-Za-z0-9_-]{20,128}$/.test(token) ? token : null;
}

/**
 * AC4: HTTP-only (page scripts never see it), SameSite=Lax (not sent on cross-site POSTs), Path=/,
 * Secure when the request came over https (directly or, with a proxy in front, `X-Forwarded-Proto`).
 */
export function signInCookie(token: string, maxAgeMs: number, secure: boolean): string {
  const parts = [
    `${SIGN_IN_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.floor(maxAgeMs / 1000)}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearedCookie(secure: boolean): string {
  return signInCookie('', 0, secure);
}
