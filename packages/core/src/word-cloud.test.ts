import { describe, expect, it } from 'vitest';
import { Ballot, RoundConfig, type CloudWord } from '@vrijuit/protocol';
import { castVote, closeRound, createRound, rerunRound } from './decide.ts';
import { castPaperVote } from './decide-paper.ts';
import { exportDocument } from './export/export-document.ts';
import { fixtureInput } from './export/export-fixture.ts';
import { facilitatorView, participantSelf, participantView, projectorView, resultsOf } from './projection.ts';
import { cloudOf, municipalityWords } from './project-word-cloud.ts';
import type { SessionState } from './state.ts';
import { tableGet, tableValues } from './table.ts';
import {
  addRound,
  cast,
  endRound,
  join,
  NOW,
  participantId,
  regionSession,
  run,
  session,
  startRound,
  voterKeyOf,
} from './test-fixtures.ts';

const CLOUD = 'round-cloud';
const w = (stem: string, form = stem): CloudWord => ({ stem, form });
/** A phone's ballot as the server hands it to core: the answers as typed and the words made of them (WC3). */
const said = (answers: string[], words: CloudWord[]): Ballot => ({ kind: 'word-cloud', answers, words });

/** Session (k = 3) with participants 1..n in zone z1 and an open word-cloud round (reveal live). */
function cloudSession(n: number, config: Partial<{ answers: number }> = {}, k = 3): SessionState {
  let s = session({ anonymityThreshold: k });
  for (let i = 1; i <= n; i++) s = join(s, i, 'z1');
  s = addRound(s, CLOUD, RoundConfig.parse({ kind: 'word-cloud', ...config }), { options: [], reveal: 'live' });
  return startRound(s, CLOUD);
}
const send = (s: SessionState, n: number, words: CloudWord[], answers = ['x']) =>
  cast(s, n, said(answers, words), CLOUD);
const round = (s: SessionState) => s.rounds.find((r) => r.id === CLOUD)!;
const wordsOf = (s: SessionState) => resultsOf(s, round(s))?.words;

describe('word cloud (WC)', () => {
  it('WC1: a word-cloud round asks for 1-3 answers (default 3) and has no options', () => {
    expect(RoundConfig.parse({ kind: 'word-cloud' })).toEqual({ kind: 'word-cloud', answers: 3 });
    expect(RoundConfig.safeParse({ kind: 'word-cloud', answers: 4 }).success).toBe(false);
    expect(RoundConfig.safeParse({ kind: 'word-cloud', answers: 0 }).success).toBe(false);
    const s = session();
    const withOptions = createRound(s, {
      roundId: CLOUD,
      question: 'Eén woord?',
      options: ['A'],
      config: { kind: 'word-cloud', answers: 3 },
      reveal: 'live',
      durationSeconds: null,
    });
    expect(withOptions.ok ? null : withOptions.error.code).toBe('BAD_REQUEST');
  });

  it('WC1: a re-run is a fresh, empty cloud with the same question', () => {
    let s = cloudSession(3);
    for (const n of [1, 2, 3]) s = send(s, n, [w('wonen')]);
    s = endRound(s, CLOUD);
    s = run(s, rerunRound(s, { roundId: CLOUD, newRoundId: 'round-cloud-2' }));
    s = startRound(s, 'round-cloud-2');
    const again = s.rounds.find((r) => r.id === 'round-cloud-2')!;
    expect(again.config.kind).toBe('word-cloud');
    expect(resultsOf(s, again)?.words).toEqual([]);
  });

  it('WC2: one to `answers` answers; none is EMPTY_BALLOT, more is CHOICE_COUNT, and nothing changes', () => {
    const s = cloudSession(3, { answers: 2 });
    const vote = (answers: string[]) =>
      castVote(s, {
        participantId: participantId(1),
        voterKey: voterKeyOf(1, CLOUD),
        roundId: CLOUD,
        ballot: said(answers, []),
      });
    const none = vote([]);
    const three = vote(['a', 'b', 'c']);
    expect(none.ok ? null : none.error.code).toBe('EMPTY_BALLOT');
    expect(three.ok ? null : three.error.code).toBe('CHOICE_COUNT');
    expect(vote(['a', 'b']).ok).toBe(true);
    // The protocol refuses more than three, and answers over 40 characters, at the door.
    expect(Ballot.safeParse({ kind: 'word-cloud', answers: ['a', 'b', 'c', 'd'], words: [] }).success).toBe(false);
    expect(Ballot.safeParse({ kind: 'word-cloud', answers: ['x'.repeat(41)], words: [] }).success).toBe(false);
    expect(Ballot.parse({ kind: 'word-cloud', answers: ['  fiets  '], words: [] })).toEqual(said(['fiets'], []));
  });

  it('WC2: sending again replaces the participant’s words (VO1)', () => {
    let s = cloudSession(3);
    for (const n of [1, 2, 3]) s = send(s, n, [w('fiets')]);
    expect(wordsOf(s)).toEqual([{ word: 'fiets', count: 3 }]);
    s = send(s, 3, [w('bus')]);
    expect(wordsOf(s)).toEqual([]);
    expect(resultsOf(s, round(s))?.respondents).toBe(3);
  });

  it('WC2: a word cloud takes no paper ballots (ROUND_KIND)', () => {
    const s = cloudSession(3);
    const paper = castPaperVote(s, {
      roundId: CLOUD,
      voterKey: 'paper-key',
      zoneId: 'z1',
      municipalityId: null,
      ballot: said(['fiets'], [w('fiets')]),
    });
    expect(paper.ok ? null : paper.error.code).toBe('ROUND_KIND');
  });

  it('WC4: what is kept is the words only, each stem once, never the answers as typed', () => {
    let s = cloudSession(3);
    s = send(s, 1, [w('fiet', 'fiets'), w('fiet', 'fietsen'), w('bus')], ['Fietsen met Jan', 'fiets, bus']);
    const kept = tableValues(round(s).ballots).map((c) => c.ballot);
    expect(kept).toEqual([said([], [w('fiet', 'fiets'), w('bus')])]);
    expect(JSON.stringify(s)).not.toContain('Jan');
    // The phone sees its own words back (ParticipantSelf), nobody else's.
    const self = participantSelf(s, tableGet(s.participants.byId, participantId(1))!, voterKeyOf(1, CLOUD));
    expect(self.ballot).toEqual(said([], [w('fiet', 'fiets'), w('bus')]));
  });

  it('WC6: a word shows once k different participants sent it; one participant counts once', () => {
    let s = cloudSession(5);
    s = send(s, 1, [w('fiet', 'fiets'), w('bus')]);
    s = send(s, 2, [w('fiet', 'fietsen')]);
    expect(wordsOf(s)).toEqual([]);
    // Participant 2 sending it again (replacing) does not make a third.
    s = send(s, 2, [w('fiet', 'fietsen'), w('trein')]);
    expect(wordsOf(s)).toEqual([]);
    s = send(s, 3, [w('fiet', 'fiets')]);
    expect(wordsOf(s)).toEqual([{ word: 'fiets', count: 3 }]);
  });

  it('WC6: k is the session’s threshold (k = 4 needs four)', () => {
    let s = cloudSession(4, {}, 4);
    for (const n of [1, 2, 3]) s = send(s, n, [w('groen')]);
    expect(wordsOf(s)).toEqual([]);
    s = send(s, 4, [w('groen')]);
    expect(wordsOf(s)).toEqual([{ word: 'groen', count: 4 }]);
  });

  it('WC6: the shown form is the one most typed (ties: code-point order); one stem is one word', () => {
    let s = cloudSession(5);
    s = send(s, 1, [w('woning', 'woningen')]);
    s = send(s, 2, [w('woning', 'woning')]);
    s = send(s, 3, [w('woning', 'woningen')]);
    s = send(s, 4, [w('woning', 'woning')]);
    expect(wordsOf(s)).toEqual([{ word: 'woning', count: 4 }]);
    s = send(s, 5, [w('woning', 'woningen')]);
    expect(wordsOf(s)).toEqual([{ word: 'woningen', count: 5 }]);
  });

  it('WC6: closing keeps the words of k or more and drops the ballots; under k never shows, not even then', () => {
    let s = cloudSession(5);
    for (const n of [1, 2, 3, 4]) s = send(s, n, [w('park')]);
    s = send(s, 5, [w('zwembad')]);
    s = run(s, closeRound(s, { roundId: CLOUD }));
    const closed = round(s);
    expect(tableValues(closed.ballots)).toEqual([]);
    expect(closed.closedResults?.words).toEqual([{ word: 'park', count: 4 }]);
    expect(closed.closedResults?.respondents).toBe(5);
    expect(closed.closedResults?.breakdown).toBeNull();
    expect(closed.closedResults?.perMunicipality).toBeNull();
    expect(JSON.stringify(s)).not.toContain('zwembad');
  });

  it('WC5: a word of a municipality’s name is never shown, also when the name came after the words', () => {
    let s = regionSession();
    for (let n = 1; n <= 3; n++) s = join(s, n, 'z1', `P${n}`, 'z1m1');
    expect([...municipalityWords(s)].sort()).toEqual(['assen', 'emmen']);
    s = addRound(s, CLOUD, { kind: 'word-cloud', answers: 3 }, { options: [], reveal: 'live' });
    s = startRound(s, CLOUD);
    for (const n of [1, 2, 3]) s = send(s, n, [w('emm', 'Emmen'.toLowerCase()), w('markt')]);
    expect(wordsOf(s)).toEqual([{ word: 'markt', count: 3 }]);
    expect(cloudOf(round(s), 3, new Set())).toHaveLength(2);
  });

  it('WC7: every view follows RO7 and none shows a word under k, the console included', () => {
    let s = cloudSession(3);
    s = send(s, 1, [w('fiets'), w('geheim')]);
    s = send(s, 2, [w('fiets')]);
    s = send(s, 3, [w('fiets')]);
    const views = [facilitatorView(s, 3, NOW), projectorView(s, NOW), participantView(s, NOW)];
    for (const view of views) {
      expect(JSON.stringify(view)).toContain('"words":[{"word":"fiets","count":3}]');
      expect(JSON.stringify(view)).not.toContain('geheim');
    }
  });

  it('WC8: the cloud is ordered by count, then word, whatever order the words came in', () => {
    const orders = [
      [1, 2, 3, 4, 5, 6],
      [6, 5, 4, 3, 2, 1],
      [3, 6, 1, 4, 2, 5],
    ];
    const clouds = orders.map((order) => {
      let s = cloudSession(6);
      for (const n of order) s = send(s, n, n <= 4 ? [w('zee'), w('bos')] : [w('zee'), w('appel')]);
      return wordsOf(s);
    });
    expect(clouds[0]).toEqual([
      { word: 'zee', count: 6 },
      { word: 'bos', count: 4 },
    ]);
    expect(clouds[1]).toEqual(clouds[0]);
    expect(clouds[2]).toEqual(clouds[0]);
  });

  it('WC9: the export has the words and their counts (k or more), open or closed', () => {
    let s = cloudSession(4);
    for (const n of [1, 2, 3]) s = send(s, n, [w('zee'), w('duin', n === 1 ? 'duinen' : 'duin')]);
    s = send(s, 4, [w('strand')]);
    const open = exportDocument(s, fixtureInput()).rounds.at(-1);
    expect(open).toMatchObject({ kind: 'word-cloud', status: 'open', respondents: 4 });
    s = endRound(s, CLOUD);
    const closed = exportDocument(s, fixtureInput()).rounds.at(-1);
    expect(closed).toEqual({
      number: 1,
      question: `Vraag ${CLOUD}`,
      status: 'closed',
      rerunOf: null,
      compareKey: null,
      kind: 'word-cloud',
      respondents: 4,
      words: [
        { word: 'duin', count: 3 },
        { word: 'zee', count: 3 },
      ],
    });
  });

  it('WC10: the phone is told k, the same k the projector has (the session’s threshold)', () => {
    for (const k of [3, 5]) {
      const s = cloudSession(0, {}, k);
      expect(participantView(s, NOW).session.anonymityThreshold).toBe(k);
      expect(projectorView(s, NOW).session.anonymityThreshold).toBe(k);
    }
  });
});
