/**
 * The real Vrijuit server as a benchmark child for P5 (bench/export.ts): like vrijuit-server.ts, plus
 * the P5 session (built through core, bench/export-session.ts) served by the store as if it had been
 * run live. Its size comes from the environment (P5_PARTICIPANTS, P5_POINTS, P5_ROUNDS). The session has
 * no owner the store knows: the bench account (an admin) reaches it as a session made before accounts.
 */
import type { SqliteStore } from '../apps/server/src/store/sqlite-store.ts';
import { benchServer } from './bench-server.ts';
import { serveBenchChild } from './ipc.ts';
import { P5_SESSION_ID, p5Session } from './export-session.ts';

const size = {
  participants: Number(process.env.P5_PARTICIPANTS ?? 500),
  points: Number(process.env.P5_POINTS ?? 2000),
  rounds: Number(process.env.P5_ROUNDS ?? 20),
};

/** The store with one more session: reads of the P5 session answer from memory, all else is the real store's. */
function withP5(store: SqliteStore): SqliteStore {
  const { state } = p5Session(size);
  const bound = <T extends object>(target: T, overrides: Record<string, unknown>): T =>
    new Proxy(target, {
      get(t, prop) {
        if (typeof prop === 'string' && prop in overrides) return overrides[prop];
        const value: unknown = Reflect.get(t, prop, t);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
      },
    });
  const accounts = bound(store.accounts, {
    ownerOf: (id: string) => (id === P5_SESSION_ID ? Promise.resolve(null) : store.accounts.ownerOf(id)),
  });
  return bound(store, {
    accounts,
    loadSession: (id: string) => (id === P5_SESSION_ID ? Promise.resolve(state) : store.loadSession(id)),
  });
}

await serveBenchChild('vrijuit-p5', () => benchServer(withP5));
