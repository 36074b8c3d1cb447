import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoundConfig, type Ballot, type CloudWord } from '@vrijuit/protocol';
import { castVote } from './decide.ts';
import { applyToDraft, draftOf, sealDraft } from './draft.ts';
import { evolveAll } from './evolve.ts';
import { cloudOf } from './project-word-cloud.ts';
import { cloudCountsOf } from './running-cloud.ts';
import type { SessionState } from './state.ts';
import { tableValues } from './table.ts';
import {
  accepted,
  addRound,
  deepFreeze,
  endRound,
  join,
  participantId,
  session,
  startRound,
  voterKeyOf,
} from './test-fixtures.ts';

const CLOUD = 'round-cloud';
const SEED = 20_261_207;

/**
 * The oracle: WC6 as core counted the cloud before it kept running counts, from every ballot at every
 * view. Each stem once per participant, k or more, the most typed form (ties: code-point order), by
 * count then word.
 */
function recount(ballots: readonly Ballot[], k: number): { word: string; count: number }[] {
  const stems = new Map<string, { count: number; forms: Map<string, number> }>();
  for (const ballot of ballots) {
    if (ballot.kind !== 'word-cloud') continue;
    for (const word of ballot.words) {
      let stem = stems.get(word.stem);
      if (!stem) stems.set(word.stem, (stem = { count: 0, forms: new Map() }));
      stem.count += 1;
      stem.forms.set(word.form, (stem.forms.get(word.form) ?? 0) + 1);
    }
  }
  const cloud: { word: string; count: number }[] = [];
  for (const { count, forms } of stems.values()) {
    if (count < Math.max(k, 3)) continue;
    let word = '';
    let most = 0;
    for (const [form, n] of forms) if (n > most || (n === most && form < word)) [word, most] = [form, n];
    cloud.push({ word, count });
  }
  return cloud.sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
}

const VOTERS = 7;
function start(): SessionState {
  let s = session({ anonymityThreshold: 3 });
  for (let i = 1; i <= VOTERS; i++) s = join(s, i, 'z1');
  s = addRound(s, CLOUD, RoundConfig.parse({ kind: 'word-cloud' }), { options: [], reveal: 'live' });
  return startRound(s, CLOUD);
}

/** Few stems (so they reach k often), two forms each, and stems that are names on Object.prototype. */
const word: fc.Arbitrary<CloudWord> = fc
  .record({
    stem: fc.constantFrom('fiets', 'bus', 'groen', 'constructor', 'tostring'),
    form: fc.constantFrom('', 'en'),
  })
  .map(({ stem, form }) => ({ stem, form: stem + form }));
const step = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constant('cast' as const),
      voter: fc.integer({ min: 1, max: VOTERS }),
      words: fc.uniqueArray(word, { selector: (w) => w.stem, maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'seal' as const }) },
);

describe('WC6 running counts of the word cloud', () => {
  it('WC6 over seeded ballots and replacements, the running cloud equals a recount of the ballots, evolved one event at a time, in a draft, and counted from scratch as a load does', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        let evolved = start();
        let draft = draftOf(evolved);
        for (const s of steps) {
          if (s.kind === 'seal') {
            draft = draftOf(deepFreeze(sealDraft(draft)));
            continue;
          }
          const ballot: Ballot = { kind: 'word-cloud', answers: ['x'], words: s.words };
          const { events } = accepted(
            castVote(evolved, {
              participantId: participantId(s.voter),
              voterKey: voterKeyOf(s.voter, CLOUD),
              roundId: CLOUD,
              ballot,
            }),
          );
          evolved = evolveAll(evolved, events)!;
          applyToDraft(draft, events);
          const round = evolved.rounds.find((r) => r.id === CLOUD)!;
          const drafted = draft.state.rounds.find((r) => r.id === CLOUD)!;
          const ballots = tableValues(round.ballots).map((c) => c.ballot);
          for (const k of [3, 4]) {
            const want = recount(ballots, k);
            expect(cloudOf(round, k, new Set())).toEqual(want);
            expect(cloudOf(drafted, k, new Set())).toEqual(want);
            expect(cloudOf({ cloud: cloudCountsOf(ballots) }, k, new Set())).toEqual(want);
          }
        }
        expect(sealDraft(draft)).toEqual(evolved);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('WC6 closing drops the running counts with the ballots; the cloud stays in the results', () => {
    let s = start();
    for (const n of [1, 2, 3]) {
      const ballot: Ballot = { kind: 'word-cloud', answers: ['x'], words: [{ stem: 'fiets', form: 'fiets' }] };
      s = evolveAll(
        s,
        accepted(
          castVote(s, { participantId: participantId(n), voterKey: voterKeyOf(n, CLOUD), roundId: CLOUD, ballot }),
        ).events,
      )!;
    }
    expect(
      cloudOf(
        s.rounds.find((r) => r.id === CLOUD)!,
        3,
        new Set(),
      ),
    ).toEqual([{ word: 'fiets', count: 3 }]);
    s = endRound(s, CLOUD);
    const closed = s.rounds.find((r) => r.id === CLOUD)!;
    expect(closed.cloud).toBeUndefined();
    expect(closed.closedResults?.words).toEqual([{ word: 'fiets', count: 3 }]);
  });
});
