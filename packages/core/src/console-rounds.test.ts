import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closeRound, openRound } from './decide.ts';
import { hidePainPoint } from './decide-pain-points.ts';
import { applyToDraft, draftOf, sealDraft } from './draft.ts';
import type { DomainEvent } from './events.ts';
import { evolveAll } from './evolve.ts';
import { facilitatorView } from './projection.ts';
import type { SessionState } from './state.ts';
import {
  addRound,
  NOW,
  PAIN,
  release,
  run,
  submit,
  support,
  voterKeyOf,
  vote,
  withPainRound,
} from './test-fixtures.ts';

/**
 * Issue 17, item 3: the console's view of a round is kept with the round object it was made from, and
 * made again only when that round, the session's zones or settings, or its count of waiting people changed.
 * Seeded (fast-check): after every step of a session's life, the view equals the view of a deep copy of
 * the state (new objects: nothing kept can answer), and a round nothing touched gives the same object.
 */

const SEED = 20_261_207;
const VOTE = 'round-vote';
const POINT_IDS = Array.from({ length: 12 }, (_, i) => `point-${String(i).padStart(3, '0')}`);

type Step =
  | { kind: 'submit'; n: number; point: number }
  | { kind: 'release' }
  | { kind: 'support'; n: number; point: number }
  | { kind: 'hide'; point: number }
  | { kind: 'waiting'; people: number }
  | { kind: 'settings' }
  | { kind: 'switch' }
  | { kind: 'vote'; n: number; option: number; draft: boolean };

/** Participant n (1-9) and one of the pain points, for a submit or a support. */
const onPoint = <K extends 'submit' | 'support'>(kind: K) =>
  fc.record({ kind: fc.constant(kind), n: fc.integer({ min: 1, max: 9 }), point: fc.nat(POINT_IDS.length - 1) });

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: onPoint('submit') },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('release' as const) }) },
  { weight: 2, arbitrary: onPoint('support') },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hide' as const), point: fc.nat(POINT_IDS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('waiting' as const), people: fc.constantFrom(0, 3, 6) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('settings' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('switch' as const) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('vote' as const),
      n: fc.integer({ min: 1, max: 9 }),
      option: fc.nat(1),
      draft: fc.boolean(),
    }),
  },
);

/** The state after `s`; unchanged when core refuses it (a pain point twice, a vote in a closed round…). */
function apply(state: SessionState, s: Step): SessionState {
  const tryRun = (make: () => SessionState) => {
    try {
      return make();
    } catch {
      return state;
    }
  };
  switch (s.kind) {
    case 'submit':
      return tryRun(() => submit(state, s.n, POINT_IDS[s.point]!));
    case 'release':
      return tryRun(() => release(state));
    case 'support':
      return tryRun(() => support(state, s.n, POINT_IDS[s.point]!));
    case 'hide':
      return tryRun(() =>
        run(state, hidePainPoint(state, { roundId: PAIN, pointId: POINT_IDS[s.point]!, reason: null })),
      );
    case 'settings': {
      const event: DomainEvent = {
        type: 'session:updated',
        title: state.title,
        // The same zones (identity too): only the settings change.
        zones: state.zones as (typeof state.zones)[number][],
        settings: { ...state.settings, anonymityThreshold: state.settings.anonymityThreshold === 3 ? 4 : 3 },
        description: state.description,
        date: state.date,
        language: state.language,
      };
      return evolveAll(state, [event]) ?? state;
    }
    case 'switch': {
      // The open round closes and the other one opens again.
      const open = state.rounds.find((r) => r.status === 'open');
      const next = open?.id === PAIN ? VOTE : PAIN;
      return tryRun(() => {
        const closed = open ? run(state, closeRound(state, { roundId: open.id })) : state;
        return run(closed, openRound(closed, { roundId: next, now: NOW }));
      });
    }
    case 'vote': {
      const optionId = `o${s.option + 1}`;
      if (!s.draft) return tryRun(() => vote(state, s.n, optionId, VOTE));
      // As the hub does with a turn's inputs (SE8): written into a draft, then sealed.
      const draft = draftOf(state);
      applyToDraft(draft, [
        {
          type: 'vote:cast',
          roundId: VOTE,
          voterKey: voterKeyOf(s.n, VOTE),
          zoneId: 'z1',
          municipalityId: null,
          ballot: { kind: 'single-choice', optionId },
        },
      ]);
      return sealDraft(draft);
    }
    case 'waiting':
      return state;
  }
}

describe('issue 17 item 3: the console keeps each round view while its round is the same', () => {
  it('SE6 SE8 every view equals one made afresh from a copy of the state; an untouched round gives the same object', () => {
    const start = addRound(withPainRound({ people: 9 }), VOTE, { kind: 'single-choice' }, { options: ['Ja', 'Nee'] });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        let state = start;
        let waiting = 0;
        let before = facilitatorView(state, 0, NOW, {}, { [PAIN]: waiting });
        for (const s of steps) {
          const previous = state;
          const waitingBefore = waiting;
          state = apply(state, s);
          if (s.kind === 'waiting') waiting = s.people;
          const view = facilitatorView(state, 0, NOW, {}, { [PAIN]: waiting });
          expect(JSON.stringify(view)).toBe(
            JSON.stringify(facilitatorView(structuredClone(state), 0, NOW, {}, { [PAIN]: waiting })),
          );
          for (const [i, round] of state.rounds.entries()) {
            const same =
              previous.rounds[i] === round &&
              previous.zones === state.zones &&
              previous.settings === state.settings &&
              (round.id !== PAIN || waitingBefore === waiting);
            if (same) expect(view.rounds[i], `${round.id} after ${s.kind}`).toBe(before.rounds[i]);
            else expect(view.rounds[i], `${round.id} after ${s.kind}`).not.toBe(before.rounds[i]);
          }
          before = view;
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('SE6 a vote makes its own round view again and no other; the waiting count only its round', () => {
    let state = addRound(withPainRound({ people: 9 }), VOTE, { kind: 'single-choice' }, { options: ['Ja', 'Nee'] });
    state = run(state, closeRound(state, { roundId: PAIN }));
    state = run(state, openRound(state, { roundId: VOTE, now: NOW }));
    const first = facilitatorView(state, 0, NOW);
    const voted = vote(state, 1, 'o1', VOTE);
    const second = facilitatorView(voted, 0, NOW);
    const pain = state.rounds.findIndex((r) => r.id === PAIN);
    const poll = state.rounds.findIndex((r) => r.id === VOTE);
    expect(second.rounds[pain]).toBe(first.rounds[pain]);
    expect(second.rounds[poll]).not.toBe(first.rounds[poll]);
    expect(second.rounds[poll]?.respondents).toBe(1);
    const waiting = facilitatorView(voted, 0, NOW, {}, { [PAIN]: 3 });
    expect(waiting.rounds[pain]).not.toBe(second.rounds[pain]);
    expect(waiting.rounds[poll]).toBe(second.rounds[poll]);
  });
});
