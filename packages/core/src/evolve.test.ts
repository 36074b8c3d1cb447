import { describe, expect, it } from 'vitest';
import type { DomainEvent } from './events.ts';
import { evolve, evolveAll } from './evolve.ts';
import type { SessionState } from './state.ts';
import { deepFreeze, vote, VOTER_SECRET, withDraftRound, withOpenRound } from './test-fixtures.ts';

/** Every event type, applied to a deep-frozen state: evolve must build a new state and leave the input as it was. */
const cases: { name: string; state: () => SessionState; event: DomainEvent }[] = [
  {
    name: 'participant:joined',
    state: withDraftRound,
    event: { type: 'participant:joined', participant: { id: 'p9', tokenHash: 'h9', zoneId: 'z2', name: 'N' } },
  },
  {
    name: 'round:created',
    state: withOpenRound,
    event: { type: 'round:created', roundId: 'r2', kind: 'single-choice', question: 'Q', options: [], position: 0 },
  },
  { name: 'round:opened', state: withDraftRound, event: { type: 'round:opened', roundId: 'r1', voterSecret: 's' } },
  {
    name: 'round:closed',
    state: () => vote(withOpenRound(), 1, 'o1'),
    event: { type: 'round:closed', roundId: 'r1', tally: { z1: { o1: 1 } } },
  },
  {
    name: 'vote:cast',
    state: () => vote(withOpenRound(), 1, 'o1'),
    event: { type: 'vote:cast', roundId: 'r1', voterKey: 'k', zoneId: 'z1', optionId: 'o2' },
  },
  {
    name: 'session:created',
    state: withDraftRound,
    event: {
      type: 'session:created',
      sessionId: 's2',
      title: 'T',
      joinCode: 'ZZZZZZ',
      zones: [{ id: 'z1', name: 'A' }],
      facilitatorTokenHash: 'f',
    },
  },
];

describe('evolve', () => {
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

  it('vote:cast replaces only the round it names and keeps other ballots', () => {
    const s = vote(vote(withOpenRound(), 1, 'o1'), 2, 'o2');
    const next = evolve(deepFreeze(s), {
      type: 'vote:cast',
      roundId: 'r1',
      voterKey: 'voter-key-r1-1-SECRET',
      zoneId: 'z1',
      optionId: 'o3',
    });
    expect(next.rounds[0]?.ballots).toEqual({
      'voter-key-r1-1-SECRET': { zoneId: 'z1', optionId: 'o3' },
      'voter-key-r1-2-SECRET': { zoneId: 'z2', optionId: 'o2' },
    });
    // Untouched parts are shared, not copied.
    expect(next.participants).toBe(s.participants);
  });

  it('round:created inserts the round at its position', () => {
    const s = withDraftRound();
    const next = evolve(s, {
      type: 'round:created',
      roundId: 'r0',
      kind: 'single-choice',
      question: 'Eerst',
      options: [],
      position: 0,
    });
    expect(next.rounds.map((r) => r.id)).toEqual(['r0', 'r1']);
  });

  it('round:closed keeps the round current, closed, without secret or ballots', () => {
    const s = vote(withOpenRound(), 1, 'o1');
    expect(s.rounds[0]?.voterSecret).toBe(VOTER_SECRET);
    const next = evolve(s, { type: 'round:closed', roundId: 'r1', tally: { z1: { o1: 1 } } });
    expect(next.currentRoundId).toBe('r1');
    expect(next.rounds[0]).toMatchObject({
      status: 'closed',
      voterSecret: null,
      ballots: {},
      closedTally: { z1: { o1: 1 } },
    });
  });

  it('an event before session:created throws', () => {
    expect(() => evolve(null, { type: 'round:opened', roundId: 'r1', voterSecret: 's' })).toThrow(
      'event round:opened before session:created',
    );
  });

  it('evolveAll of no events returns the same state', () => {
    const s = withDraftRound();
    expect(evolveAll(s, [])).toBe(s);
    expect(evolveAll(null, [])).toBeNull();
  });
});
