import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';

/**
 * Issue 18, placement (SPEC PL1-PL5): with several processes on one PostgreSQL, each session has one
 * owner process at a time, which holds its lease. A lease has a fencing number that rises each time
 * another process takes the session over; PostgreSQL's own clock decides when a lease has run out, so
 * the processes' clocks need not agree. The table is PostgreSQL's only (one process on SQLite owns
 * everything), and holds no participant, input or time of anyone's: a process id, a number, when
 * the lease runs out and whether another process asked for it.
 */
export const LEASES_DDL = `CREATE TABLE IF NOT EXISTS session_leases (
  session_id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  fence BIGINT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
)`;

/** RT6: whether another process waits for the lease (its clients are routed there); added after the table. */
export const LEASES_WANTED_DDL =
  'ALTER TABLE session_leases ADD COLUMN IF NOT EXISTS wanted BOOLEAN NOT NULL DEFAULT false';

/** PL2: a write of a process that no longer owns the session (its fence is not the lease's). */
export class StaleOwnerError extends Error {
  readonly code = 'STALE_OWNER';
  constructor(sessionId: string) {
    super(`this process no longer owns session ${sessionId}; another one took it over`);
    this.name = 'StaleOwnerError';
  }
}

/** PL2, PL9: whether a write failed because this process no longer owns the session. */
export const isStaleOwner = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'STALE_OWNER';

/** PL6: a session another live process owns, still after waiting for its lease to run out. */
export class NotOwnerError extends Error {
  readonly code = 'NOT_OWNER';
  constructor(sessionId: string) {
    super(`another process owns session ${sessionId}`);
    this.name = 'NotOwnerError';
  }
}

/**
 * PL1: the lease is taken when it is free or has run out (the fence rises); a live lease of another
 * process is left alone and nothing is returned. One statement, so two processes taking a session over
 * at once cannot both get it: PostgreSQL's row lock orders them, and the second sees a live lease.
 * PL4: a process restarted on its data folder is the same owner and takes its leases back at once (the
 * fence still rises, so a write of the instance before it is refused).
 */
const TAKE = `INSERT INTO session_leases AS l (session_id, owner, fence, expires_at)
  VALUES ($1, $2, 1, now() + make_interval(secs => $3::double precision / 1000))
  ON CONFLICT (session_id) DO UPDATE
    SET owner = EXCLUDED.owner, fence = l.fence + 1, expires_at = EXCLUDED.expires_at, wanted = false
    WHERE l.expires_at < now() OR l.owner = EXCLUDED.owner
  RETURNING fence`;

/** How long until the lease runs out (ms, PostgreSQL's clock); 0 when it has or there is none. */
const LEFT = `SELECT GREATEST(0, extract(epoch FROM expires_at - now()) * 1000)::double precision AS left_ms
  FROM session_leases WHERE session_id = $1`;

/** PL3: every lease this process holds, renewed in one statement; those it lost are not returned. */
const RENEW = `UPDATE session_leases AS l
  SET expires_at = now() + make_interval(secs => $2::double precision / 1000)
  FROM unnest($3::text[], $4::bigint[]) AS h(session_id, fence)
  WHERE l.session_id = h.session_id AND l.fence = h.fence AND l.owner = $1
  RETURNING l.session_id, l.wanted`;

/** CL2: the process that holds the session's live lease, if one does. */
const OWNER = `SELECT owner FROM session_leases WHERE session_id = $1 AND expires_at >= now()`;

/** RT6: another live process's lease is asked for: its owner hands it over at its next renewal. */
const WANT = `UPDATE session_leases SET wanted = true
  WHERE session_id = $1 AND owner <> $2 AND expires_at >= now() AND NOT wanted`;

/** PL4: handed back (a graceful stop): run out at once, the fence kept, so the next owner's is higher. */
const HAND_BACK = `UPDATE session_leases SET expires_at = '-infinity'
  WHERE owner = $1 AND session_id = ANY($2::text[])`;

/**
 * PL10: sessions with an open round whose timer runs out by `$1` (epoch ms, as core's `closesAt`) and
 * whose lease is free or has run out (its owner died or stopped): nobody would close them on time. At
 * most `$2` of them, soonest first; sessions without a timer due are never among them.
 */
const DUE_UNOWNED = `SELECT r.session_id FROM rounds r
  LEFT JOIN session_leases l ON l.session_id = r.session_id
  WHERE r.status = 'open' AND r.closes_at IS NOT NULL AND r.closes_at <= $1
    AND (l.session_id IS NULL OR l.expires_at < now())
  GROUP BY r.session_id ORDER BY min(r.closes_at) LIMIT $2`;

/** PL10: the open rounds' timers, so the sweep reads only them however many rounds the table holds. */
export const TIMERS_INDEX_DDL = `CREATE INDEX IF NOT EXISTS rounds_open_timers ON rounds (closes_at)
  WHERE status = 'open' AND closes_at IS NOT NULL`;

/**
 * PL2: the first statement of every write transaction of a process with leases: the lease row is read
 * and locked (FOR SHARE) so a take-over waits for this transaction, and then sees what it wrote.
 */
const FENCE = 'SELECT owner, fence FROM session_leases WHERE session_id = $1 FOR SHARE';

/** PL4: this process's owner id, kept in its data folder (`lease-owner`): the same after a restart. */
export function ownerIdIn(dir: string): string {
  const file = join(dir, 'lease-owner');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const id = randomUUID();
  writeFileSync(file, `${id}\n`, { mode: 0o600 });
  return id;
}

export interface LeaseOptions {
  /** How long a lease lasts without renewal (ms): how long a dead owner's sessions wait for another. */
  ttlMs: number;
  /** This process's id in the lease table; a fresh random one by default. */
  owner?: string;
}

/** The leases of one process (one pool). */
export class PgLeases {
  readonly owner: string;
  readonly ttlMs: number;
  readonly #pool: pg.Pool;
  /** The sessions this process owns, with the fencing number it took each with. */
  readonly #held = new Map<string, number>();
  #wanted: string[] = [];

  constructor(pool: pg.Pool, options: LeaseOptions) {
    this.#pool = pool;
    this.owner = options.owner ?? randomUUID();
    this.ttlMs = options.ttlMs;
  }

  /** PL1: takes the session's lease (or keeps the one held); its fencing number, or null when another process owns it. */
  async acquire(sessionId: string): Promise<number | null> {
    const held = this.#held.get(sessionId);
    if (held !== undefined) return held;
    const { rows } = await this.#pool.query<{ fence: number }>(TAKE, [sessionId, this.owner, this.ttlMs]);
    const fence = rows[0]?.fence;
    if (fence === undefined) return null;
    this.#held.set(sessionId, fence);
    return fence;
  }

  /**
   * PL6: the session's lease, waiting while another process holds it (a dead owner's lease runs out
   * after the TTL; a stopping one hands it back at once), checked again at least every `pollMs`. Throws
   * NotOwnerError after `maxWaitMs`: the other owner is alive.
   */
  async acquireWaiting(sessionId: string, maxWaitMs = 2 * this.ttlMs, pollMs = 250): Promise<number> {
    const started = Date.now();
    for (;;) {
      const fence = await this.acquire(sessionId);
      if (fence !== null) return fence;
      // RT6: this process was sent the session's clients: ask its owner to hand it over (again after each
      // take: an owner that took it back, e.g. for a command already under way there, is asked anew).
      await this.#pool.query(WANT, [sessionId, this.owner]);
      const waited = Date.now() - started;
      if (waited >= maxWaitMs) throw new NotOwnerError(sessionId);
      const { rows } = await this.#pool.query<{ left_ms: number }>(LEFT, [sessionId]);
      const left = rows[0]?.left_ms ?? 0;
      await new Promise((resolve) => setTimeout(resolve, Math.min(left + 5, pollMs, maxWaitMs - waited)));
    }
  }

  /**
   * PL10: sessions whose round timer runs out by `untilMs` (epoch ms) and whose lease nobody holds live;
   * at most `limit`, soonest first. Taking them is up to the caller (`acquire`: one process gets each).
   */
  async dueUnowned(untilMs: number, limit = 50): Promise<string[]> {
    const { rows } = await this.#pool.query<{ session_id: string }>(DUE_UNOWNED, [Math.floor(untilMs), limit]);
    return rows.map((r) => r.session_id);
  }

  /** CL2: the process that holds the session's live lease (this one's id included), or null when none does. */
  async ownerOf(sessionId: string): Promise<string | null> {
    if (this.#held.has(sessionId)) return this.owner;
    const { rows } = await this.#pool.query<{ owner: string }>(OWNER, [sessionId]);
    return rows[0]?.owner ?? null;
  }

  /** The fencing number this process holds the session with, if it does. */
  fenceOf(sessionId: string): number | undefined {
    return this.#held.get(sessionId);
  }

  /** The sessions this process holds. */
  held(): string[] {
    return [...this.#held.keys()];
  }

  /**
   * PL3: renews every lease held, in one statement whatever their number; returns the sessions lost
   * (taken over by another process after this one's lease ran out), which this process no longer holds.
   */
  async renew(): Promise<string[]> {
    if (this.#held.size === 0) return [];
    const ids = [...this.#held.keys()];
    const fences = ids.map((id) => this.#held.get(id)!);
    const { rows } = await this.#pool.query<{ session_id: string; wanted: boolean }>(RENEW, [
      this.owner,
      this.ttlMs,
      ids,
      fences,
    ]);
    const kept = new Set(rows.map((r) => r.session_id));
    this.#wanted = rows.filter((r) => r.wanted).map((r) => r.session_id);
    const lost = ids.filter((id) => !kept.has(id));
    for (const id of lost) this.#held.delete(id);
    return lost;
  }

  /** RT6: the sessions held whose lease another process asked for, as of the last renewal. */
  wanted(): string[] {
    return this.#wanted.filter((id) => this.#held.has(id));
  }

  /** PL4: hands the sessions back (all held when none are named): another process may take them at once. */
  async release(sessionIds: readonly string[] = this.held()): Promise<void> {
    if (sessionIds.length === 0) return;
    await this.#pool.query(HAND_BACK, [this.owner, sessionIds]);
    for (const id of sessionIds) this.#held.delete(id);
  }

  /** Forgets a session without a statement (it was deleted: its lease row went with its rows, DB5). */
  forget(sessionId: string): void {
    this.#held.delete(sessionId);
  }

  /**
   * PL2: run first inside a write transaction on the session: throws StaleOwnerError (and the caller's
   * transaction rolls back) unless this process still holds the lease with the fence it took.
   */
  async fence(client: pg.ClientBase, sessionId: string): Promise<void> {
    const fence = this.#held.get(sessionId);
    if (fence === undefined) throw new StaleOwnerError(sessionId);
    const { rows } = await client.query<{ owner: string; fence: number | string }>(FENCE, [sessionId]);
    const row = rows[0];
    // A BIGINT is a string unless the client parses it (pg-sql.ts's pool does).
    if (!row || row.owner !== this.owner || Number(row.fence) !== fence) {
      this.#held.delete(sessionId);
      throw new StaleOwnerError(sessionId);
    }
  }
}
