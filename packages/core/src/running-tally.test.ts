import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AGREEMENT_LEVELS, type Ballot, type RoundConfig } from '@vrijuit/protocol';
import { closeRound, createRound, createSession, openRound } from './decide.ts';
import type { DomainEvent } from './events.ts';
import { evolve } from './evolve.ts';
import { facilitatorView, projectorView } from './projection.ts';
import { presentResult, roundResults, tallyBallots, tallyOf, UNPLACED, validateBallot } from './results/index.ts';
import type { Round, SessionState } from './state.ts';
import { tableValues } from './table.ts';
import { NOW, OWNER_ACCOUNT_ID, run, vote, withOpenRound } from './test-fixtures.ts';

/**
 * SE7: the running tally an open round keeps (evolve, per ballot cast, changed or placed) equals a
 * recount of its ballots, and the projection's results read from it equal the results counted from the
 * ballots, for every kind of round. Seeded (fast-check): a failure prints its seed and path to replay.
 */

const SEED = 20_261_205;
const ROUND = 'r1';
const OPTIONS = ['A', 'B', 'C', 'D'];

/** Every kind, with the settings that make its ballots easy to get wrong. */
const KINDS: readonly RoundConfig[] = [
  { kind: 'single-choice' },
  { kind: 'multiple-choice', min: 1, max: 2 },
  { kind: 'dot-voting', budget: 5, maxPerOption: 3 },
  { kind: 'ranking' },
  { kind: 'scale', labels: ['nee', 'neutraal', 'ja'] },
  { kind: 'agreement', preset: 'fist-of-five' },
  { kind: 'agreement', preset: 'gradients' },
];

/**
 * Zones z1 (municipalities z1m1 weight 3, z1m2 weight 1), z2 (none), z3 (z3m1 weight 2); weighted, so
 * the per-municipality tally is a second, differently weighted sum; k = 3.
 */
function openSession(config: RoundConfig): SessionState {
  let s = run(
    null,
    createSession({
      sessionId: 'session-tally',
      joinCode: 'TALY23',
      title: 'Tellen',
      zones: [
        {
          name: 'Noord',
          municipalities: [
            { name: 'Assen', weight: 3 },
            { name: 'Emmen', weight: 1 },
          ],
        },
        'Zuid',
        { name: 'Oost', municipalities: [{ name: 'Delden', weight: 2 }] },
      ],
      anonymityThreshold: 3,
      weighted: true,
      releaseEverySeconds: 15,
      releaseMinEntries: 3,
      ownerAccountId: OWNER_ACCOUNT_ID,
    }),
  );
  s = run(
    s,
    createRound(s, {
      roundId: ROUND,
      question: 'Wat eerst?',
      options: OPTIONS,
      config,
      reveal: 'live',
      durationSeconds: null,
    }),
  );
  return run(s, openRound(s, { roundId: ROUND, now: NOW }));
}

/**
 * Groups a ballot can carry: zones with and without a municipality, a municipality outside its zone,
 * a zone the session no longer has, and a stored ballot not yet placed again (AN16).
 */
const GROUPS: readonly (readonly [string, string | null])[] = [
  ['z1', 'z1m1'],
  ['z1', 'z1m2'],
  ['z1', null],
  ['z1', 'z3m1'],
  ['z2', null],
  ['z3', 'z3m1'],
  ['z3', null],
  ['gone', null],
  [UNPLACED, null],
];

const ids = OPTIONS.map((_, i) => `o${i + 1}`);
const optionId = fc.constantFrom(...ids, 'o9');

/** Ballots of the round's kind, most valid, some not (TA9: held, never counted). */
function ballotOf(config: RoundConfig): fc.Arbitrary<Ballot> {
  switch (config.kind) {
    case 'single-choice':
      return optionId.map((id) => ({ kind: 'single-choice', optionId: id }));
    case 'multiple-choice':
      return fc.array(optionId, { maxLength: 3 }).map((optionIds) => ({ kind: 'multiple-choice', optionIds }));
    case 'dot-voting':
      return fc
        .dictionary(optionId, fc.integer({ min: 0, max: 4 }), { maxKeys: 4 })
        .map((dots) => ({ kind: 'dot-voting', dots }));
    case 'ranking':
      return fc
        .shuffledSubarray(ids, { minLength: ids.length - 1, maxLength: ids.length })
        .map((order) => ({ kind: 'ranking', order }));
    case 'scale':
    case 'agreement': {
      const width = config.kind === 'scale' ? config.labels.length : AGREEMENT_LEVELS[config.preset];
      const kind = config.kind;
      return fc
        .dictionary(optionId, fc.integer({ min: 0, max: width }), { maxKeys: 4 })
        .map((answers) => ({ kind, answers }) as Ballot);
    }
    default:
      throw new Error(`no ballots for ${config.kind}`);
  }
}

/** A vote (first or changed, on a phone or on paper, in any group) or a placement (AN16) of voter 0-11. */
const stepOf = (config: RoundConfig) =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        voter: fc.nat(11),
        ballot: ballotOf(config),
        group: fc.nat(GROUPS.length - 1),
        paper: fc.boolean(),
      }),
    },
    { weight: 1, arbitrary: fc.record({ voter: fc.nat(11), place: fc.nat(GROUPS.length - 2) }) },
  );

function eventOf(step: StepValue): DomainEvent {
  const voterKey = `voter-${step.voter}`;
  if ('place' in step) {
    const [zoneId, municipalityId] = GROUPS[step.place]!;
    return { type: 'ballot:placed', roundId: ROUND, voterKey, zoneId, municipalityId };
  }
  const [zoneId, municipalityId] = GROUPS[step.group]!;
  return {
    type: 'vote:cast',
    roundId: ROUND,
    voterKey,
    zoneId,
    municipalityId,
    ballot: step.ballot,
    ...(step.paper ? { paper: true as const } : {}),
  };
}

type StepValue = { voter: number; ballot: Ballot; group: number; paper: boolean } | { voter: number; place: number };

const roundOf = (s: SessionState): Round => s.rounds.find((r) => r.id === ROUND)!;

/** What a recount of the round's ballots gives, figure by figure. */
function recounted(s: SessionState, withBreakdown: boolean) {
  const round = roundOf(s);
  return roundResults({
    config: round.config,
    options: round.options,
    ballots: tableValues(round.ballots),
    zones: s.zones,
    settings: s.settings,
    withBreakdown,
  });
}

describe('SE7 running tallies', () => {
  for (const config of KINDS) {
    const name = config.kind === 'agreement' ? `agreement (${config.preset})` : config.kind;
    it(`SE7 TA9 ${name}: after every cast, change and placement the kept tally equals a recount, and so do the views' results and the kept results at close`, () => {
      fc.assert(
        fc.property(fc.array(stepOf(config), { minLength: 1, maxLength: 60 }), (steps) => {
          let s = openSession(config);
          for (const step of steps) {
            s = evolve(s, eventOf(step as StepValue));
            const round = roundOf(s);
            const ballots = tableValues(round.ballots);
            expect(round.tally).toEqual(tallyOf(round.config, round.options, ballots));
            // The per-person figures against the plain per-ballot sum, grouping left out altogether.
            const counted = ballots.filter((c) => validateBallot(round.config, round.options, c.ballot) === null);
            const live = facilitatorView(s, 0, NOW).rounds[0]!;
            expect(live.respondents).toBe(ballots.length);
            expect(live.results).toEqual(recounted(s, false));
            expect(live.results).toMatchObject({
              respondents: counted.length,
              paper: counted.filter((c) => c.paper).length,
              perPerson: presentResult(
                round.config,
                round.options,
                tallyBallots(
                  round.config,
                  round.options,
                  counted.map((c) => c.ballot),
                ),
              ),
            });
            // PA5: the room gets no paper count while the round is open.
            expect(projectorView(s, NOW).round?.results).toEqual({ ...recounted(s, false), paper: null });
          }
          const expected = recounted(s, true);
          const closed = run(s, closeRound(s, { roundId: ROUND }));
          expect(roundOf(closed).closedResults).toEqual(expected);
          expect(roundOf(closed).tally).toEqual({ held: 0, groups: {} });
        }),
        { seed: SEED, numRuns: 40 },
      );
    });
  }

  it('SE7 a changed ballot is counted once: the old one leaves the tally, in its own group', () => {
    let s = withOpenRound();
    s = vote(s, 1, 'o1');
    s = vote(s, 4, 'o1');
    s = vote(s, 1, 'o2');
    s = vote(s, 1, 'o3');
    const round = roundOf(s);
    expect(round.tally.held).toBe(2);
    const results = facilitatorView(s, 0, NOW).rounds[0]!.results;
    expect(results?.respondents).toBe(2);
    expect(results?.perPerson.values).toEqual({ o1: 1, o2: 0, o3: 1 });
    // Voters 1 and 4 are both in z1 (no municipality): one group of two, not three.
    expect(Object.values(round.tally.groups).map((g) => g.sums.n)).toEqual([2]);
  });

  it('SE7 AN16 a ballot placed in its zone moves there from the unplaced ones, counted once', () => {
    let s = openSession({ kind: 'single-choice' });
    const cast = (voterKey: string, zoneId: string): DomainEvent => ({
      type: 'vote:cast',
      roundId: ROUND,
      voterKey,
      zoneId,
      municipalityId: null,
      ballot: { kind: 'single-choice', optionId: 'o1' },
    });
    s = evolve(s, cast('v1', UNPLACED));
    s = evolve(s, cast('v2', 'z2'));
    s = evolve(s, { type: 'ballot:placed', roundId: ROUND, voterKey: 'v1', zoneId: 'z2', municipalityId: null });
    // A second placement changes nothing: the ballot is no longer unplaced.
    s = evolve(s, { type: 'ballot:placed', roundId: ROUND, voterKey: 'v1', zoneId: 'z1', municipalityId: null });
    const groups = Object.values(roundOf(s).tally.groups);
    expect(groups.map((g) => [g.zoneId, g.sums.n, g.phone])).toEqual([['z2', 2, 2]]);
    expect(facilitatorView(s, 0, NOW).rounds[0]!.results?.perPerson.values).toMatchObject({ o1: 2 });
  });
});
