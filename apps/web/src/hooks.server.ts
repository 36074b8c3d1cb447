import { redirect, type Handle } from '@sveltejs/kit';
import { SIGN_IN_COOKIE } from '@vrijuit/protocol';

/** Facilitator pages; the phone's pages and the home page stay open to everyone. */
const SIGNED_IN_ONLY = /^\/((new|sessions|accounts|password)\/?$|(console|present)\/)/;

/**
 * Without any sign-in cookie a facilitator page goes straight to /login (with the way back), before a
 * socket opens. The server still checks every sign-in itself; a stale cookie is sent on by the page.
 *
 * ST7: the projector page may be framed by this origin (the console's live preview); kit.csp says
 * frame-ancestors 'none' for every page, and only this path is relaxed. The server's X-Frame-Options
 * says the same (http-app.ts).
 */
export const handle: Handle = async ({ event, resolve }) => {
  const { pathname, search } = event.url;
  if (SIGNED_IN_ONLY.test(pathname) && !event.cookies.get(SIGN_IN_COOKIE)) {
    redirect(303, `/login?next=${encodeURIComponent(pathname + search)}`);
  }
  const response = await resolve(event);
  if (pathname.startsWith('/present/')) {
    const csp = response.headers.get('content-security-policy');
    if (csp)
      response.headers.set('content-security-policy', csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'"));
  }
  return response;
};
