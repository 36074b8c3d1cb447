/**
 * Every round kind through real sockets: create, open, eight phones vote (one changes), exact live
 * results on the console, typed refusals that change nothing, close with a suppressed breakdown.
 * Then the per-municipality tally of a weighted session. Every figure below is computed by hand.
 */
import { describe, expect, it } from 'vitest';
import type { Ballot, KindResult, RoundConfig, RoundResults } from '@vrijuit/protocol';
import {
  dumpDb,
  expectConsoleResults,
  groupsUnderK,
  newCommandId,
  openRound,
  resultsOnConsole,
  seatsByZone,
  setUpWorkshop,
  single,
  voteFor,
  type TestServer,
  serverPerFile,
} from './helpers.ts';

let server: TestServer;
serverPerFile((started) => (server = started));

interface KindCase {
  config: RoundConfig;
  options: string[];
  /** The final ballots of P1..P8: P1-P3 in z1 Noord, P4-P6 in z2 Zuid, P7-P8 in z3 Oost. */
  ballots: Ballot[];
  /** What P8 casts first, before changing to its final ballot. */
  p8First: Ballot;
  perPerson: KindResult;
  /** The result of z2 (P4-P6), the one zone the breakdown shows. */
  zuid: KindResult;
  /** Ballots refused with their code and message; each is sent by P1 and must change nothing. */
  refusals: [string, Ballot, string][];
}

const sc = (optionId: string): Ballot => single(optionId);
const mc = (...optionIds: string[]): Ballot => ({ kind: 'multiple-choice', optionIds });
const dv = (dots: Record<string, number>): Ballot => ({ kind: 'dot-voting', dots });
const rk = (...order: string[]): Ballot => ({ kind: 'ranking', order });
const scale = (answers: Record<string, number>): Ballot => ({ kind: 'scale', answers });
const agree = (answers: Record<string, number>): Ballot => ({ kind: 'agreement', answers });
const notInRound = (id: string) => `option ${id} is not part of this round`;

const kinds: KindCase[] = [
  {
    // Votes: o1 P1 P2 P6 = 3, o2 P3 P7 P8 = 3, o3 P4 P5 = 2. Zuid: o1 1, o3 2.
    config: { kind: 'single-choice' },
    options: ['Ja', 'Nee', 'Later'],
    ballots: [sc('o1'), sc('o1'), sc('o2'), sc('o3'), sc('o3'), sc('o1'), sc('o2'), sc('o2')],
    p8First: sc('o1'),
    perPerson: { values: { o1: 3, o2: 3, o3: 2 }, matrix: null },
    zuid: { values: { o1: 1, o2: 0, o3: 2 }, matrix: null },
    refusals: [
      ['BALLOT_KIND', mc('o1'), 'a multiple-choice ballot for a single-choice round'],
      ['OPTION_NOT_FOUND', sc('o4'), notInRound('o4')],
    ],
  },
  {
    // o1 P1 P2 P5 P6 P7 = 5, o2 P1 P3 P6 P7 = 4, o3 P3 P4 P5 P8 = 4. Zuid: o1 P5 P6, o2 P6, o3 P4 P5.
    config: { kind: 'multiple-choice', min: 1, max: 2 },
    options: ['Koffie', 'Thee', 'Water'],
    ballots: [
      mc('o1', 'o2'),
      mc('o1'),
      mc('o2', 'o3'),
      mc('o3'),
      mc('o1', 'o3'),
      mc('o2', 'o1'),
      mc('o1', 'o2'),
      mc('o3'),
    ],
    p8First: mc('o1', 'o2'),
    perPerson: { values: { o1: 5, o2: 4, o3: 4 }, matrix: null },
    zuid: { values: { o1: 2, o2: 1, o3: 2 }, matrix: null },
    refusals: [
      ['CHOICE_COUNT', mc('o1', 'o2', 'o3'), 'choose between 1 and 2 options, not 3'],
      ['CHOICE_COUNT', mc(), 'choose between 1 and 2 options, not 0'],
      ['CHOICE_COUNT', mc('o1', 'o1'), 'an option is chosen twice'],
      ['OPTION_NOT_FOUND', mc('o1', 'o7'), notInRound('o7')],
      ['BALLOT_KIND', sc('o1'), 'a single-choice ballot for a multiple-choice round'],
    ],
  },
  {
    // Budget 5, at most 3 per option. o1 3+1+2+3 = 9, o2 2+2+3+1 = 8, o3 3+2+1+2 = 8.
    // Zuid: o1 2 (P5), o2 3 (P4), o3 2+1 = 3 (P5 P6).
    config: { kind: 'dot-voting', budget: 5, maxPerOption: 3 },
    options: ['Fietspad', 'Bankje', 'Boom'],
    ballots: [
      dv({ o1: 3, o2: 2 }),
      dv({ o1: 1 }),
      dv({ o3: 3, o2: 2 }),
      dv({ o2: 3 }),
      dv({ o1: 2, o3: 2 }),
      dv({ o3: 1 }),
      dv({ o1: 3, o3: 2 }),
      dv({ o2: 1 }),
    ],
    p8First: dv({ o1: 3 }),
    perPerson: { values: { o1: 9, o2: 8, o3: 8 }, matrix: null },
    zuid: { values: { o1: 2, o2: 3, o3: 3 }, matrix: null },
    refusals: [
      ['BUDGET_EXCEEDED', dv({ o1: 3, o2: 3 }), '6 dots spent of 5'],
      ['MAX_PER_OPTION_EXCEEDED', dv({ o1: 4 }), '4 dots on o1, at most 3'],
      ['EMPTY_BALLOT', dv({}), 'a dot-voting ballot places at least one dot'],
      ['OPTION_NOT_FOUND', dv({ o9: 1 }), notInRound('o9')],
      ['BALLOT_KIND', rk('o1', 'o2', 'o3'), 'a ranking ballot for a dot-voting round'],
    ],
  },
  {
    // Borda of 3: first 2, second 1, last 0.
    // o1 1st P1 P2 P7, 2nd P3 P5 P8, 3rd P4 P6 → [3,3,2], 9
    // o2 1st P3 P6 P8, 2nd P1 P4, 3rd P2 P5 P7 → [3,2,3], 8
    // o3 1st P4 P5, 2nd P2 P6 P7, 3rd P1 P3 P8 → [2,3,3], 7
    // Zuid: o1 [0,1,2] 1; o2 [1,1,1] 3; o3 [2,1,0] 5.
    config: { kind: 'ranking' },
    options: ['Eerst', 'Dan', 'Straks'],
    ballots: [
      rk('o1', 'o2', 'o3'),
      rk('o1', 'o3', 'o2'),
      rk('o2', 'o1', 'o3'),
      rk('o3', 'o2', 'o1'),
      rk('o3', 'o1', 'o2'),
      rk('o2', 'o3', 'o1'),
      rk('o1', 'o3', 'o2'),
      rk('o2', 'o1', 'o3'),
    ],
    p8First: rk('o3', 'o2', 'o1'),
    perPerson: {
      values: { o1: 9, o2: 8, o3: 7 },
      matrix: { o1: [3, 3, 2], o2: [3, 2, 3], o3: [2, 3, 3] },
    },
    zuid: {
      values: { o1: 1, o2: 3, o3: 5 },
      matrix: { o1: [0, 1, 2], o2: [1, 1, 1], o3: [2, 1, 0] },
    },
    refusals: [
      ['RANKING_INCOMPLETE', rk('o1', 'o2'), 'rank every option exactly once'],
      ['RANKING_INCOMPLETE', rk('o1', 'o1', 'o2'), 'rank every option exactly once'],
      ['OPTION_NOT_FOUND', rk('o1', 'o2', 'o4'), notInRound('o4')],
      ['BALLOT_KIND', scale({ o1: 1 }), 'a scale ballot for a ranking round'],
    ],
  },
  {
    // Levels 0-3; options may be skipped.
    // o1: 0 1 3 2 1 (P1 P2 P3 P5 P7) → 7/5 = 1.4, [1,2,1,1]
    // o2: 3 2 1 3 0 (P1 P4 P5 P7 P8) → 9/5 = 1.8, [1,1,1,2]
    // o3: 2 3 (P3 P6) → 2.5, [0,0,1,1]
    // Zuid: o1 2 (P5) [0,0,1,0]; o2 (2+1)/2 = 1.5 [0,1,1,0]; o3 3 (P6) [0,0,0,1].
    config: { kind: 'scale', labels: ['laag', 'midden', 'hoog', 'top'] },
    options: ['Sfeer', 'Tempo', 'Eten'],
    ballots: [
      scale({ o1: 0, o2: 3 }),
      scale({ o1: 1 }),
      scale({ o1: 3, o3: 2 }),
      scale({ o2: 2 }),
      scale({ o1: 2, o2: 1 }),
      scale({ o3: 3 }),
      scale({ o1: 1, o2: 3 }),
      scale({ o2: 0 }),
    ],
    p8First: scale({ o1: 3 }),
    perPerson: {
      values: { o1: 1.4, o2: 1.8, o3: 2.5 },
      matrix: { o1: [1, 2, 1, 1], o2: [1, 1, 1, 2], o3: [0, 0, 1, 1] },
    },
    zuid: {
      values: { o1: 2, o2: 1.5, o3: 3 },
      matrix: { o1: [0, 0, 1, 0], o2: [0, 1, 1, 0], o3: [0, 0, 0, 1] },
    },
    refusals: [
      ['ANSWER_OUT_OF_RANGE', scale({ o1: 4 }), 'level 4 for o1; levels are 0 to 3'],
      ['EMPTY_BALLOT', scale({}), 'answer at least one option'],
      ['OPTION_NOT_FOUND', scale({ o5: 1 }), notInRound('o5')],
      ['BALLOT_KIND', agree({ o1: 1 }), 'a agreement ballot for a scale round'],
    ],
  },
  {
    // Fist of five: levels 0-5.
    // o1: 0 1 0 2 5 1 0 (P1 P2 P3 P4 P5 P7 P8) → 9/7, [3,2,1,0,0,1]
    // o2: 5 4 2 3 1 0 (P1 P2 P4 P6 P7 P8) → 15/6 = 2.5, [1,1,1,1,1,1]
    // Zuid: o1 (2+5)/2 = 3.5 [0,0,1,0,0,1]; o2 (2+3)/2 = 2.5 [0,0,1,1,0,0].
    config: { kind: 'agreement', preset: 'fist-of-five' },
    options: ['We starten in mei', 'Het budget gaat naar de wijk'],
    ballots: [
      agree({ o1: 0, o2: 5 }),
      agree({ o1: 1, o2: 4 }),
      agree({ o1: 0 }),
      agree({ o1: 2, o2: 2 }),
      agree({ o1: 5 }),
      agree({ o2: 3 }),
      agree({ o1: 1, o2: 1 }),
      agree({ o1: 0, o2: 0 }),
    ],
    p8First: agree({ o1: 5, o2: 5 }),
    perPerson: {
      values: { o1: 9 / 7, o2: 2.5 },
      matrix: { o1: [3, 2, 1, 0, 0, 1], o2: [1, 1, 1, 1, 1, 1] },
    },
    zuid: {
      values: { o1: 3.5, o2: 2.5 },
      matrix: { o1: [0, 0, 1, 0, 0, 1], o2: [0, 0, 1, 1, 0, 0] },
    },
    refusals: [
      ['ANSWER_OUT_OF_RANGE', agree({ o1: 6 }), 'level 6 for o1; levels are 0 to 5'],
      ['EMPTY_BALLOT', agree({}), 'answer at least one option'],
      ['BALLOT_KIND', dv({ o1: 1 }), 'a dot-voting ballot for a agreement round'],
    ],
  },
];

describe('TA1-TA6 BR1 AN4 AN5 every round kind through real sockets', () => {
  it('the cases cover every kind', () => {
    expect(kinds.map((k) => k.config.kind)).toEqual([
      'single-choice',
      'multiple-choice',
      'dot-voting',
      'ranking',
      'scale',
      'agreement',
    ]);
  });

  for (const kind of kinds) {
    it(`${kind.config.kind}: results counted in batches of k, typed refusals that change nothing, a suppressed breakdown`, async () => {
      // k = 3: Noord P1-P3, Zuid P4-P6, Oost P7-P8.
      const { sessionId, facilitator, phones } = await setUpWorkshop(server.url, 8, kind.config.kind, {
        seats: seatsByZone(3, 3, 2),
      });
      const roundId = await openRound(facilitator, {
        question: `Wat vindt u (${kind.config.kind})?`,
        options: kind.options,
        config: kind.config,
      });
      const p8 = phones[7]!;
      const voted = { ok: true, value: { roundId } };
      expect(await p8.client.send('vote:cast', voteFor(roundId, kind.p8First))).toMatchObject(voted);
      for (const [i, phone] of phones.entries()) {
        expect(await phone.client.send('vote:cast', voteFor(roundId, kind.ballots[i]!)), phone.name).toMatchObject(
          voted,
        );
      }

      const live: RoundResults = {
        respondents: 8,
        paper: 0,
        perPerson: kind.perPerson,
        perMunicipality: null,
        breakdown: null,
      };
      // AN12, AN13: the console counts whole batches of k = 3 first ballots (P8, P1, P2 and P3, P4, P5);
      // P6 and P7, and P8's change, wait for more or for the close.
      await resultsOnConsole(facilitator, roundId, (r) => r.respondents === 6);

      // Refusals: the typed code, nothing stored, P1's ballot and the results as they were.
      const dbBefore = dumpDb(server.dbFile);
      const p1 = phones[0]!;
      for (const [code, ballot, message] of kind.refusals) {
        expect(await p1.client.send('vote:cast', voteFor(roundId, ballot)), code).toEqual({
          ok: false,
          error: { code, message },
        });
      }
      expect(dumpDb(server.dbFile)).toEqual(dbBefore);
      const resumed = async (phone: (typeof phones)[number]) =>
        (await phone.client.ok('participant:resume', { sessionId, token: phone.token })).self.ballot;
      expect(await resumed(p1)).toEqual(kind.ballots[0]);
      // A phone sees its own change at once, though the room does not yet (AN13).
      expect(await resumed(p8)).toEqual(kind.ballots[7]);
      expect(facilitator.latest('facilitator:view')?.rounds[0]?.respondents).toBe(6);

      // Close: Oost (2) is under k; the hidden part would be Oost alone, so Noord (3, the first of the
      // two smallest) is hidden too (AN5); Zuid is shown.
      await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
      const closed: RoundResults = {
        ...live,
        breakdown: {
          zones: [
            { id: 'z1', suppressed: true },
            { id: 'z2', suppressed: false, respondents: 3, result: kind.zuid },
            { id: 'z3', suppressed: true },
          ],
          municipalities: [],
        },
      };
      await expectConsoleResults(facilitator, roundId, closed);
      expect(groupsUnderK(closed, 3)).toEqual([]);
      expect(await p8.client.send('vote:cast', voteFor(roundId, kind.ballots[7]!))).toEqual({
        ok: false,
        error: { code: 'ROUND_NOT_OPEN', message: 'the round is not open' },
      });

      // The phones (manual reveal, never revealed) saw the round close, and no results at any time.
      for (const phone of phones) {
        await phone.client.waitFor('participant:view', (v) => v.round?.id === roundId && v.round.status === 'closed');
        expect(
          phone.client.received['participant:view'].filter((v) => v.round !== null && v.round.results !== null),
        ).toEqual([]);
        expect(phone.client.invalid).toEqual([]);
      }
      expect(facilitator.invalid).toEqual([]);
    });
  }
});

describe('AN4 AN5 zones of 3 and 2 at k = 3', () => {
  it('AN4 AN5 the 2-zone is suppressed and, complementarily, the only other non-empty zone; the empty zone shows 0', async () => {
    const { facilitator, phones } = await setUpWorkshop(server.url, 5, 'Drie en twee', { seats: seatsByZone(3, 2) });
    const roundId = await openRound(facilitator);
    for (const [i, o] of ['o1', 'o2', 'o2', 'o3', 'o1'].entries()) {
      await phones[i]!.client.ok('vote:cast', voteFor(roundId, single(o)));
    }
    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    // Total − Noord would be Zuid's two ballots if Noord were shown: so Noord is hidden too.
    await expectConsoleResults(facilitator, roundId, {
      respondents: 5,
      paper: 0,
      perPerson: { values: { o1: 2, o2: 2, o3: 1 }, matrix: null },
      perMunicipality: null,
      breakdown: {
        zones: [
          { id: 'z1', suppressed: true },
          { id: 'z2', suppressed: true },
          { id: 'z3', suppressed: false, respondents: 0, result: { values: { o1: 0, o2: 0, o3: 0 }, matrix: null } },
        ],
        municipalities: [],
      },
    });
  });
});

describe('TA7 AN6 per municipality, one voice each, weighted', () => {
  it('TA7 the weighted one-voice tally next to the per-person tally, withheld while a municipality is under k', async () => {
    // k = 3, weighted. Noord: Assen (weight 3) P1-P3, Emmen (1) P4-P6, P10 without a municipality;
    // Zuid: Hoorn (2) P7-P9; Oost (no municipalities): P11.
    const seat = (zoneId: string, municipalityId?: string) =>
      municipalityId ? { zoneId, municipalityId } : { zoneId };
    const { facilitator, phones } = await setUpWorkshop(server.url, 11, 'Regio', {
      zones: [
        {
          name: 'Noord',
          municipalities: [
            { name: 'Assen', weight: 3 },
            { name: 'Emmen', weight: 1 },
          ],
        },
        { name: 'Zuid', municipalities: [{ name: 'Hoorn', weight: 2 }] },
        'Oost',
      ],
      anonymityThreshold: 3,
      weighted: true,
      seats: [
        seat('z1', 'z1m1'),
        seat('z1', 'z1m1'),
        seat('z1', 'z1m1'),
        seat('z1', 'z1m2'),
        seat('z1', 'z1m2'),
        seat('z1', 'z1m2'),
        seat('z2', 'z2m1'),
        seat('z2', 'z2m1'),
        seat('z2', 'z2m1'),
        seat('z1'),
        seat('z3'),
      ],
    });
    const roundId = await openRound(facilitator);
    const choices = ['o1', 'o1', 'o2', 'o2', 'o2', 'o2', 'o1', 'o3', 'o3', 'o3', 'o3'];
    // Everyone but P6 and P11 first, three batches of three (AN13): Emmen then has two voters, under k = 3.
    for (const i of [0, 1, 2, 3, 4, 6, 7, 8, 9])
      await phones[i]!.client.ok('vote:cast', voteFor(roundId, single(choices[i]!)));
    await expectConsoleResults(facilitator, roundId, {
      respondents: 9,
      paper: 0,
      perPerson: { values: { o1: 3, o2: 3, o3: 3 }, matrix: null },
      perMunicipality: { withheld: true },
      breakdown: null,
    });

    // P6 and P11 wait (two are under k); the close counts them.
    await phones[5]!.client.ok('vote:cast', voteFor(roundId, single('o2')));
    await phones[10]!.client.ok('vote:cast', voteFor(roundId, single(choices[10]!)));
    await facilitator.ok('round:close', { commandId: newCommandId(), roundId });
    const closed = await resultsOnConsole(facilitator, roundId, (r) => r.status === 'closed');
    // Per person: o1 P1 P2 P7, o2 P3-P6, o3 P8-P11 → 3, 4, 4.
    // Voices: Assen o1 2/3, o2 1/3; Emmen o2 1; Hoorn o1 1/3, o3 2/3 (P10 and P11 have no municipality).
    // Weights 3, 1, 2 scaled to sum to 3 voices: 1.5, 0.5, 1.
    // o1 = 1.5·2/3 + 1·1/3 = 4/3; o2 = 1.5·1/3 + 0.5·1 = 1; o3 = 1·2/3 = 2/3.
    expect(closed?.respondents).toBe(11);
    expect(closed?.perPerson).toEqual({ values: { o1: 3, o2: 4, o3: 4 }, matrix: null });
    const expectVoices = (results: RoundResults | null | undefined) => {
      const m = results?.perMunicipality;
      if (!m || m.withheld) throw new Error(`expected a per-municipality tally, got ${JSON.stringify(m)}`);
      expect(m.voices).toBe(3);
      expect(m.result.matrix).toBeNull();
      expect(Object.keys(m.result.values)).toEqual(['o1', 'o2', 'o3']);
      expect(m.result.values.o1).toBeCloseTo(4 / 3, 12);
      expect(m.result.values.o2).toBeCloseTo(1, 12);
      expect(m.result.values.o3).toBeCloseTo(2 / 3, 12);
    };
    expectVoices(closed);
    // Zones: Oost (1) is under k, so Zuid (3), the smallest other, hides too; Noord (7) is shown.
    // Noord's groups: Assen 3, Emmen 3, without municipality 1 (P10) → hidden, and Assen (first of the
    // two smallest) with it. Hoorn is in a hidden zone: hidden.
    expect(closed?.breakdown).toEqual({
      zones: [
        { id: 'z1', suppressed: false, respondents: 7, result: { values: { o1: 2, o2: 4, o3: 1 }, matrix: null } },
        { id: 'z2', suppressed: true },
        { id: 'z3', suppressed: true },
      ],
      municipalities: [
        { id: 'z1m1', suppressed: true },
        { id: 'z1m2', suppressed: false, respondents: 3, result: { values: { o1: 0, o2: 3, o3: 0 }, matrix: null } },
        { id: 'z1:?', suppressed: true },
        { id: 'z2m1', suppressed: true },
      ],
    });
    expect(groupsUnderK(closed!, 3)).toEqual([]);
  });
});
