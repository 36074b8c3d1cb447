import { describe, expect, it } from 'vitest';
import { textDocName } from '@vrijuit/protocol';
import { castVote, closeRound, createRound } from './decide.ts';
import { submitPainPoint } from './decide-pain-points.ts';
import { saveTextVersion } from './decide-text.ts';
import { evolveAll } from './evolve.ts';
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

  it('TX3 versions are numbered in the order saved, per plenary text or zone draft, and listed on the console', () => {
    let s = startRound(join(addRound(session(), 'rt', TEXT, { options: [] }), 1, 'z1'), 'rt');
    const snapshot = new Uint8Array([1, 2, 3]);
    const first = saveTextVersion(s, {
      roundId: 'rt',
      versionId: 'version-1',
      zoneId: null,
      label: 'Eerste',
      snapshot,
    });
    expect(first).toMatchObject({ ok: true, value: { versionId: 'version-1' } });
    s = evolveAll(s, first.ok ? first.events : [])!;
    const second = saveTextVersion(s, { roundId: 'rt', versionId: 'version-2', zoneId: 'z2', label: 'Zuid', snapshot });
    s = evolveAll(s, second.ok ? second.events : [])!;
    expect(facilitatorView(s, 0, NOW).rounds[0]?.versions).toEqual([
      { id: 'version-1', number: 1, label: 'Eerste', zoneId: null },
      { id: 'version-2', number: 2, label: 'Zuid', zoneId: 'z2' },
    ]);
    // The state keeps names, never the text's bytes.
    expect(JSON.stringify(s.rounds[0]?.versions)).not.toContain('snapshot');
  });

  it('TX3 refusals: a draft round, a vote round, a zone without drafts', () => {
    const snapshot = new Uint8Array([1]);
    const base = { versionId: 'version-1', label: 'V', snapshot };
    const draft = addRound(session(), 'rt', TEXT, { options: [] });
    expect(saveTextVersion(draft, { ...base, roundId: 'rt', zoneId: null })).toMatchObject({
      ok: false,
      error: { code: 'ROUND_STATE' },
    });
    const vote = startRound(addRound(session(), 'r1', { kind: 'single-choice' }), 'r1');
    expect(saveTextVersion(vote, { ...base, roundId: 'r1', zoneId: null })).toMatchObject({
      ok: false,
      error: { code: 'ROUND_KIND' },
    });
    const plain = startRound(
      addRound(session(), 'rt', { kind: 'position-text', zoneDrafts: false }, { options: [] }),
      'rt',
    );
    expect(saveTextVersion(plain, { ...base, roundId: 'rt', zoneId: 'z1' })).toMatchObject({
      ok: false,
      error: { code: 'ZONE_NOT_FOUND' },
    });
    expect(saveTextVersion(plain, { ...base, roundId: 'nope', zoneId: null })).toMatchObject({
      ok: false,
      error: { code: 'ROUND_NOT_FOUND' },
    });
  });
});
