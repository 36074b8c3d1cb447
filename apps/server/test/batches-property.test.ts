/**
 * AN12 AN13 AN14, as properties: a real SessionHub on a real SQLite store, driven by seeded random
 * sequences of first ballots, changes, identical ballots, retries and paper ballots from up to nine
 * phones, then a close. After every step the files, the screens' state and the phones' state are checked
 * against what the sequence says they must be. On the same real hub: a big release in slices (P3), a
 * scrub that fails (AN17) and idle sessions leaving memory (SE5).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  castPaperVote,
  castVote,
  closeRound,
  createRound,
  type DomainEvent,
  evolveAll,
  joinParticipant,
  openRound,
  type SessionState,
  submitPainPoint,
  tableGet,
  tableValues,
  tallyOf as recount,
} from '@vrijuit/core';
import type { Ack } from '@vrijuit/protocol';
import { createLogger, type Logger } from '../src/log.ts';
import { SessionHub } from '../src/session-hub.ts';
import { DATABASE_FILE, openSqliteStore } from '../src/store/sqlite-store.ts';
import { databaseBytes, readDb, seeded } from './helpers.ts';
import { oneZoneSession } from './session-fixture.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const SID = 'session-prop';
const RID = 'round-prop';
const OPTIONS = ['o1', 'o2', 'o3'] as const;

async function workshop(k: number, phones: number, log: Logger = createLogger('silent'), maxCachedSessions?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'vrijuit-prop-'));
  dirs.push(dir);
  const store = openSqliteStore(dir);
  const commits: DomainEvent[][] = [];
  const commit = store.commit.bind(store);
  store.commit = (sessionId, events, commands) => {
    commits.push([...events]);
    return commit(sessionId, events, commands);
  };
  const hub = new SessionHub(store, log, { maxCachedSessions });
  const ok = async <T>(ack: Promise<Ack<T>>) => {
    const a = await ack;
    if (!a.ok) throw new Error(a.error.code);
    return a.value;
  };
  await ok(hub.execute(SID, null, () => oneZoneSession(SID, 'PRPRPR', { title: 'P', anonymityThreshold: k })));
  for (let i = 0; i < phones; i++) {
    await ok(
      hub.execute(SID, null, (s) =>
        joinParticipant(s!, {
          participantId: `p${i}`,
          tokenHash: `t${i}`,
          zoneId: 'z1',
          municipalityId: null,
          name: '',
        }),
      ),
    );
  }
  await ok(
    hub.execute(SID, null, (s) =>
      createRound(s!, {
        roundId: RID,
        question: 'Q',
        options: ['A', 'B', 'C'],
        config: { kind: 'single-choice' },
        reveal: 'manual',
        durationSeconds: null,
      }),
    ),
  );
  await ok(hub.execute(SID, null, (s) => openRound(s!, { roundId: RID, now: 0 })));
  commits.length = 0;
  return { hub, store, commits, file: join(dir, DATABASE_FILE), ok };
}

const tallyOf = (ballots: Iterable<string>) => {
  const out: Record<string, number> = { o1: 0, o2: 0, o3: 0 };
  for (const optionId of ballots) out[optionId]! += 1;
  return out;
};
const storedTally = (state: SessionState | null) =>
  tallyOf(
    tableValues(state?.rounds[0]?.ballots ?? {}).map((b) =>
      b.ballot.kind === 'single-choice' ? b.ballot.optionId : '',
    ),
  );

describe('AN12 AN13 AN14 batches, as properties over random sessions', () => {
  it('AN13 every write holds k distinct participants (first ballots apart from changes), the screens show exactly the stored ballots, each phone its own at once, and the close counts every last ballot once', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rand = seeded(seed);
      const k = 3 + Math.floor(rand() * 2);
      const phones = 2 + Math.floor(rand() * 8);
      const { hub, commits, file, ok } = await workshop(k, phones);
      /** What each phone last chose: the truth the close must count. */
      const last = new Map<string, string>();
      /** Keys in the file before each write, to tell first ballots from changes (AN13). */
      const onDisk = () =>
        new Set(
          readDb(file, (db) =>
            (db.prepare('SELECT voter_key FROM ballots WHERE paper = 0').all() as { voter_key: string }[]).map(
              (r) => r.voter_key,
            ),
          ),
        );
      const sent: { phone: number; commandId: string; optionId: string }[] = [];
      let papers = 0;
      const steps = 10 + Math.floor(rand() * 30);
      for (let step = 0; step < steps; step++) {
        const before = onDisk();
        const commitsBefore = commits.length;
        const roll = rand();
        if (roll < 0.1 && sent.length > 0) {
          // A retry of an earlier command: answered, never counted again, never reverting a later vote.
          const again = sent[Math.floor(rand() * sent.length)]!;
          await ok(vote(hub, again.phone, again.commandId, again.optionId));
        } else if (roll < 0.18) {
          const zoneId = 'z1';
          await ok(
            hub.submit(
              SID,
              {
                scope: SID,
                recordKey: `paper-${papers}`,
                commandId: `paper-${papers}`,
                socketId: 'console',
                roundId: RID,
                kind: 'ballot',
                sender: null,
              },
              (s) =>
                castPaperVote(s, {
                  roundId: RID,
                  voterKey: `paper-key-${papers}`,
                  zoneId,
                  municipalityId: null,
                  ballot: { kind: 'single-choice', optionId: 'o3' },
                }),
            ),
          );
          last.set(`paper-${papers++}`, 'o3');
        } else {
          const phone = Math.floor(rand() * phones);
          const optionId = OPTIONS[Math.floor(rand() * 3)]!;
          const commandId = `c${seed}-${step}`;
          await ok(vote(hub, phone, commandId, optionId));
          sent.push({ phone, commandId, optionId });
          last.set(`key-${phone}`, optionId);
        }
        // AN13: every write of ballots in this step holds k distinct phones, and only new keys or only
        // keys the file had.
        for (const events of commits.slice(commitsBefore)) {
          const keys = new Set(events.flatMap((e) => (e.type === 'vote:cast' && !e.paper ? [e.voterKey] : [])));
          if (keys.size === 0) continue;
          expect(keys.size, `seed ${seed}: a batch of ${keys.size}`).toBeGreaterThanOrEqual(k);
          const fresh = [...keys].filter((key) => !before.has(key)).length;
          expect([0, keys.size], `seed ${seed}: new and known keys in one batch`).toContain(fresh);
        }
        // AN12: the screens' state is exactly the file (no waiting ballot shows).
        const stored = await hub.state(SID);
        const file_ = readDb(file, (db) =>
          (db.prepare('SELECT ballot FROM ballots').all() as { ballot: string }[]).map(
            (r) => (JSON.parse(r.ballot) as { optionId: string }).optionId,
          ),
        );
        expect(storedTally(stored), `seed ${seed} step ${step}`).toEqual(tallyOf(file_));
        // AN13: each phone sees its own last ballot at once (the live state), stored or not.
        const live = hub.live(SID);
        for (let phone = 0; phone < phones; phone++) {
          const mine = tableGet(live?.rounds[0]?.ballots ?? {}, `key-${phone}`)?.ballot;
          expect(mine && mine.kind === 'single-choice' ? mine.optionId : undefined).toBe(last.get(`key-${phone}`));
        }
      }
      // The close counts the last ballot of every phone and every paper form, once.
      await ok(hub.execute(SID, null, (s) => closeRound(s!, { roundId: RID })));
      const results = (await hub.state(SID))?.rounds[0]?.closedResults;
      expect(results?.respondents, `seed ${seed}`).toBe(last.size);
      expect(results?.perPerson.values).toEqual(tallyOf(last.values()));
      expect(readDb(file, (db) => db.prepare('SELECT COUNT(*) AS n FROM ballots').get())).toEqual({ n: 0 });
    }
  });
});

describe('SE8 a turn of ballots decided and evolved in one pass', () => {
  it('SE8 AN12 AN13 ballots sent many in one turn of the event loop: the live state equals deciding and evolving them one at a time, the stored state equals the file, and no state the hub handed out changes afterwards', async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rand = seeded(1000 + seed);
      const k = 3 + Math.floor(rand() * 2);
      const phones = 3 + Math.floor(rand() * 10);
      const { hub, file, ok } = await workshop(k, phones);
      /** The same ballots decided and evolved one at a time, as before SE8. */
      let reference = (await hub.state(SID))!;
      /** Each state the hub handed out, with a deep copy of it as it was then. */
      const handedOut: [SessionState, SessionState][] = [];
      for (let turn = 0; turn < 10; turn++) {
        const acks: Promise<unknown>[] = [];
        // Sent in one go, as a burst's messages arrive: decided one after the other within one turn.
        const count = 1 + Math.floor(rand() * 12);
        for (let i = 0; i < count; i++) {
          const phone = Math.floor(rand() * phones);
          const optionId = OPTIONS[Math.floor(rand() * 3)]!;
          acks.push(ok(vote(hub, phone, `c${seed}-${turn}-${i}`, optionId)));
          const decision = castVote(reference, {
            participantId: `p${phone}`,
            voterKey: `key-${phone}`,
            roundId: RID,
            ballot: { kind: 'single-choice', optionId },
          });
          if (decision.ok) reference = evolveAll(reference, decision.events)!;
          if (rand() < 0.15) {
            // A phone joining or coming back reads the live state between the turn's ballots (its own).
            const expected = reference.rounds[0];
            acks.push(
              hub.exclusive(SID, async () => {
                const live = hub.live(SID)!;
                expect(live.rounds[0], `seed ${seed} turn ${turn}, mid-turn`).toEqual(expected);
                handedOut.push([live, structuredClone(live)]);
              }),
            );
          }
        }
        await Promise.all(acks);
        // A view reads the live state now and then (it ends the hub's drafts), not after every turn.
        if (rand() < 0.3) {
          const live = hub.live(SID)!;
          expect(live.rounds[0], `seed ${seed} turn ${turn}`).toEqual(reference.rounds[0]);
          handedOut.push([live, structuredClone(live)]);
        }
        const stored = (await hub.state(SID))!;
        const file_ = readDb(file, (db) =>
          (db.prepare('SELECT ballot FROM ballots').all() as { ballot: string }[]).map(
            (r) => (JSON.parse(r.ballot) as { optionId: string }).optionId,
          ),
        );
        expect(storedTally(stored), `seed ${seed} turn ${turn}`).toEqual(tallyOf(file_));
        const round = stored.rounds[0]!;
        expect(round.tally).toEqual(recount(round.config, round.options, tableValues(round.ballots)));
        handedOut.push([stored, structuredClone(stored)]);
      }
      for (const [state, then] of handedOut) expect(state, `seed ${seed}`).toEqual(then);
      expect(hub.live(SID)!.rounds[0], `seed ${seed}`).toEqual(reference.rounds[0]);
    }
  });
});

/** Phone `phone` votes; its voter key stands for the one the server makes from its token (AN11). */
function vote(hub: SessionHub, phone: number, commandId: string, optionId: string) {
  const voterKey = `key-${phone}`;
  return hub.submit(
    SID,
    {
      scope: SID,
      recordKey: `${voterKey}/${commandId}`,
      commandId,
      socketId: `socket-${phone}`,
      roundId: RID,
      kind: 'ballot',
      sender: voterKey,
    },
    (s) =>
      castVote(s, { participantId: `p${phone}`, voterKey, roundId: RID, ballot: { kind: 'single-choice', optionId } }),
  );
}

describe('AN8 AN13 P3 a big release in slices', () => {
  it('AN8 AN13 P3 a release of 450 entries is stored in slices of k people each, every entry once, and a phone typing meanwhile is answered before the last slice', async () => {
    const k = 3;
    const { hub, commits, ok } = await workshop(k, 160);
    await ok(hub.execute(SID, null, (s) => closeRound(s!, { roundId: RID })));
    const PR = 'round-pain';
    await ok(
      hub.execute(SID, null, (s) =>
        createRound(s!, {
          roundId: PR,
          question: 'Wat knelt?',
          options: [],
          config: { kind: 'pain-points', perParticipant: 3, premoderation: false },
          reveal: 'manual',
          durationSeconds: null,
        }),
      ),
    );
    await ok(hub.execute(SID, null, (s) => openRound(s!, { roundId: PR, now: 0 })));
    const point = (phone: number, n: number) =>
      hub.submit(
        SID,
        {
          scope: SID,
          recordKey: `rec-${phone}-${n}`,
          commandId: `cmd-${phone}-${n}`,
          socketId: `socket-${phone}`,
          roundId: PR,
          kind: 'point',
          sender: `key-${phone}`,
        },
        (live) =>
          submitPainPoint(live, {
            participantId: `p${phone}`,
            voterKey: `key-${phone}`,
            roundId: PR,
            pointId: `pt-${phone}-${n}`,
            text: `Knelpunt ${phone}.${n}`,
            themeId: null,
          }),
      );
    for (let phone = 0; phone < 150; phone++) for (let n = 0; n < 3; n++) await ok(point(phone, n));
    commits.length = 0;
    let released = false;
    const release = hub.releasePainPoints(SID).then(() => (released = true));
    const meanwhile = await ok(point(150, 0));
    expect(meanwhile.stored).toBe(false);
    expect(released).toBe(false);
    expect(commits.filter((events) => events.some((e) => e.type === 'painpoints:released'))).toHaveLength(0);
    // A graceful stop drains the whole release, slices between which it holds no place on the chain included.
    await hub.drain();
    expect(released).toBe(true);
    await release;

    const slices = commits.filter((events) => events.some((e) => e.type === 'painpoint:submitted'));
    expect(slices.length).toBeGreaterThanOrEqual(2);
    for (const events of slices) {
      const submitted = events.flatMap((e) => (e.type === 'painpoint:submitted' ? [e] : []));
      expect(new Set(submitted.map((e) => e.voterKey)).size).toBeGreaterThanOrEqual(k);
      expect(submitted.length).toBeGreaterThanOrEqual(200);
      const releasedIds = events.flatMap((e) => (e.type === 'painpoints:released' ? e.pointIds : []));
      expect(new Set(releasedIds)).toEqual(new Set(submitted.map((e) => e.pointId)));
    }
    const round = (await hub.state(SID))!.rounds.find((r) => r.id === PR)!;
    const stages = tableValues(round.points).map((p) => p.stage);
    expect(stages).toHaveLength(450);
    expect(new Set(stages)).toEqual(new Set(['wall']));
    // The entry typed during the release waits for the next tick.
    expect(hub.waitingPeople(SID)[PR]).toBe(0);
    expect(hub.hasWaitingPoints(SID)).toBe(true);
  });
});

describe('AN17 scrubbing is a step of its own', () => {
  it('AN17 AN1 a scrub that fails leaves the close committed and acknowledged, is logged, and is done with the next close', async () => {
    const errors: string[] = [];
    const log: Logger = { ...createLogger('silent'), error: (message) => errors.push(message) };
    const { hub, store, file, ok } = await workshop(3, 3, log);
    for (let phone = 0; phone < 3; phone++) await ok(vote(hub, phone, `c${phone}`, 'o1'));
    // A ballot's JSON in any of the files (the database, its WAL): the close deletes ballots, the scrub
    // takes the older page versions out of the WAL.
    const ballotsOnDisk = () => databaseBytes(file).includes('"optionId"');
    expect(ballotsOnDisk()).toBe(true);
    const scrub = store.scrub.bind(store);
    const scrubbed: string[][] = [];
    let fail = true;
    store.scrub = async (sessionId, events) => {
      if (fail) throw new Error('disk I/O error');
      scrubbed.push(events.flatMap((e) => (e.type === 'round:closed' ? [e.roundId] : [])));
      return scrub(sessionId, events);
    };
    const closed = await hub.execute(SID, null, (s) => closeRound(s!, { roundId: RID }));
    expect(closed).toEqual({ ok: true, value: {} });
    await hub.drain();
    expect(errors).toEqual(['scrub failed; tried again after the next close or release']);
    expect((await hub.state(SID))?.rounds[0]?.status).toBe('closed');
    expect((await store.loadSession(SID))?.rounds[0]?.status).toBe('closed');
    expect(ballotsOnDisk(), 'the older page versions wait in the WAL for the scrub').toBe(true);

    fail = false;
    await ok(
      hub.execute(SID, null, (s) =>
        createRound(s!, {
          roundId: 'r2',
          question: 'Q2',
          options: ['A', 'B'],
          config: { kind: 'single-choice' },
          reveal: 'manual',
          durationSeconds: null,
        }),
      ),
    );
    await ok(hub.execute(SID, null, (s) => openRound(s!, { roundId: 'r2', now: 0 })));
    await ok(hub.execute(SID, null, (s) => closeRound(s!, { roundId: 'r2' })));
    await hub.drain();
    expect(scrubbed).toEqual([[RID, 'r2']]);
    expect(ballotsOnDisk()).toBe(false);
  });
});

describe('SE5 idle sessions leave memory', () => {
  it('SE5 past the cap the least recently used idle sessions leave memory and load again on use; a session with an open round or waiting input stays', async () => {
    const { hub, ok } = await workshop(3, 3, createLogger('silent'), 3);
    // The workshop's session has an open round and a ballot waiting for its batch: never idle.
    await ok(vote(hub, 0, 'c0', 'o1'));
    const create = (id: string) =>
      ok(hub.execute(id, null, () => oneZoneSession(id, `JC${id.slice(-1).toUpperCase()}JCJ`)));
    await create('s-a');
    await create('s-b');
    await hub.state('s-a');
    // A fourth session goes over the cap of 3: the least recently used idle one (s-b) leaves.
    await create('s-c');
    expect(hub.cached(SID), 'open round, a ballot waiting').not.toBeNull();
    expect(tableGet(hub.live(SID)?.rounds[0]?.ballots ?? {}, 'key-0')).toBeDefined();
    expect(hub.cached('s-b')).toBeNull();
    expect(hub.cached('s-a')).not.toBeNull();
    expect(hub.cached('s-c')).not.toBeNull();
    // Back on use, as stored; now s-a is the least recently used idle one.
    expect((await hub.state('s-b'))?.title).toBe('s-b');
    expect(hub.cached('s-b')).not.toBeNull();
    expect(hub.cached('s-a')).toBeNull();
    expect(hub.cached(SID)).not.toBeNull();
  });
});

describe('VO5 P2 group commit: one transaction per turn', () => {
  const ballotsOnDisk = (file: string) =>
    readDb(file, (db) => (db.prepare('SELECT COUNT(*) AS n FROM ballots').get() as { n: number }).n);

  it('VO5 AN14 P2 the votes of one turn share one transaction, each acked only once it is in the file, and told stored by that ack alone', async () => {
    const { hub, commits, file, ok } = await workshop(3, 6);
    const notices: string[][] = [];
    hub.onStored((_sessionId, stored) => notices.push([...stored.keys()]));
    // Six phones in one turn: two batches of k = 3, one transaction; each ack sees its ballot on disk.
    const acks = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((phone) =>
        ok(vote(hub, phone, `g${phone}`, 'o2')).then((ack) => ({ ack, onDisk: ballotsOnDisk(file) })),
      ),
    );
    expect(commits).toHaveLength(1);
    expect(commits[0]!.filter((e) => e.type === 'vote:cast')).toHaveLength(6);
    expect(acks.map((a) => a.ack.stored)).toEqual([true, true, true, true, true, true]);
    expect(acks.map((a) => a.onDisk)).toEqual([6, 6, 6, 6, 6, 6]);
    expect(notices, 'no socket is told again what its ack said').toEqual([]);
    // One turn later a lone vote waits for its batch: received, and stored with the next k.
    expect((await ok(vote(hub, 0, 'g0-again', 'o1'))).stored).toBe(false);
  });

  it('VO5 DB12 P2 the votes that come while a transaction is being stored wait in one open turn and share the next transaction, each acked once it is in the file', async () => {
    const { hub, store, commits, file, ok } = await workshop(3, 12);
    // The store is slow, as PostgreSQL waiting for its disk: the first transaction is held until released.
    const commit = store.commit.bind(store);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    store.commit = (sessionId, events, commands) => {
      if (!first) return commit(sessionId, events, commands);
      first = false;
      return held.then(() => commit(sessionId, events, commands));
    };
    // Two turns of the event loop: a turn's votes are decided, and its transaction begun at its end.
    const turns = async () => {
      for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    const acks: Promise<{ stored: boolean }>[] = [];
    // Four turns of three votes: the first turn's transaction is held; the other three turns come meanwhile.
    for (let t = 0; t < 4; t++) {
      for (let i = 0; i < 3; i++) acks.push(ok(vote(hub, 3 * t + i, `h${3 * t + i}`, 'o1')));
      await turns();
    }
    release();
    expect((await Promise.all(acks)).map((a) => a.stored)).toEqual(new Array(12).fill(true));
    const votesPerTransaction = commits
      .map((events) => events.filter((e) => e.type === 'vote:cast').length)
      .filter((n) => n > 0);
    expect(votesPerTransaction, 'the first turn, then the three that came meanwhile in one').toEqual([3, 9]);
    expect(ballotsOnDisk(file)).toBe(12);
  });

  it('VO5 VO4 AN13 a transaction that fails answers its turn with an error, changes nothing, and its inputs wait again to be stored with the next batch', async () => {
    const errors: string[] = [];
    const log: Logger = { ...createLogger('silent'), error: (message) => errors.push(message) };
    const { hub, store, file, ok } = await workshop(3, 4, log);
    const notices = new Map<string, string[]>();
    hub.onStored((_sessionId, stored) => {
      for (const [socket, ids] of stored) notices.set(socket, [...(notices.get(socket) ?? []), ...ids]);
    });
    for (const phone of [0, 1]) expect((await ok(vote(hub, phone, `f${phone}`, 'o1'))).stored).toBe(false);
    const commit = store.commit.bind(store);
    let fail = true;
    store.commit = (sessionId, events, commands) => {
      if (fail) return Promise.reject(new Error('disk I/O error'));
      return commit(sessionId, events, commands);
    };
    // One turn: the third phone completes the batch, and the facilitator opens a second round.
    const third = vote(hub, 2, 'f2', 'o3');
    const second = hub.execute(SID, null, (s) =>
      createRound(s!, {
        roundId: 'r-fail',
        question: 'Q',
        options: ['A', 'B'],
        config: { kind: 'single-choice' },
        reveal: 'manual',
        durationSeconds: null,
      }),
    );
    await expect(second).rejects.toThrow('disk I/O error');
    expect(await third, 'the input waits again: received').toMatchObject({ ok: true, value: { stored: false } });
    expect(errors).toEqual(['commit failed; its commands answered an error and their inputs wait again']);
    expect(ballotsOnDisk(file)).toBe(0);
    expect((await hub.state(SID))!.rounds.map((r) => r.id)).toEqual([RID]);
    expect(tableValues(hub.live(SID)!.rounds[0]!.ballots)).toHaveLength(3);
    // A retry of the waiting input answers received again, and is told once stored (VO4, AN14).
    expect(await vote(hub, 2, 'f2', 'o3')).toMatchObject({ ok: true, value: { stored: false } });

    fail = false;
    expect((await ok(vote(hub, 3, 'f3', 'o2'))).stored).toBe(true);
    expect(ballotsOnDisk(file)).toBe(4);
    expect(storedTally(await hub.state(SID))).toEqual({ o1: 2, o2: 1, o3: 1 });
    expect(Object.fromEntries(notices)).toEqual({ 'socket-0': ['f0'], 'socket-1': ['f1'], 'socket-2': ['f2'] });
  });
});
