import { FIXTURE_IDS, participantName } from '@vrijuit/core/export-fixture';
import { describe, expect, it } from 'vitest';
import { leaksIn } from './anonymity.ts';

// The check itself must be able to fail, or every format's anonymity test would pass vacuously.
describe('leaksIn', () => {
  it('finds each kind of secret', () => {
    expect(leaksIn(`door ${participantName(3)}.`)).toEqual(['naam-3-SECRET']);
    expect(leaksIn('"voterKey":"voter-key-r1-4-SECRET"')).toEqual(['voter-key-r1-4-SECRET']);
    for (const id of [FIXTURE_IDS.session, FIXTURE_IDS.joinCode, FIXTURE_IDS.rounds[2], FIXTURE_IDS.points[5]])
      expect(leaksIn(`x ${id} y`)).toContain(id);
    expect(leaksIn('om 2026-11-24T14:03:11Z')).toEqual(['2026-11-24T14:03']);
    expect(leaksIn('at=1800000000000;')).toEqual(['1800000000000']);
    expect(leaksIn('<dcterms:created>2026-11-24T00:00:01Z</dcterms:created>')).toEqual(['2026-11-24T00:00']);
  });

  it('passes what an export may hold', () => {
    expect(
      leaksIn('Sessie van 2026-11-24, 12 deelnemers, 1.800.000 euro, 0,1666666666666 of 12 stemmen, zone z1'),
    ).toEqual([]);
    // Midnight is the day itself: DOCX and PDF metadata carry the session's date so.
    expect(leaksIn('<dcterms:created>2026-11-24T00:00:00Z</dcterms:created> D:20261124000000Z')).toEqual([]);
  });
});
