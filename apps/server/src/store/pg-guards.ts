import { createHmac, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { RATE_LIMITS, SIGN_IN_LIMITS } from '@vrijuit/protocol';
import { limitKey } from '../client-address.ts';
import type { JoinCodeLimiter, JoinCodeLimits } from '../join-code-guard.ts';
import { pairKey, type SignInLimiter, type SignInLimits } from '../auth/sign-in-guard.ts';

/**
 * SG1-SG3 (issue 18): the limits that guard against guessing, shared by every process on one PostgreSQL,
 * so N processes behind a proxy do not give an address N budgets. One row per counter, each with its
 * expiry; every check is one statement (a read, or an `INSERT … ON CONFLICT DO UPDATE` that refills and
 * counts in one step, so two processes counting at once both count).
 *
 * What a row holds (SG3): a kind, a key, a number (tokens left in a bucket, or failures counted), a
 * bucket's size, the time (epoch ms) it was last counted, and when it is forgotten. The key is an HMAC of
 * the address (an IPv6 address by its /64) or of (lower-case email, address), with a random salt made once
 * per database (`guard_salt`): no address or email in clear, no session, participant, token or input.
 * The salt is in the same database, so whoever has the database can test a guessed address against a key
 * (for IPv4, all 2^32 of them); what the rows tell is no more than what the in-memory version holds, for
 * as long: an hour after the last count (a pair that signed in: 30 days). Expired rows are deleted
 * (at most once a minute per process); PostgreSQL's dead tuples and WAL keep them until reused.
 */
export const GUARDS_DDL = [
  `CREATE TABLE IF NOT EXISTS guard_counts (
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  amount DOUBLE PRECISION NOT NULL,
  capacity DOUBLE PRECISION NOT NULL,
  at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (kind, key)
)`,
  `CREATE TABLE IF NOT EXISTS guard_salt (id INTEGER PRIMARY KEY CHECK (id = 1), salt TEXT NOT NULL)`,
];

const SALT = `WITH made AS (INSERT INTO guard_salt (id, salt) VALUES (1, $1) ON CONFLICT (id) DO NOTHING RETURNING salt)
  SELECT salt FROM made UNION ALL SELECT salt FROM guard_salt WHERE id = 1`;

/** A row past its expiry counts as none (it is deleted later). */
const FRESH = (now: string) => `g.expires_at > ${now}`;

/** A bucket's tokens now: refilled at `perMs` since it was last counted, up to its size; full once expired. */
const REFILLED = (now: string, perMs: string, burst: string) =>
  `(CASE WHEN ${FRESH(now)} THEN LEAST(g.capacity, g.amount + GREATEST(0, ${now} - g.at) * ${perMs}) ELSE ${burst} END)`;

const CAPACITY = (now: string, burst: string) => `(CASE WHEN ${FRESH(now)} THEN g.capacity ELSE ${burst} END)`;

// Join codes (NE6): $1 key, $2 now, $3 burst, $4 refill per ms, $5 how long kept, $6 per join, $7 max.
const P = { now: '$2::bigint', perMs: '$4::float8', burst: '$3::float8' };

const CODE_READ = `SELECT amount, capacity, at FROM guard_counts g WHERE kind = 'code' AND key = $1 AND ${FRESH('$2::bigint')}`;

const CODE_WRONG = `INSERT INTO guard_counts AS g (kind, key, amount, capacity, at, expires_at)
  VALUES ('code', $1, $3::float8 - 1, $3::float8, $2::bigint, $2::bigint + $5::bigint)
  ON CONFLICT (kind, key) DO UPDATE SET
    amount = ${REFILLED(P.now, P.perMs, P.burst)} - 1,
    capacity = ${CAPACITY(P.now, P.burst)},
    at = GREATEST(g.at, EXCLUDED.at),
    expires_at = EXCLUDED.expires_at`;

const CODE_JOINED = `INSERT INTO guard_counts AS g (kind, key, amount, capacity, at, expires_at)
  VALUES ('code', $1, LEAST($7::float8, $3::float8 + $6::float8), LEAST($7::float8, $3::float8 + $6::float8),
    $2::bigint, $2::bigint + $5::bigint)
  ON CONFLICT (kind, key) DO UPDATE SET
    amount = LEAST(LEAST($7::float8, ${CAPACITY(P.now, P.burst)} + $6::float8), ${REFILLED(P.now, P.perMs, P.burst)} + $6::float8),
    capacity = LEAST($7::float8, ${CAPACITY(P.now, P.burst)} + $6::float8),
    at = GREATEST(g.at, EXCLUDED.at),
    expires_at = EXCLUDED.expires_at`;

// Sign-ins (NE5): $1 pair key, $2 address key, $3 now.
const SIGN_IN_READ = `SELECT kind, amount, capacity, at FROM guard_counts g
  WHERE ${FRESH('$3::bigint')} AND ((kind IN ('pair', 'known') AND key = $1) OR (kind = 'addr' AND key = $2)
    OR (kind = 'all' AND key = 'all'))`;

/**
 * One failure, in one statement: the pair's and the address's counts rise (from 0 once forgotten) and the
 * global bucket gives a token if it has one. $4 how long counts are kept, $5 the global burst, $6 its
 * refill per ms, $7 how long the global bucket is kept (until it would be full again).
 */
const SIGN_IN_FAILED = `INSERT INTO guard_counts AS g (kind, key, amount, capacity, at, expires_at) VALUES
    ('pair', $1, 1, 0, $3::bigint, $3::bigint + $4::bigint),
    ('addr', $2, 1, 0, $3::bigint, $3::bigint + $4::bigint),
    ('all', 'all', $5::float8 - 1, $5::float8, $3::bigint, $3::bigint + $7::bigint)
  ON CONFLICT (kind, key) DO UPDATE SET
    amount = CASE
      WHEN g.kind = 'all' THEN ${REFILLED('$3::bigint', '$6::float8', '$5::float8')}
        - CASE WHEN ${REFILLED('$3::bigint', '$6::float8', '$5::float8')} >= 1 THEN 1 ELSE 0 END
      WHEN ${FRESH('$3::bigint')} THEN g.amount + 1
      ELSE 1 END,
    capacity = EXCLUDED.capacity,
    at = GREATEST(g.at, EXCLUDED.at),
    expires_at = EXCLUDED.expires_at`;

/** A success: the pair's failures are forgiven and the pair is known (kept $3 ms); not the address's. */
const SIGN_IN_SUCCEEDED = `WITH forgiven AS (DELETE FROM guard_counts WHERE kind = 'pair' AND key = $1)
  INSERT INTO guard_counts AS g (kind, key, amount, capacity, at, expires_at)
  VALUES ('known', $1, 1, 0, 0, $2::bigint + $3::bigint)
  ON CONFLICT (kind, key) DO UPDATE SET expires_at = EXCLUDED.expires_at`;

/**
 * The database's salt, made by the first process that opens it; the others read the same one. Run in the
 * store's migration transaction (one process at a time), after GUARDS_DDL.
 */
export async function guardSalt(client: pg.PoolClient): Promise<string> {
  const { rows } = await client.query<{ salt: string }>(SALT, [randomBytes(32).toString('base64url')]);
  if (!rows[0]) throw new Error('no guard salt');
  return rows[0].salt;
}

const SWEEP = 'DELETE FROM guard_counts WHERE expires_at <= $1';

/** How long a join-code bucket and a known pair are kept (as the in-memory LRUs). */
const CODE_KEPT_MS = 60 * 60 * 1000;
const KNOWN_KEPT_MS = 30 * 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60_000;

/** Each statement prepared once per connection (pg's named statements): parsed and planned once. */
const named = (name: string, text: string) => (values: unknown[]) => ({ name: `vrijuit_guard_${name}`, text, values });
const Q = {
  codeRead: named('code_read', CODE_READ),
  codeWrong: named('code_wrong', CODE_WRONG),
  codeJoined: named('code_joined', CODE_JOINED),
  signInRead: named('sign_in_read', SIGN_IN_READ),
  signInFailed: named('sign_in_failed', SIGN_IN_FAILED),
  signInSucceeded: named('sign_in_succeeded', SIGN_IN_SUCCEEDED),
};

interface Row {
  kind: string;
  amount: number;
  capacity: number;
  at: string | number;
}

/** The shared guards of one process (one pool); `limits()` hands out the limiters the server uses. */
export class PgGuards {
  readonly #pool: pg.Pool;
  readonly #salt: string;
  #swept = 0;

  /** `salt`: the database's (`guardSalt`, read when the store opens). */
  constructor(pool: pg.Pool, salt: string) {
    this.#pool = pool;
    this.#salt = salt;
  }

  /** SG3: a key no one can read an address or email from without the salt (and a guess). */
  #key(kind: string, value: string): string {
    return createHmac('sha256', this.#salt).update(`${kind}\n${value}`).digest('base64url').slice(0, 22);
  }

  /** Expired rows go, at most once a minute per process, without holding up the caller. */
  #sweep(now: number): void {
    if (now - this.#swept < SWEEP_EVERY_MS) return;
    this.#swept = now;
    this.#pool.query(SWEEP, [now]).catch(() => {});
  }

  /** SG1: NE6's wrong-code budgets, counted once over every process on this database. */
  joinCodes(
    now: () => number,
    log: (message: string, error: unknown) => void,
    limits: JoinCodeLimits = {
      burst: RATE_LIMITS.wrongJoinCodesBurst,
      perMinute: RATE_LIMITS.wrongJoinCodesPerMinute,
      perJoin: RATE_LIMITS.wrongJoinCodesPerJoin,
      max: RATE_LIMITS.wrongJoinCodesMax,
    },
  ): JoinCodeLimiter {
    const perMs = limits.perMinute / 60_000;
    const params = (address: string, t: number) => [
      this.#key('code', limitKey(address)),
      t,
      limits.burst,
      perMs,
      CODE_KEPT_MS,
    ];
    return {
      waitMs: async (address) => {
        const t = now();
        const { rows } = await this.#pool.query<Row>(Q.codeRead([this.#key('code', limitKey(address)), t]));
        const row = rows[0];
        const tokens = row
          ? Math.min(row.capacity, row.amount + Math.max(0, t - Number(row.at)) * perMs)
          : limits.burst;
        return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perMs);
      },
      wrong: async (address) => {
        const t = now();
        this.#sweep(t);
        await this.#pool.query(Q.codeWrong(params(address, t)));
      },
      joined: async (address) => {
        try {
          await this.#pool.query(Q.codeJoined([...params(address, now()), limits.perJoin, limits.max]));
        } catch (error) {
          log('a join did not widen its address’s wrong-code budget', error);
        }
      },
    };
  }

  /** SG2: NE5's sign-in backoff, counted once over every process on this database. */
  signIns(now: () => number, limits: SignInLimits = SIGN_IN_LIMITS): SignInLimiter {
    const globalPerMs = limits.globalPerMinute / 60_000;
    const keys = (email: string, address: string) =>
      [this.#key('pair', pairKey(email, address)), this.#key('addr', limitKey(address))] as const;
    const backoff = (row: Row | undefined, free: number, t: number) => {
      if (!row || row.amount <= free) return 0;
      const delay = Math.min(limits.backoffMaxMs, limits.backoffBaseMs * 2 ** (row.amount - free - 1));
      return Math.max(0, Number(row.at) + delay - t);
    };
    return {
      waitMs: async (email, address) => {
        const t = now();
        const [pair, addr] = keys(email, address);
        const { rows } = await this.#pool.query<Row>(Q.signInRead([pair, addr, t]));
        const of = (kind: string) => rows.find((r) => r.kind === kind);
        const wait = Math.max(
          backoff(of('pair'), limits.freePerPair, t),
          backoff(of('addr'), limits.freePerAddress, t),
        );
        if (wait > 0 || of('known')) return wait;
        const all = of('all');
        const tokens = all
          ? Math.min(all.capacity, all.amount + Math.max(0, t - Number(all.at)) * globalPerMs)
          : limits.globalBurst;
        return tokens >= 1 ? 0 : globalPerMs > 0 ? Math.ceil((1 - tokens) / globalPerMs) : Infinity;
      },
      failed: async (email, address) => {
        const t = now();
        this.#sweep(t);
        const [pair, addr] = keys(email, address);
        const refillMs = globalPerMs > 0 ? Math.ceil(limits.globalBurst / globalPerMs) : KNOWN_KEPT_MS;
        await this.#pool.query(
          Q.signInFailed([pair, addr, t, limits.forgetAfterMs, limits.globalBurst, globalPerMs, refillMs]),
        );
      },
      succeeded: async (email, address) => {
        const [pair] = keys(email, address);
        await this.#pool.query(Q.signInSucceeded([pair, now(), KNOWN_KEPT_MS]));
      },
    };
  }
}
