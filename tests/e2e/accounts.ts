import type { BrowserContext } from '@playwright/test';
import { SETUP_ACCOUNT } from './server-process.ts';

/**
 * Signs a browser context in as the test server's first admin (server-process.ts), over the same
 * HTTP endpoint the /login page uses: the context's requests share its cookie jar, so its pages carry
 * the sign-in cookie from their first load (and their socket handshakes with it).
 */
export async function signInContext(context: BrowserContext, account = SETUP_ACCOUNT): Promise<void> {
  const res = await context.request.post('/api/auth/login', {
    data: { email: account.email, password: account.password },
  });
  if (!res.ok()) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
}
