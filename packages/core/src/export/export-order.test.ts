import { describe, expect, it } from 'vitest';
import { fixtureInput } from './export-fixture.ts';
import { exportDocument } from './export-document.ts';
import { endRound, support, withPoints, PAIN, textOf } from '../test-fixtures.ts';

/**
 * A2: the export's order of pain points with equal support says nothing about who typed first. Entries
 * come in a known order (participant 1, 2, 3, … in turn, as the seats in a room), with random-looking
 * ids like the server's; within equal support the export must follow the ids, not the submission order.
 */

/** Deterministic random-looking ids (a fixed LCG), so the test is the same on every run. */
function randomIds(n: number): string[] {
  let seed = 20261124;
  return Array.from({ length: n }, () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return `p${seed.toString(36).padStart(6, '0')}`;
  });
}

describe('the export of a pain-point round (A2)', () => {
  it('orders entries of equal support by their random ids, not by submission', () => {
    const submitted = randomIds(30);
    let s = withPoints(submitted, { people: 10, themes: [] });
    // Two groups of equal support: the first six submitted get one "me too" each, the rest none.
    submitted.slice(0, 6).forEach((id, i) => (s = support(s, ((i + 1) % 10) + 1, id)));
    s = endRound(s, PAIN);
    const doc = exportDocument(s, fixtureInput());
    const round = doc.rounds[0];
    if (round?.kind !== 'pain-points') throw new Error('no pain-point round');
    const order = round.themes.flatMap((t) => t.points.map((p) => p.text));
    expect(order).toHaveLength(30);

    const byId = (ids: string[]) => [...ids].sort().map(textOf);
    expect(order.slice(0, 6)).toEqual(byId(submitted.slice(0, 6)));
    expect(order.slice(6)).toEqual(byId(submitted.slice(6)));
    // The ids are random, so the id order is not the submission order (the test would prove nothing if it were).
    expect(order.slice(6)).not.toEqual(submitted.slice(6).map(textOf));

    // Nor does it correlate with it: Spearman's rank correlation of export place against submission place.
    const place = order.slice(6).map((text) => submitted.slice(6).map(textOf).indexOf(text));
    const n = place.length;
    const rho = 1 - (6 * place.reduce((sum, p, i) => sum + (p - i) ** 2, 0)) / (n * (n * n - 1));
    expect(Math.abs(rho)).toBeLessThan(0.5);
  });
});
