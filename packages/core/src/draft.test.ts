import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DomainEvent } from './events.ts';
import { applyToDraft, draftOf, sealDraft } from './draft.ts';
import { evolveAll } from './evolve.ts';
import { tallyOf, UNPLACED } from './results/index.ts';
import type { SessionState } from './state.ts';
import { tableValues } from './table.ts';
import { addRound, deepFreeze, withOpenRound } from './test-fixtures.ts';

/**
 * SE8: a turn's events applied to one draft give what evolving them one at a time gives, copy the round
 * once per draft, and change no state given to the draft or sealed from it (every such state is deeply
 * frozen here, so a write into one throws). Seeded (fast-check): a failure prints its seed to replay.
 */

const SEED = 20_261_206;

/** withOpenRound (r1 open, single choice o1-o3, k 3) with a second round r2 that is not open. */
function start(): SessionState {
  return deepFreeze(addRound(withOpenRound(), 'r2', { kind: 'single-choice' }));
}

const GROUPS: readonly (readonly [string, string | null])[] = [
  ['z1', null],
  ['z2', null],
  ['z3', 'z3m1'],
  [UNPLACED, null],
];

type Step =
  | { kind: 'vote'; voter: number; option: number; group: number; paper: boolean; round: number }
  | { kind: 'place'; voter: number; group: number }
  | { kind: 'lock'; locked: boolean }
  | { kind: 'join'; n: number }
  | { kind: 'seal' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('vote' as const),
      voter: fc.nat(15),
      option: fc.nat(3),
      group: fc.nat(GROUPS.length - 1),
      paper: fc.boolean(),
      round: fc.nat(4),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('place' as const), voter: fc.nat(15), group: fc.nat(GROUPS.length - 2) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lock' as const), locked: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('join' as const), n: fc.integer({ min: 50, max: 60 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('seal' as const) }) },
);

/** The step's events (a join is the participant:joined event a join decides). */
function eventsOf(step: Exclude<Step, { kind: 'seal' }>): readonly DomainEvent[] {
  const voterKey = `voter-${'voter' in step ? step.voter : 0}`;
  switch (step.kind) {
    case 'vote': {
      const [zoneId, municipalityId] = GROUPS[step.group]!;
      return [
        {
          type: 'vote:cast',
          // Mostly the open round; now and then the other one, or one the session does not have.
          roundId: step.round === 4 ? 'gone' : step.round === 3 ? 'r2' : 'r1',
          voterKey,
          zoneId,
          municipalityId,
          // o4 is no option of the round: held, never counted (TA9).
          ballot: { kind: 'single-choice', optionId: `o${step.option + 1}` },
          ...(step.paper ? { paper: true as const } : {}),
        },
      ];
    }
    case 'place': {
      const [zoneId, municipalityId] = GROUPS[step.group]!;
      return [{ type: 'ballot:placed', roundId: 'r1', voterKey, zoneId, municipalityId }];
    }
    case 'lock':
      return [{ type: 'round:locked', roundId: 'r1', locked: step.locked }];
    case 'join':
      return [
        {
          type: 'participant:joined',
          participant: { id: `p-${step.n}`, tokenHash: `t-${step.n}`, zoneId: 'z2', municipalityId: null, name: '' },
        },
      ];
  }
}

describe('SE8 a turn evolved in one pass', () => {
  it('SE8 over seeded turns of ballots, placements, joins and locks, the draft equals evolving one event at a time, and no state given to it or sealed from it changes', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 80 }), (steps) => {
        const first = start();
        let expected: SessionState = first;
        let draft = draftOf(first);
        const kept: SessionState[] = [first];
        for (const s of steps) {
          if (s.kind === 'seal') {
            // The turn's end: its state is frozen (a later write into it would throw) and a new draft starts.
            const sealed = deepFreeze(sealDraft(draft));
            kept.push(sealed);
            draft = draftOf(sealed);
            continue;
          }
          const events = eventsOf(s);
          expected = evolveAll(expected, events)!;
          applyToDraft(draft, events);
          expect(draft.state).toEqual(expected);
        }
        const last = sealDraft(draft);
        expect(last).toEqual(expected);
        const round = last.rounds.find((r) => r.id === 'r1')!;
        expect(round.tally).toEqual(tallyOf(round.config, round.options, tableValues(round.ballots)));
        // The states given to a draft or sealed were frozen: a write into any of them would have thrown.
        for (const state of kept) expect(Object.isFrozen(state.rounds[0]!.tally)).toBe(true);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('SE8 a turn of many ballots copies the session and its round once: later ballots write into the same copies', () => {
    const before = start();
    const draft = draftOf(before);
    const ballot = (n: number): DomainEvent => ({
      type: 'vote:cast',
      roundId: 'r1',
      voterKey: `voter-${n}`,
      zoneId: 'z1',
      municipalityId: null,
      ballot: { kind: 'single-choice', optionId: 'o1' },
    });
    applyToDraft(draft, [ballot(0)]);
    const state = draft.state;
    const round = state.rounds[0]!;
    const tally = round.tally;
    for (let n = 1; n < 200; n++) applyToDraft(draft, [ballot(n)]);
    expect(draft.state).toBe(state);
    expect(draft.state.rounds[0]).toBe(round);
    expect(draft.state.rounds[0]!.tally).toBe(tally);
    expect(round.tally.held).toBe(200);
    // The other round and the participants are shared with the state before, not copied.
    expect(state.rounds[1]).toBe(before.rounds[1]);
    expect(state.participants).toBe(before.participants);
    // After the seal the next ballot copies again, leaving the sealed state as it was.
    const sealed = deepFreeze(sealDraft(draft));
    const next = draftOf(sealed);
    applyToDraft(next, [ballot(500)]);
    expect(next.state).not.toBe(sealed);
    expect(sealed.rounds[0]!.tally.held).toBe(200);
    expect(next.state.rounds[0]!.tally.held).toBe(201);
  });
});
