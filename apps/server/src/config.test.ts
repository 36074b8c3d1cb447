import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.ts';

describe('DATABASE_URL (DB11)', () => {
  it('DB11 PostgreSQL is refused unless the unaudited opt-in is set; SQLite in DATA_DIR stays the default', () => {
    const url = 'postgres://vrijuit@127.0.0.1:5432/vrijuit';
    expect(configFromEnv({}).databaseUrl).toBeNull();
    expect(() => configFromEnv({ DATABASE_URL: url })).toThrow(/not anonymity-audited.*VRIJUIT_UNAUDITED_POSTGRES=1/s);
    expect(() => configFromEnv({ DATABASE_URL: url, VRIJUIT_UNAUDITED_POSTGRES: '0' })).toThrow(/DATABASE_URL/);
    expect(configFromEnv({ DATABASE_URL: url, VRIJUIT_UNAUDITED_POSTGRES: '1' }).databaseUrl).toBe(url);
    expect(() => configFromEnv({ DATABASE_URL: 'mysql://x/y', VRIJUIT_UNAUDITED_POSTGRES: '1' })).toThrow(
      /postgres:\/\//,
    );
  });
});
