import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Ballot, RoundResults } from '@vrijuit/protocol';
import {
  databaseBytes,
  groupsUnderK,
  newCommandId,
  openRound,
  single,
  readDb,
  resultsOnConsole,
  setUpWorkshop,
  voteFor,
  type TestServer,
  serverPerFile,
} from './helpers.ts';
import { DATABASE_FILE, openSqliteStore } from '../src/store/sqlite-store.ts';
import { participantSecret, voterKey } from '../src/secrets.ts';
import { TEST_STORE } from './test-store.ts';

let server: TestServer;
serverPerFile((started) => (server = started));

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');
/** How voter keys were made before AN11: an HMAC of the participant id under a round secret kept on disk. */
const hmac = (key: string, message: string) => createHmac('sha256', key).update(message).digest('base64url');

describe('AN1 AN3 what stays on disk', () => {
  // Reads the SQLite file's bytes; on PostgreSQL: anonymity-pg.test.ts (its copies of PostgreSQL's files).
  it.skipIf(TEST_STORE === 'postgres')(
    'AN1 AN4 after a round closes its ballots are gone from the file; the kept results hide every group under k',
    async () => {
      // k = 3. Noord: Assen P1-P3, Emmen P4; Zuid: P5-P7; Oost: P8.
      const seats = [
        ...[1, 2, 3].map(() => ({ zoneId: 'z1', municipalityId: 'z1m1' })),
        { zoneId: 'z1', municipalityId: 'z1m2' },
        ...[5, 6, 7].map(() => ({ zoneId: 'z2' })),
        { zoneId: 'z3' },
      ];
      const { sessionId, facilitator, cookie, phones } = await setUpWorkshop(server.url, 8, 'Disk', {
        zones: [{ name: 'Noord', municipalities: [{ name: 'Assen' }, { name: 'Emmen' }] }, 'Zuid', 'Oost'],
        seats,
      });
      const roundId = await openRound(facilitator, { config: { kind: 'dot-voting', budget: 3, maxPerOption: 2 } });
      const dots = (d: Record<string, number>): Ballot => ({ kind: 'dot-voting', dots: d });
      const ballots = [
        dots({ o1: 2, o2: 1 }),
        dots({ o1: 1 }),
        dots({ o3: 2 }),
        dots({ o2: 2, o3: 1 }),
        dots({ o1: 1, o2: 1, o3: 1 }),
        dots({ o2: 1 }),
        dots({ o3: 2, o1: 1 }),
        dots({ o1: 2 }),
      ];
      const voteCommands = ballots.map((ballot) => voteFor(roundId, ballot));
      for (const [i, vote] of voteCommands.entries()) await phones[i]!.client.ok('vote:cast', vote);
      // P1 changes its mind once, so an old ballot version existed too.
      const change = voteFor(roundId, dots({ o2: 2 }));
      await phones[0]!.client.ok('vote:cast', change);

      // While open, the file holds the ballots: the checks below can find them.
      const open = readDb(server.dbFile, (db) => ({
        ballots: db
          .prepare('SELECT voter_key, zone_id, municipality_id, ballot FROM ballots WHERE round_id = ?')
          .all(roundId) as { voter_key: string; zone_id: string; municipality_id: string | null; ballot: string }[],
      }));
      // AN13: the ballots reached the file in batches of three (P7, P8 and P1's change still wait); AN16:
      // none carries its zone or municipality (Emmen and Oost have one person each).
      expect(open.ballots.map((b) => `${b.zone_id}/${b.municipality_id}`)).toEqual(Array(6).fill('/null'));
      expect(open.ballots.map((b) => b.ballot)).toContain(JSON.stringify(dots({ o3: 2 })));
      const openBytes = databaseBytes(server.dbFile);
      expect(openBytes.includes('"dots":{')).toBe(true);

      await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
      const onConsole = await resultsOnConsole(facilitator, roundId, (r) => r.status === 'closed');

      const closed = readDb(server.dbFile, (db) => ({
        ballots: db.prepare('SELECT COUNT(*) AS n FROM ballots WHERE round_id = ?').get(roundId),
        anyBallots: db.prepare('SELECT COUNT(*) AS n FROM ballots').get(),
        round: db.prepare('SELECT status, results FROM rounds WHERE id = ?').get(roundId) as {
          status: string;
          results: string;
        },
        commands: db.prepare('SELECT command_id, result FROM commands WHERE scope = ?').all(sessionId) as {
          command_id: string;
          result: string;
        }[],
      }));
      expect(closed.ballots).toEqual({ n: 0 });
      expect(closed.anyBallots).toEqual({ n: 0 });
      expect(closed.round.status).toBe('closed');

      // The results kept: per person; per municipality withheld (Emmen has one voter, AN6); zones: Oost (1)
      // is under k, and Zuid (3), the smallest other, hides with it (AN5); Noord (4) is shown; inside Noord
      // Emmen (1) is under k and Assen (3) hides with it.
      const results = JSON.parse(closed.round.results) as RoundResults;
      expect(results).toEqual({
        respondents: 8,
        paper: 0,
        perPerson: { values: { o1: 5, o2: 6, o3: 6 }, matrix: null },
        perMunicipality: { withheld: true },
        breakdown: {
          zones: [
            {
              id: 'z1',
              suppressed: false,
              respondents: 4,
              result: { values: { o1: 1, o2: 4, o3: 3 }, matrix: null },
            },
            { id: 'z2', suppressed: true },
            { id: 'z3', suppressed: true },
          ],
          municipalities: [
            { id: 'z1m1', suppressed: true },
            { id: 'z1m2', suppressed: true },
          ],
        },
      });
      expect(groupsUnderK(results, 3)).toEqual([]);
      expect(onConsole).toEqual(results);

      // The command log keeps acks only: a vote's result names its round, never the ballot; each is kept
      // under a key made from its phone's token (AN11), never under the id the phone sent.
      const votes = closed.commands.filter((c) => c.command_id.startsWith('p.'));
      expect(votes.map((c) => c.result)).toEqual(
        Array.from({ length: 9 }, () => JSON.stringify({ ok: true, value: { roundId, stored: true } })),
      );
      const ids = new Set(closed.commands.map((c) => c.command_id));
      for (const vote of [...voteCommands, change]) expect(ids.has(vote.commandId)).toBe(false);
      for (const { result } of closed.commands) {
        for (const word of ['ballot', 'dots', 'kind', 'optionId', '"o1"', '"o2"', '"o3"', 'z1m1']) {
          expect(result).not.toContain(word);
        }
      }

      // Nor do the raw bytes (database, WAL, shared memory) keep any voter key or any ballot.
      const bytes = databaseBytes(server.dbFile);
      for (const { voter_key } of open.ballots) expect(bytes.includes(voter_key), 'voter key on disk').toBe(false);
      expect(bytes.includes('"dots":{'), 'a ballot on disk').toBe(false);

      // AN3 AC4: no token (nor the sign-in cookie's) in clear anywhere in the files; their hashes are
      // there (so the search works).
      for (const token of [cookie.split('=')[1]!, ...phones.map((p) => p.token)]) {
        expect(bytes.includes(token), 'token in clear').toBe(false);
        expect(bytes.includes(sha256(token)), 'token hash').toBe(true);
      }
    },
  );

  // Copies and reads the SQLite files; on PostgreSQL: anonymity-pg.test.ts (A1 AN11 on PostgreSQL's files).
  it.skipIf(TEST_STORE === 'postgres')(
    'AN11 a copy of the files taken while rounds are open holds nothing that makes a voter key again',
    async () => {
      const { sessionId, facilitator, phones } = await setUpWorkshop(server.url, 3, 'Open copy');
      const voteRound = await openRound(facilitator);
      for (const [i, phone] of phones.entries())
        await phone.client.ok('vote:cast', voteFor(voteRound, single(`o${(i % 3) + 1}`)));
      const bytes = databaseBytes(server.dbFile);
      const rows = readDb(server.dbFile, (db) => ({
        keys: (
          db.prepare('SELECT voter_key FROM ballots WHERE round_id = ?').all(voteRound) as { voter_key: string }[]
        ).map((r) => r.voter_key),
        participants: db.prepare('SELECT id, token_hash FROM participants WHERE session_id = ?').all(sessionId) as {
          id: string;
          token_hash: string;
        }[],
        texts: db
          .prepare(
            `SELECT value FROM (SELECT id AS value FROM sessions UNION SELECT settings FROM sessions
           UNION SELECT id FROM rounds UNION SELECT options FROM rounds UNION SELECT result FROM commands
           UNION SELECT command_id FROM commands)`,
          )
          .all() as { value: string }[],
      }));
      expect(rows.keys).toHaveLength(3);
      // The attacker knows the code: a voter key is voterKey(participantSecret(token), session, round). With
      // the tokens (which only the phones hold) the keys come out, so the search below can succeed…
      const made = (token: string, roundId: string) => voterKey(participantSecret(token), sessionId, roundId);
      expect(phones.map((p) => made(p.token, voteRound)).sort()).toEqual([...rows.keys].sort());
      // …but nothing in the files stands in for a token: every stored string (hashes, ids, secrets of any
      // kind, every base64url run in the raw bytes) tried as the token, the participant id or the key
      // itself makes no stored key.
      const candidates = new Set<string>([
        ...rows.participants.flatMap((p) => [p.id, p.token_hash]),
        ...rows.texts.map((t) => t.value),
        ...(bytes.toString('latin1').match(/[A-Za-z0-9_-]{16,}/g) ?? []),
      ]);
      const stored = new Set(rows.keys);
      const hits = [...candidates].filter((c) =>
        [c, `${c}${voteRound}`, `${voteRound}${c}`].some(
          (input) =>
            stored.has(made(input, voteRound)) ||
            stored.has(voterKey(input, sessionId, voteRound)) ||
            rows.participants.some(
              (p) => stored.has(voterKey(input, sessionId, `${voteRound}/${p.id}`)) || stored.has(hmac(input, p.id)),
            ),
        ),
      );
      expect(candidates.size).toBeGreaterThan(50);
      expect(hits).toEqual([]);
      for (const phone of phones) expect(bytes.includes(phone.token), 'token in clear').toBe(false);
    },
  );

  it('AN1 a round with thousands of ballots (many pages, changed votes) leaves no voter key in the file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vrijuit-store-'));
    const store = openSqliteStore(dataDir);
    try {
      const file = join(dataDir, DATABASE_FILE);
      await store.commit(
        'session-0001',
        [
          {
            type: 'session:created',
            sessionId: 'session-0001',
            title: 'Big',
            joinCode: 'BIGBIG',
            zones: [{ id: 'z1', name: 'A', municipalities: [] }],
            settings: { anonymityThreshold: 3, weighted: false, releaseEverySeconds: 15, releaseMinEntries: 3 },
            ownerAccountId: 'f',
            description: '',
            date: null,
            language: 'nl-BE',
          },
          {
            type: 'round:created',
            roundId: 'round-0001',
            question: 'Q',
            options: [
              { id: 'o1', label: 'A' },
              { id: 'o2', label: 'B' },
            ],
            config: { kind: 'single-choice' },
            reveal: 'manual',
            durationSeconds: null,
            rerunOf: null,
            compareKey: null,
            position: 0,
          },
          { type: 'round:opened', roundId: 'round-0001', closesAt: null },
        ],
        null,
      );
      const keys = Array.from({ length: 3000 }, () => randomBytes(32).toString('base64url'));
      for (const [i, voterKey] of keys.entries()) {
        const vote = {
          type: 'vote:cast' as const,
          roundId: 'round-0001',
          voterKey,
          zoneId: 'z1',
          municipalityId: null,
        };
        await store.commit('session-0001', [{ ...vote, ballot: { kind: 'single-choice', optionId: 'o1' } }], null);
        if (i % 3 === 0) {
          await store.commit('session-0001', [{ ...vote, ballot: { kind: 'single-choice', optionId: 'o2' } }], null);
        }
      }
      const sample = [keys[0]!, keys[1500]!, keys[2999]!];
      const before = databaseBytes(file);
      for (const key of sample) expect(before.includes(key)).toBe(true);

      const results: RoundResults = {
        respondents: 3000,
        paper: 0,
        perPerson: { values: { o1: 2000, o2: 1000 }, matrix: null },
        perMunicipality: null,
        breakdown: {
          zones: [
            {
              id: 'z1',
              suppressed: false,
              respondents: 3000,
              result: { values: { o1: 2000, o2: 1000 }, matrix: null },
            },
          ],
          municipalities: [],
        },
      };
      const closed = { type: 'round:closed' as const, roundId: 'round-0001', results };
      await store.commit('session-0001', [closed], null);
      await store.scrub('session-0001', [closed]);

      const after = databaseBytes(file);
      const leaked = keys.filter((key) => after.includes(key));
      expect(leaked, 'voter keys on disk').toEqual([]);
      expect(after.includes('"optionId"'), 'a ballot on disk').toBe(false);
      expect((await store.loadSession('session-0001'))?.rounds[0]).toMatchObject({
        status: 'closed',
        ballots: {},
        closedResults: results,
      });
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
