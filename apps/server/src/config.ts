import { resolve } from 'node:path';
import { CLUSTER_KEY_BYTES } from './cluster/seal.ts';
import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './client-address.ts';

const Flag = z
  .enum(['', '0', '1', 'false', 'true'])
  .default('')
  .transform((v) => v === '1' || v === 'true');

const Env = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    /** Comma-separated origins allowed to open sockets besides the page's own; empty = same origin only. */
    ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      ),
    LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
    /** Paths of a PEM certificate (chain) and its key: both set, Vrijuit serves https itself. */
    TLS_CERT: z.string().min(1).optional(),
    TLS_KEY: z.string().min(1).optional(),
    /**
     * Which hops are reverse proxies whose `X-Forwarded-*` headers count: a hop count, or addresses and
     * subnets (`loopback`, `10.0.0.0/8`, …), as express's `trust proxy`. Unset: no header counts.
     */
    TRUST_PROXY: z
      .string()
      .default('')
      .transform((value, ctx) => {
        try {
          return parseTrustProxy(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
    /** Facilitators may sign in over plain http from another machine (the console then warns). */
    ALLOW_INSECURE_HTTP: Flag,
    /** `postgres://…`: the store on PostgreSQL instead of SQLite in DATA_DIR (docs/scale-out.md). */
    DATABASE_URL: z.string().min(1).optional(),
    /**
     * PL1-PL7: on PostgreSQL, how long a session's lease lasts without renewal (ms): how long the sessions
     * of a process that died wait before another process takes them over.
     */
    SESSION_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
    /**
     * AN25, LC7: on PostgreSQL, the folder of the keyring (round and session keys; DATA_DIR by default).
     * Processes on one machine may share it, so any of them can take an open round over (PL8).
     */
    KEYRING_DIR: z.string().min(1).optional(),
    /**
     * CL1-CL5: `redis://…`: with DATABASE_URL, the processes share one session's connections through
     * Redis (a phone may sit on any process; its commands go to the session's owner).
     */
    REDIS_URL: z.string().min(1).optional(),
    /**
     * CL4: 32 random bytes, base64 (`openssl rand -base64 32`), the same on every process: what crosses
     * Redis between processes is sealed with it. Required with REDIS_URL; never stored by Vrijuit.
     */
    CLUSTER_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === CLUSTER_KEY_BYTES, {
        message: `must be ${CLUSTER_KEY_BYTES} random bytes in base64 (openssl rand -base64 32)`,
      })
      .optional(),
    /**
     * CL6: with REDIS_URL, where the other processes reach this one (`http://10.0.0.5:3001`), for the
     * co-edited texts of the sessions it owns. Default: this machine's loopback at PORT.
     */
    CLUSTER_ADDRESS: z.url({ protocol: /^http$/ }).optional(),
  })
  .refine((e) => (e.TLS_CERT === undefined) === (e.TLS_KEY === undefined), {
    message: 'set both TLS_CERT and TLS_KEY, or neither',
    path: ['TLS_CERT'],
  })
  .refine((e) => e.DATABASE_URL === undefined || /^postgres(ql)?:\/\//.test(e.DATABASE_URL), {
    message: 'must be a postgres:// or postgresql:// URL',
    path: ['DATABASE_URL'],
  })
  .refine((e) => e.REDIS_URL === undefined || /^rediss?:\/\//.test(e.REDIS_URL), {
    message: 'must be a redis:// or rediss:// URL',
    path: ['REDIS_URL'],
  })
  .refine((e) => e.REDIS_URL === undefined || e.DATABASE_URL !== undefined, {
    message: 'needs DATABASE_URL: processes share sessions through PostgreSQL, Redis only links them',
    path: ['REDIS_URL'],
  })
  .refine((e) => e.REDIS_URL === undefined || e.CLUSTER_KEY !== undefined, {
    message: 'needs CLUSTER_KEY (the same 32 random bytes, base64, on every process)',
    path: ['REDIS_URL'],
  });

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly allowedOrigins: readonly string[];
  readonly logLevel: 'silent' | 'error' | 'info' | 'debug';
  /** Built-in https: the certificate's and key's file paths, or null for plain http. */
  readonly tls: { readonly cert: string; readonly key: string } | null;
  readonly trustProxy: TrustProxy;
  readonly allowInsecureHttp: boolean;
  /** The PostgreSQL store's URL, or null for SQLite in dataDir. */
  readonly databaseUrl: string | null;
  /** PL1-PL7: a session lease's TTL on PostgreSQL (ms). */
  readonly sessionLeaseMs: number;
  /** AN25: the round keys' folder on PostgreSQL. */
  readonly keyringDir: string;
  /** CL1-CL5: Redis linking the processes, and the key sealing what crosses it; null with one process. */
  readonly cluster: { readonly redisUrl: string; readonly key: Buffer; readonly address: string | null } | null;
}

/** Parses the environment once; only main.ts calls this. Throws a readable error on a bad value. */
export function configFromEnv(env: NodeJS.ProcessEnv): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    allowedOrigins: Object.freeze([...e.ALLOWED_ORIGINS]),
    logLevel: e.LOG_LEVEL,
    tls: e.TLS_CERT && e.TLS_KEY ? Object.freeze({ cert: resolve(e.TLS_CERT), key: resolve(e.TLS_KEY) }) : null,
    trustProxy: e.TRUST_PROXY,
    allowInsecureHttp: e.ALLOW_INSECURE_HTTP,
    databaseUrl: e.DATABASE_URL ?? null,
    sessionLeaseMs: e.SESSION_LEASE_MS,
    keyringDir: resolve(e.KEYRING_DIR ?? e.DATA_DIR),
    cluster:
      e.REDIS_URL && e.CLUSTER_KEY
        ? Object.freeze({
            redisUrl: e.REDIS_URL,
            key: Buffer.from(e.CLUSTER_KEY, 'base64'),
            address: e.CLUSTER_ADDRESS ?? null,
          })
        : null,
  });
}
