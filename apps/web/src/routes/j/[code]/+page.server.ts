import type { JoinAnswer } from '@vrijuit/protocol';
import { parseJoinCode } from '$lib/join-code.ts';
import type { PageServerLoad } from './$types';

/**
 * P6: the server renders the join form (or the unknown code's error) with the page, so the largest paint
 * comes with the HTML instead of after all the JavaScript and a second request. `join` is null when this
 * server cannot look codes up itself (vite's dev server) or the lookup failed: the phone then asks
 * `/api/join` as before.
 */
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
  // NE3: the session's title and zones are not kept by a cache in between, as the API's are not.
  setHeaders({ 'cache-control': 'no-store' });
  const code = parseJoinCode(params.code);
  let join: JoinAnswer | null = null;
  if (code && locals.joinLookup) join = await locals.joinLookup(code).catch(() => null);
  return { join };
};
