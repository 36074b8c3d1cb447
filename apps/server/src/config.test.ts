import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.ts';

describe('DATABASE_URL (DB11)', () => {
  it('DB11 DATABASE_URL selects PostgreSQL, a URL of another database is refused; SQLite in DATA_DIR stays the default', () => {
    const url = 'postgres://vrijuit@127.0.0.1:5432/vrijuit';
    expect(configFromEnv({}).databaseUrl).toBeNull();
    expect(configFromEnv({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(configFromEnv({ DATABASE_URL: url.replace('postgres', 'postgresql') }).databaseUrl).toMatch(/^postgresql:/);
    expect(() => configFromEnv({ DATABASE_URL: 'mysql://x/y' })).toThrow(/postgres:\/\//);
  });
});

describe('REDIS_URL and CLUSTER_KEY (CL4)', () => {
  const pg = { DATABASE_URL: 'postgres://u@127.0.0.1/db' };
  const key = Buffer.alloc(32, 7).toString('base64');

  it('CL4 Redis links processes only with PostgreSQL and the cluster key; a bad key or URL is refused', () => {
    expect(configFromEnv({ ...pg }).cluster).toBeNull();
    const cluster = configFromEnv({ ...pg, REDIS_URL: 'redis://127.0.0.1:6379', CLUSTER_KEY: key }).cluster;
    expect(cluster?.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(cluster?.key).toEqual(Buffer.alloc(32, 7));
    expect(() => configFromEnv({ REDIS_URL: 'redis://127.0.0.1:6379', CLUSTER_KEY: key })).toThrow(
      /needs DATABASE_URL/,
    );
    expect(() => configFromEnv({ ...pg, REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/needs CLUSTER_KEY/);
    expect(() => configFromEnv({ ...pg, REDIS_URL: 'redis://x', CLUSTER_KEY: 'c2hvcnQ=' })).toThrow(/32 random bytes/);
    expect(() => configFromEnv({ ...pg, REDIS_URL: 'http://x', CLUSTER_KEY: key })).toThrow(/redis:\/\//);
    // CL6: where the others reach this process, plain http on their network; none: its loopback address.
    expect(cluster?.address).toBeNull();
    const linked = { ...pg, REDIS_URL: 'redis://r', CLUSTER_KEY: key };
    expect(configFromEnv({ ...linked, CLUSTER_ADDRESS: 'http://10.0.0.5:3001' }).cluster?.address).toBe(
      'http://10.0.0.5:3001',
    );
    expect(() => configFromEnv({ ...linked, CLUSTER_ADDRESS: 'https://10.0.0.5:3001' })).toThrow(/CLUSTER_ADDRESS/);
  });
});
