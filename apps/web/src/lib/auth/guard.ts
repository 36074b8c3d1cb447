import type { Account } from '@vrijuit/protocol';
import { authApi, toLogin } from './api.ts';

/**
 * The signed-in account of a facilitator page, or a trip to /login (hooks.server.ts already sends
 * visitors without any sign-in cookie there; this catches expired and signed-out ones).
 */
export async function requireAccount(): Promise<Account | null> {
  const me = await authApi.me();
  if (me.ok && me.value.account) return me.value.account;
  if (me.ok) toLogin();
  return null;
}
