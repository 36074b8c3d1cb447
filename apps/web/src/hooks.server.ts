import { redirect, type Handle, type HandleFetch } from '@sveltejs/kit';
import { joinLookupOf, SIGN_IN_COOKIE } from '@vrijuit/protocol';
import { defineCustomServerStrategy } from '$lib/paraglide/runtime.js';
import { paraglideMiddleware } from '$lib/paraglide/server.js';
import { requestLocale } from '$lib/i18n/negotiate.ts';

// The language chosen (cookie), else the one the browser asks for, matched on the language alone (LN3).
defineCustomServerStrategy('custom-request', { getLocale: (request) => request && requestLocale(request.headers) });

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
  // The page is rendered in the negotiated language, and says so on <html lang> (app.html).
  const response = await paraglideMiddleware(event.request, ({ request, locale }) => {
    event.request = request;
    return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
  });
  // A cache in front must keep one copy per language.
  if (response.headers.get('content-type')?.startsWith('text/html'))
    response.headers.append('vary', 'Accept-Language, Cookie');
  if (pathname.startsWith('/present/')) {
    const csp = response.headers.get('content-security-policy');
    if (csp)
      response.headers.set('content-security-policy', csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'"));
  }
  return response;
};

const JOIN_PATH = /^\/api\/join\/([^/]+)$/;

/**
 * P6: the join page's load asks `/api/join/CODE` while the server renders it. The server in front
 * (apps/server join-lookup.ts) hands each request the lookup bound to its client's address, so that
 * question is answered in this process and a wrong code counts against the phone, never against the
 * server. Without it (vite's dev server) the request goes to the API over HTTP.
 */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const lookup = joinLookupOf(event.platform?.req);
  const url = new URL(request.url);
  const code = url.origin === event.url.origin ? JOIN_PATH.exec(url.pathname)?.[1] : undefined;
  if (lookup && code !== undefined && request.method === 'GET')
    return Response.json(await lookup(decodeURIComponent(code)));
  return fetch(request);
};
