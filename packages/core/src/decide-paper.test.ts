import { describe, expect, it } from 'vitest';
import { castPaperVote, submitPaperPainPoint } from './decide-paper.ts';
import { releaseDue } from './decide-pain-points.ts';
import { lockRound, revealRound } from './decide.ts';
import { tableGet } from './table.ts';
import { participantView, projectorView, facilitatorView } from './projection.ts';
import { wallOf } from './project-wall.ts';
import type { SessionState } from './state.ts';
import type { Ballot } from '@vrijuit/protocol';
import {
  A,
  B,
  PAIN,
  addRound,
  deepFreeze,
  endRound,
  painRound,
  regionSession,
  release,
  run,
  startRound,
  submit,
  vote,
  withDraftRound,
  withOpenRound,
  withPainRound,
  join,
  cast,
} from './test-fixtures.ts';
import { tableToRecord } from './table.ts';

const yes: Ballot = { kind: 'single-choice', optionId: 'o1' };

/** The facilitator types paper ballot number `n` (its key made by the caller, as the server does). */
function paper(s: SessionState, n: number, zoneId: string, ballot: Ballot = yes, municipalityId: string | null = null) {
  return run(s, castPaperVote(s, { roundId: 'r1', voterKey: `paper-key-${n}`, zoneId, municipalityId, ballot }));
}

function paperPoint(s: SessionState, pointId: string, themeId: string | null = null) {
  return run(s, submitPaperPainPoint(s, { roundId: PAIN, pointId, text: `Papier ${pointId}`, themeId }));
}

describe('PA1 paper ballots', () => {
  it('PA1 PA2 each paper ballot is one more respondent, counted per person and per zone with the phones', () => {
    // z1 holds participants 1, 4 and 5 (k = 3 on phones, AN23), then three paper ballots.
    let s = join(withOpenRound(), 5, 'z1');
    s = vote(vote(vote(s, 1, 'o1'), 4, 'o1'), 5, 'o1');
    s = deepFreeze(paper(s, 1, 'z1', { kind: 'single-choice', optionId: 'o2' }));
    s = paper(s, 2, 'z1', { kind: 'single-choice', optionId: 'o2' });
    // The same ballot twice is two people: paper keys are fresh, never a participant's.
    s = paper(s, 3, 'z1', { kind: 'single-choice', optionId: 'o2' });
    const live = facilitatorView(s, 0, 0).rounds[0]!;
    expect(live.results).toMatchObject({ respondents: 6, paper: 3, perPerson: { values: { o1: 3, o2: 3, o3: 0 } } });
    expect(live.respondents).toBe(6);
    s = endRound(s, 'r1');
    const kept = s.rounds[0]!.closedResults!;
    expect(kept).toMatchObject({ respondents: 6, paper: 3 });
    // The zone's figures count the paper ballots with the phones'; breakdowns carry no paper figure.
    expect(kept.breakdown?.zones[0]).toMatchObject({
      id: 'z1',
      suppressed: false,
      respondents: 6,
      result: { values: { o1: 3, o2: 3, o3: 0 } },
    });
    expect(JSON.stringify(kept.breakdown)).not.toContain('paper');
  });

  it('PA1 a paper ballot names a municipality of its zone, and counts in the per-municipality tally', () => {
    let s = regionSession();
    s = join(s, 1, 'z1', 'P1', 'z1m1');
    s = addRound(s, 'r1', { kind: 'single-choice' });
    s = startRound(s, 'r1');
    s = cast(s, 1, yes);
    s = paper(s, 1, 'z1', yes, 'z1m2');
    expect(tableGet(s.rounds[0]!.ballots, 'paper-key-1')).toEqual({
      zoneId: 'z1',
      municipalityId: 'z1m2',
      ballot: yes,
      paper: true,
    });
    const refuse = (zoneId: string, municipalityId: string | null) =>
      castPaperVote(s, { roundId: 'r1', voterKey: 'paper-key-x', zoneId, municipalityId, ballot: yes });
    expect(refuse('z9', null)).toMatchObject({ ok: false, error: { code: 'ZONE_NOT_FOUND' } });
    expect(refuse('z2', 'z1m1')).toMatchObject({ ok: false, error: { code: 'MUNICIPALITY_NOT_FOUND' } });
    expect(refuse('z1', 'z1m9')).toMatchObject({ ok: false, error: { code: 'MUNICIPALITY_NOT_FOUND' } });
  });

  it('PA1 a paper ballot is checked like a phone’s (VO3, TA1-TA8) and changes nothing when refused', () => {
    const s = deepFreeze(withOpenRound());
    const refuse = (ballot: Ballot) =>
      castPaperVote(s, { roundId: 'r1', voterKey: 'paper-key-x', zoneId: 'z1', municipalityId: null, ballot });
    expect(refuse({ kind: 'single-choice', optionId: 'o9' })).toMatchObject({ error: { code: 'OPTION_NOT_FOUND' } });
    expect(refuse({ kind: 'ranking', order: ['o1'] })).toMatchObject({ error: { code: 'BALLOT_KIND' } });
  });

  it('PA1 draft, closed and unknown rounds refuse paper; a round locked for phones takes it', () => {
    const draft = withDraftRound();
    const at = (s: SessionState, roundId = 'r1') =>
      castPaperVote(s, { roundId, voterKey: 'paper-key-x', zoneId: 'z1', municipalityId: null, ballot: yes });
    expect(at(draft)).toMatchObject({ ok: false, error: { code: 'ROUND_NOT_OPEN' } });
    expect(at(endRound(withOpenRound(), 'r1'))).toMatchObject({ ok: false, error: { code: 'ROUND_NOT_OPEN' } });
    expect(at(withOpenRound(), 'nope')).toMatchObject({ ok: false, error: { code: 'ROUND_NOT_FOUND' } });
    const open = withOpenRound();
    const locked = run(open, lockRound(open, { roundId: 'r1', locked: true }));
    expect(at(locked)).toMatchObject({ ok: true });
  });

  it('PA1 AN1 closing drops paper ballots with the others; only the counts remain', () => {
    let s = paper(vote(withOpenRound(), 1, 'o1'), 1, 'z2');
    s = endRound(s, 'r1');
    expect(tableToRecord(s.rounds[0]!.ballots)).toEqual({});
    expect(JSON.stringify(s)).not.toContain('paper-key');
  });

  it('PA5 AN4 AN23 the room gets the paper count once the round is closed; a zone of one phone voter and one paper ballot is suppressed', () => {
    let s = withOpenRound();
    s = run(s, revealRound(s, { roundId: 'r1', revealed: true }));
    s = paper(vote(s, 1, 'o1'), 1, 'z1');
    expect(participantView(s, 0).round?.results).toMatchObject({ respondents: 2, paper: null });
    expect(projectorView(s, 0).round?.results).toMatchObject({ respondents: 2, paper: null });
    expect(facilitatorView(s, 0, 0).rounds[0]?.results).toMatchObject({ paper: 1 });
    s = endRound(s, 'r1');
    expect(projectorView(s, 0).round?.results).toMatchObject({ respondents: 2, paper: 1 });
    // Two voters in z1 (one on paper) with k = 3: fewer than k respondents, and than k phone voters.
    expect(s.rounds[0]!.closedResults?.breakdown?.zones[0]).toEqual({ id: 'z1', suppressed: true });
  });
});

describe('AN23 paper ballots never lift a group over k', () => {
  it('AN23 a zone of 1 phone voter and 2 paper ballots is suppressed at k 3 (and the others as its complement)', () => {
    // z1: participant 1 on a phone, two forms typed in; z2: participants 2, 6, 7 on phones.
    let s = withOpenRound();
    for (const n of [6, 7]) s = join(s, n, 'z2');
    s = vote(vote(vote(vote(s, 1, 'o1'), 2, 'o2'), 6, 'o2'), 7, 'o2');
    s = paper(paper(s, 1, 'z1', { kind: 'single-choice', optionId: 'o2' }), 2, 'z1');
    s = endRound(s, 'r1');
    const kept = s.rounds[0]!.closedResults!;
    expect(kept).toMatchObject({ respondents: 6, paper: 2 });
    // z1 has 3 respondents but 1 phone voter: hidden. The hidden part would be that one phone voter plus
    // forms the facilitator knows, so z2 (3 on phones) is hidden too; z3 nobody, shown as 0.
    expect(kept.breakdown?.zones).toEqual([
      { id: 'z1', suppressed: true },
      { id: 'z2', suppressed: true },
      { id: 'z3', suppressed: false, respondents: 0, result: { values: { o1: 0, o2: 0, o3: 0 }, matrix: null } },
    ]);
  });

  it('AN23 a zone of paper ballots only is suppressed however many there are', () => {
    let s = withOpenRound();
    for (const n of [5, 6]) s = join(s, n, 'z2');
    s = vote(vote(vote(s, 2, 'o1'), 5, 'o1'), 6, 'o2');
    for (const n of [1, 2, 3, 4, 5]) s = paper(s, n, 'z3');
    s = endRound(s, 'r1');
    const zones = s.rounds[0]!.closedResults!.breakdown!.zones;
    // z3: five forms, no phone: hidden; z2 (3 phones) stays shown: the hidden part is 5 people, 0 on phones.
    expect(zones.map((z) => [z.id, z.suppressed])).toEqual([
      ['z1', false],
      ['z2', false],
      ['z3', true],
    ]);
    expect(zones[1]).toMatchObject({ respondents: 3 });
  });

  it('AN6 AN23 the per-municipality tally is withheld while a voting municipality has fewer than k phone voters, paper or not', () => {
    let s = regionSession();
    for (const n of [1, 2, 3]) s = join(s, n, 'z1', `P${n}`, 'z1m1');
    s = join(s, 4, 'z1', 'P4', 'z1m2');
    s = addRound(s, 'r1', { kind: 'single-choice' });
    s = startRound(s, 'r1');
    for (const n of [1, 2, 3, 4]) s = cast(s, n, yes);
    // Emmen (z1m2): 1 phone voter and 2 forms, 3 respondents: still withheld.
    s = paper(paper(s, 1, 'z1', yes, 'z1m2'), 2, 'z1', yes, 'z1m2');
    expect(facilitatorView(s, 0, 0).rounds[0]!.results?.perMunicipality).toEqual({ withheld: true });
    // Two more phones in Emmen: 3 phone voters there, and Assen has 3: shown, the forms counted in it.
    for (const n of [5, 6]) {
      s = join(s, n, 'z1', `P${n}`, 'z1m2');
      s = cast(s, n, yes);
    }
    expect(facilitatorView(s, 0, 0).rounds[0]!.results?.perMunicipality).toMatchObject({ withheld: false, voices: 2 });
  });
});

describe('PA3 paper pain points', () => {
  it('PA3 AN8 a paper entry waits in the inbox and goes out in the same batch as the phones’ entries', () => {
    let s = withPainRound({ releaseMinEntries: 3 });
    s = submit(s, 1, A);
    s = deepFreeze(paperPoint(s, B, 'o1'));
    expect(tableGet(painRound(s).points, B)).toMatchObject({ stage: 'inbox', themeId: 'o1' });
    expect(wallOf(painRound(s), true)?.points).toEqual([]);
    s = paperPoint(s, 'point-ppp');
    s = run(s, releaseDue(s));
    expect(wallOf(painRound(s), true)?.points.map((p) => p.id)).toEqual([A, B, 'point-ppp']);
    expect(wallOf(painRound(s), true)?.paper).toBe(2);
  });

  it('PA3 a paper entry counts against no participant’s limit', () => {
    let s = withPainRound({ perParticipant: 1 });
    for (const id of ['point-p01', 'point-p02', 'point-p03']) s = paperPoint(s, id);
    expect(painRound(s).submitted).toEqual({});
    s = submit(s, 1, A);
    expect(tableGet(painRound(s).points, A)).toBeDefined();
  });

  it('PA4 AN7 no entry is marked as paper: the round keeps counts only', () => {
    let s = paperPoint(submit(withPainRound(), 1, A), B);
    expect(painRound(s).paperWaiting).toBe(1);
    s = release(s);
    const round = painRound(s);
    expect(round).toMatchObject({ paperWaiting: 0, paperPoints: 1 });
    // The paper entry and the phone entry have the same shape, field for field.
    expect(Object.keys(tableGet(round.points, B)!).sort()).toEqual(Object.keys(tableGet(round.points, A)!).sort());
    expect({ ...tableGet(round.points, B), id: A, text: '' }).toEqual({ ...tableGet(round.points, A), text: '' });
  });

  it('PA3 PA5 a draft or closed round refuses paper entries, and the room sees the count only after closing', () => {
    const draft = withPainRound({ draft: true });
    const at = (s: SessionState, themeId: string | null = null) =>
      submitPaperPainPoint(s, { roundId: PAIN, pointId: 'point-ppp', text: 'x', themeId });
    expect(at(draft)).toMatchObject({ ok: false, error: { code: 'ROUND_NOT_OPEN' } });
    expect(at(withPainRound(), 'o9')).toMatchObject({ ok: false, error: { code: 'THEME_NOT_FOUND' } });
    expect(at(withOpenRound())).toMatchObject({ ok: false, error: { code: 'ROUND_NOT_FOUND' } });
    let s = release(paperPoint(withPainRound({ reveal: 'live' }), 'point-ppp'));
    expect(projectorView(s, 0).round?.wall?.paper).toBeNull();
    s = endRound(s, PAIN);
    expect(at(s)).toMatchObject({ ok: false, error: { code: 'ROUND_NOT_OPEN' } });
    expect(projectorView(s, 0).round?.wall?.paper).toBe(1);
    expect(participantView(s, 0).round?.wall?.paper).toBe(1);
  });

  it('PA4 closing releases waiting paper entries into the count', () => {
    let s = paperPoint(withPainRound({ releaseMinEntries: 5 }), 'point-ppp');
    s = endRound(s, PAIN);
    expect(painRound(s)).toMatchObject({ status: 'closed', paperWaiting: 0, paperPoints: 1 });
    expect(wallOf(painRound(s), false)?.paper).toBe(1);
  });
});
