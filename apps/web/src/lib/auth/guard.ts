import type { Account, Me } from '@vrijuit/protocol';
import { authApi, toLogin } from './api.ts';

/**
 * Who is signed in on a facilitator page (and whether over plain http across the network), or a trip
 * to /login (hooks.server.ts already sends visitors without any sign-in cookie there; this catches
 * expired and signed-out ones).
 */
export async function requireSignIn(): Promise<(Me & { account: Account }) | null> {
  const me = await authApi.me();
  if (me.ok && me.value.account) return { ...me.value, account: me.value.account };
  if (me.ok) toLogin();
  return null;
}

/** The signed-in account of a facilitator page, or a trip to /login (see requireSignIn). */
export async function requireAccount(): Promise<Account | null> {
  return (await requireSignIn())?.account ?? null;
}
