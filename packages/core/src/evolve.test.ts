import { describe, expect, it } from 'vitest';
import type { RoundResults } from '@vrijuit/protocol';
import type { DomainEvent } from './events.ts';
import { evolve, evolveAll } from './evolve.ts';
import type { SessionState } from './state.ts';
import {
  A,
  B,
  deepFreeze,
  mulberry32,
  NOW,
  PAIN,
  submit,
  vote,
  withDraftRound,
  withOpenRound,
  withPainRound,
  withPoints,
} from './test-fixtures.ts';
import { tableToRecord } from './table.ts';

const results: RoundResults = {
  respondents: 1,
  paper: 0,
  perPerson: { values: { o1: 1, o2: 0, o3: 0 }, matrix: null },
  perMunicipality: null,
  breakdown: {
    zones: [
      { id: 'z1', suppressed: true },
      { id: 'z2', suppressed: false, respondents: 0, result: { values: { o1: 0, o2: 0, o3: 0 }, matrix: null } },
      { id: 'z3', suppressed: false, respondents: 0, result: { values: { o1: 0, o2: 0, o3: 0 }, matrix: null } },
    ],
    municipalities: [],
  },
};

/** Every event type, applied to a deep-frozen state: evolve must build a new state and leave the input as it was. */
const cases: { name: DomainEvent['type']; state: () => SessionState; event: DomainEvent }[] = [
  {
    name: 'participant:joined',
    state: withDraftRound,
    event: {
      type: 'participant:joined',
      participant: { id: 'p9', tokenHash: 'h9', zoneId: 'z2', municipalityId: null, name: 'N' },
    },
  },
  {
    name: 'round:created',
    state: withOpenRound,
    event: {
      type: 'round:created',
      roundId: 'r2',
      question: 'Q',
      options: [],
      config: { kind: 'ranking' },
      reveal: 'live',
      durationSeconds: 30,
      rerunOf: 'r1',
      compareKey: null,
      position: 0,
    },
  },
  {
    name: 'round:opened',
    state: withDraftRound,
    event: { type: 'round:opened', roundId: 'r1', closesAt: NOW },
  },
  {
    name: 'round:timer-set',
    state: withOpenRound,
    event: { type: 'round:timer-set', roundId: 'r1', closesAt: NOW + 1000 },
  },
  { name: 'round:locked', state: withOpenRound, event: { type: 'round:locked', roundId: 'r1', locked: true } },
  { name: 'round:revealed', state: withOpenRound, event: { type: 'round:revealed', roundId: 'r1', revealed: true } },
  {
    name: 'round:closed',
    state: () => vote(withOpenRound(), 1, 'o1'),
    event: { type: 'round:closed', roundId: 'r1', results },
  },
  {
    name: 'vote:cast',
    state: () => vote(withOpenRound(), 1, 'o1'),
    event: {
      type: 'vote:cast',
      roundId: 'r1',
      voterKey: 'k',
      zoneId: 'z1',
      municipalityId: null,
      ballot: { kind: 'single-choice', optionId: 'o2' },
    },
  },
  {
    name: 'painpoint:submitted',
    state: () => withPainRound(),
    event: {
      type: 'painpoint:submitted',
      roundId: PAIN,
      pointId: A,
      text: 'Te veel overleg',
      themeId: 'o1',
      voterKey: 'k',
    },
  },
  {
    name: 'painpoints:released',
    state: () => submit(submit(withPainRound(), 1, A), 2, B),
    event: { type: 'painpoints:released', roundId: PAIN, pointIds: [A, B], stage: 'wall' },
  },
  {
    name: 'painpoint:supported',
    state: () => withPoints([A, B]),
    event: { type: 'painpoint:supported', roundId: PAIN, pointId: A, supporterKey: 'k', supported: true },
  },
  {
    name: 'painpoint:hidden',
    state: () => withPoints([A], { premoderation: true }),
    event: { type: 'painpoint:hidden', roundId: PAIN, pointId: A, reason: 'offensive' },
  },
  {
    name: 'painpoints:approved',
    state: () => withPoints([A, B], { premoderation: true }),
    event: { type: 'painpoints:approved', roundId: PAIN, pointIds: [A] },
  },
  {
    name: 'painpoint:merged',
    state: () => withPoints([A, B]),
    event: { type: 'painpoint:merged', roundId: PAIN, pointId: B, intoId: A, support: 1, supporters: [] },
  },
  {
    name: 'painpoint:themed',
    state: () => withPoints([A]),
    event: { type: 'painpoint:themed', roundId: PAIN, pointId: A, themeId: 'o2' },
  },
  {
    name: 'round:theme-added',
    state: () => withPainRound(),
    event: { type: 'round:theme-added', roundId: PAIN, theme: { id: 'o3', label: 'Nieuw' } },
  },
  {
    name: 'session:created',
    state: withDraftRound,
    event: {
      type: 'session:created',
      sessionId: 's2',
      title: 'T',
      joinCode: 'ZZZZZZ',
      zones: [{ id: 'z1', name: 'A', municipalities: [{ id: 'z1m1', name: 'M', weight: 2 }] }],
      settings: { anonymityThreshold: 5, weighted: true, releaseEverySeconds: 15, releaseMinEntries: 3 },
      ownerAccountId: 'f',
      description: '',
      date: null,
      language: 'nl-BE',
    },
  },
];

describe('evolve', () => {
  it('the cases below cover every event type', () => {
    expect(cases.map((c) => c.name).sort()).toEqual([
      'painpoint:hidden',
      'painpoint:merged',
      'painpoint:submitted',
      'painpoint:supported',
      'painpoint:themed',
      'painpoints:approved',
      'painpoints:released',
      'participant:joined',
      'round:closed',
      'round:created',
      'round:locked',
      'round:opened',
      'round:revealed',
      'round:theme-added',
      'round:timer-set',
      'session:created',
      'vote:cast',
    ]);
  });

  for (const c of cases) {
    it(`never mutates its input (deep-frozen state, ${c.name})`, () => {
      const state = c.state();
      const before = structuredClone(state);
      deepFreeze(state);
      deepFreeze(c.event);
      const next = evolve(state, c.event);
      expect(next).not.toBe(state);
      expect(state).toEqual(before);
      expect(next).not.toEqual(before);
    });
  }

  it('vote:cast replaces only the ballot it names and keeps other ballots', () => {
    const s = vote(vote(withOpenRound(), 1, 'o1'), 2, 'o2');
    const next = evolve(deepFreeze(s), {
      type: 'vote:cast',
      roundId: 'r1',
      voterKey: 'voter-key-r1-1-SECRET',
      zoneId: 'z1',
      municipalityId: 'z1m1',
      ballot: { kind: 'single-choice', optionId: 'o3' },
    });
    expect(tableToRecord(next.rounds[0]?.ballots ?? {})).toEqual({
      'voter-key-r1-1-SECRET': {
        zoneId: 'z1',
        municipalityId: 'z1m1',
        ballot: { kind: 'single-choice', optionId: 'o3' },
      },
      'voter-key-r1-2-SECRET': {
        zoneId: 'z2',
        municipalityId: null,
        ballot: { kind: 'single-choice', optionId: 'o2' },
      },
    });
    // Untouched parts are shared, not copied.
    expect(next.participants).toBe(s.participants);
  });

  it('RO8 round:created inserts the round at its position as a fresh draft', () => {
    const s = withDraftRound();
    const next = evolve(s, {
      type: 'round:created',
      roundId: 'r0',
      question: 'Eerst',
      options: [],
      config: { kind: 'agreement', preset: 'gradients' },
      reveal: 'live',
      durationSeconds: 20,
      rerunOf: 'r1',
      compareKey: null,
      position: 0,
    });
    expect(next.rounds.map((r) => r.id)).toEqual(['r0', 'r1']);
    expect(next.rounds[0]).toEqual({
      id: 'r0',
      question: 'Eerst',
      options: [],
      config: { kind: 'agreement', preset: 'gradients' },
      status: 'draft',
      reveal: 'live',
      revealed: false,
      locked: false,
      durationSeconds: 20,
      closesAt: null,
      rerunOf: 'r1',
      compareKey: null,
      ballots: {},
      tally: { held: 0, groups: {} },
      closedResults: null,
      points: {},
      submitted: {},
      versions: [],
    });
  });

  it('RO5 round:opened sets the deadline, round:timer-set moves or clears it', () => {
    let s = evolve(withDraftRound(), { type: 'round:opened', roundId: 'r1', closesAt: NOW + 5 });
    expect(s.currentRoundId).toBe('r1');
    expect(s.rounds[0]).toMatchObject({ status: 'open', closesAt: NOW + 5 });
    s = evolve(s, { type: 'round:timer-set', roundId: 'r1', closesAt: NOW + 50 });
    expect(s.rounds[0]?.closesAt).toBe(NOW + 50);
    s = evolve(s, { type: 'round:timer-set', roundId: 'r1', closesAt: null });
    expect(s.rounds[0]?.closesAt).toBeNull();
  });

  it('RO6 RO7 round:locked and round:revealed set their flag and nothing else', () => {
    const s = withOpenRound();
    const locked = evolve(s, { type: 'round:locked', roundId: 'r1', locked: true });
    expect(locked.rounds[0]).toEqual({ ...s.rounds[0], locked: true });
    const revealed = evolve(locked, { type: 'round:revealed', roundId: 'r1', revealed: true });
    expect(revealed.rounds[0]).toEqual({ ...s.rounds[0], locked: true, revealed: true });
  });

  it('AN1 round:closed keeps the round current and revealed as it was, without secret, ballots, lock or timer', () => {
    let s = vote(withOpenRound(), 1, 'o1');
    s = evolveAll(s, [
      { type: 'round:locked', roundId: 'r1', locked: true },
      { type: 'round:timer-set', roundId: 'r1', closesAt: NOW + 1000 },
      { type: 'round:revealed', roundId: 'r1', revealed: true },
    ])!;
    const next = evolve(s, { type: 'round:closed', roundId: 'r1', results });
    expect(next.currentRoundId).toBe('r1');
    expect(next.rounds[0]).toEqual({
      ...s.rounds[0],
      status: 'closed',
      locked: false,
      revealed: true,
      closesAt: null,
      ballots: {},
      tally: { held: 0, groups: {} },
      closedResults: results,
    });
  });

  it('an event before session:created throws', () => {
    expect(() => evolve(null, { type: 'round:opened', roundId: 'r1', closesAt: null })).toThrow(
      'event round:opened before session:created',
    );
  });

  it('evolveAll of no events returns the same state', () => {
    const s = withDraftRound();
    expect(evolveAll(s, [])).toBe(s);
    expect(evolveAll(null, [])).toBeNull();
  });
});

describe('AN13 P3 a batch of submitted entries evolves at once', () => {
  it('AN13 over 100 seeded batches (paper, several entries per voter, repeated ids, other events between) evolveAll equals evolving one event at a time', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const rand = mulberry32(seed);
      // key-0 has an entry already: a batch adds to the counts there are.
      const base = evolve(withPainRound(), {
        type: 'painpoint:submitted',
        roundId: PAIN,
        pointId: `before${seed}`,
        text: 'before',
        themeId: null,
        voterKey: 'key-0',
      });
      const events: DomainEvent[] = [];
      for (let i = 0; i < 1 + Math.floor(rand() * 60); i++) {
        if (rand() < 0.05) {
          events.push({ type: 'round:locked', roundId: PAIN, locked: rand() < 0.5 });
          continue;
        }
        const paper = rand() < 0.2;
        events.push({
          type: 'painpoint:submitted',
          roundId: PAIN,
          pointId: `p${Math.floor(rand() * 80).toString(36)}${Math.floor(rand() * 1e6).toString(36)}`,
          text: `entry ${i}`,
          themeId: null,
          voterKey: paper ? '' : `key-${Math.floor(rand() * 6)}`,
          ...(paper ? { paper: true as const } : {}),
        });
      }
      const oneByOne = events.reduce<SessionState | null>((s, e) => evolve(s, e), base);
      expect(evolveAll(deepFreeze(base), events), `seed ${seed}`).toEqual(oneByOne);
    }
  });
});
