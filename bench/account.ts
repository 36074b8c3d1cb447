/**
 * The facilitator account of the benchmarks (AC1-AC6): bench/vrijuit-server.ts adds it to its fresh
 * store, the drivers sign in with it over HTTP and hand the Cookie header to every facilitator socket.
 * The floor servers have no accounts: their drivers send no cookie.
 */
import { hashPassword } from '../apps/server/src/auth/password.ts';
import { randomId } from '../apps/server/src/secrets.ts';
import type { SqliteStore } from '../apps/server/src/store/sqlite-store.ts';

export const BENCH_ACCOUNT = { email: 'bench@bench.invalid', name: 'Bench', password: 'bench-password-1' } as const;

export async function addBenchAccount(store: SqliteStore): Promise<void> {
  await store.accounts.create({
    id: randomId(),
    email: BENCH_ACCOUNT.email,
    name: BENCH_ACCOUNT.name,
    role: 'admin',
    passwordHash: await hashPassword(BENCH_ACCOUNT.password),
  });
}

/** Signs in and returns the `Cookie` header for socket handshakes; '' for a floor server (`kind` not vrijuit). */
export async function benchCookie(kind: string, url: string): Promise<string> {
  if (kind !== 'vrijuit') return '';
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: BENCH_ACCOUNT.email, password: BENCH_ACCOUNT.password }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`bench sign-in failed: ${res.status}`);
  return cookie;
}
