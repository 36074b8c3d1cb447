import { describe, expect, it } from 'vitest';
import { textDocName } from '@vrijuit/protocol';
import { castVote, closeRound, createRound } from './decide.ts';
import { submitPainPoint } from './decide-pain-points.ts';
import { facilitatorView, participantView, resultsOf } from './projection.ts';
import { addRound, endRound, join, NOW, participantId, session, startRound, voterKeyOf } from './test-fixtures.ts';

const TEXT = { kind: 'position-text', zoneDrafts: true } as const;

describe('position texts', () => {
  it('TX1 a position-text round has no options; any option is BAD_REQUEST', () => {
    const s = session();
    const base = {
      roundId: 'rt',
      question: 'Standpunt',
      config: TEXT,
      reveal: 'manual',
      durationSeconds: null,
    } as const;
    expect(createRound(s, { ...base, options: ['A'] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(createRound(s, { ...base, options: [] })).toMatchObject({ ok: true });
  });

  it('TX1 it opens and closes like any round, with no results and no wall, kept as null', () => {
    let s = join(addRound(session(), 'rt', TEXT, { options: [] }), 2, 'z1');
    s = startRound(s, 'rt');
    const round = s.rounds[0]!;
    expect(resultsOf(s, round)).toBeNull();
    expect(participantView(s, NOW).round).toMatchObject({ status: 'open', results: null, wall: null });
    const closing = closeRound(s, { roundId: 'rt' });
    expect(closing).toMatchObject({ ok: true, events: [{ type: 'round:closed', roundId: 'rt', results: null }] });
    s = endRound(s, 'rt');
    expect(facilitatorView(s, 0, NOW).rounds[0]).toMatchObject({
      status: 'closed',
      results: null,
      wall: null,
      moderation: null,
      respondents: 0,
    });
  });

  it('TX1 a ballot for it is BALLOT_KIND, a pain point ROUND_KIND, and neither changes anything', () => {
    const s = startRound(join(addRound(session(), 'rt', TEXT, { options: [] }), 1, 'z2'), 'rt');
    const who = { participantId: participantId(1), voterKey: voterKeyOf(1, 'rt'), roundId: 'rt' };
    expect(castVote(s, { ...who, ballot: { kind: 'single-choice', optionId: 'o1' } })).toMatchObject({
      ok: false,
      error: { code: 'BALLOT_KIND' },
    });
    expect(submitPainPoint(s, { ...who, pointId: 'point-0001', text: 'x', themeId: null })).toMatchObject({
      ok: false,
      error: { code: 'ROUND_KIND' },
    });
  });

  it('TX1 documents are named per round: the plenary text and one draft per zone', () => {
    expect(textDocName('round-abc', null)).toBe('round-abc-plenary');
    expect(textDocName('round-abc', 'z2')).toBe('round-abc-z2');
  });
});
