import type { Handle } from '@sveltejs/kit';

/**
 * ST7: the projector page may be framed by this origin (the console's live preview); kit.csp says
 * frame-ancestors 'none' for every page, and only this path is relaxed. The server's X-Frame-Options
 * says the same (http-app.ts).
 */
export const handle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  if (event.url.pathname.startsWith('/present/')) {
    const csp = response.headers.get('content-security-policy');
    if (csp)
      response.headers.set('content-security-policy', csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'"));
  }
  return response;
};
