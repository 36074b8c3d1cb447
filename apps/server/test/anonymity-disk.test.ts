import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAllClients,
  databaseBytes,
  newCommandId,
  openRound,
  readDb,
  setUpWorkshop,
  startServer,
  type TestServer,
} from './helpers.ts';
import { DATABASE_FILE, openSqliteStore } from '../src/store/sqlite-store.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');

describe('AN1 AN3 what stays on disk', () => {
  it('AN1 after a round closes its ballots and voter secret are gone from the file, only counts per zone remain', async () => {
    const { sessionId, facilitator, facilitatorToken, phones } = await setUpWorkshop(server.url, 4);
    const roundId = await openRound(facilitator);
    const votes = ['o1', 'o3', 'o3', 'o2'];
    const voteCommands = votes.map((optionId) => ({ commandId: newCommandId(), roundId, optionId }));
    for (const [i, vote] of voteCommands.entries()) await phones[i]!.client.ok('vote:cast', vote);
    // P1 changes its mind once, so an old ballot version existed too.
    const change = { commandId: newCommandId(), roundId, optionId: 'o2' };
    await phones[0]!.client.ok('vote:cast', change);

    // While open, the file holds the ballots and the secret: the checks below can find them.
    const open = readDb(server.dbFile, (db) => ({
      ballots: db.prepare('SELECT voter_key, zone_id, option_id FROM ballots WHERE round_id = ?').all(roundId) as {
        voter_key: string;
        zone_id: string;
        option_id: string;
      }[],
      secret: (db.prepare('SELECT voter_secret FROM rounds WHERE id = ?').get(roundId) as { voter_secret: string })
        .voter_secret,
    }));
    expect(open.ballots.map((b) => `${b.zone_id}:${b.option_id}`).sort()).toEqual(['z1:o2', 'z1:o2', 'z2:o3', 'z3:o3']);
    expect(open.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(databaseBytes(server.dbFile).includes(open.secret)).toBe(true);

    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });

    const closed = readDb(server.dbFile, (db) => ({
      ballots: db.prepare('SELECT COUNT(*) AS n FROM ballots WHERE round_id = ?').get(roundId),
      anyBallots: db.prepare('SELECT COUNT(*) AS n FROM ballots').get(),
      round: db.prepare('SELECT status, voter_secret, tally FROM rounds WHERE id = ?').get(roundId),
      commands: db.prepare('SELECT command_id, result FROM commands WHERE scope = ?').all(sessionId) as {
        command_id: string;
        result: string;
      }[],
    }));
    expect(closed.ballots).toEqual({ n: 0 });
    expect(closed.anyBallots).toEqual({ n: 0 });
    expect(closed.round).toEqual({
      status: 'closed',
      voter_secret: null,
      // Phones 1..4 are in z1, z2, z3, z1: P1 Nee (changed), P2 Later, P3 Later, P4 Nee.
      tally: JSON.stringify({ z1: { o2: 2 }, z2: { o3: 1 }, z3: { o3: 1 } }),
    });

    // The command log keeps acks only: a vote's result names its round, never the option.
    const byId = new Map(closed.commands.map((c) => [c.command_id, c.result]));
    for (const vote of [...voteCommands, change]) {
      expect(byId.get(vote.commandId)).toBe(JSON.stringify({ ok: true, value: { roundId } }));
    }
    for (const { result } of closed.commands) {
      expect(result).not.toContain('optionId');
      for (const optionId of ['o1', 'o2', 'o3']) expect(result).not.toContain(`"${optionId}"`);
    }

    // Nor do the raw bytes (database, WAL, shared memory) keep the secret or any voter key.
    const bytes = databaseBytes(server.dbFile);
    expect(bytes.includes(open.secret), 'voter secret on disk').toBe(false);
    for (const { voter_key } of open.ballots) expect(bytes.includes(voter_key), 'voter key on disk').toBe(false);

    // AN3: no token in clear anywhere in the files; their hashes are there (so the search works).
    for (const token of [facilitatorToken, ...phones.map((p) => p.token)]) {
      expect(bytes.includes(token), 'token in clear').toBe(false);
      expect(bytes.includes(sha256(token)), 'token hash').toBe(true);
    }
  });

  it('AN1 a round with thousands of ballots (many pages, changed votes) leaves no voter key or secret in the file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vrijuit-store-'));
    const store = openSqliteStore(dataDir);
    try {
      const file = join(dataDir, DATABASE_FILE);
      const secret = randomBytes(32).toString('base64url');
      await store.commit(
        'session-0001',
        [
          {
            type: 'session:created',
            sessionId: 'session-0001',
            title: 'Big',
            joinCode: 'BIGBIG',
            zones: [{ id: 'z1', name: 'A' }],
            facilitatorTokenHash: 'f',
          },
          {
            type: 'round:created',
            roundId: 'round-0001',
            kind: 'single-choice',
            question: 'Q',
            options: [
              { id: 'o1', label: 'A' },
              { id: 'o2', label: 'B' },
            ],
            position: 0,
          },
          { type: 'round:opened', roundId: 'round-0001', voterSecret: secret },
        ],
        null,
      );
      const keys = Array.from({ length: 3000 }, () => randomBytes(32).toString('base64url'));
      for (const [i, voterKey] of keys.entries()) {
        const vote = { type: 'vote:cast' as const, roundId: 'round-0001', voterKey, zoneId: 'z1' };
        await store.commit('session-0001', [{ ...vote, optionId: 'o1' }], null);
        if (i % 3 === 0) await store.commit('session-0001', [{ ...vote, optionId: 'o2' }], null);
      }
      const sample = [keys[0]!, keys[1500]!, keys[2999]!];
      const before = databaseBytes(file);
      expect(before.includes(secret)).toBe(true);
      for (const key of sample) expect(before.includes(key)).toBe(true);

      await store.commit(
        'session-0001',
        [{ type: 'round:closed', roundId: 'round-0001', tally: { z1: { o1: 2000, o2: 1000 } } }],
        null,
      );

      const after = databaseBytes(file);
      expect(after.includes(secret), 'voter secret on disk').toBe(false);
      const leaked = keys.filter((key) => after.includes(key));
      expect(leaked, 'voter keys on disk').toEqual([]);
      expect((await store.loadSession('session-0001'))?.rounds[0]).toMatchObject({
        status: 'closed',
        voterSecret: null,
        ballots: {},
        closedTally: { z1: { o1: 2000, o2: 1000 } },
      });
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
