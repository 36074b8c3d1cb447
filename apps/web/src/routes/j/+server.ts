import { redirect } from '@sveltejs/kit';
import { parseJoinCode } from '$lib/join-code.ts';
import type { RequestHandler } from './$types';

/**
 * The landing form without JavaScript (a slow phone that taps before the page is ready submits
 * `GET /j?code=...`): send it to the join page, or back to the form with what was typed.
 */
export const GET: RequestHandler = ({ url }) => {
  const raw = (url.searchParams.get('code') ?? '').slice(0, 20);
  const code = parseJoinCode(raw);
  redirect(303, code ? `/j/${code}` : `/?code=${encodeURIComponent(raw)}`);
};
