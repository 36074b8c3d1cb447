import type { JoinAnswer } from '@vrijuit/protocol';
import { fetchJoinAnswer } from '$lib/join-lookup.ts';
import { parseJoinCode } from '$lib/join-code.ts';
import type { PageLoad } from './$types';

/**
 * P6: the join page comes with the join form (or the unknown code's error) in its HTML, so the largest
 * paint needs neither the JavaScript nor a second request. On the server this lookup is answered by the
 * server itself for the phone's address (hooks.server.ts `handleFetch`); the browser hydrates with the
 * same answer, which SvelteKit put in the page, without asking again. `join` is null when the lookup
 * failed: the phone asks again by itself.
 */
export const load: PageLoad = async ({ params, fetch, setHeaders }) => {
  // NE3: the session's title and zones are not kept by a cache in between, as the API's answer is not.
  setHeaders({ 'cache-control': 'no-store' });
  const code = parseJoinCode(params.code);
  let join: JoinAnswer | null = null;
  if (code) join = await fetchJoinAnswer(fetch, code).catch(() => null);
  return { join };
};
