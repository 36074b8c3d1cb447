import type { JoinAnswer } from '@vrijuit/protocol';

/**
 * `GET /api/join/:code` (SE3): the session a join code names, or why not (NE6: `RATE_LIMITED` with the
 * seconds to wait). `fetch` is SvelteKit's in a load: on the server the hook answers it in-process for the
 * phone's own address (hooks.server.ts, P6), and the browser reuses that answer when it hydrates.
 */
export async function fetchJoinAnswer(fetch: typeof globalThis.fetch, code: string): Promise<JoinAnswer> {
  const response = await fetch(`/api/join/${encodeURIComponent(code)}`, { headers: { accept: 'application/json' } });
  return (await response.json()) as JoinAnswer;
}
